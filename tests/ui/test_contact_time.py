"""A contact logged in Netwerk books its time as an hours entry in the same step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QTableWidget

from regiedesk.ui.main_window import MainWindow

from .conftest import TODAY, button, by_name
from .failing import read_error
from .test_flows import WAIT, family_window, go_to_tab, rows, services

__all__ = ["family_window"]

SAVE = "Contact vastleggen met geselecteerde betrokkene"


def network_with_a_party(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    services(window).network.add_party(
        family_id, organisation="Wijkteam Noord", role="wijkcoach", involved_from=TODAY
    )
    tab = go_to_tab(qtbot, window, "Netwerk")
    tab.refresh()
    parties = by_name(tab, "Betrokkenen", QTableWidget)
    qtbot.waitUntil(lambda: parties.rowCount() == 1, timeout=WAIT)
    parties.selectRow(0)
    return tab, family_id


def test_a_phone_call_books_its_time(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    tab, family_id = network_with_a_party(qtbot, window)
    mode = by_name(tab, "Soort contact", QComboBox)
    mode.setCurrentIndex(mode.findData("telefoon"))
    qtbot.keyClicks(by_name(tab, "Samenvatting contact", QLineEdit), "gebeld over school")
    qtbot.keyClicks(by_name(tab, "Tijd boeken", QLineEdit), "0,75")
    qtbot.mouseClick(button(tab, SAVE), Qt.MouseButton.LeftButton)
    contacts = by_name(tab, "Contactmomenten", QTableWidget)
    qtbot.waitUntil(lambda: contacts.rowCount() == 1, timeout=WAIT)
    entries = services(window).hours.list_entries(family_id)
    assert [(e.date, e.minutes, e.activity) for e in entries] == [
        (TODAY, 45, "telefonisch_contact")
    ]
    assert "0:45 geboekt als Telefonisch contact op 24-11-2026" in tab.booked.text()
    assert by_name(tab, "Tijd boeken", QLineEdit).text() == ""
    hours = go_to_tab(qtbot, window, "Uren")  # and it shows in Uren
    table = by_name(hours, "Urenregels van deze week", QTableWidget)
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=WAIT)
    assert rows(table)[0][:3] == ["24-11-2026", "0:45", "Telefonisch contact"]


def test_a_contact_without_time_books_nothing(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    tab, family_id = network_with_a_party(qtbot, window)
    qtbot.mouseClick(button(tab, SAVE), Qt.MouseButton.LeftButton)
    contacts = by_name(tab, "Contactmomenten", QTableWidget)
    qtbot.waitUntil(lambda: contacts.rowCount() == 1, timeout=WAIT)
    assert services(window).hours.list_entries(family_id) == []
    assert tab.booked.text() == ""


def test_unreadable_time_saves_neither(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    tab, family_id = network_with_a_party(qtbot, window)
    qtbot.keyClicks(by_name(tab, "Samenvatting contact", QLineEdit), "overleg gehad")
    field = by_name(tab, "Tijd boeken", QLineEdit)
    qtbot.keyClicks(field, "een uurtje")
    qtbot.mouseClick(button(tab, SAVE), Qt.MouseButton.LeftButton)
    assert "Er is niets opgeslagen" in read_error(qtbot, window)
    assert field.text() == "een uurtje"  # what was typed stays
    qtbot.waitUntil(lambda: window.context.worker.idle, timeout=WAIT)
    assert services(window).network.list_contacts(family_id) == []
    assert services(window).hours.list_entries(family_id) == []


def test_editing_a_contact_books_no_time(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    tab, _ = network_with_a_party(qtbot, window)
    qtbot.mouseClick(button(tab, SAVE), Qt.MouseButton.LeftButton)
    contacts = by_name(tab, "Contactmomenten", QTableWidget)
    qtbot.waitUntil(lambda: contacts.rowCount() == 1, timeout=WAIT)
    contacts.selectRow(0)
    tab.edit_contact()
    assert not by_name(tab, "Tijd boeken", QLineEdit).isEnabled()
