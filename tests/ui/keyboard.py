"""Helpers and fixtures of the keyboard and screen-reader tests (test_keyboard*.py)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from regiedesk import i18n
from regiedesk.services.families import FamilyService
from regiedesk.store import create_profile
from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.notes_tab import NotesTab

from ..conftest import FAST_KDF
from .closing import close_profile
from .conftest import PASSPHRASE, TODAY
from .test_flows import WAIT, go_to_tab, services, unlock

TAB_TITLES = ("Overzicht", "Uren", "Leefgebieden", "Netwerk", "Plan", "Verslagen", "Correcties")
ENGLISH_TAB_TITLES = (
    "Overview", "Hours", "Life domains", "Network", "Plan", "Notes", "Corrections",
)  # fmt: skip
INPUTS = (
    QLineEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,  # QSpinBox, QDateEdit
    QAbstractButton,
    QAbstractItemView,  # QTableView, QTableWidget, QListWidget
)


# --- helpers -------------------------------------------------------------------------


def describe(widget: QWidget | None) -> str:
    if widget is None:
        return "<none>"
    name = widget.accessibleName()
    if not name and isinstance(widget, QAbstractButton):
        name = widget.text().replace("&", "")
    if not name and isinstance(widget, QLineEdit):
        name = widget.placeholderText()
    return f"{type(widget).__name__}({name or widget.objectName() or '?'})"


def inside_composite(widget: QWidget, root: QWidget) -> bool:
    """The line edit in a spin box or combo box, the list of a combo's popup, ..."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, (QAbstractSpinBox, QComboBox)):
            return True
        parent = parent.parentWidget()
    return False


def focusable_controls(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, INPUTS)
        and w.isVisible()
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not inside_composite(w, root)
    ]


def spoken_name(widget: QWidget) -> str:
    """What a screen reader announces: the accessible name, a buddy label, a button's text."""
    if widget.accessibleName().strip():
        return widget.accessibleName()
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget and label.text().replace("&", "").strip():
            return label.text()
    if isinstance(widget, QAbstractButton):  # Qt reports a button's own text as its name
        return widget.text().replace("&", "").strip()
    return ""


def unnamed(root: QWidget) -> list[str]:
    controls = focusable_controls(root)
    assert controls, f"no visible controls found in {describe(root)}"
    return [describe(w) for w in controls if not spoken_name(w)]


def mnemonic(text: str) -> str | None:
    match = re.search(r"&([^&])", text.replace("&&", ""))
    return match.group(1).lower() if match else None


def duplicate_mnemonics(texts: list[str]) -> dict[str, list[str]]:
    keys = Counter(m for m in map(mnemonic, texts) if m)
    return {
        key: [t for t in texts if mnemonic(t) == key] for key, count in keys.items() if count > 1
    }


def form_texts(root: QWidget) -> list[str]:
    """The Alt+letter carriers in a tab or dialog: buddy labels and buttons that show."""
    texts = [
        label.text()
        for label in root.findChildren(QLabel)
        if label.isVisible() and label.buddy() is not None
    ]
    texts += [b.text() for b in root.findChildren(QAbstractButton) if b.isVisible() and b.text()]
    return texts


def activate(qtbot, window: QWidget) -> None:  # type: ignore[no-untyped-def]
    window.show()
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)


def focus(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    activate(qtbot, widget.window())
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=WAIT)


def tab_walk(qtbot, first: QWidget, last: QWidget, limit: int = 40) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """Tab from ``first`` until ``last`` has focus: every widget that got focus on the way."""
    focus(qtbot, first)
    visited = [first]
    for _ in range(limit):
        current = QApplication.focusWidget()
        assert current is not None
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is not visited[-1]:  # a date edit takes several Tabs: day, month, year
            visited.append(now)
        if now is last or len(visited) > limit:
            break
    return visited


def assert_tab_order(qtbot, expected: list[QWidget]) -> None:  # type: ignore[no-untyped-def]
    visited = tab_walk(qtbot, expected[0], expected[-1])
    assert [describe(w) for w in visited] == [describe(w) for w in expected]
    assert visited == expected


def open_dialog(qtbot, window: MainWindow, attribute: str, action) -> QDialog:  # type: ignore[no-untyped-def]
    action.trigger()  # the menu action; the dialog opens with open(), not a blocking exec()
    dialog = getattr(window, attribute)
    assert isinstance(dialog, QDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    activate(qtbot, dialog)
    return dialog


def dialog_button(dialog: QDialog, role: QDialogButtonBox.StandardButton) -> QAbstractButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    found = box.button(role)
    assert found is not None
    return found


def profile_window(qtbot, context: AppContext) -> MainWindow:  # type: ignore[no-untyped-def]
    """A window on the unlock page of an existing profile with one family."""
    store = create_profile(context.data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    FamilyService(store, today=lambda: TODAY).add_family(
        name="Gezin Toets", status="actief", start_date=dt.date(2026, 1, 5)
    )
    store.close()
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def unlocked_window(qtbot, context: AppContext) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = profile_window(qtbot, context)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 1, timeout=WAIT)
    yield window
    close_profile(context)


@pytest.fixture
def english() -> Iterator[None]:
    """Put the app back in Dutch afterwards, whatever a test switched to."""
    yield
    from regiedesk.ui.translations import install_language

    app = QApplication.instance()
    assert app is not None
    install_language(app, "nl")
    i18n.set_language(None)


def to_english(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.set_language("en")  # what the settings dialog's OK does
    qtbot.waitUntil(lambda: window.menu_file.title() == "&File", timeout=WAIT)


def reopen_family(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Open the family again: its tabs are then built in the current language."""
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    window.open_family(family_id)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT)


def show_tab(qtbot, window: MainWindow, title: str) -> QWidget:  # type: ignore[no-untyped-def]
    """go_to_tab, then wait until the tab (built on first show) is on screen and loaded."""
    tab = go_to_tab(qtbot, window, title)
    qtbot.waitUntil(tab.isVisible, timeout=WAIT)
    idle(qtbot, window)
    return tab


def build_all_tabs(window: MainWindow) -> None:
    workspace = window.workspace
    assert workspace is not None
    for index in range(workspace.count()):
        workspace.setCurrentIndex(index)


def idle(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.context.worker.idle, timeout=WAIT)


def open_merge_dialog(qtbot, window: MainWindow) -> QDialog:  # type: ignore[no-untyped-def]
    """A note changed in two places, as after a sync, and its merge dialog."""
    notes = services(window).notes
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    idle(qtbot, window)  # the store's one connection: not while the worker writes with it
    note, first = notes.add_note(family_id, title="Bezoek", body="Begin.", visit_date=TODAY)
    notes.revise_note(note.id, body="Begin. Hier.", parent_id=first.id)
    notes.revise_note(note.id, body="Begin. Daar.", parent_id=first.id)
    workspace = window.workspace
    assert workspace is not None
    tab = workspace.select(NotesTab)  # by kind: its title depends on the language
    assert isinstance(tab, NotesTab)
    qtbot.waitUntil(tab.isVisible, timeout=WAIT)
    qtbot.waitUntil(lambda: tab.list.count() == 1, timeout=WAIT)
    tab.list.setCurrentRow(0)
    qtbot.waitUntil(lambda: tab.merge_button.isVisible(), timeout=WAIT)
    qtbot.mouseClick(tab.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(tab, "merge_dialog", None) is not None, timeout=WAIT)
    dialog = tab.merge_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    activate(qtbot, dialog)
    return dialog
