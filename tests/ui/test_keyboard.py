"""Keyboard and screen-reader checks, screen by screen, in Dutch and in English.

The product rule: every action reachable from the keyboard, shortcuts shown in the menus,
a sane tab order, accessible names on the controls, and Alt+letter mnemonics that do not
clash. Each screen is its own test, so one bug does not hide another.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QWidget,
)

from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.domains_tab import DomainsTab
from regiedesk.ui.workspace.hours_tab import HoursTab
from regiedesk.ui.workspace.network_tab import NetworkTab
from regiedesk.ui.workspace.notes_tab import NotesTab
from regiedesk.ui.workspace.plan_tab import PlanTab

from .keyboard import (
    TAB_TITLES,
    assert_tab_order,
    dialog_button,
    english,
    idle,
    open_dialog,
    open_merge_dialog,
    profile_window,
    show_tab,
    spoken_name,
    unlocked_window,
    unnamed,
)
from .test_flows import WAIT, family_window, start_visit

__all__ = [
    "english",
    "family_window",
    "unlocked_window",
]  # the fixtures, imported so pytest uses them here


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
    tab = start_visit(qtbot, family_window)
    assert tab.pause_button.isEnabled()
    qtbot.mouseClick(tab.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.pause_button.text() == "H&ervat", timeout=WAIT)
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
    assert_tab_order(
        qtbot, [page.search, page.status, page.new_button, page.week_button, page.table]
    )


def test_my_week_tab_order(qtbot, unlocked_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    window.act_my_week.trigger()
    page = window.my_week
    assert page is not None
    qtbot.waitUntil(lambda: page.week is not None, timeout=WAIT)
    assert_tab_order(
        qtbot,
        [
            page.previous,
            page.this_week,
            page.next,
            page.hours,
            page.agreements,
            page.evaluations,
            page.quiet,
            page.back_button,
        ],
    )


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
    assert_tab_order(
        qtbot,
        [tab.contact_date, tab.contact_mode, tab.summary, tab.contact_minutes, tab.contact_button],
    )


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
