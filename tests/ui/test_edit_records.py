"""Every record loads into its form and is saved changed: parties, contacts, goals,
agreements and measurements (hours: test_flows)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QTableWidget

from regiedesk.ui.main_window import MainWindow

from .conftest import button, by_name
from .test_flows import WAIT, family_window, go_to_tab, rows, services
from .test_remove_and_undo import seed

__all__ = ["family_window"]  # the fixture, imported so pytest uses it here


def retype(qtbot, field, text: str) -> None:  # type: ignore[no-untyped-def]
    field.clear()
    qtbot.keyClicks(field, text)


def open_first(qtbot, window: MainWindow, tab_name: str, table: str, edit: str):  # type: ignore[no-untyped-def]
    """Seed the family, go to a tab and open its table's only row in the form."""
    seed(window)
    tab = go_to_tab(qtbot, window, tab_name)
    tab.refresh()
    found = by_name(tab, table, QTableWidget)
    qtbot.waitUntil(lambda: found.rowCount() == 1, timeout=WAIT)  # type: ignore[attr-defined]
    found.selectRow(0)  # type: ignore[attr-defined]
    qtbot.mouseClick(button(tab, edit), Qt.MouseButton.LeftButton)
    return tab, found


def test_network_party_and_contact_corrected(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    tab, parties = open_first(qtbot, window, "Netwerk", "Betrokkenen", "Betrokkene aanpassen")
    organisation = by_name(tab, "Organisatie", QLineEdit)
    assert organisation.text() == "Wijkteam Zuid"  # type: ignore[attr-defined]
    retype(qtbot, organisation, "Wijkteam Zuid-Oost")
    qtbot.keyClicks(by_name(tab, "Telefoon", QLineEdit), "020-1234567")
    qtbot.mouseClick(button(tab, "Wijziging opslaan"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rows(parties)[0][0] == "Wijkteam Zuid-Oost", timeout=WAIT)  # type: ignore[arg-type]
    assert rows(parties)[0][5] == "020-1234567"  # type: ignore[arg-type]
    assert button(tab, "Betrokkene toevoegen")  # the form adds again
    assert len(services(window).network.list_parties(tab.family_id)) == 1

    contacts = by_name(tab, "Contactmomenten", QTableWidget)
    contacts.selectRow(0)  # type: ignore[attr-defined]
    qtbot.mouseClick(button(tab, "Contact aanpassen"), Qt.MouseButton.LeftButton)
    summary = by_name(tab, "Samenvatting contact", QLineEdit)
    retype(qtbot, summary, "school gebeld")
    mode = by_name(tab, "Soort contact", QComboBox)
    mode.setCurrentIndex(mode.findData("overleg"))  # type: ignore[attr-defined]
    qtbot.mouseClick(button(tab, "Wijziging opslaan"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rows(contacts)[0][3] == "school gebeld", timeout=WAIT)  # type: ignore[arg-type]
    assert rows(contacts)[0][1:3] == ["Wijkteam Zuid-Oost", "Overleg"]  # type: ignore[arg-type]


def test_plan_goal_and_agreement_corrected(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    tab, goals = open_first(qtbot, window, "Plan", "Doelen", "Doel aanpassen")
    text = by_name(tab, "Doel in de woorden van het gezin", QLineEdit)
    assert text.text() == "Rust in de post"  # type: ignore[attr-defined]
    retype(qtbot, text, "Rust in de post en de mail")
    member = by_name(tab, "Doel voor gezinslid", QComboBox)
    member.setCurrentIndex(member.findText("Moeder Flow"))  # type: ignore[attr-defined]
    qtbot.mouseClick(button(tab, "Wijziging opslaan"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rows(goals)[0][0] == "Rust in de post en de mail", timeout=WAIT)  # type: ignore[arg-type]
    assert rows(goals)[0][2] == "Moeder Flow"  # type: ignore[arg-type]

    agreements = by_name(tab, "Afspraken", QTableWidget)
    agreements.selectRow(0)  # type: ignore[attr-defined]
    qtbot.mouseClick(button(tab, "Afspraak aanpassen"), Qt.MouseButton.LeftButton)
    owner = by_name(tab, "Eigenaar van de afspraak", QComboBox)
    owner.setCurrentIndex(owner.findData("betrokkene"))  # type: ignore[attr-defined]
    party = by_name(tab, "Betrokkene", QComboBox)
    party.setCurrentIndex(party.findText("Wijkteam Zuid"))  # type: ignore[attr-defined]
    qtbot.mouseClick(button(tab, "Wijziging opslaan"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rows(agreements)[0][1] == "Wijkteam Zuid", timeout=WAIT)  # type: ignore[arg-type]
    (agreement,) = services(window).plan.list_agreements(tab.family_id)
    assert (agreement.text, agreement.owner) == ("Brieven openen", "betrokkene")


def test_a_measurement_corrected(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    tab, history = open_first(qtbot, window, "Leefgebieden", "Eerdere metingen", "Meting aanpassen")
    score = by_name(tab, "Score Financiën", QComboBox)
    qtbot.waitUntil(lambda: score.currentData() == 2, timeout=WAIT)  # type: ignore[attr-defined]
    score.setCurrentIndex(score.findData(4))  # type: ignore[attr-defined]
    housing = by_name(tab, "Score Huisvesting", QComboBox)
    housing.setCurrentIndex(housing.findData(3))  # type: ignore[attr-defined]
    qtbot.mouseClick(button(tab, "Wijziging opslaan"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: history.rowCount() == 2, timeout=WAIT)  # type: ignore[attr-defined]
    assert [r[2:] for r in rows(history)] == [["Financiën", "4"], ["Huisvesting", "3"]]  # type: ignore[arg-type]
    assert len(services(window).assessments.list_assessments(tab.family_id)) == 1
    assert button(tab, "Meting opslaan")  # the form adds again
