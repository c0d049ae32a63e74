"""The Correcties tab: a client's correction request with their own statement recorded on a
record that stays, shown next to what the record says now, changed later, and logged."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QTableWidget

from regiedesk.ui.main_window import MainWindow

from ..conftest import TODAY
from .conftest import button, by_name
from .test_flows import WAIT, family_window, go_to_tab, rows, services

__all__ = ["family_window"]  # the fixture, imported so pytest uses it here


def test_a_statement_beside_the_record(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    s = services(window)
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    goal = s.plan.add_goal(family_id, domain="financien", text="Rust in de post")
    tab = go_to_tab(qtbot, window, "Correcties")
    record = by_name(tab, "Over welk gegeven", QComboBox)
    qtbot.waitUntil(lambda: record.findData(f"goals/{goal.id}") >= 0, timeout=WAIT)  # type: ignore[attr-defined]
    assert "Doel: Rust in de post" in [record.itemText(i) for i in range(record.count())]  # type: ignore[attr-defined]
    record.setCurrentIndex(record.findData(f"goals/{goal.id}"))  # type: ignore[attr-defined]
    qtbot.keyClicks(by_name(tab, "Verzoek van de cliënt", QLineEdit), "Er is geen onrust")
    outcome = by_name(tab, "Besluit", QComboBox)
    outcome.setCurrentIndex(outcome.findData("niet_gewijzigd"))  # type: ignore[attr-defined]
    qtbot.keyClicks(by_name(tab, "Verklaring van de cliënt", QPlainTextEdit), "Ik open mijn post.")
    qtbot.mouseClick(button(tab, "Verzoek vastleggen"), Qt.MouseButton.LeftButton)
    table = by_name(tab, "Correctieverzoeken", QTableWidget)
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=WAIT)  # type: ignore[attr-defined]
    assert rows(table)[0][:5] == [  # type: ignore[arg-type]
        "Doel", "Rust in de post", "Er is geen onrust", "Niet gewijzigd", "Ik open mijn post.",
    ]  # fmt: skip
    table.selectRow(0)  # type: ignore[attr-defined]
    qtbot.mouseClick(button(tab, "Verzoek aanpassen"), Qt.MouseButton.LeftButton)
    statement = by_name(tab, "Verklaring van de cliënt", QPlainTextEdit)
    assert statement.toPlainText() == "Ik open mijn post."  # type: ignore[attr-defined]
    statement.setPlainText("Ik open mijn post elke dag.")  # type: ignore[attr-defined]
    qtbot.mouseClick(button(tab, "Wijziging opslaan"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rows(table)[0][4] == "Ik open mijn post elke dag.", timeout=WAIT)  # type: ignore[arg-type]
    assert button(tab, "Verzoek vastleggen")  # the form records new requests again
    assert s.plan.get_goal(goal.id).text == "Rust in de post"
    opened = s.store.query("SELECT objects FROM audit_log WHERE event = 'read'")
    assert any("view/corrections" in json.loads(r["objects"]) for r in opened)
    written = s.store.query("SELECT event FROM audit_log WHERE objects LIKE '%corrections/%'")
    assert [r["event"] for r in written] == ["create", "update"]


def test_the_plan_shows_the_statement_next_to_its_goal(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    s = services(window)
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    goal = s.plan.add_goal(family_id, domain="financien", text="Rust in de post")
    other = s.plan.add_goal(family_id, domain="financien", text="Brieven sorteren")
    s.corrections.add_correction(
        family_id, target_entity="goals", target_id=goal.id, request="Klopt niet",
        outcome="niet_gewijzigd", statement="Ik heb rust.",
    )  # fmt: skip
    tab = go_to_tab(qtbot, window, "Plan")
    goals = by_name(tab, "Doelen", QTableWidget)
    qtbot.waitUntil(lambda: goals.rowCount() == 2, timeout=WAIT)  # type: ignore[attr-defined]
    cells = {goals.item(r, 0).data(256): goals.item(r, 0) for r in range(2)}  # type: ignore[attr-defined]
    assert cells[goal.id].text() == "Rust in de post (verklaring)"
    assert cells[goal.id].toolTip() == "Verklaring van de cliënt: Ik heb rust."
    assert cells[other.id].text() == "Brieven sorteren" and not cells[other.id].toolTip()


def test_overview_and_network_show_statements_too(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    s = services(window)
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    [mother] = s.families.list_members(family_id)
    party = s.network.add_party(family_id, organisation="Wijkteam", role="coach",
                                involved_from=TODAY)  # fmt: skip
    for entity, record in (("members", mother.id), ("parties", party.id)):
        s.corrections.add_correction(family_id, target_entity=entity, target_id=record,
                                     request="x", statement=f"Over {entity}")  # fmt: skip
    overview = go_to_tab(qtbot, window, "Overzicht")
    overview.refresh()
    members = by_name(overview, "Gezinsleden", QTableWidget)

    def marked() -> bool:
        first = members.item(0, 0)  # type: ignore[attr-defined]
        return first is not None and "(verklaring)" in first.text()

    qtbot.waitUntil(marked, timeout=WAIT)
    assert members.item(0, 0).toolTip() == "Verklaring van de cliënt: Over members"  # type: ignore[attr-defined]
    network = go_to_tab(qtbot, window, "Netwerk")
    parties = by_name(network, "Betrokkenen", QTableWidget)
    qtbot.waitUntil(lambda: parties.rowCount() == 1, timeout=WAIT)  # type: ignore[attr-defined]
    assert parties.item(0, 0).text() == "Wijkteam (verklaring)"  # type: ignore[attr-defined]


def test_measurements_and_notes_show_statements_too(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    s = services(window)
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    measured = s.assessments.add_assessment(
        family_id, instrument="zrm2017", moment="intake", date=TODAY,
        scores={"financien": 2}, member_id=s.families.list_members(family_id)[0].id,
    )  # fmt: skip
    [score] = s.store.query("SELECT id FROM scores WHERE assessment_id = ?", (measured.id,))
    _, first = s.notes.add_note(family_id, title="Bezoek", body="Moeder was boos.")
    for entity, record, said in (("scores", score["id"], "Ik woon goed."),
                                 ("note_revisions", first.id, "Ik was niet boos.")):  # fmt: skip
        s.corrections.add_correction(family_id, target_entity=entity, target_id=record,
                                     request="x", statement=said)  # fmt: skip
    domains = go_to_tab(qtbot, window, "Leefgebieden")
    history = domains.history

    def shown() -> bool:
        first_cell = history.item(0, 0)
        return first_cell is not None and "(verklaring)" in first_cell.text()

    qtbot.waitUntil(shown, timeout=WAIT)
    assert history.item(0, 0).toolTip() == "Verklaring van de cliënt: Ik woon goed."
    notes = go_to_tab(qtbot, window, "Verslagen")
    qtbot.waitUntil(lambda: notes.list.count() >= 1, timeout=WAIT)
    texts = [notes.list.item(i).text() for i in range(notes.list.count())]
    assert any(t.endswith("Bezoek (verklaring)") for t in texts), texts


def test_hours_show_statements_too(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    s = services(window)
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    entry = s.hours.add_entry(family_id, date=TODAY, minutes=45, activity="huisbezoek")
    s.corrections.add_correction(family_id, target_entity="hours", target_id=entry.id,
                                 request="x", statement="Er was niemand thuis.")  # fmt: skip
    hours = go_to_tab(qtbot, window, "Uren")
    entries = by_name(hours, "Urenregels van deze week", QTableWidget)

    def shown() -> bool:
        first = entries.item(0, 0)  # type: ignore[attr-defined]
        return first is not None and "(verklaring)" in first.text()

    qtbot.waitUntil(shown, timeout=WAIT)
    assert entries.item(0, 0).toolTip() == "Verklaring van de cliënt: Er was niemand thuis."  # type: ignore[attr-defined]
