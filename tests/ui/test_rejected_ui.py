"""Work the server refused: seen, read field by field and dismissed in the window."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QTableWidget

from regiedesk import i18n
from regiedesk.services.families import FamilyService
from regiedesk.services.hours import HoursService
from regiedesk.store import create_profile
from regiedesk.sync.protocol import Op, Reason
from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.rejected_dialog import OPS, REASONS, RejectedDialog
from regiedesk.ui.sync import SyncState
from regiedesk.ui.translations import install_language

from ..conftest import FAST_KDF
from ..refusing import RefusingServer, sync_with
from .conftest import PASSPHRASE, TODAY, button, by_name

WAIT = 10_000
REFUSALS = {"hours": Reason.OUT_OF_SCOPE, "families": Reason.HANDOVER_BY_TEAMLEADER_ONLY}


@pytest.fixture
def refused_window(qtbot, context: AppContext, open_window) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """Anna's hours in a family handed over meanwhile (gone from the laptop), and a rename
    of a family she keeps: both refused by the server, set aside by the real engine."""
    store = create_profile(context.data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    families = FamilyService(store, today=lambda: TODAY)
    gone = families.add_family(name="Gezin Weg", status="actief")
    kept = families.add_family(name="Gezin Blijft", status="actief")
    sync_with(store, lambda m: None, [gone.id, kept.id])
    HoursService(store, today=lambda: TODAY).add_entry(
        gone.id, date=dt.date(2026, 11, 23), minutes=45, activity="huisbezoek"
    )
    families.update_family(kept.id, name="Gezin Blijft-Anders")
    report = sync_with(store, lambda m: REFUSALS[m["entity"]], [kept.id])
    assert (report.rejected, report.purged, report.set_aside) == (2, 1, 2)
    store.set_metas({"server_url": "https://regiedesk.test", "device_token": "t"})
    store.close()
    context.sync_client = lambda url, token: RefusingServer(lambda m: None, [kept.id])  # type: ignore[assignment, return-value]
    window = open_window()
    qtbot.waitUntil(
        lambda: window.sync.status.state is SyncState.IDLE and window.sync.status.set_aside == 2,
        timeout=WAIT,
    )
    yield window
    window.sync.shutdown()
    app = QApplication.instance()
    assert app is not None
    install_language(app, "nl")  # a test may have switched to English
    i18n.set_language(None)


def menu_action(window: MainWindow, text: str) -> QAction:
    found = [a for a in window.menu_file.actions() if a.text().replace("&", "") == text]
    assert found, text
    return found[0]


def open_dialog(qtbot, window: MainWindow) -> tuple[RejectedDialog, QTableWidget]:  # type: ignore[no-untyped-def]
    dialog = window.rejected_dialog
    assert dialog is not None and dialog.isVisible()
    table = by_name(dialog, dialog.tr("Apart gezet werk"), QTableWidget)
    assert isinstance(table, QTableWidget)
    qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=WAIT)
    return dialog, table


def cells(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def last_audit(window: MainWindow) -> dict[str, Any]:
    box: list[Any] = []
    window.context.run(
        lambda s: s.store.query("SELECT event, objects FROM audit_log ORDER BY seq DESC LIMIT 1"),
        box.append,
        box.append,
    )
    deadline = dt.datetime.now() + dt.timedelta(seconds=10)
    while not box:
        assert dt.datetime.now() < deadline
        QCoreApplication.processEvents()
    assert not isinstance(box[0], BaseException)
    return dict(box[0][0])


def test_set_aside_work_is_shown_read_and_dismissed(  # type: ignore[no-untyped-def]
    qtbot, refused_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = refused_window
    assert "2 geweigerd, bewaard" in window.sync_label.text()
    action = menu_action(window, "Apart gezet werk...")
    assert action.isEnabled()
    action.trigger()
    dialog, table = open_dialog(qtbot, window)
    assert dialog.windowTitle() == "Apart gezet werk"
    shown = sorted(cells(table), key=lambda row: row[1])
    hours, family = (r for r in shown if r[1] == "urenregel"), (r for r in shown if r[1] == "gezin")
    (hours_row,), (family_row,) = list(hours), list(family)
    assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d", hours_row[0])
    assert hours_row[2:] == [
        "gezin niet meer op deze laptop",
        "nieuw",
        "Dit gezin staat niet (meer) op uw naam, bijvoorbeeld na een overdracht of een "
        "afgelopen waarneming.",
    ]
    assert family_row[2:] == [
        "Gezin Blijft-Anders",
        "gewijzigd",
        "Alleen een teamleider kan een gezin aan een andere regisseur overdragen.",
    ]
    read = last_audit(window)
    assert read["event"] == "read" and "hours/" in read["objects"]

    fields = by_name(dialog, "Gewijzigde velden", QTableWidget)
    assert isinstance(fields, QTableWidget)
    hours_index = cells(table).index(hours_row)
    table.selectRow(hours_index)
    assert ["minuten", "45"] in cells(fields)
    assert ["activiteit", "huisbezoek"] in cells(fields)
    assert ["datum", "23-11-2026"] in cells(fields)
    table.selectRow(1 - hours_index)
    assert cells(fields) == [["naam", "Gezin Blijft-Anders"]]

    asked: list[str] = []

    def yes(parent, title, text, *args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    table.selectRow(hours_index)
    remove = button(dialog, "Verwijderen")
    assert remove.accessibleName() == "Geselecteerd werk verwijderen"
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert asked and "definitief" in asked[0]
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=WAIT)
    assert cells(table)[0][1] == "gezin"
    dismissed = last_audit(window)
    assert dismissed["event"] == "delete"
    assert json.loads(dismissed["objects"])[0].startswith("hours/")
    qtbot.waitUntil(lambda: window.sync.status.set_aside == 1, timeout=WAIT)
    assert "1 geweigerd, bewaard" in window.sync_label.text()

    qtbot.keyClick(table, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_nothing_is_removed_without_a_yes(  # type: ignore[no-untyped-def]
    qtbot, refused_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = refused_window
    window.act_rejected.trigger()
    dialog, table = open_dialog(qtbot, window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    table.selectAll()
    qtbot.mouseClick(button(dialog, "Verwijderen"), Qt.MouseButton.LeftButton)
    assert last_audit(window)["event"] == "read"
    assert table.rowCount() == 2


def test_the_status_bar_link_opens_it_in_english(qtbot, refused_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = refused_window
    window.set_language("en")
    qtbot.waitUntil(lambda: "2 refused, kept" in window.sync_label.text(), timeout=WAIT)
    assert menu_action(window, "Set-aside work...").isEnabled()
    window.sync_label.linkActivated.emit("set-aside")  # what a click on the count does
    dialog, table = open_dialog(qtbot, window)
    assert dialog.windowTitle() == "Set-aside work"
    assert table.accessibleName() == "Set-aside work"
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Refused on", "Kind", "Family", "What", "Reason"]
    shown = {row[1]: row for row in cells(table)}
    assert shown["hours entry"][2:4] == ["family no longer on this laptop", "new"]
    assert shown["hours entry"][4].startswith("This family is not (or no longer) assigned")
    assert shown["family"][3:] == [
        "changed",
        "Only a team leader can hand a family over to another caseworker.",
    ]
    assert button(dialog, "Remove").accessibleName() == "Remove the selected work"
    assert button(dialog, "Close")
    table.selectRow(list(shown).index("hours entry"))
    fields = by_name(dialog, "Changed fields", QTableWidget)
    assert isinstance(fields, QTableWidget)
    assert ["minutes", "45"] in cells(fields)


def test_locking_closes_it(qtbot, refused_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = refused_window
    window.act_rejected.trigger()
    dialog, _table = open_dialog(qtbot, window)
    window.lock()
    assert window.rejected_dialog is None and not dialog.isVisible()
    assert not window.act_rejected.isEnabled()


def test_every_refusal_reason_and_op_of_the_protocol_has_a_text() -> None:
    """A reason the server may give, or an op a change may carry, never shows as a code."""
    assert set(REASONS) == set(Reason)
    assert set(OPS) == set(Op)
