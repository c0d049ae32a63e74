"""Keyboard and screen-reader checks, screen by screen, in Dutch and in English.

The product rule: every action reachable from the keyboard, shortcuts shown in the menus,
a sane tab order, accessible names on the controls, and Alt+letter mnemonics that do not
clash. Each screen is its own test, so one bug does not hide another.
"""

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
    QMenu,
    QPlainTextEdit,
    QWidget,
)

from regiedesk import i18n
from regiedesk.services.families import FamilyService
from regiedesk.store import create_profile
from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.domains_tab import DomainsTab
from regiedesk.ui.workspace.hours_tab import HoursTab
from regiedesk.ui.workspace.network_tab import NetworkTab
from regiedesk.ui.workspace.notes_tab import NotesTab
from regiedesk.ui.workspace.plan_tab import PlanTab

from ..conftest import FAST_KDF
from .conftest import PASSPHRASE, TODAY
from .test_flows import WAIT, family_window, go_to_tab, services, unlock

__all__ = ["family_window"]  # the fixture, imported so pytest uses it here

TAB_TITLES = ("Overzicht", "Uren", "Leefgebieden", "Netwerk", "Plan", "Verslagen")
ENGLISH_TAB_TITLES = ("Overview", "Hours", "Life domains", "Network", "Plan", "Notes")
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
    if context.services is not None:
        context.services.store.close()
        context.services = None


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


# --- 1. accessible names, per screen ---------------------------------------------------


