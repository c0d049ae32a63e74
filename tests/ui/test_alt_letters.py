"""Alt+letters over every screen, in Dutch and in English (issue 15, "Alt-letters that jump
away instead of saving").

Qt gives an Alt+letter to the first of the widgets that show together in a window and
carry it: the menu bar's titles, the tabs, a label's buddy, a button. Two carriers of one
letter make Alt+letter a coin toss (Alt+O went to the Overzicht tab instead of saving the
note). So per screen, in the state a caseworker sees it, every letter is carried once;
Alt+A saves the visit note; Ctrl+S saves the form of every tab.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabBar,
    QWidget,
)

from regiedesk.domain.vocabulary import FamilyStatus
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace import FamilyWorkspace
from regiedesk.ui.workspace.base import FamilyTab
from regiedesk.ui.workspace.corrections_tab import CorrectionsTab
from regiedesk.ui.workspace.domains_tab import DomainsTab
from regiedesk.ui.workspace.family_forms import FamilyDialog, MemberDialog
from regiedesk.ui.workspace.hours_tab import HoursTab
from regiedesk.ui.workspace.network_tab import NetworkTab
from regiedesk.ui.workspace.notes_tab import NotesTab
from regiedesk.ui.workspace.overview_tab import OverviewTab
from regiedesk.ui.workspace.plan_tab import PlanTab

from .conftest import TODAY
from .keyboard import (
    activate,
    duplicate_mnemonics,
    english,
    idle,
    open_dialog,
    open_merge_dialog,
    profile_window,
    reopen_family,
    to_english,
    unlocked_window,
)
from .test_flows import WAIT, family_window, services

__all__ = ["english", "family_window", "unlocked_window"]  # fixtures, imported for pytest

LANGUAGES = ("nl", "en")


def carriers(top: QWidget) -> list[str]:
    """The texts of every Alt+letter carrier that shows in the window ``top`` now."""

    def here(widget: QWidget) -> bool:
        return widget.window() is top and widget.isVisible()

    texts: list[str] = []
    if isinstance(top, QMainWindow) and top.menuBar().isVisible():
        texts += [a.text() for a in top.menuBar().actions() if a.isVisible()]
    for bar in top.findChildren(QTabBar):
        if here(bar):
            texts += [bar.tabText(i) for i in range(bar.count()) if bar.isTabVisible(i)]
    texts += [label.text() for label in top.findChildren(QLabel) if here(label) and label.buddy()]
    texts += [b.text() for b in top.findChildren(QAbstractButton) if here(b) and b.text()]
    return texts


def clashes(top: QWidget) -> dict[str, list[str]]:
    texts = carriers(top)
    assert texts, f"nothing carries a letter in {top!r}"
    return duplicate_mnemonics(texts)


def in_language(qtbot, window: MainWindow, language: str) -> None:  # type: ignore[no-untyped-def]
    if language == "en":
        to_english(qtbot, window)
        if window.workspace is not None:
            reopen_family(qtbot, window)  # its tabs built anew, in English
    idle(qtbot, window)  # the tests then write through the store the database thread uses


def tab_of(qtbot, window: MainWindow, kind: type[FamilyTab]) -> FamilyTab:  # type: ignore[no-untyped-def]
    workspace = window.workspace
    assert isinstance(workspace, FamilyWorkspace)
    tab = workspace.select(kind)
    qtbot.waitUntil(tab.isVisible, timeout=WAIT)
    idle(qtbot, window)
    return tab


# --- the window's pages ---------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_start_page(qtbot, window: MainWindow, english: None, language: str) -> None:  # type: ignore[no-untyped-def]
    in_language(qtbot, window, language)
    assert window.pages.currentWidget() is window.start_page
    assert clashes(window) == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_unlock_page(qtbot, context, english: None, language: str) -> None:  # type: ignore[no-untyped-def]
    window = profile_window(qtbot, context)
    in_language(qtbot, window, language)
    assert window.pages.currentWidget() is window.unlock_page
    assert clashes(window) == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_caseload(qtbot, unlocked_window: MainWindow, english: None, language: str) -> None:  # type: ignore[no-untyped-def]
    in_language(qtbot, unlocked_window, language)
    assert unlocked_window.pages.currentWidget() is unlocked_window.caseload
    assert clashes(unlocked_window) == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_my_week(qtbot, unlocked_window: MainWindow, english: None, language: str) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    in_language(qtbot, window, language)
    window.act_my_week.trigger()
    qtbot.waitUntil(lambda: window.my_week is not None and window.my_week.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: window.my_week.week is not None, timeout=WAIT)  # type: ignore[union-attr]
    assert clashes(window) == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_team_workspace(qtbot, unlocked_window: MainWindow, english: None, language: str) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    in_language(qtbot, window, language)
    window.open_team(("http://127.0.0.1:9", "no-token"))  # offline: the fetch fails, quietly
    try:
        assert window.team is not None
        qtbot.waitUntil(window.team.isVisible, timeout=WAIT)
        for page in range(window.team.tabs.count()):
            window.team.tabs.setCurrentIndex(page)
            assert clashes(window) == {}, window.team.tabs.tabText(page)
    finally:
        window.close_team()


# --- the family's tabs, as they are first shown and with a record loaded to change ----


def _edit_hours(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = tab_of(qtbot, window, HoursTab)
    assert isinstance(tab, HoursTab)
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    services(window).hours.add_entry(family_id, date=TODAY, minutes=60, activity="huisbezoek")
    tab.refresh()
    qtbot.waitUntil(lambda: tab.entries.rowCount() == 1, timeout=WAIT)
    tab.entries.selectRow(0)
    tab.edit_entry()
    tab.start_timer()  # the timer's buttons all enabled, "Pauze" showing
    idle(qtbot, window)


def _edit_party_and_contact(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = tab_of(qtbot, window, NetworkTab)
    assert isinstance(tab, NetworkTab)
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    network = services(window).network
    party = network.add_party(
        family_id, organisation="GGZ", role="behandelaar", involved_from=TODAY
    )
    network.add_contact(family_id, party_id=party.id, date=TODAY, mode="telefoon")
    tab.refresh()
    qtbot.waitUntil(lambda: tab.contacts.rowCount() == 1, timeout=WAIT)
    tab.parties.selectRow(0)
    tab.edit_party()
    tab.contacts.selectRow(0)
    tab.edit_contact()


def _edit_goal_and_agreement(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = tab_of(qtbot, window, PlanTab)
    assert isinstance(tab, PlanTab)
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    plan = services(window).plan
    plan.add_goal(family_id, domain="financien", text="Rust in de schulden")
    plan.add_agreement(family_id, text="Bellen met de bank", owner="gezin", due_date=TODAY)
    tab.refresh()
    qtbot.waitUntil(lambda: tab.agreements.rowCount() == 1, timeout=WAIT)
    tab.goals.selectRow(0)
    tab.edit_goal()
    tab.agreements.selectRow(0)
    tab.edit_agreement()


def _edit_measurement(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = tab_of(qtbot, window, DomainsTab)
    assert isinstance(tab, DomainsTab)
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    member = services(window).families.list_members(family_id)[0]
    services(window).assessments.add_assessment(
        family_id,
        instrument="zrm2017",
        moment="intake",
        date=TODAY,
        scores={"financien": (2, None)},
        member_id=member.id,
    )
    tab.refresh()
    qtbot.waitUntil(lambda: tab.history.rowCount() >= 1, timeout=WAIT)
    tab.history.selectRow(0)
    tab.edit_measurement()
    idle(qtbot, window)
    qtbot.waitUntil(lambda: tab.editing is not None, timeout=WAIT)


def _type_a_concept(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = tab_of(qtbot, window, NotesTab)
    assert isinstance(tab, NotesTab)
    tab.title.setText("Huisbezoek")
    tab.save_draft()  # a new note with a concept: "Concept weggooien" shows
    qtbot.waitUntil(tab.discard_button.isVisible, timeout=WAIT)


def _select_member(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = tab_of(qtbot, window, OverviewTab)
    assert isinstance(tab, OverviewTab)
    qtbot.waitUntil(lambda: tab.members.rowCount() == 1, timeout=WAIT)
    tab.members.selectRow(0)


STATES: dict[str, tuple[type[FamilyTab], Callable[..., None] | None]] = {
    "overview": (OverviewTab, None),
    "overview-member": (OverviewTab, _select_member),
    "hours": (HoursTab, None),
    "hours-editing-timer": (HoursTab, _edit_hours),
    "domains": (DomainsTab, None),
    "domains-editing": (DomainsTab, _edit_measurement),
    "network": (NetworkTab, None),
    "network-editing": (NetworkTab, _edit_party_and_contact),
    "plan": (PlanTab, None),
    "plan-editing": (PlanTab, _edit_goal_and_agreement),
    "notes": (NotesTab, None),
    "notes-concept": (NotesTab, _type_a_concept),
    "corrections": (CorrectionsTab, None),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("state", STATES)
def test_family_tab(
    qtbot, family_window: MainWindow, english: None, state: str, language: str
) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    in_language(qtbot, window, language)
    kind, prepare = STATES[state]
    if prepare is not None:
        prepare(qtbot, window)
    tab = tab_of(qtbot, window, kind)
    activate(qtbot, window)
    assert tab.isVisible()
    assert clashes(window) == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_notes_tab_with_two_versions(
    qtbot, family_window: MainWindow, english: None, language: str
) -> None:  # type: ignore[no-untyped-def]
    in_language(qtbot, family_window, language)
    dialog = open_merge_dialog(qtbot, family_window)  # the merge button shows in the tab
    assert clashes(dialog) == {}
    dialog.reject()
    tab = family_window.workspace.current_tab()  # type: ignore[union-attr]
    assert isinstance(tab, NotesTab)
    qtbot.waitUntil(tab.merge_button.isVisible, timeout=WAIT)
    assert clashes(family_window) == {}


# --- dialogs ---------------------------------------------------------------------------

MENU_DIALOGS = {
    "new_family_dialog": "act_new_family",
    "settings_dialog": "act_settings",
    "connect_dialog": "act_connect",
    "rejected_dialog": "act_rejected",
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("attribute", MENU_DIALOGS)
def test_menu_dialog(
    qtbot, unlocked_window: MainWindow, english: None, attribute: str, language: str
) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    in_language(qtbot, window, language)
    dialog = open_dialog(qtbot, window, attribute, getattr(window, MENU_DIALOGS[attribute]))
    idle(qtbot, window)
    assert clashes(dialog) == {}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("family_report", [True, False])
def test_report_dialog(
    qtbot, family_window: MainWindow, english: None, family_report: bool, language: str
) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    in_language(qtbot, window, language)
    (window.act_report if family_report else window.act_hours_report).trigger()
    qtbot.waitUntil(lambda: window.report_dialog is not None, timeout=WAIT)
    dialog = window.report_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    for index in range(dialog.kind.count()):  # each kind shows its own rows
        dialog.kind.setCurrentIndex(index)
        assert clashes(dialog) == {}, dialog.kind.currentText()
    dialog.reject()


def _family_form(qtbot, window: MainWindow, member: bool) -> QDialog:  # type: ignore[no-untyped-def]
    tab = tab_of(qtbot, window, OverviewTab)
    assert isinstance(tab, OverviewTab)
    qtbot.waitUntil(lambda: tab.overview is not None, timeout=WAIT)
    if member:
        tab.add_member()
    else:
        tab.edit_family()
    kind = MemberDialog if member else FamilyDialog
    qtbot.waitUntil(lambda: isinstance(tab.form, kind) and tab.form.isVisible(), timeout=WAIT)
    assert tab.form is not None
    return tab.form


@pytest.mark.parametrize("language", LANGUAGES)
def test_family_and_member_forms(
    qtbot, family_window: MainWindow, english: None, language: str
) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    in_language(qtbot, window, language)
    family = _family_form(qtbot, window, member=False)
    assert isinstance(family, FamilyDialog)
    for status in (FamilyStatus.ACTIVE, FamilyStatus.CLOSED):  # closing shows two more rows
        family.status.setCurrentIndex(family.status.findData(status))
        assert clashes(family) == {}, status
    family.reject()
    member = _family_form(qtbot, window, member=True)
    assert clashes(member) == {}
    member.reject()


@pytest.mark.parametrize("language", LANGUAGES)
def test_book_visit_question(
    qtbot, family_window: MainWindow, english: None, language: str
) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    in_language(qtbot, window, language)
    tab = tab_of(qtbot, window, HoursTab)
    assert isinstance(tab, HoursTab)
    tab.start_timer()
    qtbot.waitUntil(lambda: tab.timer is not None, timeout=WAIT)
    tab.book_timer()  # "Stop en boek" asks for the activity first
    dialog = tab.book_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert clashes(dialog) == {}
    dialog.reject()


@pytest.mark.parametrize("language", LANGUAGES)
def test_removal_question(qtbot, family_window: MainWindow, english: None, language: str) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    in_language(qtbot, window, language)
    _select_member(qtbot, window)
    tab = window.workspace.current_tab()  # type: ignore[union-attr]
    assert isinstance(tab, OverviewTab)
    tab.remove_member()
    box = tab.question
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible, timeout=WAIT)
    assert duplicate_mnemonics(carriers(box)) == {}
    box.reject()


# --- the letters and keys that save ----------------------------------------------------


def _focused(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    activate(qtbot, widget.window())
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=WAIT)


@pytest.mark.parametrize("language", LANGUAGES)
def test_alt_a_saves_the_visit_note(
    qtbot, family_window: MainWindow, english: None, language: str
) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    in_language(qtbot, window, language)
    tab = tab_of(qtbot, window, NotesTab)
    assert isinstance(tab, NotesTab)
    _focused(qtbot, tab.title)
    qtbot.keyClicks(tab.title, "Huisbezoek")
    _focused(qtbot, tab.body)
    qtbot.keyClicks(tab.body, "Moeder vertelt over de school.")
    qtbot.keyClick(tab.body, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: len(services(window).notes.list_notes(family_id)) == 1, timeout=WAIT)
    assert window.workspace.current_tab() is tab  # type: ignore[union-attr]  # not another tab


def _ctrl_s(qtbot, field: QWidget) -> None:  # type: ignore[no-untyped-def]
    _focused(qtbot, field)
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_s_saves_the_form_of_every_tab(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    s = services(window)
    family_id = window.workspace.family_id  # type: ignore[union-attr]

    hours = tab_of(qtbot, window, HoursTab)
    assert isinstance(hours, HoursTab)
    hours.duration.setText("1:15")
    _ctrl_s(qtbot, hours.activity)
    qtbot.waitUntil(lambda: len(s.hours.list_entries(family_id)) == 1, timeout=WAIT)

    domains = tab_of(qtbot, window, DomainsTab)
    assert isinstance(domains, DomainsTab)
    score, note = next(iter(domains.score_inputs.values()))
    score.setCurrentIndex(3)
    _ctrl_s(qtbot, note)
    member_id = s.families.list_members(family_id)[0].id  # ZRM 2017 scores a member
    qtbot.waitUntil(
        lambda: len(s.assessments.history(family_id, member_id=member_id)) == 1, timeout=WAIT
    )

    network = tab_of(qtbot, window, NetworkTab)
    assert isinstance(network, NetworkTab)
    network.organisation.setText("Wijkteam")
    network.role.setText("ambulant hulpverlener")
    _ctrl_s(qtbot, network.role)
    qtbot.waitUntil(lambda: len(s.network.list_parties(family_id)) == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: network.parties.rowCount() == 1, timeout=WAIT)
    network.parties.selectRow(0)
    network.summary.setText("Gebeld over de afspraak")
    _ctrl_s(qtbot, network.summary)  # the contact form, the one with the focus
    qtbot.waitUntil(lambda: len(s.network.list_contacts(family_id)) == 1, timeout=WAIT)
    assert len(s.network.list_parties(family_id)) == 1

    plan = tab_of(qtbot, window, PlanTab)
    assert isinstance(plan, PlanTab)
    plan.goal_text.setText("Elke ochtend op tijd op school")
    _ctrl_s(qtbot, plan.goal_text)
    qtbot.waitUntil(lambda: len(s.plan.list_goals(family_id)) == 1, timeout=WAIT)
    plan.agreement_text.setText("Wekker zetten")
    _ctrl_s(qtbot, plan.agreement_text)
    qtbot.waitUntil(lambda: len(s.plan.list_agreements(family_id)) == 1, timeout=WAIT)
    assert len(s.plan.list_goals(family_id)) == 1

    notes = tab_of(qtbot, window, NotesTab)
    assert isinstance(notes, NotesTab)
    notes.title.setText("Gesprek")
    notes.body.setPlainText("Over de wekker.")
    _ctrl_s(qtbot, notes.body)
    qtbot.waitUntil(lambda: len(s.notes.list_notes(family_id)) == 1, timeout=WAIT)


def test_ctrl_s_saves_the_family_and_member_forms(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    s = services(window)
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    member = _family_form(qtbot, window, member=True)
    assert isinstance(member, MemberDialog)
    member.name.setText("Zoon Flow")
    _ctrl_s(qtbot, member.name)
    qtbot.waitUntil(lambda: len(s.families.list_members(family_id)) == 2, timeout=WAIT)
    qtbot.waitUntil(lambda: not shiboken6.isValid(member) or not member.isVisible(), timeout=WAIT)
    family = _family_form(qtbot, window, member=False)
    assert isinstance(family, FamilyDialog)
    family.name.setText("Gezin Flow-de Vries")
    _ctrl_s(qtbot, family.name)
    qtbot.waitUntil(
        lambda: s.families.get_family(family_id).name == "Gezin Flow-de Vries", timeout=WAIT
    )
