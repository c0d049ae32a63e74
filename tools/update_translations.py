"""Refresh the .ts from the UI sources, fill in the English, and compile the .qm.

.venv/bin/python tools/update_translations.py
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from translations_en import EN  # noqa: E402

BIN = Path(sys.executable).parent
OUT = ROOT / "src" / "regiedesk" / "resources" / "translations"


def main() -> int:
    sources = sorted(str(p) for p in (ROOT / "src" / "regiedesk" / "ui").rglob("*.py"))
    ts = OUT / "regiedesk_en.ts"
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-ts", str(ts), "-target-language", "en",
         "-no-obsolete", "-locations", "none"],
        check=True,
    )  # fmt: skip
    tree = ET.parse(ts)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if source in EN:
            translation.text = EN[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
    )
    for source in missing:
        print(f"no English for: {source!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