def test_start_page_controls_have_accessible_names(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.pages.currentWidget() is window.start_page
    assert unnamed(window.start_page) == []


def test_unlock_page_controls_have_accessible_names(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    window = profile_window(qtbot, context)
    assert window.pages.currentWidget() is window.unlock_page
    assert unnamed(window.unlock_page) == []


def test_caseload_controls_have_accessible_names(qtbot, unlocked_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert unnamed(unlocked_window.caseload) == []


@pytest.mark.parametrize("title", TAB_TITLES)
def test_workspace_tab_controls_have_accessible_names(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, title: str
) -> None:
    tab = show_tab(qtbot, family_window, title)
    idle(qtbot, family_window)
    assert unnamed(tab) == []


def test_hours_timer_button_name_follows_its_text(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """A paused visit shows 'Hervat'; a screen reader must not still say 'Pauze'."""
    tab = show_tab(qtbot, family_window, "Uren")
    assert isinstance(tab, HoursTab)
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.pause_button.isEnabled(), timeout=WAIT)
    qtbot.mouseClick(tab.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.pause_button.text() == "&Hervat", timeout=WAIT)
    assert spoken_name(tab.pause_button) == "Hervat"


def test_new_family_dialog_controls_have_accessible_names(  # type: ignore[no-untyped-def]
    qtbot, unlocked_window: MainWindow
) -> None:
    window = unlocked_window
    dialog = open_dialog(qtbot, window, "new_family_dialog", window.act_new_family)
    assert unnamed(dialog) == []


def test_settings_dialog_controls_have_accessible_names(qtbot, unlocked_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    dialog = open_dialog(qtbot, window, "settings_dialog", window.act_settings)
    assert unnamed(dialog) == []


def test_connect_dialog_controls_have_accessible_names(qtbot, unlocked_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    dialog = open_dialog(qtbot, window, "connect_dialog", window.act_connect)
    assert unnamed(dialog) == []


def test_rejected_dialog_controls_have_accessible_names(qtbot, unlocked_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    dialog = open_dialog(qtbot, window, "rejected_dialog", window.act_rejected)
    idle(qtbot, window)
    assert unnamed(dialog) == []


def open_merge_dialog(qtbot, window: MainWindow) -> QDialog:  # type: ignore[no-untyped-def]
    """A note changed in two places, as after a sync, and its merge dialog."""
    notes = services(window).notes
    family_id = window.workspace.family_id  # type: ignore[union-attr]
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


def test_merge_dialog_controls_have_accessible_names(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = open_merge_dialog(qtbot, family_window)
    assert unnamed(dialog) == []


# --- 2. tab order ------------------------------------------------------------------------


def test_start_page_tab_order(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = window.start_page
    assert_tab_order(qtbot, [page.first, page.second, page.create_button, page.practice_button])


def test_unlock_page_tab_order(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    window = profile_window(qtbot, context)
    page = window.unlock_page
    assert_tab_order(qtbot, [page.passphrase, page.button, page.practice_button])


def test_caseload_tab_order(qtbot, unlocked_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = unlocked_window.caseload
    assert_tab_order(qtbot, [page.search, page.status, page.new_button, page.table])


def test_hours_form_tab_order(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, family_window, "Uren")
    assert isinstance(tab, HoursTab)
    idle(qtbot, family_window)
    assert_tab_order(qtbot, [tab.date, tab.duration, tab.activity, tab.domain, tab.add_button])


def test_network_party_form_tab_order(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, family_window, "Netwerk")
    assert isinstance(tab, NetworkTab)
    idle(qtbot, family_window)
    assert_tab_order(
        qtbot,
        [tab.organisation, tab.person, tab.role, tab.phone, tab.email, tab.since, tab.add_button],
    )


def test_network_contact_form_tab_order(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, family_window, "Netwerk")
    assert isinstance(tab, NetworkTab)
    idle(qtbot, family_window)
    assert_tab_order(qtbot, [tab.contact_date, tab.contact_mode, tab.summary, tab.contact_button])


def test_plan_goal_form_tab_order(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, family_window, "Plan")
    assert isinstance(tab, PlanTab)
    idle(qtbot, family_window)
    assert_tab_order(
        qtbot,
        [tab.goal_text, tab.goal_domain, tab.goal_member, tab.goal_target, tab.add_goal_button],
    )


def test_plan_agreement_form_tab_order(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, family_window, "Plan")
    assert isinstance(tab, PlanTab)
    idle(qtbot, family_window)
    assert_tab_order(
        qtbot,
        [tab.agreement_text, tab.owner, tab.party, tab.due, tab.add_agreement_button],
    )


def domains_form(tab: DomainsTab) -> list[QWidget]:
    scores = [w for pair in tab.score_inputs.values() for w in pair]
    return [tab.instrument, tab.member, tab.moment, tab.date, *scores, tab.save_button]


def test_domains_form_tab_order(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, family_window, "Leefgebieden")
    assert isinstance(tab, DomainsTab)
    idle(qtbot, family_window)
    assert_tab_order(qtbot, domains_form(tab))


def test_domains_form_tab_order_after_another_instrument(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, family_window, "Leefgebieden")
    assert isinstance(tab, DomainsTab)
    idle(qtbot, family_window)
    tab.instrument.setCurrentIndex(tab.instrument.findData("zrm_huishoudens"))
    idle(qtbot, family_window)
    scores = [w for pair in tab.score_inputs.values() for w in pair]
    qtbot.waitUntil(lambda: all(w.isVisible() for w in scores), timeout=WAIT)  # shown queued
    assert_tab_order(qtbot, domains_form(tab))


def test_notes_editor_tab_order(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, family_window, "Verslagen")
    assert isinstance(tab, NotesTab)
    idle(qtbot, family_window)
    assert_tab_order(qtbot, [tab.title, tab.visit_date, tab.body, tab.save_button])
    assert "\t" not in tab.body.toPlainText()


def test_new_family_dialog_tab_order(qtbot, unlocked_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    dialog = open_dialog(qtbot, window, "new_family_dialog", window.act_new_family)
    ok = dialog_button(dialog, QDialogButtonBox.StandardButton.Ok)
    assert_tab_order(qtbot, [dialog.name, dialog.status, dialog.start, ok])  # type: ignore[attr-defined]


def test_settings_dialog_tab_order(qtbot, unlocked_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    dialog = open_dialog(qtbot, window, "settings_dialog", window.act_settings)
    ok = dialog_button(dialog, QDialogButtonBox.StandardButton.Ok)
    assert_tab_order(qtbot, [dialog.language, dialog.idle, dialog.instrument, ok])  # type: ignore[attr-defined]


def test_connect_dialog_tab_order(qtbot, unlocked_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    dialog = open_dialog(qtbot, window, "connect_dialog", window.act_connect)
    ok = dialog_button(dialog, QDialogButtonBox.StandardButton.Ok)
    d = dialog
    assert_tab_order(qtbot, [d.server, d.user, d.password, d.code, ok])  # type: ignore[attr-defined]


def test_dialogs_open_with_the_first_field_focused(qtbot, unlocked_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    dialog = open_dialog(qtbot, window, "new_family_dialog", window.act_new_family)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=WAIT)
    assert QApplication.focusWidget() is dialog.name  # type: ignore[attr-defined]


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
    assert hours.add_button.text() == "Add h&ours"


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
        window.context.services.store.close()  # type: ignore[union-attr]
        window.context.services = None
