"""Issue 10, 3 and issue 11: the team leader's actions and the Teamrapportage from the
team workspace, over a real server and a real encrypted profile.

Every request runs on the workspace's network thread, the report on the database
thread; the dialogs are worked by keyboard; a refusal is said in plain Dutch inside
the dialog, with what was typed kept.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QMessageBox

from regiedesk.services.team import fetch_team
from regiedesk.sync.client import TeamClient
from regiedesk.team_demo import SECRET
from regiedesk.ui.team.actions import ActionDialog
from regiedesk.ui.team.workspace import TeamWorkspace
from regiedesk.ui.worker import DbWorker
from regiedesk.ui.workspace.base import set_date

from ..server.conftest import Running
from .team_world import close, open_workspace, team_server

__all__ = ["team_server"]  # the fixture the team fixture is made of
WAIT = 20_000


class Team:
    """The workspace with fetch and act over the server, and the threads they ran on."""

    def __init__(self, qtbot: Any, tmp_path: Path, server: Running, leader: str) -> None:
        self.qtbot, self.server = qtbot, server
        self.threads: list[str] = []

        def fetch(start: dt.date, end: dt.date, who: str | None) -> Any:
            with closing(TeamClient(server.url, leader)) as client:
                return fetch_team(client, start, end, who)

        def act(job: Any) -> Any:
            self.threads.append(threading.current_thread().name)
            with closing(TeamClient(server.url, leader)) as client:
                return job(client)

        self.workspace, self.worker = open_workspace(qtbot, tmp_path, fetch, act=act)
        qtbot.waitUntil(lambda: self.workspace.snapshot is not None, timeout=WAIT)

    def refreshed(self, check: Any) -> None:
        """Wait until the figures fetched after an action satisfy ``check``."""
        self.qtbot.waitUntil(lambda: check(self.workspace.snapshot), timeout=WAIT)

    def pick_family(self, caseworker: str) -> dict[str, Any]:
        """Select the first family of ``caseworker`` in the families table (by keyboard)."""
        ws = self.workspace
        ws.tabs.setCurrentIndex(1)
        table = ws.families_table
        row = next(r for r in range(table.rowCount()) if table.item(r, 1).text() == caseworker)
        table.setFocus()
        table.setCurrentCell(row, 0)
        family = ws.chosen_family()
        assert family is not None and family["caseworker"] == caseworker
        return dict(family)

    def dialog(self, button: Any) -> ActionDialog:
        button.click()
        dialog = self.workspace.dialog
        self.qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
        return dialog

    def accept(self, dialog: ActionDialog) -> None:
        """Enter in the dialog, then wait for its answer."""
        focus = dialog.focusWidget() or dialog
        self.qtbot.keyClick(focus, Qt.Key.Key_Return)
        self.qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=WAIT)

    def close(self) -> None:
        close(self.workspace, self.worker)


@pytest.fixture
def team(qtbot: Any, tmp_path: Path, team_server: tuple[Running, str]) -> Iterator[Team]:
    made = Team(qtbot, tmp_path, *team_server)
    yield made
    made.close()


def choose(qtbot: Any, combo: QComboBox, name: str) -> None:
    """Type the first letter in the combo box, as a keyboard user does."""
    combo.setFocus()
    qtbot.keyClicks(combo, name[0])
    assert combo.currentData() == name


def caseworker_of(server: Running, family: str) -> str:
    return str(
        server.db.query("SELECT caseworker FROM families WHERE id = ?", (family,))[0]["caseworker"]
    )


def test_register_hand_over_stand_in_and_end_it(qtbot: Any, tmp_path: Path, team: Team) -> None:
    server, ws = team.server, team.workspace
    # a new family, assigned to chris
    dialog = team.dialog(ws.register_button)
    assert dialog.windowTitle() == "Nieuw gezin aanmelden"
    qtbot.keyClicks(dialog.name, "Gezin Jansen-de Vries")  # type: ignore[attr-defined]
    choose(qtbot, dialog.caseworker, "chris")  # type: ignore[attr-defined]
    dialog.name.setFocus()  # type: ignore[attr-defined]
    team.accept(dialog)
    new = dialog.answer["family_id"]
    assert caseworker_of(server, new) == "chris"
    team.refreshed(lambda s: "Gezin Jansen-de Vries" in {f["name"] for f in s.overview["families"]})
    # anna's family handed over to bert
    family = team.pick_family("anna")
    dialog = team.dialog(ws.handover_button)
    assert dialog.caseworker.findData("anna") == -1  # type: ignore[attr-defined]
    choose(qtbot, dialog.caseworker, "bert")  # type: ignore[attr-defined]
    team.accept(dialog)
    assert caseworker_of(server, family["family_id"]) == "bert"
    team.refreshed(
        lambda s: (
            {f["family_id"]: f["caseworker"] for f in s.overview["families"]}.get(
                family["family_id"]
            )
            == "bert"
        )
    )
    # chris stands in for one of bert's families, 1 to 14 December
    family = team.pick_family("bert")
    dialog = team.dialog(ws.stand_in_button)
    choose(qtbot, dialog.caseworker, "chris")  # type: ignore[attr-defined]
    set_date(dialog.start, dt.date(2026, 12, 1))  # type: ignore[attr-defined]
    set_date(dialog.end, dt.date(2026, 12, 14))  # type: ignore[attr-defined]
    team.accept(dialog)
    made = dialog.answer
    assert (made["user"], made["start"], made["end"]) == ("chris", "2026-12-01", "2026-12-14")
    team.refreshed(
        lambda s: any(
            st["id"] == made["id"] for f in s.overview["families"] for st in f["stand_ins"]
        )
    )
    # and ended early: yesterday (the server's) is its last day
    team.pick_family("bert")
    ws.families_table.setCurrentCell(
        next(
            r
            for r in range(ws.families_table.rowCount())
            if ws.families_table.item(r, 0).data(Qt.ItemDataRole.UserRole) == family["family_id"]
        ),
        0,
    )
    dialog = team.dialog(ws.end_stand_in_button)
    assert dialog.stand_in.currentData() == made["id"]  # type: ignore[attr-defined]
    team.accept(dialog)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    assert dialog.answer["end"] == min(yesterday, dt.date(2026, 12, 14)).isoformat()
    kept = server.db.query("SELECT valid_until FROM delegations WHERE id = ?", (made["id"],))
    assert kept[0]["valid_until"] == dialog.answer["end"]
    logged = {r["action"] for r in server.db.query("SELECT action FROM access_log")}
    assert {"team-register", "team-handover", "team-stand-in", "team-stand-in-end"} <= logged
    assert team.threads and all(name.startswith("team-net") for name in team.threads)


def test_refusals_are_said_in_plain_dutch_and_keep_the_form(
    qtbot: Any, tmp_path: Path, team: Team
) -> None:
    server, ws = team.server, team.workspace
    # what the form itself refuses: no server call
    dialog = team.dialog(ws.register_button)
    team.qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert dialog.error.text() == "Vul de naam van het gezin in." and dialog.isVisible()
    dialog.reject()
    family = team.pick_family("anna")
    dialog = team.dialog(ws.stand_in_button)
    set_date(dialog.start, dt.date(2026, 12, 10))  # type: ignore[attr-defined]
    set_date(dialog.end, dt.date(2026, 12, 1))  # type: ignore[attr-defined]
    dialog.end.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClick(dialog.end, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert "vóór de eerste dag" in dialog.error.text()
    assert not team.threads  # nothing went to the server
    dialog.reject()
    # bert left the team after the figures were fetched: the server refuses, said plainly
    server.db.execute("DELETE FROM team_members WHERE user_name = 'bert'")
    dialog = team.dialog(ws.handover_button)
    choose(qtbot, dialog.caseworker, "bert")  # type: ignore[attr-defined]
    qtbot.keyClick(dialog.caseworker, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "hoort niet (meer) bij uw team" in dialog.error.text(), timeout=WAIT)
    assert "F5" in dialog.error.text() and dialog.isVisible() and dialog.ok.isEnabled()
    assert dialog.caseworker.currentData() == "bert"  # type: ignore[attr-defined]
    assert caseworker_of(server, family["family_id"]) == "anna"
    dialog.reject()
    # offline: no client at all
    ws.act = None
    dialog = team.dialog(ws.register_button)
    qtbot.keyClicks(dialog.name, "Gezin Jansen")  # type: ignore[attr-defined]
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert dialog.error.text().startswith("De server is niet bereikbaar")
    dialog.reject()


def test_the_team_report_is_made_off_the_gui_thread_and_saved_where_chosen(
    qtbot: Any, tmp_path: Path, team: Team
) -> None:
    ws = team.workspace
    target = tmp_path / "out" / "team"
    target.parent.mkdir()
    asked: list[str] = []

    def ask(parent: Any, suggested: str) -> Path:
        asked.append(suggested)
        return target.with_suffix(".pdf")

    ws.ask_report_path = ask
    threads: list[str] = []
    original = DbWorker.submit

    def spy(self: DbWorker, fn: Any, *rest: Any) -> Any:
        def recorded() -> Any:
            threads.append(threading.current_thread().name)
            return fn()

        return original(self, recorded, *rest)

    DbWorker.submit = spy  # type: ignore[method-assign]
    try:
        ws.report_button.click()
        qtbot.waitUntil(lambda: getattr(ws, "saved_report", None) is not None, timeout=WAIT)
    finally:
        DbWorker.submit = original  # type: ignore[method-assign]
    assert asked and asked[0].startswith("Teamrapportage Oost 2026-")
    assert threads and threading.main_thread().name not in threads
    pdf = target.with_suffix(".pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Teamrapportage" in text and "Vertrouwelijk" in text
    assert all(name in text for name in ("anna", "bert", "chris"))
    assert SECRET not in text and "Gezin Anna" not in text  # no family names either
    box = ws.report_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert str(target.with_suffix(".pdf")) in box.text()
    box.button(QMessageBox.StandardButton.Close).click()
    events: list[Any] = []
    store = ws.services.store
    ws.worker.submit(
        lambda: store.query("SELECT client, objects FROM audit_log WHERE event = 'print'"),
        events.extend,
    )
    qtbot.waitUntil(lambda: bool(events), timeout=WAIT)
    assert [e["client"] for e in events] == [None]  # the team report: about no client
    assert list(target.parent.iterdir()) == [target.with_suffix(".pdf")]


def test_the_buttons_say_what_to_do_without_figures(qtbot: Any, tmp_path: Path) -> None:
    workspace, worker = open_workspace(qtbot, tmp_path, None)
    assert isinstance(workspace, TeamWorkspace)
    qtbot.waitUntil(lambda: "Nog geen cijfers" in workspace.status.text(), timeout=WAIT)
    workspace.handover_button.click()
    assert workspace.status.text() == "Kies eerst een gezin op het tabblad Gezinnen."
    workspace.report_button.click()
    assert "Nog geen cijfers" in workspace.status.text()
    close(workspace, worker)


def test_the_dialogs_and_refusals_in_english(
    qtbot: Any, tmp_path: Path, team_server: tuple[Running, str]
) -> None:
    from PySide6.QtWidgets import QApplication

    from regiedesk import i18n
    from regiedesk.errors import TeamActionRefused
    from regiedesk.ui.translations import install_language

    app = QApplication.instance()
    assert app is not None
    team = Team(qtbot, tmp_path, *team_server)
    try:
        install_language(app, "en")
        ws = team.workspace
        qtbot.waitUntil(lambda: ws.handover_button.text() == "Han&d over…", timeout=WAIT)
        assert ws.report_button.text() == "Team re&port…"
        team.pick_family("anna")
        dialog = team.dialog(ws.stand_in_button)
        assert dialog.windowTitle() == "Arrange a stand-in"
        assert dialog.ok.text() == "Record the stand-in"
        dialog.reject()
        refused = TeamActionRefused("stand-in", 400, "bad_body")
        assert refused.message.startswith("A caseworker cannot stand in for their own family")
    finally:
        install_language(app, "nl")
        i18n.set_language(None)
        team.close()
