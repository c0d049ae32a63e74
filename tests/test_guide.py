"""The user guide shipped in the package is the one in docs/, rendered, with its pictures."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import build_guide  # noqa: E402


def test_the_shipped_guide_is_the_rendered_docs_guide() -> None:
    text = build_guide.SOURCE.read_text(encoding="utf-8")
    shipped = (build_guide.OUT / build_guide.PAGE).read_text(encoding="utf-8")
    assert shipped == build_guide.render(text), "run tools/build_guide.py"
    assert "<h1>regiedesk: gebruikershandleiding</h1>" in shipped
    assert "<table>" in shipped  # the keyboard table renders as a table


def test_every_picture_of_the_guide_is_shipped_beside_it() -> None:
    text = build_guide.SOURCE.read_text(encoding="utf-8")
    wanted = build_guide.images(text)
    assert len(wanted) >= 10
    for image in wanted:
        shipped = build_guide.OUT / image
        assert shipped.read_bytes() == (build_guide.SOURCE.parent / image).read_bytes(), image
    extra = {f"screenshots/{p.name}" for p in (build_guide.OUT / "screenshots").iterdir()}
    assert extra == set(wanted)
