"""Locking keeps what was typed as a draft (idle lock too), keeps the visit timer running,
and stays harmless when repeated or pressed where there is nothing to lock."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow

from .conftest import Clock, by_name
from .locking import (
    WAIT,
    assert_nothing_shows,
    holders_of,
    notes_tab,
    on_db,
    open_new_family_dialog,
    pick_note,
    press_ctrl_l,
    reopen_family,
    settle,
)
from .test_flows import family_window, start_visit, unlock

__all__ = ["family_window"]  # the fixtures, imported so pytest uses them here


# --- drafts and the idle lock ---------------------------------------------------------------


def type_into_window(window: QWidget, text: str) -> None:
    """Keys as the window system delivers them: through the window, to the focus widget."""
    handle = window.windowHandle()
    assert handle is not None
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                handle, QKeyEvent(kind, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, char)
            )


def test_the_idle_lock_keeps_what_was_being_typed_in_the_same_note(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, clock: Clock
) -> None:
    window = family_window
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    on_db(
        window,
        lambda s: (
            s.notes.add_note(family_id, title="Eerste bezoek", body="Eerste tekst."),
            s.notes.add_note(family_id, title="Tweede bezoek", body="Tweede tekst."),
        ),
    )
    tab = notes_tab(qtbot, window, 2)
    titles = [tab.list.item(r).toolTip() for r in range(2)]
    row = titles.index("Tweede bezoek")
    pick_note(qtbot, tab, row)
    qtbot.waitUntil(lambda: tab.body.toPlainText() == "Tweede tekst.", timeout=WAIT)
    window.idle.set_minutes(0.005)  # 300 ms
    window.idle.timer.start()
    tab.body.setFocus()
    tab.body.moveCursor(tab.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(tab.body, " Halverwege")
    # the lock comes before the draft timer (400 ms) would have saved it
    qtbot.waitUntil(lambda: window.context.services is None, timeout=WAIT)
    assert_nothing_shows(qtbot, window, ["Halverwege", "Tweede tekst", "Gezin Flow"])
    window.idle.set_minutes(5)
    reopen_family(qtbot, window)
    tab = notes_tab(qtbot, window, 2)
    other = 1 - row
    pick_note(qtbot, tab, other)
    qtbot.waitUntil(lambda: tab.body.toPlainText() == "Eerste tekst.", timeout=WAIT)
    assert tab.draft_state.text() == ""  # the other note got no draft
    tab.list.setCurrentRow(row)
    qtbot.waitUntil(lambda: tab.body.toPlainText() == "Tweede tekst. Halverwege", timeout=WAIT)
    assert "teruggezet" in tab.draft_state.text()


def test_typing_through_the_window_keeps_the_idle_lock_away(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow
) -> None:
    window = family_window
    tab = notes_tab(qtbot, window, 0)
    window.activateWindow()
    tab.body.setFocus()
    qtbot.waitUntil(lambda: window.idle.watching, timeout=WAIT)
    window.idle.set_minutes(0.005)  # 300 ms
    window.idle.timer.start()
    for _ in range(8):  # 8 x 100 ms of typing: longer than the idle time
        type_into_window(window, "x")
        qtbot.wait(100)
        assert window.context.services is not None, "locked while the user was typing"
    qtbot.waitUntil(lambda: window.context.services is None, timeout=WAIT)  # then idle
    window.idle.set_minutes(5)


def test_typing_in_a_dialog_keeps_the_idle_lock_away(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow
) -> None:
    window = family_window
    qtbot.waitUntil(lambda: window.idle.watching, timeout=WAIT)
    dialog = open_new_family_dialog(qtbot, window)
    dialog.activateWindow()
    name = by_name(dialog, "Naam van het gezin", QLineEdit)
    name.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
    window.idle.set_minutes(0.005)  # 300 ms
    window.idle.timer.start()
    for _ in range(8):  # typing in the dialog is use of the app too
        type_into_window(dialog, "g")
        qtbot.wait(100)
        assert window.context.services is not None, "locked while the user typed in a dialog"
    assert name.text() == "g" * 8  # type: ignore[attr-defined]
    window.idle.set_minutes(5)


def test_a_new_note_title_and_text_come_back_after_a_lock(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow
) -> None:
    window = family_window
    tab = notes_tab(qtbot, window, 0)
    qtbot.keyClicks(by_name(tab, "Titel van het verslag", QLineEdit), "Gesprek met school")
    qtbot.keyClicks(by_name(tab, "Tekst van het verslag", QPlainTextEdit), "Mentor belde")
    press_ctrl_l(qtbot, window)
    settle(qtbot, window)
    reopen_family(qtbot, window)
    tab = notes_tab(qtbot, window, 1)  # not saved yet: in the list as its concept
    assert tab.list.item(0).text() == "concept · Gesprek met school"
    qtbot.waitUntil(lambda: tab.body.toPlainText() == "Mentor belde", timeout=WAIT)
    assert tab.title.text() == "Gesprek met school"


# --- the visit timer ----------------------------------------------------------------------


def test_a_running_visit_shows_again_after_a_lock_without_restarting(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, clock: Clock
) -> None:
    window = family_window
    start_visit(qtbot, window)
    clock.value += dt.timedelta(minutes=20)
    window.refresh_timer_label()
    assert window.timer_label.text().endswith("0:20")
    press_ctrl_l(qtbot, window)
    settle(qtbot, window)
    clock.value += dt.timedelta(minutes=10)  # the visit goes on while the laptop is locked
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: "loopt" in window.timer_label.text(), timeout=WAIT)
    assert window.timer_label.isVisible()
    assert window.timer_label.text().endswith("0:30")
    assert window.timer_tick.isActive()  # and it keeps counting
    # a second lock and unlock, quickly: still the same visit
    press_ctrl_l(qtbot, window)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: "loopt" in window.timer_label.text(), timeout=WAIT)
    assert window.timer_label.text().endswith("0:30")
    running = on_db(window, lambda s: s.timer.current())
    assert running is not None and running.state == "running"


# --- locking twice, on the start page, during an unlock; shortcuts after a lock -------------


def test_locking_twice_quickly_is_harmless(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    locked: list[bool] = []
    window.locked.connect(lambda: locked.append(True))
    press_ctrl_l(qtbot, window)
    press_ctrl_l(qtbot, window)
    window.lock()
    window.act_lock.trigger()
    assert_nothing_shows(qtbot, window, ["Gezin Flow", "Moeder Flow"])
    assert locked == [True]
    assert window.pages.currentWidget() is window.unlock_page
    reopen_family(qtbot, window)
    assert window.workspace is not None


def test_ctrl_l_on_the_start_page_does_nothing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.pages.currentWidget() is window.start_page
    locked: list[bool] = []
    window.locked.connect(lambda: locked.append(True))
    press_ctrl_l(qtbot, window)
    window.lock()
    qtbot.wait(50)
    assert locked == [] and window.pages.currentWidget() is window.start_page
    assert window.context.services is None


def test_ctrl_l_during_an_unlock_leaves_a_consistent_window(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, context: AppContext
) -> None:
    window = family_window
    press_ctrl_l(qtbot, window)
    settle(qtbot, window)
    field = by_name(window, "Wachtwoord", QLineEdit)
    from .conftest import PASSPHRASE

    qtbot.keyClicks(field, PASSPHRASE)
    qtbot.keyClick(field, Qt.Key.Key_Return)  # the unlock runs on the database thread ...
    press_ctrl_l(qtbot, window)  # ... and the user presses Ctrl+L meanwhile
    window.lock()  # or the idle timer fires
    settle(qtbot, window)
    # back in the family that was open when it locked (behind it, the caseload is loaded)
    qtbot.waitUntil(
        lambda: window.workspace is not None and window.pages.currentWidget() is window.workspace,
        timeout=WAIT,
    )
    # one state, not half of each: open profile, the family's page, actions and idle watch on
    assert context.services is not None
    assert window.act_lock.isEnabled() and window.idle.timer.isActive()
    assert window.caseload.model.rowCount() == 1
    press_ctrl_l(qtbot, window)
    assert_nothing_shows(qtbot, window, ["Gezin Flow"])


def test_shortcuts_that_need_a_profile_do_nothing_after_a_lock(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow
) -> None:
    window = family_window
    press_ctrl_l(qtbot, window)
    settle(qtbot, window)
    dialogs_before = {id(d) for d in window.findChildren(QDialog) if d.isVisible()}
    for key in (
        Qt.Key.Key_U,
        Qt.Key.Key_N,
        Qt.Key.Key_F,
        Qt.Key.Key_Home,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_PageUp,
    ):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    for action in (window.act_new_hours, window.act_new_family, window.act_search):
        assert not action.isEnabled()
        action.trigger()
    settle(qtbot, window)
    assert window.context.services is None and window.workspace is None
    assert window.pages.currentWidget() is window.unlock_page
    assert {id(d) for d in window.findChildren(QDialog) if d.isVisible()} == dialogs_before
    # the passphrase field still has the keyboard: typing goes to the unlock, not elsewhere
    field = by_name(window, "Wachtwoord", QLineEdit)
    assert QApplication.focusWidget() in (field, None)
    assert holders_of(["Gezin Flow", "Moeder Flow"]) == []
