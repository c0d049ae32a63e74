"""What a caseworker sees when a measurement, a note or a new family cannot be saved:
a Dutch message naming what to do, the typed text kept, nothing half-written."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
)

from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow

from .closing import close_profile
from .conftest import PASSPHRASE, by_name
from .failing import (
    assert_logged_without,
    click,
    disk_full,
    error_boxes,
    failing,
    idle,
    log,
    read_error,
)
from .test_flows import WAIT, family_window, go_to_tab, services, unlock

__all__ = ["family_window", "log"]  # the fixtures, imported so pytest uses them here


# --- Leefgebieden --------------------------------------------------------------------------


def test_a_measurement_without_scores(qtbot, family_window: MainWindow, log) -> None:  # type: ignore[no-untyped-def]
    tab = go_to_tab(qtbot, family_window, "Leefgebieden")
    member = by_name(tab, "Gezinslid", QComboBox)
    qtbot.waitUntil(lambda: member.count() == 1, timeout=WAIT)  # type: ignore[attr-defined]
    note = by_name(tab, "Toelichting Financiën", QLineEdit)
    qtbot.keyClicks(note, "schuld bij de woningcorporatie")
    click(qtbot, tab, "Meting opslaan")
    assert "minstens één leefgebied" in read_error(qtbot, family_window)
    assert note.text() == "schuld bij de woningcorporatie"
    idle(qtbot, family_window)
    assert by_name(tab, "Eerdere metingen", QTableWidget).rowCount() == 0  # type: ignore[attr-defined]
    assert_logged_without(log, "ValidationError", "woningcorporatie")


def test_a_measurement_when_the_storage_fails(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, log, monkeypatch
) -> None:
    tab = go_to_tab(qtbot, family_window, "Leefgebieden")
    member = by_name(tab, "Gezinslid", QComboBox)
    qtbot.waitUntil(lambda: member.count() == 1, timeout=WAIT)  # type: ignore[attr-defined]
    idle(qtbot, family_window)
    monkeypatch.setattr(
        services(family_window).assessments, "add_assessment", failing(disk_full(family_window))
    )
    score = by_name(tab, "Score Financiën", QComboBox)
    score.setCurrentIndex(score.findData(2))  # type: ignore[attr-defined]
    note = by_name(tab, "Toelichting Financiën", QLineEdit)
    qtbot.keyClicks(note, "betalingsregeling met Kraaijeveld")
    click(qtbot, tab, "Meting opslaan")
    assert "Kan niet schrijven" in read_error(qtbot, family_window)
    assert score.currentData() == 2  # type: ignore[attr-defined]
    assert note.text() == "betalingsregeling met Kraaijeveld"
    assert_logged_without(log, "StorageUnavailable", "Kraaijeveld")


# --- Verslagen -----------------------------------------------------------------------------


def test_a_note_with_an_empty_body(qtbot, family_window: MainWindow, log) -> None:  # type: ignore[no-untyped-def]
    tab = go_to_tab(qtbot, family_window, "Verslagen")
    title = by_name(tab, "Titel van het verslag", QLineEdit)
    qtbot.keyClicks(title, "Huisbezoek bij familie Kraaijeveld")
    click(qtbot, tab, "Verslag opslaan")
    assert "Vul het veld 'verslag' in" in read_error(qtbot, family_window)
    assert title.text() == "Huisbezoek bij familie Kraaijeveld"
    idle(qtbot, family_window)
    assert by_name(tab, "Verslagen").count() == 0  # type: ignore[attr-defined]
    assert_logged_without(log, "ValidationError", "Kraaijeveld")


def test_a_new_note_with_a_too_long_title(qtbot, family_window: MainWindow, log) -> None:  # type: ignore[no-untyped-def]
    tab = go_to_tab(qtbot, family_window, "Verslagen")
    long_title = "Gesprek over de schulden " + "x" * 200
    title = by_name(tab, "Titel van het verslag", QLineEdit)
    title.setText(long_title)  # type: ignore[attr-defined]
    body = by_name(tab, "Tekst van het verslag", QPlainTextEdit)
    qtbot.keyClicks(body, "Moeder vertelt over de deurwaarder.")
    click(qtbot, tab, "Verslag opslaan")
    text = read_error(qtbot, family_window)
    assert "te lang" in text and "200" in text
    assert long_title not in text  # the message names the field, not the client's words
    assert title.text() == long_title
    assert body.toPlainText() == "Moeder vertelt over de deurwaarder."  # type: ignore[attr-defined]
    idle(qtbot, family_window)
    assert services(family_window).notes.list_notes(family_window.workspace.family_id) == []  # type: ignore[union-attr]
    assert_logged_without(log, "ValidationError", "deurwaarder", "Gesprek over de schulden")


def _saved_note(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    tab = go_to_tab(qtbot, window, "Verslagen")
    title = by_name(tab, "Titel van het verslag", QLineEdit)
    body = by_name(tab, "Tekst van het verslag", QPlainTextEdit)
    qtbot.keyClicks(title, "Huisbezoek")
    qtbot.keyClicks(body, "Eerste versie.")
    click(qtbot, tab, "Verslag opslaan")
    versions = by_name(tab, "Versies van het verslag")
    qtbot.waitUntil(lambda: versions.count() == 1, timeout=WAIT)  # type: ignore[attr-defined]
    idle(qtbot, window)
    return tab, title, body


def test_an_existing_note_with_a_too_long_title(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, log
) -> None:
    tab, title, body = _saved_note(qtbot, family_window)
    long_title = "Huisbezoek " + "y" * 200
    title.setText(long_title)
    qtbot.keyClicks(body, " Aangevuld over de deurwaarder.")
    click(qtbot, tab, "Verslag opslaan")
    assert "te lang" in read_error(qtbot, family_window)
    assert title.text() == long_title
    assert body.toPlainText() == "Eerste versie. Aangevuld over de deurwaarder."
    assert_logged_without(log, "ValidationError", "deurwaarder")


def test_a_refused_title_writes_nothing_and_a_retry_gives_no_conflict(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow
) -> None:
    window = family_window
    tab, title, body = _saved_note(qtbot, window)
    notes = services(window).notes
    note_id = notes.list_notes(window.workspace.family_id)[0].id  # type: ignore[union-attr]
    title.setText("Huisbezoek " + "y" * 200)
    qtbot.keyClicks(body, " Aangevuld.")
    click(qtbot, tab, "Verslag opslaan")
    read_error(qtbot, window)
    idle(qtbot, window)
    history_after_error = [r.body for r in notes.list_revisions(note_id)]
    # the user shortens the title and saves again
    title.setText("Huisbezoek dinsdag")
    click(qtbot, tab, "Verslag opslaan")
    versions = by_name(tab, "Versies van het verslag")
    qtbot.waitUntil(lambda: versions.count() >= 2, timeout=WAIT)  # type: ignore[attr-defined]
    idle(qtbot, window)
    assert not error_boxes(window)
    assert tab.conflict.text() == ""  # no "op twee plaatsen tegelijk gewijzigd"
    assert len(notes.list_heads(note_id)) == 1
    assert history_after_error == ["Eerste versie."]  # a refused save writes nothing


def test_a_note_when_the_storage_fails(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, log, monkeypatch
) -> None:
    tab = go_to_tab(qtbot, family_window, "Verslagen")
    idle(qtbot, family_window)
    monkeypatch.setattr(
        services(family_window).notes, "add_note", failing(disk_full(family_window))
    )
    title = by_name(tab, "Titel van het verslag", QLineEdit)
    body = by_name(tab, "Tekst van het verslag", QPlainTextEdit)
    qtbot.keyClicks(title, "Gesprek met school")
    qtbot.keyClicks(body, "Leerplicht is ingeschakeld.")
    click(qtbot, tab, "Verslag opslaan")
    assert "Kan niet schrijven" in read_error(qtbot, family_window)
    assert title.text() == "Gesprek met school"
    assert body.toPlainText() == "Leerplicht is ingeschakeld."  # type: ignore[attr-defined]
    assert_logged_without(log, "StorageUnavailable", "Leerplicht", "Gesprek met school")


# --- Nieuw gezin ---------------------------------------------------------------------------


def _unlocked(qtbot, context: AppContext) -> MainWindow:  # type: ignore[no-untyped-def]
    from regiedesk.store import create_profile

    from ..conftest import FAST_KDF

    create_profile(context.data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF).close()
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.caseload, timeout=WAIT)
    return window


@pytest.fixture
def unlocked(qtbot, context: AppContext):  # type: ignore[no-untyped-def]
    window = _unlocked(qtbot, context)
    yield window
    close_profile(context)


def _new_family_dialog(window: MainWindow) -> QDialog:
    window.act_new_family.trigger()
    dialog = window.new_family_dialog
    assert dialog.isVisible()
    return dialog


def test_a_new_family_without_a_name(qtbot, unlocked: MainWindow, log) -> None:  # type: ignore[no-untyped-def]
    window = unlocked
    dialog = _new_family_dialog(window)
    status = by_name(dialog, "Status", QComboBox)
    status.setCurrentIndex(1)  # type: ignore[attr-defined]
    click(qtbot, dialog, "Gezin maken")
    assert "Vul het veld 'naam' in" in read_error(qtbot, dialog)
    assert dialog.isVisible()  # back, to type the name
    assert status.currentIndex() == 1  # type: ignore[attr-defined]
    assert window.workspace is None
    idle(qtbot, window)
    assert services(window).families.list_families() == []
    assert_logged_without(log, "ValidationError")


def test_a_new_family_when_the_storage_fails(  # type: ignore[no-untyped-def]
    qtbot, unlocked: MainWindow, log, monkeypatch
) -> None:
    window = unlocked
    idle(qtbot, window)
    monkeypatch.setattr(services(window).families, "add_family", failing(disk_full(window)))
    dialog = _new_family_dialog(window)
    name = by_name(dialog, "Naam van het gezin", QLineEdit)
    qtbot.keyClicks(name, "Gezin Kraaijeveld")
    click(qtbot, dialog, "Gezin maken")
    assert "Kan niet schrijven" in read_error(qtbot, dialog)
    assert dialog.isVisible()
    assert name.text() == "Gezin Kraaijeveld"
    assert window.workspace is None
    idle(qtbot, window)
    assert services(window).families.list_families() == []
    assert_logged_without(log, "StorageUnavailable", "Kraaijeveld")
    # the disk is back: OK once more makes the family with what was typed
    monkeypatch.undo()
    click(qtbot, dialog, "Gezin maken")
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT)
