"""Edge cases of locking: dialogs with client data, the idle lock, the visit timer, shortcuts.

The rule: a lock (Ctrl+L or after the idle time) clears every view and model of client
data, it does not only hide them; typed text is kept as a draft and comes back after the
lock; the visit timer survives and shows again.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QWidget,
)

from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.hours_tab import HoursTab
from regiedesk.ui.workspace.merge_dialog import MergeDialog

from .conftest import button, by_name
from .locking import (
    WAIT,
    assert_nothing_shows,
    holders_of,
    notes_tab,
    on_db,
    open_merge_dialog,
    open_new_family_dialog,
    pick_note,
    press_ctrl_l,
    reopen_family,
    settle,
)
from .test_flows import family_window, go_to_tab, unlock
from .test_rejected_ui import open_dialog, refused_window

__all__ = ["family_window", "refused_window"]  # the fixtures, imported so pytest uses them here


# --- dialogs holding client data ----------------------------------------------------------


def test_a_lock_destroys_an_open_merge_dialog_and_every_version_in_it(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow
) -> None:
    window = family_window
    tab, dialog = open_merge_dialog(qtbot, window)
    qtbot.keyClicks(dialog.result_text, " Getypt in de samenvoeging.")
    assert holders_of(["oma Jansen"])  # the helper sees the versions while unlocked
    window.lock()  # as the idle timer does (Ctrl+L: see the next test)
    assert window.context.services is None
    assert_nothing_shows(
        qtbot,
        window,
        ["oma Jansen", "School gebeld", "Getypt in de samenvoeging", "Bezoek Jansen", "Gezin Flow"],
    )
    assert not shiboken6.isValid(dialog) and not shiboken6.isValid(tab)
    assert window.pages.currentWidget() is window.unlock_page


@pytest.mark.parametrize("which", ["merge", "new family"])
def test_ctrl_l_locks_while_a_dialog_has_the_focus(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, which: str
) -> None:
    window = family_window
    if which == "merge":
        dialog: QDialog = open_merge_dialog(qtbot, window)[1]
        field: QWidget = dialog.result_text  # type: ignore[attr-defined]
    else:
        dialog = open_new_family_dialog(qtbot, window)
        field = by_name(dialog, "Naam van het gezin", QLineEdit)
    dialog.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
    press_ctrl_l(qtbot, field)  # the user is in the dialog and presses Ctrl+L
    qtbot.waitUntil(lambda: window.context.services is None, timeout=2_000)


def test_text_typed_in_the_merge_dialog_comes_back_after_a_lock(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow
) -> None:
    window = family_window
    _tab, dialog = open_merge_dialog(qtbot, window)
    dialog.result_text.moveCursor(dialog.result_text.textCursor().MoveOperation.End)
    qtbot.keyClick(dialog.result_text, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.result_text, "Oma belt vrijdag terug.")
    window.lock()  # the idle lock
    settle(qtbot, window)
    reopen_family(qtbot, window)
    tab = notes_tab(qtbot, window, 1)
    pick_note(qtbot, tab)
    qtbot.waitUntil(lambda: tab.merge_button.isVisibleTo(tab), timeout=WAIT)
    tab.merge_button.click()
    qtbot.waitUntil(
        lambda: isinstance(getattr(tab, "merge_dialog", None), MergeDialog), timeout=WAIT
    )
    again = tab.merge_dialog
    qtbot.waitUntil(again.isVisible, timeout=WAIT)
    shown = again.text() + tab.body.toPlainText()
    assert "Oma belt vrijdag terug." in shown


def test_a_lock_closes_the_new_family_dialog_and_its_typed_name(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow
) -> None:
    window = family_window
    window.show_caseload()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.new_family_dialog
    assert dialog.isVisible()
    qtbot.keyClicks(by_name(dialog, "Naam van het gezin", QLineEdit), "Gezin Geheimhouding")
    window.lock()  # as the idle timer does while the dialog is open
    assert not dialog.isVisible()
    assert_nothing_shows(qtbot, window, ["Gezin Geheimhouding", "Gezin Flow"])


def test_a_family_made_before_the_lock_leaves_no_name_in_a_hidden_dialog(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow
) -> None:
    window = family_window
    dialog = open_new_family_dialog(qtbot, window)
    qtbot.keyClicks(by_name(dialog, "Naam van het gezin", QLineEdit), "Gezin Verborgen")
    qtbot.mouseClick(button(dialog, "Gezin maken"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: window.context.worker.idle, timeout=WAIT)
    window.act_lock.trigger()  # Bestand > Vergrendelen
    assert_nothing_shows(qtbot, window, ["Gezin Verborgen", "Gezin Flow"])


def test_accepting_a_new_family_dialog_after_a_lock_does_no_harm(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow
) -> None:
    window = family_window
    dialog = open_new_family_dialog(qtbot, window)
    qtbot.keyClicks(by_name(dialog, "Naam van het gezin", QLineEdit), "Gezin Na Slot")
    window.lock()
    if shiboken6.isValid(dialog) and dialog.isVisible():
        dialog.accept()  # the dialog outlived the lock: the user clicks Gezin maken
    settle(qtbot, window)
    assert window.context.services is None and window.workspace is None
    assert window.pages.currentWidget() is window.unlock_page
    reopen_family(qtbot, window)
    names = [row.name for row in window.caseload.model.rows]
    assert names == ["Gezin Flow"]  # nothing was written while locked


def test_a_lock_destroys_the_set_aside_dialog_and_its_fields(  # type: ignore[no-untyped-def]
    qtbot, refused_window: MainWindow
) -> None:
    window = refused_window
    window.act_rejected.trigger()
    dialog, _table = open_dialog(qtbot, window)
    fields = by_name(dialog, "Gewijzigde velden", QTableWidget)
    assert isinstance(fields, QTableWidget)
    assert holders_of(["Gezin Blijft-Anders"])
    window.lock()  # as the idle timer does (Ctrl+L is blocked by the dialog, see above)
    assert not dialog.isVisible()
    assert_nothing_shows(qtbot, window, ["Gezin Blijft-Anders", "Gezin Blijft"])
    assert not shiboken6.isValid(dialog)


def test_a_lock_while_the_set_aside_question_is_asked_removes_nothing(  # type: ignore[no-untyped-def]
    qtbot, refused_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """confirm_dismiss asks with the blocking QMessageBox.question; the idle lock can fire
    while it waits. The answer Yes that comes after the lock must not remove anything."""
    window = refused_window
    window.act_rejected.trigger()
    dialog, table = open_dialog(qtbot, window)

    def lock_then_yes(*_args):  # type: ignore[no-untyped-def]
        window.lock()  # the idle timer fires in the question's own event loop
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", lock_then_yes)
    table.selectAll()
    qtbot.mouseClick(button(dialog, "Verwijderen"), Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.context.services is None
    assert holders_of(["Gezin Blijft-Anders"]) == []
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.sync.status.set_aside == 2, timeout=WAIT)


def test_a_lock_while_an_hours_entry_is_edited_clears_the_week(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow
) -> None:
    window = family_window
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    on_db(
        window,
        lambda s: s.hours.add_entry(
            family_id, date=dt.date(2026, 11, 23), minutes=47, activity="huisbezoek"
        ),
    )
    tab = go_to_tab(qtbot, window, "Uren")
    assert isinstance(tab, HoursTab)
    table = by_name(tab, "Urenregels van deze week", QTableWidget)
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=WAIT)  # type: ignore[attr-defined]
    table.selectRow(0)  # type: ignore[attr-defined]
    qtbot.mouseClick(button(tab, "Regel bewerken"), Qt.MouseButton.LeftButton)
    duration = by_name(tab, "Duur", QLineEdit)
    assert duration.text() == "0:47"  # type: ignore[attr-defined]
    qtbot.keyClicks(duration, "1:15")
    press_ctrl_l(qtbot, window)
    assert_nothing_shows(qtbot, window, ["23-11-2026", "Gezin Flow", "Moeder Flow", "0:47"])
    assert not shiboken6.isValid(tab)
    assert not any(
        isinstance(w, QTableWidget) and w.accessibleName() == "Urenregels van deze week"
        for w in QApplication.allWidgets()
    )
    # the unsaved edit was not written while locking
    reopen_family(qtbot, window)
    entries = on_db(window, lambda s: s.hours.list_entries(family_id))
    assert [e.minutes for e in entries] == [47]


# --- the store goes after the work on it ----------------------------------------------------


@pytest.mark.parametrize("leave", ["lock", "close"])
def test_the_store_is_closed_on_the_database_thread_after_the_work_before_it(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, monkeypatch: pytest.MonkeyPatch, leave: str
) -> None:
    # a connection closed from the GUI thread while the database thread uses it crashes the
    # process or hangs that thread on the freed connection's mutex (seen in CI, through a
    # test that closed it so): a lock or quit queues the close behind the work on that thread
    window = family_window
    store = window.context.services.store  # type: ignore[union-attr]
    closed_on: list[str] = []
    close = type(store).close

    def recorded_close(self: object) -> None:
        if self is store:  # not the sync's own connection, which its thread closes
            closed_on.append(threading.current_thread().name)
        close(self)  # type: ignore[arg-type]

    monkeypatch.setattr(type(store), "close", recorded_close)
    working, go_on = threading.Event(), threading.Event()

    def work() -> int:
        working.set()
        assert go_on.wait(WAIT / 1000)
        return len(store.query("SELECT id FROM families"))

    answers: list[object] = []
    window.context.worker.submit(work, answers.append, answers.append)
    assert working.wait(WAIT / 1000)
    getattr(window, leave)()
    assert window.context.services is None  # the window let go at once
    assert closed_on == []  # but the store waits for the work queued before the lock
    go_on.set()
    qtbot.waitUntil(lambda: bool(closed_on) and window.context.worker.idle, timeout=WAIT)
    assert answers == [1]  # that work read its family
    assert len(closed_on) == 1 and closed_on[0].startswith("regiedesk-db")
    with pytest.raises(Exception, match="closed"):
        store.query("SELECT 1")
