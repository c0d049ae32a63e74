"""Edge cases of locking: dialogs with client data, the idle lock, the visit timer, shortcuts.

The rule: a lock (Ctrl+L or after the idle time) clears every view and model of client
data, it does not only hide them; typed text is kept as a draft and comes back after the
lock; the visit timer survives and shows again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTextEdit,
    QWidget,
)

from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.hours_tab import HoursTab
from regiedesk.ui.workspace.merge_dialog import MergeDialog
from regiedesk.ui.workspace.notes_tab import NotesTab

from .conftest import Clock, button, by_name
from .test_flows import family_window, go_to_tab, unlock
from .test_rejected_ui import open_dialog, refused_window

__all__ = ["family_window", "refused_window"]  # the fixtures, imported so pytest uses them here

WAIT = 10_000
NOTE_BASE = "Moeder thuis.\nSchulden besproken."
NOTE_OURS = "Moeder thuis.\nSchulden besproken.\nSchool gebeld over Sanne."
NOTE_THEIRS = "Moeder en oma Jansen thuis.\nSchulden besproken."


# --- helpers ------------------------------------------------------------------------------


def on_db(window: MainWindow, fn: Callable[[Any], Any]) -> Any:
    """Run ``fn(services)`` on the database thread and wait for its answer."""
    box: list[Any] = []
    window.context.run(fn, box.append, box.append)
    deadline = dt.datetime.now() + dt.timedelta(seconds=10)
    while not box:
        assert dt.datetime.now() < deadline, "the database thread did not answer"
        QCoreApplication.processEvents()
    assert not isinstance(box[0], BaseException), box[0]
    return box[0]


def _model_texts(model: Any) -> list[str]:
    texts: list[str] = []
    if model is None:
        return texts
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole)
    from PySide6.QtCore import QModelIndex

    root = QModelIndex()
    try:
        columns = max(1, model.columnCount(root))
    except TypeError:  # a list model hides its columnCount: one column
        columns = 1
    for row in range(model.rowCount(root)):
        for column in range(columns):
            index = model.index(row, column, root)
            for role in roles:
                value = model.data(index, role)
                if value is not None:
                    texts.append(str(value))
    return texts


def widget_texts(widget: QWidget) -> list[str]:
    """Everything a widget holds as text, shown or not."""
    texts = [widget.windowTitle(), widget.toolTip(), widget.accessibleName()]
    if isinstance(widget, QLineEdit):
        texts.append(widget.text())
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        texts.append(widget.toPlainText())
    elif isinstance(widget, QLabel):
        texts.append(widget.text())
    elif isinstance(widget, QMessageBox):
        texts += [widget.text(), widget.informativeText(), widget.detailedText()]
    if isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QAbstractItemView):
        texts += _model_texts(widget.model())
    return texts


def holders_of(needles: list[str]) -> list[str]:
    """Every widget anywhere in the app (hidden ones too) that still holds one of them."""
    found = []
    for widget in QApplication.allWidgets():
        if not shiboken6.isValid(widget):
            continue
        for text in widget_texts(widget):
            hit = next((n for n in needles if n in text), None)
            if hit is not None:
                found.append(
                    f"{type(widget).__name__}({widget.accessibleName()!r}, "
                    f"visible={widget.isVisible()}) holds {hit!r}"
                )
                break
    return found


def settle(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Let the database thread finish and Qt free what was deleted later."""
    qtbot.waitUntil(lambda: window.context.worker.idle, timeout=WAIT)
    qtbot.wait(50)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def assert_nothing_shows(qtbot, window: MainWindow, needles: list[str]) -> None:  # type: ignore[no-untyped-def]
    settle(qtbot, window)
    assert window.context.services is None
    assert holders_of(needles) == []


def press_ctrl_l(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(widget, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def reopen_family(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() >= 1, timeout=WAIT)
    window.caseload.table.setFocus()
    window.caseload.table.selectRow(0)
    qtbot.keyClick(window.caseload.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT)


def notes_tab(qtbot, window: MainWindow, count: int) -> NotesTab:  # type: ignore[no-untyped-def]
    tab = go_to_tab(qtbot, window, "Verslagen")
    assert isinstance(tab, NotesTab)
    qtbot.waitUntil(lambda: tab.list.count() == count, timeout=WAIT)
    return tab


def pick_note(qtbot, tab: NotesTab, row: int = 0) -> None:  # type: ignore[no-untyped-def]
    tab.list.setCurrentRow(row)
    qtbot.waitUntil(lambda: tab.current is not None, timeout=WAIT)


def make_conflict(window: MainWindow) -> str:
    """A note changed in two places from the same version: two heads."""
    family_id = window.workspace.family_id  # type: ignore[union-attr]

    def work(s):  # type: ignore[no-untyped-def]
        note, first = s.notes.add_note(family_id, title="Bezoek Jansen", body=NOTE_BASE)
        s.notes.revise_note(note.id, body=NOTE_OURS, parent_id=first.id)
        s.notes.revise_note(note.id, body=NOTE_THEIRS, parent_id=first.id)
        return note.id

    return on_db(window, work)


def open_merge_dialog(qtbot, window: MainWindow) -> tuple[NotesTab, MergeDialog]:  # type: ignore[no-untyped-def]
    make_conflict(window)
    tab = notes_tab(qtbot, window, 1)
    pick_note(qtbot, tab)
    qtbot.waitUntil(lambda: tab.merge_button.isVisibleTo(tab), timeout=WAIT)
    qtbot.mouseClick(button(tab, "Versies samenvoegen..."), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: isinstance(getattr(tab, "merge_dialog", None), MergeDialog), timeout=WAIT
    )
    dialog = tab.merge_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    return tab, dialog


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


def open_new_family_dialog(qtbot, window: MainWindow) -> QDialog:  # type: ignore[no-untyped-def]
    window.show_caseload()
    window.act_new_family.trigger()
    dialog = window.new_family_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    return dialog


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
    tab = notes_tab(qtbot, window, 0)
    qtbot.waitUntil(lambda: tab.body.toPlainText() == "Mentor belde", timeout=WAIT)
    assert tab.title.text() == "Gesprek met school"


# --- the visit timer ----------------------------------------------------------------------


def test_a_running_visit_shows_again_after_a_lock_without_restarting(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, clock: Clock
) -> None:
    window = family_window
    tab = go_to_tab(qtbot, window, "Uren")
    qtbot.mouseClick(button(tab, "Start bezoek"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "loopt" in window.timer_label.text(), timeout=WAIT)
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
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.caseload, timeout=WAIT)
    # one state, not half of each: open profile, caseload page, actions and idle watch on
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
