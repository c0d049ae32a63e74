"""The visit timer's "Stop en boek" asks for the activity (Huisbezoek unless another was
chosen) before it books; Annuleren books nothing and the visit runs on."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.hours_tab import HoursTab

from .conftest import Clock, button, by_name
from .keyboard import english, to_english
from .test_flows import WAIT, family_window, rows, services, start_visit

__all__ = ["english", "family_window"]


def stop_and_book(qtbot, window: MainWindow, clock: Clock, minutes: int) -> HoursTab:  # type: ignore[no-untyped-def]
    tab = start_visit(qtbot, window)
    clock.value += dt.timedelta(minutes=minutes)
    qtbot.mouseClick(button(tab, "Stop en boek"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.book_dialog is not None and tab.book_dialog.isVisible())
    return tab


def test_the_activity_is_asked_before_booking(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, clock: Clock
) -> None:
    tab = stop_and_book(qtbot, family_window, clock, 35)
    dialog = tab.book_dialog
    assert dialog is not None
    assert dialog.activity.currentText() == "Huisbezoek"
    assert "0:35" in dialog.what.text() and "24-11-2026" in dialog.what.text()
    dialog.activity.setCurrentIndex(dialog.activity.findData("telefonisch_contact"))
    qtbot.mouseClick(button(dialog, "Boeken"), Qt.MouseButton.LeftButton)
    table = by_name(tab, "Urenregels van deze week", QTableWidget)
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=WAIT)
    assert rows(table)[0][:3] == ["24-11-2026", "0:35", "Telefonisch contact"]
    qtbot.waitUntil(lambda: family_window.timer_label.text() == "", timeout=WAIT)
    assert tab.book_dialog is None


def test_cancel_books_nothing_and_the_visit_runs_on(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, clock: Clock
) -> None:
    tab = stop_and_book(qtbot, family_window, clock, 20)
    assert tab.book_dialog is not None
    qtbot.keyClick(tab.book_dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.book_dialog is None, timeout=WAIT)
    qtbot.waitUntil(lambda: family_window.context.worker.idle, timeout=WAIT)
    family_id = family_window.workspace.family_id  # type: ignore[union-attr]
    assert services(family_window).hours.list_entries(family_id) == []
    assert services(family_window).timer.current() is not None
    assert button(tab, "Stop en boek").isEnabled()


def test_the_question_in_english(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, clock: Clock, english: None
) -> None:
    to_english(qtbot, family_window)
    family_window.open_family(family_window.workspace.family_id)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: family_window.workspace is not None, timeout=WAIT)
    workspace = family_window.workspace
    assert workspace is not None
    tab = workspace.select(HoursTab)
    assert isinstance(tab, HoursTab)
    qtbot.waitUntil(lambda: tab.week is not None, timeout=WAIT)
    tab.start_timer()
    qtbot.waitUntil(lambda: tab.timer is not None, timeout=WAIT)
    clock.value += dt.timedelta(minutes=10)
    tab.book_timer()
    dialog = tab.book_dialog
    assert dialog is not None
    assert dialog.windowTitle() == "Book the visit"
    assert dialog.activity.currentText() == "Home visit"
    assert button(dialog, "Book") is not None
    dialog.reject()
