"""What a screen shows and says, and whether any of it is still Dutch: for the tests of a
language switch (tests/ui/test_retranslate_*.py)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QWidget,
)

from regiedesk.domain.instruments import available_instruments, load_instrument
from regiedesk.domain.vocabulary import Activity, ContactMode, GoalStatus, MemberRole, Moment
from regiedesk.ui.charts import BarChart
from regiedesk.ui.main_window import MainWindow

from .conftest import by_name
from .keyboard import idle
from .test_flows import WAIT

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from translations_en import EN


def plain(text: str) -> str:
    return text.replace("&", "")


# Dutch -> English for every text that differs between the two languages: the interface
# strings, the vocabulary labels and the names of the life domains
DUTCH = {plain(nl): plain(en) for nl, en in EN.items() if plain(nl) != plain(en)}
DUTCH |= {
    m.label("nl"): m.label("en")
    for kind in (Activity, ContactMode, GoalStatus, MemberRole, Moment)
    for m in kind
    if m.label("nl") != m.label("en")
}
DUTCH |= {
    d.name("nl"): d.name("en")
    for code in available_instruments()
    for d in load_instrument(code).domains
    if d.name("nl") != d.name("en")
}


def pattern(template: str) -> re.Pattern[str]:
    """A translated template with its {0}, {1}, ... filled in."""
    parts = re.split(r"\{\d+\}", template)
    return re.compile(".*".join(map(re.escape, parts)), re.DOTALL)


TEMPLATES = [(pattern(nl), pattern(en)) for nl, en in DUTCH.items() if re.search(r"\{\d+\}", nl)]


def is_dutch(text: str) -> bool:
    text = plain(text)
    return text in DUTCH or any(
        nl.fullmatch(text) and not en.fullmatch(text) for nl, en in TEMPLATES
    )


def shown_texts(tab: QWidget) -> list[str]:
    """Every text the tab shows or speaks, in a stable order."""
    texts: list[str] = []
    for widget in [tab, *tab.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        texts += [widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, BarChart):
            texts += [widget.title, widget.accessibleDescription()]
        if isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(column)
                texts.append(header.text() if header is not None else "")
                for row in range(widget.rowCount()):
                    item = widget.item(row, column)
                    texts.append(item.text() if item is not None else "")
    return [t for t in texts if t]


def switch_language(qtbot, window: MainWindow, language: str) -> None:  # type: ignore[no-untyped-def]
    """The way a user does it: Instellingen, the language, OK."""
    window.act_settings.trigger()
    dialog = window.settings_dialog
    assert dialog is not None
    combo = by_name(dialog, "Taal" if language == "en" else "Language", QComboBox)
    combo.setCurrentIndex(combo.findData(language))
    dialog.accept()
    menu = "&File" if language == "en" else "&Bestand"
    qtbot.waitUntil(lambda: window.menu_file.title() == menu, timeout=WAIT)
    idle(qtbot, window)


def check_switch(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tab: QWidget, english: set[str], kept: Callable[[], object]
) -> list[str]:
    """English without a Dutch text left, then Dutch again exactly as before; ``kept``
    (what the user typed or chose) stays the same throughout. Returns the English texts."""
    dutch, before = shown_texts(tab), kept()
    assert any(map(is_dutch, dutch))  # the check below can fail
    switch_language(qtbot, window, "en")
    shown = shown_texts(tab)
    assert [t for t in shown if is_dutch(t)] == []
    assert {plain(t) for t in english} <= {plain(t) for t in shown}
    assert kept() == before
    switch_language(qtbot, window, "nl")
    assert shown_texts(tab) == dutch
    assert kept() == before
    return shown
