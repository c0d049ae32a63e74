"""The report dialog: choose, write the account, pick notes, save where asked, offer to
open; the PDF and its audit event are written on the worker thread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from regiedesk.demo import generate_demo
from regiedesk.services import Services
from regiedesk.store import create_profile, open_profile
from regiedesk.ui.context import AppContext
from regiedesk.ui.report_dialog import Kind, ReportDialog

from ..conftest import FAST_KDF
from ..reports.conftest import flat, pages
from .closing import close_profile
from .conftest import PASSPHRASE, TODAY
from .test_flows import unlock


@pytest.fixture
def opened(qtbot, context: AppContext) -> Services:  # type: ignore[no-untyped-def]
    store = create_profile(context.data_dir, PASSPHRASE, user="oefenregisseur", kdf=FAST_KDF)
    generate_demo(store, families=2, today=TODAY)
    context.services = Services(store, today=lambda: TODAY)
    yield context.services
    _close(qtbot, context)


def _close(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    """Close the open dialogs (a draft may be saved), let the worker finish, then the store:
    never the store under a job that still uses it."""
    for dialog in QApplication.allWidgets():
        if isinstance(dialog, ReportDialog) and dialog.isVisible():
            dialog.reject()
    qtbot.waitUntil(lambda: context.worker.idle, timeout=30_000)
    close_profile(context)


@pytest.fixture
def family_window(qtbot, context: AppContext):  # type: ignore[no-untyped-def]
    """The window, unlocked, with one family open."""
    from regiedesk.ui.main_window import MainWindow

    with create_profile(context.data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF) as store:
        Services(store, today=lambda: TODAY).families.add_family(name="Gezin Flow", status="actief")
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 1, timeout=10_000)
    window.caseload.table.selectRow(0)
    window.open_family(window.caseload.selected_family_id())
    yield window
    _close(qtbot, context)


def _answers(monkeypatch: pytest.MonkeyPatch, path: Path, opened: list[str]) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Open)
    monkeypatch.setattr(
        "regiedesk.ui.report_dialog.QDesktopServices.openUrl",
        lambda url: opened.append(url.toLocalFile()) or True,
    )


def test_progress_report_with_the_typed_account_and_one_chosen_note(
    qtbot, context: AppContext, opened: Services, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    family = opened.families.list_families(search="Achterberg")[0]
    notes = opened.notes.list_notes(family.id)
    dialog = ReportDialog(context, family.id, family.name, kind=Kind.PROGRESS)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.notes.count() == len(notes), timeout=10_000)
    assert dialog.text.isVisible() and dialog.start.isVisible()
    qtbot.keyClicks(dialog.text, "Het gaat de goede kant op met ")  # typed (ASCII only)
    dialog.text.insertPlainText("Zoë.")
    dialog.notes.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.start.setDate(dt.date(2024, 11, 24))
    dialog.end.setDate(TODAY)
    out = tmp_path / "voortgang.pdf"
    seen: list[str] = []
    _answers(monkeypatch, out, seen)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.saved_to == out, timeout=30_000)
    assert seen == [str(out)]  # offered to open, and opened
    whole = flat(" ".join(pages(out.read_bytes())))
    assert "Het gaat de goede kant op met Zoë." in whole
    assert notes[0].title in whole and all(n.title not in whole for n in notes[1:])
    events = opened.store.query("SELECT client, objects FROM audit_log WHERE event = 'print'")
    assert [e["client"] for e in events] == [family.id]


def test_plan_hides_the_period_and_a_failure_is_shown(
    qtbot, context: AppContext, opened: Services, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    family = opened.families.list_families()[0]
    dialog = ReportDialog(context, family.id, family.name)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.chosen == Kind.PLAN
    assert not dialog.start.isVisible() and not dialog.text.isVisible()
    assert dialog.suggested_name() == f"Gezinsplan {family.name} 2026-11-24.pdf"
    inside = context.data_dir / "plan.pdf"  # the profile's folder is refused
    _answers(monkeypatch, inside, [])
    shown: list[BaseException] = []
    monkeypatch.setattr("regiedesk.ui.report_dialog.show_error", lambda w, e: shown.append(e))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert "map van het profiel" in str(shown[0]) and not inside.exists()
    assert dialog.save_button.isEnabled() and dialog.isVisible()  # try again elsewhere


def test_the_hours_of_every_family_without_a_family(
    qtbot, context: AppContext, opened: Services, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    dialog = ReportDialog(context, kind=Kind.HOURS)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.kind.count() == 1 and dialog.chosen == Kind.HOURS
    assert (dialog.start.date().toPython(), dialog.end.date().toPython()) == (
        dt.date(2026, 10, 1),
        dt.date(2026, 10, 31),
    )
    out = tmp_path / "uren"  # no suffix typed: .pdf is added
    _answers(monkeypatch, out, [])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Close)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.saved_to is not None, timeout=30_000)
    assert dialog.saved_to == tmp_path / "uren.pdf"
    assert "Urenverantwoording" in pages((tmp_path / "uren.pdf").read_bytes())[0]


def test_ctrl_p_from_the_family_and_a_lock_keeps_the_typed_account(
    qtbot,
    family_window,  # type: ignore[no-untyped-def]
) -> None:
    window = family_window
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.report_dialog is not None, timeout=10_000)
    dialog = window.report_dialog
    assert dialog.family_name == "Gezin Flow" and dialog.chosen == Kind.PLAN
    dialog.kind.setCurrentIndex(dialog.kind.findData(Kind.PROGRESS.value))
    dialog.text.setPlainText("Een toelichting die niet verloren mag gaan.")
    window.lock()
    assert window.report_dialog is None  # closed with the lock
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 1, timeout=10_000)
    window.caseload.table.selectRow(0)
    window.activateWindow()  # the dialog had the focus when the lock came
    qtbot.waitUntil(window.isActiveWindow, timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.report_dialog is not None, timeout=10_000)
    again = window.report_dialog
    qtbot.waitUntil(
        lambda: again.text.toPlainText() == "Een toelichting die niet verloren mag gaan.",
        timeout=10_000,
    )  # the draft came back, from the encrypted profile


def test_ctrl_shift_p_opens_the_hours_of_every_family(qtbot, family_window) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    qtbot.keyClick(
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.report_dialog
    assert dialog is not None and dialog.family_id is None and dialog.chosen == Kind.HOURS


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_control_is_named_and_reachable_by_a_unique_alt_letter(
    qtbot, context: AppContext, opened: Services, language: str
) -> None:  # type: ignore[no-untyped-def]

    from regiedesk.ui.translations import install_language

    from .keyboard import duplicate_mnemonics, form_texts, unnamed

    app = QApplication.instance()
    install_language(app, language)
    try:
        family = opened.families.list_families()[0]
        dialog = ReportDialog(context, family.id, family.name, kind=Kind.PROGRESS)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.windowTitle() == (
            "Print a report" if language == "en" else "Rapport afdrukken"
        )
        assert unnamed(dialog) == []
        assert duplicate_mnemonics(form_texts(dialog)) == {}
    finally:
        install_language(app, "nl")


def test_quitting_keeps_the_typed_account(qtbot, family_window, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    window.open_report()
    qtbot.waitUntil(lambda: window.report_dialog is not None, timeout=10_000)
    dialog = window.report_dialog
    family_id = dialog.family_id
    dialog.text.setPlainText("Getypt vlak voor het afsluiten.")
    window.close()
    qtbot.waitUntil(lambda: context.worker.idle, timeout=30_000)
    with open_profile(context.data_dir, PASSPHRASE) as store:
        assert Services(store).drafts.get_draft(f"report-text:{family_id}") == (
            "Getypt vlak voor het afsluiten."
        )
