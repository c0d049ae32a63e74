from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "src" / "regiedesk" / "resources" / "translations" / "regiedesk_en.ts"


def messages(path: Path) -> dict[str, ET.Element]:
    return {m.findtext("source") or "": m for m in ET.parse(path).iter("message")}


def test_every_string_has_a_finished_english_translation() -> None:
    shipped = messages(TS)
    assert len(shipped) > 150
    for source, message in shipped.items():
        translation = message.find("translation")
        assert translation is not None and translation.text, source
        assert translation.get("type") not in ("unfinished", "obsolete"), source


def test_the_ts_file_is_up_to_date_with_the_sources(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "src" / "regiedesk" / "ui").rglob("*.py"))
    subprocess.run(
        [str(Path(sys.executable).parent / "pyside6-lupdate"), *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert set(messages(fresh)) == set(messages(TS)), "run tools/update_translations.py"


def test_the_compiled_file_loads_and_translates(qapp) -> None:  # type: ignore[no-untyped-def]
    translator = QTranslator()
    assert translator.load(str(TS.with_suffix(".qm")))
    assert translator.translate("MainWindow", "&Bestand") == "&File"
