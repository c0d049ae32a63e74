"""Render the user guide (docs/gebruikershandleiding.md) into the package, for F1.

.venv/bin/python tools/build_guide.py

Writes src/regiedesk/resources/guide/gebruikershandleiding.html and copies the
screenshots it shows beside it; tests/test_guide.py fails when they are stale.
"""

from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "docs" / "gebruikershandleiding.md"
OUT = ROOT / "src" / "regiedesk" / "resources" / "guide"
PAGE = "gebruikershandleiding.html"
IMAGE = re.compile(r"!\[[^\]]*\]\((screenshots/[^)\s]+)\)")

TEMPLATE = """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: sans-serif; max-width: 50em; margin: 1em auto; line-height: 1.4; }}
img {{ max-width: 100%; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #999; padding: 0.2em 0.5em; text-align: left; }}
code {{ font-family: monospace; }}
</style>
</head>
<body>
{body}
</body>
</html>
"""


def images(text: str) -> list[str]:
    return sorted(set(IMAGE.findall(text)))


def render(text: str) -> str:
    body = markdown.markdown(text, extensions=["tables"], output_format="html")
    first = text.splitlines()[0].lstrip("# ").strip() if text else "regiedesk"
    return TEMPLATE.format(title=html.escape(first), body=body)


def main() -> int:
    text = SOURCE.read_text(encoding="utf-8")
    shots = OUT / "screenshots"
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    for image in images(text):
        shutil.copyfile(SOURCE.parent / image, OUT / image)
    (OUT / PAGE).write_text(render(text), encoding="utf-8")
    print(f"{OUT / PAGE}: {len(images(text))} screenshots")
    return 0


if __name__ == "__main__":
    sys.exit(main())
