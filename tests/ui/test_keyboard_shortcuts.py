"""Keyboard checks, continued: shortcuts shown in the menus and working, and mnemonics.

The helpers and the product rule are in tests/ui/keyboard.py and test_keyboard.py.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QWidget,
)

from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.hours_tab import HoursTab
from regiedesk.ui.workspace.network_tab import NetworkTab
from regiedesk.ui.workspace.notes_tab import NotesTab
from regiedesk.ui.workspace.plan_tab import PlanTab

from .closing import close_profile
from .conftest import PASSPHRASE
from .keyboard import (
    ENGLISH_TAB_TITLES,
    TAB_TITLES,
    build_all_tabs,
    duplicate_mnemonics,
    english,
    focus,
    form_texts,
    idle,
    mnemonic,
    open_dialog,
    open_merge_dialog,
    profile_window,
    reopen_family,
    show_tab,
    to_english,
    unlocked_window,
)
from .test_flows import WAIT, family_window

__all__ = [
    "english",
    "family_window",
    "unlocked_window",
]  # the fixtures, imported so pytest uses them here


# --- 3. shortcuts: shown in the menus, and working where a user presses them -------------


REQUIRED_SHORTCUTS = {
    "act_lock": "Ctrl+L",
    "act_search": "Ctrl+F",
    "act_new_hours": "Ctrl+U",
    "act_next_tab": "Ctrl+PgDown",
    "act_previous_tab": "Ctrl+PgUp",
}


def menu_actions(window: MainWindow) -> list:  # type: ignore[type-arg]
    return [a for menu in window.menuBar().findChildren(QMenu) for a in menu.actions()]


def test_required_shortcuts_are_shown_in_the_menus(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    shown = menu_actions(window)
    for attribute, keys in REQUIRED_SHORTCUTS.items():
        action = getattr(window, attribute)
        assert action in shown, attribute  # in a menu, where the shortcut is displayed
        assert action.shortcut().toString() == keys, attribute
        assert action.text().replace("&", ""), attribute


def test_ctrl_l_locks_from_a_field_in_the_workspace(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, family_window, "Verslagen")
    assert isinstance(tab, NotesTab)
    focus(qtbot, tab.body)
    qtbot.keyClick(tab.body, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: family_window.context.services is None, timeout=WAIT)
    assert family_window.pages.currentWidget() is family_window.unlock_page


def test_ctrl_f_searches_from_inside_the_workspace(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, family_window, "Netwerk")
    assert isinstance(tab, NetworkTab)
    focus(qtbot, tab.organisation)
    qtbot.keyClick(tab.organisation, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = family_window.caseload.search
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search, timeout=WAIT)
    assert family_window.pages.currentWidget() is family_window.caseload


def test_ctrl_u_from_another_tab_goes_to_the_duration(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, family_window, "Plan")
    assert isinstance(tab, PlanTab)
    focus(qtbot, tab.goals)
    qtbot.keyClick(tab.goals, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    workspace = family_window.workspace
    assert workspace is not None
    hours = workspace.tab(HoursTab)
    assert isinstance(hours, HoursTab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is hours.duration, timeout=WAIT)
    assert workspace.current_tab() is hours


def test_ctrl_u_from_a_text_field_goes_to_the_duration(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, family_window, "Netwerk")
    assert isinstance(tab, NetworkTab)
    focus(qtbot, tab.organisation)
    qtbot.keyClicks(tab.organisation, "Wijkteam")
    qtbot.keyClick(tab.organisation, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    hours = family_window.workspace.tab(HoursTab)  # type: ignore[union-attr]
    assert isinstance(hours, HoursTab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is hours.duration, timeout=WAIT)
    assert tab.organisation.text() == "Wijkteam"  # nothing typed was thrown away


def test_ctrl_u_from_the_caseload_with_a_family_selected(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 1, timeout=WAIT)
    table = window.caseload.table
    focus(qtbot, table)
    table.selectRow(0)
    assert window.act_new_hours.isEnabled()  # offered in the menu here
    qtbot.keyClick(table, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT)
    hours = window.workspace.tab(HoursTab)  # type: ignore[union-attr]
    assert isinstance(hours, HoursTab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is hours.duration, timeout=WAIT)


@pytest.mark.parametrize("where", ["table", "line edit", "note text"])
def test_ctrl_page_down_and_up_step_through_the_tabs(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, where: str
) -> None:
    window = family_window
    workspace = window.workspace
    assert workspace is not None
    if where == "table":
        tab = show_tab(qtbot, window, "Plan")
        assert isinstance(tab, PlanTab)
        widget: QWidget = tab.goals
    elif where == "line edit":
        tab = show_tab(qtbot, window, "Plan")
        assert isinstance(tab, PlanTab)
        widget = tab.goal_text
    else:
        tab = show_tab(qtbot, window, "Verslagen")
        assert isinstance(tab, NotesTab)
        widget = tab.body
    start = workspace.currentIndex()
    focus(qtbot, widget)
    qtbot.keyClick(widget, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert workspace.currentIndex() == (start + 1) % workspace.count()
    focused = QApplication.focusWidget() or window
    qtbot.keyClick(focused, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert workspace.currentIndex() == start


# --- 4. mnemonics: present, and unique among siblings -----------------------------------


def window_mnemonic_problems(window: MainWindow) -> list[str]:
    problems = []
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    titles = [m.title() for m in menus]  # type: ignore[union-attr]
    problems += [f"menu without mnemonic: {t!r}" for t in titles if not mnemonic(t)]
    problems += [f"menu bar: {d}" for d in duplicate_mnemonics(titles).values()]
    for menu in menus:
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]  # type: ignore[union-attr]
        problems += [f"menu item without mnemonic: {t!r}" for t in texts if not mnemonic(t)]
        problems += [f"menu {menu.title()!r}: {d}" for d in duplicate_mnemonics(texts).values()]  # type: ignore[union-attr]
    workspace = window.workspace
    if workspace is not None:
        tabs = [workspace.tabText(i) for i in range(workspace.count())]
        problems += [f"tab without mnemonic: {t!r}" for t in tabs if not mnemonic(t)]
        problems += [f"tab bar: {d}" for d in duplicate_mnemonics(tabs).values()]
    return problems


def test_menus_and_tabs_have_unique_mnemonics_in_dutch(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert family_window.menu_file.title() == "&Bestand"
    assert window_mnemonic_problems(family_window) == []


def test_menus_and_tabs_have_unique_mnemonics_in_english(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, english: None
) -> None:
    to_english(qtbot, family_window)
    workspace = family_window.workspace
    assert workspace is not None
    titles = tuple(workspace.tabText(i).replace("&", "") for i in range(workspace.count()))
    assert titles == ENGLISH_TAB_TITLES
    assert window_mnemonic_problems(family_window) == []


def tab_mnemonic_problems(qtbot, window: MainWindow, title: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, window, title)
    idle(qtbot, window)
    return duplicate_mnemonics(form_texts(tab))


@pytest.mark.parametrize(
    "title",
    TAB_TITLES,
)
def test_workspace_tab_mnemonics_are_unique_in_dutch(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, title: str
) -> None:
    assert tab_mnemonic_problems(qtbot, family_window, title) == {}


@pytest.mark.parametrize(
    "title",
    ENGLISH_TAB_TITLES,
)
def test_workspace_tab_mnemonics_are_unique_in_english(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, english: None, title: str
) -> None:
    to_english(qtbot, family_window)
    reopen_family(qtbot, family_window)  # built anew, in English
    problems = tab_mnemonic_problems(qtbot, family_window, title)
    assert problems == {}


def test_open_tabs_speak_english_after_the_switch(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, english: None
) -> None:
    """The forms a user already had open follow the language switch, not only the titles."""
    build_all_tabs(family_window)
    idle(qtbot, family_window)
    to_english(qtbot, family_window)
    hours = show_tab(qtbot, family_window, "Hours")
    assert isinstance(hours, HoursTab)
    assert hours.add_button.text() == "&Add hours"


DIALOGS = {
    "new_family_dialog": "act_new_family",
    "settings_dialog": "act_settings",
    "connect_dialog": "act_connect",
    "rejected_dialog": "act_rejected",
}


@pytest.mark.parametrize(
    ("attribute", "language"), [(a, language) for a in DIALOGS for language in ("nl", "en")]
)
def test_dialog_mnemonics_are_unique(  # type: ignore[no-untyped-def]
    qtbot, unlocked_window: MainWindow, english: None, attribute: str, language: str
) -> None:
    window = unlocked_window
    if language == "en":
        to_english(qtbot, window)
    dialog = open_dialog(qtbot, window, attribute, getattr(window, DIALOGS[attribute]))
    idle(qtbot, window)
    texts = form_texts(dialog)
    assert texts
    assert duplicate_mnemonics(texts) == {}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_merge_dialog_mnemonics_are_unique(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, english: None, language: str
) -> None:
    if language == "en":
        to_english(qtbot, family_window)
        reopen_family(qtbot, family_window)
    dialog = open_merge_dialog(qtbot, family_window)
    assert duplicate_mnemonics(form_texts(dialog)) == {}


@pytest.mark.parametrize(
    "language",
    ["nl", "en"],
)
def test_start_page_mnemonics_are_unique(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, english: None, language: str
) -> None:
    if language == "en":
        to_english(qtbot, window)
    assert duplicate_mnemonics(form_texts(window.start_page)) == {}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_unlock_and_caseload_mnemonics_are_unique(  # type: ignore[no-untyped-def]
    qtbot, context: AppContext, english: None, language: str
) -> None:
    window = profile_window(qtbot, context)
    if language == "en":
        to_english(qtbot, window)
    assert duplicate_mnemonics(form_texts(window.unlock_page)) == {}
    field = window.unlock_page.passphrase
    qtbot.keyClicks(field, PASSPHRASE)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.context.services is not None, timeout=WAIT)
    try:
        assert duplicate_mnemonics(form_texts(window.caseload)) == {}
    finally:
        close_profile(window.context)
