"""The error paths of every form a caseworker fills in.

The product rule: "An error in any action shows a readable Dutch message, is logged
without client data, and keeps what the user typed." Each test fills a form the way a
user does, makes it fail (a domain rule or a storage failure), and then checks the
message box the user sees, the fields, and the log.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLineEdit,
    QTableWidget,
)

from regiedesk.store.database import DatabaseError
from regiedesk.ui.main_window import MainWindow

from .conftest import TODAY, button, by_name
from .failing import (
    assert_logged_without,
    click,
    disk_full,
    failing,
    idle,
    log,
    read_error,
    set_date,
)
from .test_flows import WAIT, family_window, go_to_tab, rows, services

__all__ = ["family_window", "log"]  # the fixtures, imported so pytest uses them here


# --- Uren ----------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["anderhalf uur", "1:75", "1,5,0", "1:30u", "1,555"])
def test_hours_with_an_unreadable_duration(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, log, typed: str
) -> None:
    tab = go_to_tab(qtbot, family_window, "Uren")
    table = by_name(tab, "Urenregels van deze week", QTableWidget)
    duration = by_name(tab, "Duur", QLineEdit)
    qtbot.keyClicks(duration, typed)
    click(qtbot, tab, "Uren toevoegen")
    assert "u:mm" in read_error(qtbot, family_window)
    assert duration.text() == typed
    idle(qtbot, family_window)
    assert table.rowCount() == 0
    assert services(family_window).hours.list_entries(family_window.workspace.family_id) == []  # type: ignore[union-attr]
    assert_logged_without(log, "ValidationError", typed)


def test_hours_with_a_negative_duration_of_less_than_an_hour(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, log
) -> None:
    tab = go_to_tab(qtbot, family_window, "Uren")
    duration = by_name(tab, "Duur", QLineEdit)
    qtbot.keyClicks(duration, "-0:30")
    qtbot.keyClick(duration, Qt.Key.Key_Return)
    read_error(qtbot, family_window, timeout=3_000)
    assert duration.text() == "-0:30"


def test_hours_refused_by_the_service(qtbot, family_window: MainWindow, log) -> None:  # type: ignore[no-untyped-def]
    tab = go_to_tab(qtbot, family_window, "Uren")
    table = by_name(tab, "Urenregels van deze week", QTableWidget)
    duration = by_name(tab, "Duur", QLineEdit)
    # more than a day: parse_duration reads it, HoursService refuses it
    qtbot.keyClicks(duration, "25:00")
    qtbot.keyClick(duration, Qt.Key.Key_Return)
    text = read_error(qtbot, family_window)
    assert "1500 minuten kan niet" in text
    assert duration.text() == "25:00"
    # a day in the future
    duration.clear()
    qtbot.keyClicks(duration, "1:30")
    set_date(by_name(tab, "Datum", QDateEdit), TODAY + dt.timedelta(days=1))  # type: ignore[arg-type]
    activity = by_name(tab, "Activiteit", QComboBox)
    activity.setCurrentIndex(2)
    chosen = activity.currentText()
    click(qtbot, tab, "Uren toevoegen")
    assert "in de toekomst" in read_error(qtbot, family_window)
    assert duration.text() == "1:30"
    assert activity.currentText() == chosen
    assert by_name(tab, "Datum", QDateEdit).date() == QDate(2026, 11, 25)  # type: ignore[attr-defined]
    idle(qtbot, family_window)
    assert table.rowCount() == 0
    assert_logged_without(log, "ValidationError", "25:00")


def test_hours_when_the_disk_refuses_to_write(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, log
) -> None:
    """A real storage failure: the connection is made read-only under the app."""
    window = family_window
    tab = go_to_tab(qtbot, window, "Uren")
    table = by_name(tab, "Urenregels van deze week", QTableWidget)
    duration = by_name(tab, "Duur", QLineEdit)
    idle(qtbot, window)
    store = services(window).store
    window.context.worker.submit(lambda: store.conn.execute("PRAGMA query_only = ON"))
    idle(qtbot, window)
    qtbot.keyClicks(duration, "1:45")
    qtbot.keyClick(duration, Qt.Key.Key_Return)
    text = read_error(qtbot, window)
    assert "Kan niet schrijven" in text and "niets verloren" in text
    assert duration.text() == "1:45"
    assert_logged_without(log, "StorageUnavailable", "1:45")
    # the disk is back: the same typed text is saved with one more Enter
    window.context.worker.submit(lambda: store.conn.execute("PRAGMA query_only = OFF"))
    idle(qtbot, window)
    qtbot.keyClick(duration, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=WAIT)
    assert rows(table)[0][1] == "1:45"


def test_the_storage_message_is_dutch_only(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    tab = go_to_tab(qtbot, window, "Uren")
    idle(qtbot, window)
    store = services(window).store
    window.context.worker.submit(lambda: store.conn.execute("PRAGMA query_only = ON"))
    idle(qtbot, window)
    duration = by_name(tab, "Duur", QLineEdit)
    qtbot.keyClicks(duration, "0:30")
    qtbot.keyClick(duration, Qt.Key.Key_Return)
    text = read_error(qtbot, window)
    assert "alleen-lezen" in text and "read-only" not in text and "disk" not in text, text


def _one_entry(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    tab = go_to_tab(qtbot, window, "Uren")
    table = by_name(tab, "Urenregels van deze week", QTableWidget)
    duration = by_name(tab, "Duur", QLineEdit)
    qtbot.keyClicks(duration, "1:00")
    qtbot.keyClick(duration, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=WAIT)
    table.selectRow(0)
    click(qtbot, tab, "Regel bewerken")
    assert duration.text() == "1:00"
    return tab, table, duration


def test_editing_hours_keeps_the_edit_after_errors(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, log, monkeypatch
) -> None:
    window = family_window
    tab, table, duration = _one_entry(qtbot, window)
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    # unreadable
    duration.clear()
    qtbot.keyClicks(duration, "twee uur")
    qtbot.keyClick(duration, Qt.Key.Key_Return)
    assert "u:mm" in read_error(qtbot, window)
    assert duration.text() == "twee uur"
    assert button(tab, "Wijziging opslaan") is not None  # still editing that entry
    # refused by the service
    duration.clear()
    qtbot.keyClicks(duration, "0")
    qtbot.keyClick(duration, Qt.Key.Key_Return)
    assert "0 minuten kan niet" in read_error(qtbot, window)
    assert duration.text() == "0"
    # the storage fails
    idle(qtbot, window)
    monkeypatch.setattr(services(window).hours, "update_entry", failing(disk_full(window)))
    duration.clear()
    qtbot.keyClicks(duration, "2:15")
    click(qtbot, tab, "Wijziging opslaan")
    assert "Kan niet schrijven" in read_error(qtbot, window)
    assert duration.text() == "2:15"
    assert button(tab, "Wijziging opslaan") is not None
    idle(qtbot, window)
    assert [e.minutes for e in services(window).hours.list_entries(family_id)] == [60]
    assert rows(table)[0][1] == "1:00"
    assert_logged_without(log, "StorageUnavailable", "twee uur", "2:15")
    # once the disk is back the edit still goes to the same entry
    monkeypatch.undo()
    qtbot.keyClick(duration, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rows(table)[0][1] == "2:15", timeout=WAIT)
    assert table.rowCount() == 1


# --- Netwerk -------------------------------------------------------------------------------


def test_a_party_without_an_organisation(qtbot, family_window: MainWindow, log) -> None:  # type: ignore[no-untyped-def]
    tab = go_to_tab(qtbot, family_window, "Netwerk")
    typed = {
        "Persoon": "Jan Pietersen",
        "Rol": "jeugdarts",
        "Telefoon": "0612345678",
        "E-mail": "j.pietersen@ggd.example",
    }
    for name, text in typed.items():
        qtbot.keyClicks(by_name(tab, name, QLineEdit), text)
    click(qtbot, tab, "Betrokkene toevoegen")
    assert "organisatie" in read_error(qtbot, family_window)
    for name, text in typed.items():
        assert by_name(tab, name, QLineEdit).text() == text  # type: ignore[attr-defined]
    idle(qtbot, family_window)
    assert by_name(tab, "Betrokkenen", QTableWidget).rowCount() == 0  # type: ignore[attr-defined]
    assert_logged_without(log, "ValidationError", *typed.values())


def test_a_party_when_the_database_fails(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, log, monkeypatch
) -> None:
    tab = go_to_tab(qtbot, family_window, "Netwerk")
    idle(qtbot, family_window)
    monkeypatch.setattr(
        services(family_window).network,
        "add_party",
        failing(DatabaseError("database disk image is malformed")),
    )
    qtbot.keyClicks(by_name(tab, "Organisatie", QLineEdit), "Wijkteam Kraaijeveld")
    qtbot.keyClicks(by_name(tab, "Rol", QLineEdit), "wijkcoach")
    click(qtbot, tab, "Betrokkene toevoegen")
    text = read_error(qtbot, family_window)
    assert "Er ging iets mis" in text and "bewaard" in text
    assert by_name(tab, "Organisatie", QLineEdit).text() == "Wijkteam Kraaijeveld"  # type: ignore[attr-defined]
    assert by_name(tab, "Rol", QLineEdit).text() == "wijkcoach"  # type: ignore[attr-defined]
    assert_logged_without(log, "DatabaseError", "Kraaijeveld", "wijkcoach")


def test_a_contact_without_a_selected_party(qtbot, family_window: MainWindow, log) -> None:  # type: ignore[no-untyped-def]
    tab = go_to_tab(qtbot, family_window, "Netwerk")
    summary = by_name(tab, "Samenvatting contact", QLineEdit)
    qtbot.keyClicks(summary, "gebeld over de schulden")
    click(qtbot, tab, "Contact vastleggen met geselecteerde betrokkene")
    text = read_error(qtbot, family_window, timeout=3_000)
    assert "betrokkene" in text
    assert summary.text() == "gebeld over de schulden"
    assert_logged_without(log, "ValidationError", "gebeld over de schulden")


def test_a_contact_when_the_storage_fails(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, log, monkeypatch
) -> None:
    tab = go_to_tab(qtbot, family_window, "Netwerk")
    qtbot.keyClicks(by_name(tab, "Organisatie", QLineEdit), "Wijkteam Noord")
    qtbot.keyClicks(by_name(tab, "Rol", QLineEdit), "wijkcoach")
    click(qtbot, tab, "Betrokkene toevoegen")
    parties = by_name(tab, "Betrokkenen", QTableWidget)
    qtbot.waitUntil(lambda: parties.rowCount() == 1, timeout=WAIT)
    idle(qtbot, family_window)
    monkeypatch.setattr(
        services(family_window).network, "add_contact", failing(disk_full(family_window))
    )
    parties.selectRow(0)  # type: ignore[attr-defined]
    summary = by_name(tab, "Samenvatting contact", QLineEdit)
    qtbot.keyClicks(summary, "afgestemd over de uithuisplaatsing")
    click(qtbot, tab, "Contact vastleggen met geselecteerde betrokkene")
    assert "Kan niet schrijven" in read_error(qtbot, family_window)
    assert summary.text() == "afgestemd over de uithuisplaatsing"
    assert by_name(tab, "Contactmomenten", QTableWidget).rowCount() == 0  # type: ignore[attr-defined]
    assert_logged_without(log, "StorageUnavailable", "uithuisplaatsing")


# --- Plan ----------------------------------------------------------------------------------


def test_a_goal_with_empty_text(qtbot, family_window: MainWindow, log) -> None:  # type: ignore[no-untyped-def]
    tab = go_to_tab(qtbot, family_window, "Plan")
    goal = by_name(tab, "Doel in de woorden van het gezin", QLineEdit)
    qtbot.keyClicks(goal, "   ")  # only spaces: nothing to save
    click(qtbot, tab, "Doel toevoegen")
    assert "Vul het veld 'doel' in" in read_error(qtbot, family_window)
    assert goal.text() == "   "
    idle(qtbot, family_window)
    assert by_name(tab, "Doelen", QTableWidget).rowCount() == 0  # type: ignore[attr-defined]
    assert_logged_without(log, "ValidationError")


def test_a_goal_when_the_storage_fails(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, log, monkeypatch
) -> None:
    tab = go_to_tab(qtbot, family_window, "Plan")
    member = by_name(tab, "Doel voor gezinslid", QComboBox)
    qtbot.waitUntil(lambda: member.count() == 2, timeout=WAIT)  # type: ignore[attr-defined]
    idle(qtbot, family_window)
    monkeypatch.setattr(services(family_window).plan, "add_goal", failing(disk_full(family_window)))
    goal = by_name(tab, "Doel in de woorden van het gezin", QLineEdit)
    qtbot.keyClicks(goal, "Moeder wil weer werk vinden")
    member.setCurrentIndex(1)  # type: ignore[attr-defined]
    click(qtbot, tab, "Doel toevoegen")
    assert "Kan niet schrijven" in read_error(qtbot, family_window)
    assert goal.text() == "Moeder wil weer werk vinden"
    assert member.currentText() == "Moeder Flow"  # type: ignore[attr-defined]
    assert_logged_without(log, "StorageUnavailable", "weer werk vinden", "Moeder Flow")


def test_an_agreement_with_empty_text(qtbot, family_window: MainWindow, log) -> None:  # type: ignore[no-untyped-def]
    tab = go_to_tab(qtbot, family_window, "Plan")
    idle(qtbot, family_window)
    click(qtbot, tab, "Afspraak toevoegen")
    assert "Vul het veld 'afspraak' in" in read_error(qtbot, family_window)
    idle(qtbot, family_window)
    assert by_name(tab, "Afspraken", QTableWidget).rowCount() == 0  # type: ignore[attr-defined]
    assert_logged_without(log, "ValidationError")


def test_an_agreement_for_a_party_that_is_not_chosen(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, log
) -> None:
    tab = go_to_tab(qtbot, family_window, "Plan")
    idle(qtbot, family_window)
    text = by_name(tab, "Afspraak", QLineEdit)
    qtbot.keyClicks(text, "Schuldhulp aanvragen bij de gemeente")
    owner = by_name(tab, "Eigenaar van de afspraak", QComboBox)
    owner.setCurrentIndex(owner.findData("betrokkene"))  # type: ignore[attr-defined]
    click(qtbot, tab, "Afspraak toevoegen")
    assert "Kies de betrokkene" in read_error(qtbot, family_window)
    assert text.text() == "Schuldhulp aanvragen bij de gemeente"
    assert owner.currentData() == "betrokkene"  # type: ignore[attr-defined]
    assert_logged_without(log, "ValidationError", "Schuldhulp")


def test_an_agreement_when_the_storage_fails(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, log, monkeypatch
) -> None:
    tab = go_to_tab(qtbot, family_window, "Plan")
    idle(qtbot, family_window)
    monkeypatch.setattr(
        services(family_window).plan, "add_agreement", failing(disk_full(family_window))
    )
    text = by_name(tab, "Afspraak", QLineEdit)
    qtbot.keyClicks(text, "Vader belt de huisarts")
    click(qtbot, tab, "Afspraak toevoegen")
    assert "Kan niet schrijven" in read_error(qtbot, family_window)
    assert text.text() == "Vader belt de huisarts"
    assert_logged_without(log, "StorageUnavailable", "huisarts")
