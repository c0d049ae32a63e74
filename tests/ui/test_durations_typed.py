"""Durations typed the ways a caseworker writes them: 1:30, 1,5 (hours) and 90 (minutes)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTableWidget

from regiedesk.ui.main_window import MainWindow

from .conftest import by_name
from .test_flows import WAIT, family_window, go_to_tab, rows, services

__all__ = ["family_window"]


def test_hours_typed_with_a_decimal_comma_or_a_colon(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow
) -> None:
    tab = go_to_tab(qtbot, family_window, "Uren")
    table = by_name(tab, "Urenregels van deze week", QTableWidget)
    duration = by_name(tab, "Duur", QLineEdit)
    for typed, count in (("1,5", 1), ("1:30", 2), ("0,25", 3)):
        qtbot.keyClicks(duration, typed)
        qtbot.keyClick(duration, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda c=count: table.rowCount() == c, timeout=WAIT)
        assert duration.text() == ""
    assert sorted(r[1] for r in rows(table)) == ["0:15", "1:30", "1:30"]
    family_id = family_window.workspace.family_id  # type: ignore[union-attr]
    minutes = sorted(e.minutes for e in services(family_window).hours.list_entries(family_id))
    assert minutes == [15, 90, 90]
