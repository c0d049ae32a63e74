"""Dates typed into a date field (issue 15, "Dates typed after Shift+Tab"): read as typed,
or refused with a message; nothing is saved on a date the user did not type."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.hours_tab import HoursTab

from .failing import read_error
from .keyboard import activate, idle, show_tab
from .test_flows import WAIT, family_window, services

__all__ = ["family_window"]  # the fixture, imported so pytest uses it here


def hours_tab(qtbot, window: MainWindow) -> HoursTab:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, window, "Uren")
    assert isinstance(tab, HoursTab)
    activate(qtbot, window)
    return tab


def back_into_the_date(qtbot, tab: HoursTab) -> None:  # type: ignore[no-untyped-def]
    """From the duration, Shift+Tab into the date field, as the caseworker did."""
    tab.duration.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.duration, timeout=WAIT)
    qtbot.keyClick(tab.duration, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.date, timeout=WAIT)


def entries(window: MainWindow) -> list[tuple[dt.date, int]]:
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    return [(e.date, e.minutes) for e in services(window).hours.list_entries(family_id)]


def test_a_date_typed_after_shift_tab_is_the_date_saved(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    tab = hours_tab(qtbot, window)
    back_into_the_date(qtbot, tab)
    qtbot.keyClicks(tab.date, "10-06-2026")  # over the whole date, not into its year
    assert tab.date.text() == "10-06-2026"
    qtbot.keyClick(tab.date, Qt.Key.Key_Tab)
    qtbot.keyClicks(tab.duration, "1:30")
    qtbot.keyClick(tab.duration, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: entries(window) == [(dt.date(2026, 6, 10), 90)], timeout=WAIT)


def test_a_date_typed_short_is_read_as_typed(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    tab = hours_tab(qtbot, window)
    tab.date.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.date, timeout=WAIT)
    qtbot.keyClicks(tab.date, "1-7-2026")  # short, as people type it
    tab.duration.setFocus()  # leaving the field with the mouse
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.duration, timeout=WAIT)
    assert tab.date.text() == "01-07-2026"
    qtbot.keyClicks(tab.duration, "0:45")
    qtbot.keyClick(tab.duration, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: entries(window) == [(dt.date(2026, 7, 1), 45)], timeout=WAIT)


def test_a_date_that_is_no_date_is_refused_not_replaced(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    tab = hours_tab(qtbot, window)
    shown_before = tab.date.text()
    tab.date.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.date, timeout=WAIT)
    qtbot.keyClicks(tab.date, "03-12-00001062027")  # what the caseworker saw
    qtbot.keyClick(tab.date, Qt.Key.Key_Tab)
    qtbot.keyClicks(tab.duration, "2:00")
    qtbot.keyClick(tab.duration, Qt.Key.Key_Return)
    message = read_error(qtbot, window)
    assert "03-12-00001062027" in message and "dd-mm-jjjj" in message
    idle(qtbot, window)
    assert entries(window) == []  # not saved on the date shown before
    assert tab.duration.text() == "2:00"  # what was typed stays
    assert tab.date.text() == shown_before
    tab.date.setFocus()  # the date typed again, now as a date
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.date, timeout=WAIT)
    qtbot.keyClicks(tab.date, "2-11")  # the day and month: the year shown
    qtbot.keyClick(tab.date, Qt.Key.Key_Tab)
    qtbot.keyClick(tab.duration, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: entries(window) == [(dt.date(2026, 11, 2), 120)], timeout=WAIT)
