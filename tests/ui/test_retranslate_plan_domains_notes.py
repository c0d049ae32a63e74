"""The Plan, Leefgebieden and Verslagen tabs, already open, follow a switch of language:
every text they show changes, what the user typed or chose stays, and Dutch comes back."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QWidget,
)

from regiedesk.domain.instruments import load_instrument
from regiedesk.domain.vocabulary import GoalStatus, Moment
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.base import selected_id
from regiedesk.ui.workspace.domains_tab import DomainsTab
from regiedesk.ui.workspace.notes_tab import NotesTab
from regiedesk.ui.workspace.plan_tab import PlanTab

from .conftest import TODAY, by_name
from .keyboard import english, idle, show_tab, to_english
from .language import EN, is_dutch, plain, shown_texts
from .test_flows import WAIT, family_window, rows, services

__all__ = ["english", "family_window"]  # the fixtures, imported so pytest uses them here


def dutch_left(tab: QWidget) -> list[str]:
    return sorted({t for t in shown_texts(tab) if is_dutch(t)})


def switch(qtbot, window: MainWindow, language: str) -> None:  # type: ignore[no-untyped-def]
    if language == "en":
        to_english(qtbot, window)
    else:
        window.set_language("nl")
        qtbot.waitUntil(lambda: window.menu_file.title() == "&Bestand", timeout=WAIT)
    idle(qtbot, window)


def test_the_open_plan_tab_follows_the_language(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, english: None
) -> None:
    window = family_window
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    plan = services(window).plan
    goal = plan.add_goal(family_id, domain="financien", text="Rust in huis", target_date=TODAY)
    plan.update_goal(goal.id, status=GoalStatus.REACHED)
    plan.add_agreement(family_id, text="Formulier invullen", owner="gezin", due_date=TODAY)
    tab = show_tab(qtbot, window, "Plan")
    assert isinstance(tab, PlanTab)
    qtbot.waitUntil(lambda: tab.goals.rowCount() == 1, timeout=WAIT)
    tab.goals.selectRow(0)
    qtbot.keyClicks(tab.goal_text, "Wij willen rust")
    qtbot.keyClicks(tab.agreement_text, "Bellen")
    tab.goal_domain.setCurrentIndex(3)
    tab.goal_status.setCurrentIndex(tab.goal_status.findData("lopend"))
    tab.owner.setCurrentIndex(tab.owner.findData("regisseur"))
    combos = (tab.goal_domain, tab.goal_member, tab.goal_status, tab.owner, tab.party)
    chosen = [c.currentData() for c in combos]
    dutch = shown_texts(tab)
    assert "Nieuw doel" in dutch and "Behaald" in dutch and "Het hele gezin" in dutch

    switch(qtbot, window, "en")
    assert dutch_left(tab) == []
    assert tab.add_goal_button.text() == "Add &goal"
    assert rows(tab.goals)[0][1:3] == ["Finances", "The whole family"]
    assert rows(tab.goals)[0][4] == GoalStatus.REACHED.label("en")
    assert tab.goal_status.currentText() == GoalStatus.IN_PROGRESS.label("en")
    assert (tab.goal_text.text(), tab.agreement_text.text()) == ("Wij willen rust", "Bellen")
    assert [c.currentData() for c in combos] == chosen
    assert selected_id(tab.goals) == goal.id

    switch(qtbot, window, "nl")
    assert shown_texts(tab) == dutch
    assert [c.currentData() for c in combos] == chosen


def test_the_open_domains_tab_follows_the_language(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, english: None
) -> None:
    window = family_window
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    member = services(window).families.list_members(family_id)[0]
    services(window).assessments.add_assessment(
        family_id,
        instrument="zrm2017",
        moment=Moment.INTAKE,
        date=TODAY,
        scores={"huisvesting": 4},
        member_id=member.id,
    )
    tab = show_tab(qtbot, window, "Leefgebieden")
    assert isinstance(tab, DomainsTab)
    qtbot.waitUntil(lambda: tab.history.rowCount() == 1, timeout=WAIT)
    score = by_name(tab, "Score Financiën", QComboBox)
    score.setCurrentIndex(score.findData(2))
    note = by_name(tab, "Toelichting Financiën", QLineEdit)
    qtbot.keyClicks(note, "betalingsregeling loopt")
    tab.moment.setCurrentIndex(tab.moment.findData(Moment.FINAL))
    inputs = dict(tab.score_inputs)
    dutch = shown_texts(tab)
    assert "Nieuwe meting" in dutch and "(niet gescoord)" in dutch and "Financiën" in dutch
    assert tab.chart.title == "Score door de tijd"

    switch(qtbot, window, "en")
    assert dutch_left(tab) == []
    zrm = load_instrument("zrm2017")
    finances = zrm.domain("financien").en
    assert tab.score_inputs == inputs  # the same boxes: nothing entered was thrown away
    assert score.currentData() == 2 and note.text() == "betalingsregeling loopt"
    assert score.currentText() == f"2 {zrm.score_label(2, 'en')}"
    assert (score.accessibleName(), note.accessibleName()) == (
        f"Score {finances}",
        f"Note on {finances}",
    )
    assert finances in shown_texts(tab) and "Financiën" not in shown_texts(tab)
    assert tab.instrument.currentText() == "SSM 2017"
    assert tab.moment.currentData() == Moment.FINAL
    assert tab.moment.currentText() == Moment.FINAL.label("en")
    assert rows(tab.history)[0][1:] == [
        Moment.INTAKE.label("en"),
        zrm.domain("huisvesting").en,
        "4",
    ]
    assert tab.member.currentData() == member.id
    assert tab.chart.title != "Score door de tijd"

    switch(qtbot, window, "nl")
    assert shown_texts(tab) == dutch
    assert score.currentData() == 2 and note.text() == "betalingsregeling loopt"


def test_the_open_notes_tab_follows_the_language(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, english: None
) -> None:
    window = family_window
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    notes = services(window).notes
    note, first = notes.add_note(family_id, title="Bezoek", body="Begin.", visit_date=TODAY)
    notes.revise_note(note.id, body="Begin. Hier.", parent_id=first.id)  # changed in two places
    notes.revise_note(note.id, body="Begin. Daar.", parent_id=first.id)
    tab = show_tab(qtbot, window, "Verslagen")
    assert isinstance(tab, NotesTab)
    qtbot.waitUntil(lambda: tab.list.count() == 1, timeout=WAIT)
    tab.list.setCurrentRow(0)
    qtbot.waitUntil(tab.merge_button.isVisible, timeout=WAIT)
    tab.body.moveCursor(tab.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(tab.body, " Aangevuld.")
    qtbot.keyClicks(tab.title, " dinsdag")
    title, body = tab.title.text(), tab.body.toPlainText()
    dutch = shown_texts(tab)
    assert "Verslag opsl&aan" in dutch and "Versies" in dutch
    assert tab.conflict.text().startswith("Dit verslag") and "concept" in tab.draft_state.text()

    switch(qtbot, window, "en")
    assert dutch_left(tab) == []
    assert plain(tab.save_button.text()) == plain(EN["Verslag opsl&aan"])
    assert tab.draft_state.text() == EN["Wijzigingen nog niet opgeslagen (concept bewaard)."]
    assert tab.conflict.text() and tab.merge_button.isVisible()
    assert (tab.title.text(), tab.body.toPlainText()) == (title, body)
    assert tab.list.currentRow() == 0

    switch(qtbot, window, "nl")
    assert shown_texts(tab) == dutch
    assert (tab.title.text(), tab.body.toPlainText()) == (title, body)
