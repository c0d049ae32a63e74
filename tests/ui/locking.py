"""Helpers of the lock tests: what a window still shows or holds, notes in conflict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.merge_dialog import MergeDialog
from regiedesk.ui.workspace.notes_tab import NotesTab

from .conftest import button
from .test_flows import go_to_tab, unlock

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


def open_new_family_dialog(qtbot, window: MainWindow) -> QDialog:  # type: ignore[no-untyped-def]
    window.show_caseload()
    window.act_new_family.trigger()
    dialog = window.new_family_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    return dialog
