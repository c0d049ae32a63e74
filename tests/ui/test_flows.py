"""The caseworker's flows through the real window, found the way a user finds things."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
)

from regiedesk import i18n
from regiedesk.domain.vocabulary import FamilyStatus
from regiedesk.services.families import FamilyService
from regiedesk.services.timer import VisitTimerService
from regiedesk.store import create_profile
from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.hours_tab import HoursTab
from regiedesk.ui.workspace.notes_tab import NotesTab

from ..conftest import FAST_KDF
from .closing import close_profile, close_services
from .conftest import PASSPHRASE, TODAY, Clock, button, by_name

WAIT = 10_000


def unlock(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    field = by_name(window, "Wachtwoord", QLineEdit)
    qtbot.keyClicks(field, PASSPHRASE)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.context.services is not None, timeout=WAIT)


@pytest.fixture
def family_window(qtbot, context: AppContext) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    store = create_profile(context.data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    families = FamilyService(store, today=lambda: TODAY)
    family = families.add_family(name="Gezin Flow", status="actief", start_date=dt.date(2026, 1, 5))
    families.add_member(family.id, name="Moeder Flow", role="ouder")
    store.close()
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 1, timeout=WAIT)
    window.caseload.table.setFocus()
    window.caseload.table.selectRow(0)
    qtbot.keyClick(window.caseload.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT)
    yield window
    close_profile(context)


def go_to_tab(qtbot, window: MainWindow, title: str):  # type: ignore[no-untyped-def]
    workspace = window.workspace
    assert workspace is not None
    for index in range(workspace.count()):
        if workspace.tabText(index).replace("&", "") == title:
            workspace.setCurrentIndex(index)
            return workspace.current_tab()
    raise AssertionError(title)


def start_visit(qtbot, window: MainWindow) -> HoursTab:  # type: ignore[no-untyped-def]
    """On the Uren tab, 'Start bezoek', until the status bar says the visit runs and the tab
    holds its timer."""
    tab = go_to_tab(qtbot, window, "Uren")
    assert isinstance(tab, HoursTab)
    qtbot.mouseClick(button(tab, "Start bezoek"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "loopt" in window.timer_label.text() and tab.timer is not None, timeout=WAIT
    )
    return tab


def rows(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def services(window: MainWindow):  # type: ignore[no-untyped-def]
    """The window's services, for a test to seed or read with on the GUI thread, once the
    database thread has finished what it was doing: both use the profile's one connection,
    and a write here during one of the worker's transactions fails ('cannot start a
    transaction within a transaction') or lands in that transaction. Nothing new reaches the
    worker until the test hands control back to the event loop."""
    deadline = time.monotonic() + WAIT / 1000
    while not window.context.worker.idle:
        assert time.monotonic() < deadline, "the database thread stayed busy"
        QTest.qWait(5)
    assert window.context.services is not None
    return window.context.services


def test_the_overview_says_when_the_evaluation_date_has_passed(
    qtbot, family_window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    overview = go_to_tab(qtbot, family_window, "Overzicht")
    family_id = family_window.workspace.family_id  # type: ignore[union-attr]
    for day, late in ((TODAY + dt.timedelta(days=1), False), (TODAY - dt.timedelta(days=1), True)):
        services(family_window).families.update_family(family_id, evaluation_date=day)
        overview.refresh()
        qtbot.waitUntil(
            lambda d=day: d.strftime("%d-%m-%Y") in overview.summary.text(), timeout=WAIT
        )
        assert ("verstreken" in overview.summary.text()) is late


def test_what_arrives_after_a_lock_or_a_closed_family_is_dropped(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, context: AppContext
) -> None:
    window = family_window
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    window.open_family(family_id)  # its tabs start loading on the database thread ...
    window.show_caseload()  # ... and the family closes before the answers come back
    qtbot.waitUntil(lambda: context.worker.idle, timeout=WAIT)
    window.open_family(family_id)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # lock at once
    qtbot.waitUntil(lambda: context.worker.idle, timeout=WAIT)
    qtbot.wait(50)
    # no answer reached a closed tab (pytest-qt fails the test on an error in a slot), and
    # none put client data back into a view after the lock
    assert window.workspace is None and window.caseload.model.rowCount() == 0


def test_a_family_created_from_the_dialog(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    for field in ("Nieuw wachtwoord", "Herhaal wachtwoord"):
        qtbot.keyClicks(by_name(window, field, QLineEdit), PASSPHRASE)
    qtbot.mouseClick(button(window, "Profiel maken"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.caseload, timeout=WAIT)
    window.act_new_family.trigger()  # Ctrl+N in the Gezin menu
    dialog = window.findChild(QDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(by_name(dialog, "Naam van het gezin", QLineEdit), "Gezin Dialoog")
    qtbot.mouseClick(button(dialog, "Gezin maken"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT)
    window.act_caseload.trigger()
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 1, timeout=WAIT)
    assert window.caseload.model.rows[0].name == "Gezin Dialoog"
    assert window.act_new_family.shortcut().toString() == "Ctrl+N"


def test_a_visit_timed_and_booked(qtbot, family_window: MainWindow, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    tab = start_visit(qtbot, window)
    clock.value += dt.timedelta(minutes=47)
    qtbot.mouseClick(button(tab, "Stop en boek"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.book_dialog is not None and tab.book_dialog.isVisible())
    qtbot.keyClick(tab.book_dialog.activity, Qt.Key.Key_Return)  # Huisbezoek, as asked
    table = by_name(tab, "Urenregels van deze week", QTableWidget)
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=WAIT)
    assert rows(table)[0][:3] == ["24-11-2026", "0:47", "Huisbezoek"]
    qtbot.waitUntil(lambda: window.timer_label.text() == "", timeout=WAIT)
    window.activateWindow()  # back from the question (the window manager does this on X)
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
    # typed hours with the keyboard: Ctrl+U jumps to the duration field
    window.act_new_hours.trigger()
    duration = by_name(tab, "Duur", QLineEdit)
    assert duration.hasFocus()
    qtbot.keyClicks(duration, "1:30")
    qtbot.keyClick(duration, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=WAIT)
    assert "2:17" in tab.totals.text()
    # edit the booked visit: select it, Regel bewerken, change the duration, save
    table.selectRow(0)
    qtbot.mouseClick(button(tab, "Regel bewerken"), Qt.MouseButton.LeftButton)
    assert duration.text() == "0:47"
    duration.clear()
    qtbot.keyClicks(duration, "1:00")
    qtbot.keyClick(duration, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "2:30" in tab.totals.text(), timeout=WAIT)
    assert table.rowCount() == 2


def test_a_measurement_scored(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = go_to_tab(qtbot, family_window, "Leefgebieden")
    member = by_name(tab, "Gezinslid", QComboBox)
    qtbot.waitUntil(lambda: member.count() == 1, timeout=WAIT)
    score = by_name(tab, "Score Financiën", QComboBox)
    score.setCurrentIndex(score.findData(2))
    qtbot.keyClicks(by_name(tab, "Toelichting Financiën", QLineEdit), "betalingsregeling loopt")
    by_name(tab, "Score Huisvesting", QComboBox).setCurrentIndex(4)
    qtbot.mouseClick(button(tab, "Meting opslaan"), Qt.MouseButton.LeftButton)
    history = by_name(tab, "Eerdere metingen", QTableWidget)
    qtbot.waitUntil(lambda: history.rowCount() == 2, timeout=WAIT)
    assert [r[2:] for r in rows(history)] == [["Financiën", "2"], ["Huisvesting", "4"]]
    assert score.currentData() is None  # the form is ready for the next measurement
    by_name(tab, "Score Huisvesting", QComboBox).setCurrentIndex(5)  # scored the other way round
    score.setCurrentIndex(score.findData(3))
    qtbot.mouseClick(button(tab, "Meting opslaan"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: history.rowCount() == 4, timeout=WAIT)
    # the newest measurement first, each in the instrument's order
    assert [r[2:] for r in rows(history)] == [
        ["Financiën", "3"],
        ["Huisvesting", "5"],
        ["Financiën", "2"],
        ["Huisvesting", "4"],
    ]


def test_a_party_and_a_contact(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = go_to_tab(qtbot, family_window, "Netwerk")
    qtbot.keyClicks(by_name(tab, "Organisatie", QLineEdit), "Wijkteam Noord")
    qtbot.keyClicks(by_name(tab, "Rol", QLineEdit), "wijkcoach")
    qtbot.keyClicks(by_name(tab, "E-mail", QLineEdit), "coach@wijkteam.example")
    qtbot.mouseClick(button(tab, "Betrokkene toevoegen"), Qt.MouseButton.LeftButton)
    parties = by_name(tab, "Betrokkenen", QTableWidget)
    qtbot.waitUntil(lambda: parties.rowCount() == 1, timeout=WAIT)
    assert "1</b> actieve" in tab.active.text()
    parties.selectRow(0)
    qtbot.keyClicks(by_name(tab, "Samenvatting contact", QLineEdit), "afgestemd over school")
    qtbot.mouseClick(
        button(tab, "Contact vastleggen met geselecteerde betrokkene"), Qt.MouseButton.LeftButton
    )
    contacts = by_name(tab, "Contactmomenten", QTableWidget)
    qtbot.waitUntil(lambda: contacts.rowCount() == 1, timeout=WAIT)
    assert rows(contacts)[0][1:] == ["Wijkteam Noord", "Huisbezoek", "afgestemd over school"]


def test_a_goal_and_an_agreement_made_and_completed(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = go_to_tab(qtbot, family_window, "Plan")
    qtbot.keyClicks(
        by_name(tab, "Doel in de woorden van het gezin", QLineEdit), "Wij willen rust in huis"
    )
    qtbot.mouseClick(button(tab, "Doel toevoegen"), Qt.MouseButton.LeftButton)
    goals = by_name(tab, "Doelen", QTableWidget)
    qtbot.waitUntil(lambda: goals.rowCount() == 1, timeout=WAIT)
    goals.selectRow(0)
    status = by_name(tab, "Status van het doel", QComboBox)
    status.setCurrentIndex(status.findData("behaald"))
    qtbot.mouseClick(button(tab, "Status bijwerken"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rows(goals)[0][4] == "Behaald", timeout=WAIT)
    qtbot.keyClicks(by_name(tab, "Afspraak", QLineEdit), "Formulier toeslagen invullen")
    qtbot.mouseClick(button(tab, "Afspraak toevoegen"), Qt.MouseButton.LeftButton)
    agreements = by_name(tab, "Afspraken", QTableWidget)
    qtbot.waitUntil(lambda: agreements.rowCount() == 1, timeout=WAIT)
    agreements.selectRow(0)
    qtbot.mouseClick(button(tab, "Afspraak gedaan"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rows(agreements)[0][3] == "24-11-2026", timeout=WAIT)


def test_a_note_edited_into_two_revisions(qtbot, family_window: MainWindow, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    tab = go_to_tab(qtbot, family_window, "Verslagen")
    qtbot.keyClicks(by_name(tab, "Titel van het verslag", QLineEdit), "Huisbezoek dinsdag")
    body = by_name(tab, "Tekst van het verslag", QPlainTextEdit)
    qtbot.keyClicks(body, "Eerste versie.")
    qtbot.mouseClick(button(tab, "Verslag opslaan"), Qt.MouseButton.LeftButton)
    versions = by_name(tab, "Versies van het verslag")
    qtbot.waitUntil(lambda: versions.count() == 1, timeout=WAIT)  # type: ignore[attr-defined]
    clock.value += dt.timedelta(minutes=5)
    qtbot.keyClicks(body, " Aangevuld.")
    qtbot.mouseClick(button(tab, "Verslag opslaan"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: versions.count() == 2, timeout=WAIT)  # type: ignore[attr-defined]
    history = services(family_window).notes.list_revisions(
        services(family_window).notes.list_notes(family_window.workspace.family_id)[0].id
    )  # type: ignore[union-attr]
    assert [r.body for r in history] == ["Eerste versie.", "Eerste versie. Aangevuld."]


def test_a_draft_restored_after_the_window_is_destroyed(
    qtbot, family_window: MainWindow, context: AppContext
) -> None:  # type: ignore[no-untyped-def]
    tab = go_to_tab(qtbot, family_window, "Verslagen")
    assert isinstance(tab, NotesTab)
    qtbot.keyClicks(
        by_name(tab, "Tekst van het verslag", QPlainTextEdit), "Halverwege een zin over"
    )
    qtbot.waitUntil(lambda: not tab._draft_timer.isActive(), timeout=WAIT)
    qtbot.waitUntil(lambda: context.worker.idle, timeout=WAIT)
    # the window goes away mid-typing without saving or closing anything, as in a crash;
    # the old connection is left as a killed process would leave it
    crashed = context.services
    family_window.hide()
    context.services = None
    again = MainWindow(context)
    qtbot.addWidget(again)
    again.show()
    unlock(qtbot, again)
    qtbot.waitUntil(lambda: again.caseload.model.rowCount() == 1, timeout=WAIT)
    again.open_family(again.caseload.model.rows[0].family_id)
    tab = go_to_tab(qtbot, again, "Verslagen")
    body = by_name(tab, "Tekst van het verslag", QPlainTextEdit)
    qtbot.waitUntil(lambda: body.toPlainText() == "Halverwege een zin over", timeout=WAIT)  # type: ignore[attr-defined]
    assert "teruggezet" in tab.draft_state.text()
    assert crashed is not None
    close_services(context.worker, crashed)


def test_the_language_switched_to_english_and_back(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    assert window.menu_file.title() == "&Bestand"
    steps = (("en", "Taal", "&File", "Ho&urs"), ("nl", "Language", "&Bestand", "&Uren"))
    for language, label, file_menu, tab in steps:
        window.act_settings.trigger()
        dialog = window.settings_dialog
        combo = by_name(dialog, label, QComboBox)  # the label is in the current language
        combo.setCurrentIndex(combo.findData(language))
        dialog.accept()
        qtbot.waitUntil(lambda f=file_menu: window.menu_file.title() == f, timeout=WAIT)
        assert window.workspace is not None and window.workspace.tabText(1) == tab
    assert QApplication.instance() is not None


def test_a_running_visit_shows_after_unlock_and_the_caseload_search_filters(  # type: ignore[no-untyped-def]
    qtbot, context: AppContext
) -> None:
    store = create_profile(context.data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    families = FamilyService(store, today=lambda: TODAY)
    first = families.add_family(name="Gezin Bezoek", status="actief")
    families.add_family(name="Gezin Anders", status="actief")
    VisitTimerService(store, today=lambda: TODAY, now=context.now).start(first.id)
    store.close()  # the app was closed while the visit ran
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 2, timeout=WAIT)
    qtbot.waitUntil(lambda: "loopt" in window.timer_label.text(), timeout=WAIT)
    search = by_name(window.caseload, "Zoeken op naam", QLineEdit)
    qtbot.keyClicks(search, "bezoek")
    assert window.caseload.proxy.rowCount() == 1
    assert search.isClearButtonEnabled()  # set up on the first typed letter
    search.clear()
    assert window.caseload.proxy.rowCount() == 2
    close_profile(context)


def test_the_caseload_speaks_english_when_the_app_starts_in_english(  # type: ignore[no-untyped-def]
    qtbot, context: AppContext
) -> None:
    store = create_profile(context.data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    FamilyService(store, today=lambda: TODAY).add_family(name="Gezin Engels", status="actief")
    store.close()
    context.settings.language = "en"
    i18n.set_language("en")  # as app.run does from the settings
    try:
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        unlock(qtbot, window)
        qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 1, timeout=WAIT)
        model = window.caseload.model
        assert model.data(model.index(0, 1)) == "Active"
        assert window.caseload.status.itemText(1) == FamilyStatus.REGISTERED.label("en")
    finally:
        i18n.set_language(None)
        close_profile(window.context)
