"""Managing the family in the app: its details and status, closing it, its members."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLineEdit, QMessageBox, QTableWidget

from regiedesk.services.families import FamilyService
from regiedesk.store import create_profile
from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.family_forms import FamilyDialog, MemberDialog
from regiedesk.ui.workspace.overview_tab import OverviewTab

from ..conftest import FAST_KDF
from .closing import close_profile
from .conftest import PASSPHRASE, TODAY, button, by_name
from .keyboard import duplicate_mnemonics, english, form_texts, reopen_family, to_english
from .test_flows import WAIT, go_to_tab, rows, services, unlock

__all__ = ["english"]  # the fixture, imported so pytest uses it here


@pytest.fixture
def bare_window(qtbot, context: AppContext) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A real profile with one family just registered: no members, no start date."""
    store = create_profile(context.data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    FamilyService(store, today=lambda: TODAY).add_family(name="Gezin Kaal")
    store.close()
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 1, timeout=WAIT)
    window.caseload.table.selectRow(0)
    qtbot.keyClick(window.caseload.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT)
    yield window
    close_profile(context)


def overview(qtbot, window: MainWindow) -> OverviewTab:  # type: ignore[no-untyped-def]
    tab = go_to_tab(qtbot, window, "Overzicht")
    assert isinstance(tab, OverviewTab)
    qtbot.waitUntil(lambda: tab.overview is not None, timeout=WAIT)
    return tab


def form(qtbot, tab: OverviewTab, kind: type[QDialog]) -> QDialog:  # type: ignore[no-untyped-def]
    """The form the tab opened (after reading its draft on the database thread)."""
    qtbot.waitUntil(lambda: isinstance(tab.form, kind) and tab.form.isVisible(), timeout=WAIT)
    assert tab.form is not None
    return tab.form


def message(qtbot, parent: QDialog) -> QMessageBox:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox) is not None, timeout=WAIT)
    box = parent.findChild(QMessageBox)
    assert isinstance(box, QMessageBox)
    return box


def closed(dialog: QDialog) -> bool:
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def set_date(edit, day: dt.date) -> None:  # type: ignore[no-untyped-def]
    edit.setDate(QDate(day.year, day.month, day.day))


def test_a_family_renamed_started_and_closed_with_a_reason(qtbot, bare_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = bare_window
    tab = overview(qtbot, window)
    family_id = tab.family_id
    qtbot.mouseClick(button(tab, "Gezinsgegevens wijzigen..."), Qt.MouseButton.LeftButton)
    dialog = form(qtbot, tab, FamilyDialog)
    assert isinstance(dialog, FamilyDialog)
    name = by_name(dialog, "Naam van het gezin", QLineEdit)
    assert isinstance(name, QLineEdit) and name.text() == "Gezin Kaal"
    # end date and reason only show for a closed family
    assert not dialog.end.isVisibleTo(dialog) and not dialog.reason.isVisibleTo(dialog)
    name.clear()
    qtbot.keyClicks(name, "Gezin Kaal-Verhoef")
    status = by_name(dialog, "Status", QComboBox)
    assert isinstance(status, QComboBox)
    status.setCurrentIndex(status.findData("actief"))
    set_date(dialog.start, dt.date(2026, 9, 1))
    qtbot.mouseClick(button(dialog, "Opslaan"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=WAIT)
    qtbot.waitUntil(lambda: "Gezin Kaal-Verhoef" in tab.summary.text(), timeout=WAIT)
    assert "01-09-2026" in tab.summary.text()
    family = services(window).families.get_family(family_id)
    assert (family.status, family.start_date) == ("actief", dt.date(2026, 9, 1))

    # closing: an end before the start is refused, the dialog stays with what was typed
    qtbot.mouseClick(button(tab, "Gezinsgegevens wijzigen..."), Qt.MouseButton.LeftButton)
    dialog = form(qtbot, tab, FamilyDialog)
    assert isinstance(dialog, FamilyDialog)
    dialog.status.setCurrentIndex(dialog.status.findData("afgesloten"))
    assert dialog.end.isVisibleTo(dialog) and dialog.reason.isVisibleTo(dialog)
    reasons = [dialog.reason.itemText(i) for i in range(dialog.reason.count())]
    assert reasons == [
        "Doelen behaald", "Uitval", "Verhuisd", "Overgedragen", "Doorverwezen", "Anders"
    ]  # fmt: skip
    dialog.reason.setCurrentIndex(dialog.reason.findData("verhuisd"))
    set_date(dialog.end, dt.date(2026, 8, 1))
    qtbot.mouseClick(button(dialog, "Opslaan"), Qt.MouseButton.LeftButton)
    refusal = message(qtbot, dialog)
    assert "vóór de begindatum" in refusal.text()
    refusal.accept()
    assert dialog.isVisible() and dialog.reason.currentData() == "verhuisd"
    assert services(window).families.get_family(family_id).status == "actief"
    set_date(dialog.end, TODAY)
    qtbot.mouseClick(button(dialog, "Opslaan"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=WAIT)
    family = services(window).families.get_family(family_id)
    assert (family.status, family.end_date, family.closure_reason) == (
        "afgesloten", TODAY, "verhuisd"
    )  # fmt: skip
    # audited and on its way to the server
    store = services(window).store
    updates = [
        json.loads(r["data"])
        for r in store.query(
            "SELECT data FROM outbox WHERE entity = 'families' AND op = 'update' ORDER BY seq"
        )
    ]
    assert updates[0]["name"] == "Gezin Kaal-Verhoef" and updates[0]["status"] == "actief"
    assert updates[-1]["status"] == "afgesloten" and updates[-1]["closure_reason"] == "verhuisd"
    events = store.query("SELECT event FROM audit_log WHERE client = ? ORDER BY seq", (family_id,))
    assert [e["event"] for e in events].count("update") == 2


def test_members_added_changed_and_removed_so_a_measurement_can_be_saved(  # type: ignore[no-untyped-def]
    qtbot, bare_window: MainWindow
) -> None:
    window = bare_window
    tab = overview(qtbot, window)
    # without members the default instrument (ZRM 2017, per person) has no one to score
    domains = go_to_tab(qtbot, window, "Leefgebieden")
    person = by_name(domains, "Gezinslid", QComboBox)
    assert isinstance(person, QComboBox)
    qtbot.waitUntil(lambda: window.context.worker.idle, timeout=WAIT)
    assert person.count() == 0
    tab = overview(qtbot, window)
    qtbot.mouseClick(button(tab, "Gezinslid toevoegen..."), Qt.MouseButton.LeftButton)
    dialog = form(qtbot, tab, MemberDialog)
    qtbot.keyClicks(by_name(dialog, "Naam van het gezinslid", QLineEdit), "Sanne Kaal")
    role = by_name(dialog, "Rol in het gezin", QComboBox)
    assert isinstance(role, QComboBox)
    role.setCurrentIndex(role.findData("ouder"))
    qtbot.keyClicks(by_name(dialog, "Geboortedatum", QLineEdit), "14-2-1990")
    bsn = by_name(dialog, "BSN", QLineEdit)
    qtbot.keyClicks(bsn, "123456789")  # fails the elfproef
    qtbot.mouseClick(button(dialog, "Opslaan"), Qt.MouseButton.LeftButton)
    refusal = message(qtbot, dialog)
    assert "elfproef" in refusal.text()
    refusal.accept()
    assert dialog.isVisible()
    assert by_name(dialog, "Naam van het gezinslid", QLineEdit).text() == "Sanne Kaal"  # type: ignore[attr-defined]
    bsn.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(bsn, "1234.56.782")
    qtbot.mouseClick(button(dialog, "Opslaan"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=WAIT)
    members = by_name(tab, "Gezinsleden", QTableWidget)
    assert isinstance(members, QTableWidget)
    qtbot.waitUntil(lambda: members.rowCount() == 1, timeout=WAIT)
    assert rows(members) == [["Sanne Kaal", "Ouder", "14-02-1990"]]
    member = services(window).families.list_members(tab.family_id)[0]
    assert member.bsn == "123456782"

    # a second member, then changed: a date of birth that is no date is refused by name
    qtbot.mouseClick(button(tab, "Gezinslid toevoegen..."), Qt.MouseButton.LeftButton)
    dialog = form(qtbot, tab, MemberDialog)
    qtbot.keyClicks(by_name(dialog, "Naam van het gezinslid", QLineEdit), "Tim Kaal")
    qtbot.mouseClick(button(dialog, "Opslaan"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: members.rowCount() == 2, timeout=WAIT)
    members.selectRow(1)
    qtbot.mouseClick(button(tab, "Gezinslid aanpassen..."), Qt.MouseButton.LeftButton)
    dialog = form(qtbot, tab, MemberDialog)
    role = by_name(dialog, "Rol in het gezin", QComboBox)
    role.setCurrentIndex(role.findData("kind"))  # type: ignore[attr-defined]
    birth = by_name(dialog, "Geboortedatum", QLineEdit)
    qtbot.keyClicks(birth, "3-12-12")
    qtbot.mouseClick(button(dialog, "Opslaan"), Qt.MouseButton.LeftButton)
    refusal = message(qtbot, dialog)
    assert "'3-12-12' is geen datum" in refusal.text()
    refusal.accept()
    birth.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(birth, "03-12-2012")
    qtbot.mouseClick(button(dialog, "Opslaan"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ["Tim Kaal", "Kind", "03-12-2012"] in rows(members), timeout=WAIT)

    # the measurement that could not be saved before now can, for the first member
    domains = go_to_tab(qtbot, window, "Leefgebieden")
    qtbot.waitUntil(lambda: person.count() == 2, timeout=WAIT)
    person.setCurrentIndex(person.findText("Sanne Kaal"))
    score = by_name(domains, "Score Financiën", QComboBox)
    score.setCurrentIndex(score.findData(3))  # type: ignore[attr-defined]
    qtbot.mouseClick(button(domains, "Meting opslaan"), Qt.MouseButton.LeftButton)
    history = by_name(domains, "Eerdere metingen", QTableWidget)
    qtbot.waitUntil(lambda: history.rowCount() == 1, timeout=WAIT)  # type: ignore[attr-defined]

    # removing asks first; a member with a measurement stays, one without goes
    tab = overview(qtbot, window)
    for row, name, kept in ((0, "Sanne Kaal", True), (1, "Tim Kaal", False)):
        members.selectRow(row)
        qtbot.mouseClick(button(tab, "Gezinslid verwijderen"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: tab.question is not None, timeout=WAIT)
        question = tab.question
        assert isinstance(question, QMessageBox) and name in question.text()
        qtbot.mouseClick(button(question, "Verwijderen"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.context.worker.idle, timeout=WAIT)
        if kept:
            qtbot.waitUntil(lambda: tab.findChild(QMessageBox) is not None, timeout=WAIT)
            boxes = [b for b in tab.findChildren(QMessageBox) if b.isVisible()]
            assert any("1 meting(en)" in b.text() for b in boxes)
            for b in boxes:
                b.accept()
    qtbot.waitUntil(lambda: members.rowCount() == 1, timeout=WAIT)
    assert rows(members)[0][0] == "Sanne Kaal"
    store = services(window).store
    ops = [r["op"] for r in store.query("SELECT op FROM outbox WHERE entity = 'members'")]
    assert ops == ["insert", "insert", "update", "delete"]
    assert QApplication.activeModalWidget() is None


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_forms_speak_the_language_and_their_letters_are_unique(  # type: ignore[no-untyped-def]
    qtbot, bare_window: MainWindow, english: None, language: str
) -> None:
    window = bare_window
    if language == "en":
        to_english(qtbot, window)
        reopen_family(qtbot, window)
    tab = window.workspace.tab(OverviewTab)  # type: ignore[union-attr]
    assert isinstance(tab, OverviewTab)
    qtbot.waitUntil(lambda: tab.overview is not None, timeout=WAIT)
    edit, add = (
        ("Edit family details...", "Add member...")
        if language == "en"
        else ("Gezinsgegevens wijzigen...", "Gezinslid toevoegen...")
    )
    for opener, kind in ((edit, FamilyDialog), (add, MemberDialog)):
        qtbot.mouseClick(button(tab, opener), Qt.MouseButton.LeftButton)
        dialog = form(qtbot, tab, kind)
        if isinstance(dialog, FamilyDialog):
            dialog.status.setCurrentIndex(dialog.status.findData("afgesloten"))
            labels = [dialog.reason.itemText(i) for i in range(dialog.reason.count())]
            assert ("Goals reached" in labels) is (language == "en")
        texts = form_texts(dialog)
        assert len(texts) >= 4 and duplicate_mnemonics(texts) == {}
        assert ("&Name:" in texts) if language == "en" else ("&Naam:" in texts)
        dialog.reject()


LONG_NAME = "Gezin " + "Van der Berg-" * 20  # 266 characters


def assert_name_message(text: str) -> None:
    assert "'naam'" in text and "te lang" in text and "200" in text
    assert "verslag" not in text  # not the note-length message
    assert "Gezin Van der Berg" not in text  # nor the client's words


def test_a_too_long_family_name_has_its_own_message(  # type: ignore[no-untyped-def]
    qtbot, bare_window: MainWindow
) -> None:
    window = bare_window
    tab = overview(qtbot, window)
    qtbot.mouseClick(button(tab, "Gezinsgegevens wijzigen..."), Qt.MouseButton.LeftButton)
    dialog = form(qtbot, tab, FamilyDialog)
    name = by_name(dialog, "Naam van het gezin", QLineEdit)
    name.setText(LONG_NAME)  # type: ignore[attr-defined]
    qtbot.mouseClick(button(dialog, "Opslaan"), Qt.MouseButton.LeftButton)
    box = message(qtbot, dialog)
    assert_name_message(box.text())
    box.accept()
    assert name.text() == LONG_NAME  # type: ignore[attr-defined]  # kept, to shorten
    dialog.reject()

    window.show_caseload()
    window.new_family()
    new = window.new_family_dialog
    assert new is not None
    new.name.setText(LONG_NAME)
    new.accept()
    box = message(qtbot, new)
    assert_name_message(box.text())
    box.accept()
    assert new.isVisible() and new.name.text() == LONG_NAME
    new.reject()
    assert [r.name for r in window.caseload.model.rows] == ["Gezin Kaal"]
