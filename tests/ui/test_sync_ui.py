# ruff: noqa: F811  (pytest fixtures imported from the server tests are used as arguments)
"""Sync in the window: a real server over HTTP, the real window, the network thread."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from regiedesk.services import Services
from regiedesk.store import Store, create_profile
from regiedesk.store.profile import KEY_FILE
from regiedesk.sync import engine as sync_engine
from regiedesk.sync.client import SyncClient, SyncEngine
from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.sync import SyncController, SyncState
from regiedesk.ui.workspace.merge_dialog import MergeDialog
from regiedesk.ui.workspace.notes_tab import NotesTab

from ..conftest import FAST_KDF
from ..server.conftest import PASSWORD, Running, db_url, server  # noqa: F401  (fixtures)
from .closing import close_profile
from .conftest import PASSPHRASE, TODAY, button, by_name
from .test_flows import go_to_tab, unlock

WAIT = 15_000
pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


class Switch(httpx.BaseTransport):
    """A transport whose connection can be pulled out, and whose pushes can be held."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.down = False
        self.hold_push: threading.Event | None = None
        self.pushes = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("unplugged", request=request)
        if request.url.path.endswith("/sync/push"):  # the changes, not the audit trail
            self.pushes += 1
            if self.hold_push is not None:
                self.hold_push.wait(10)
        return self.inner.handle_request(request)

    def close(self) -> None:  # shared by every client the window makes; closed by the fixture
        pass


def register(server: Running, store: Store, user: str) -> None:
    if not server.db.query("SELECT 1 AS x FROM users WHERE name = ?", (user,)):
        server.add_user(user)
    registrar = SyncClient(server.url)
    answer = registrar.register(user, PASSWORD, user, None)
    registrar.close()
    store.set_metas(
        {"server_url": server.url, "device_token": answer["token"], "server_device_id": "x"}
    )


@pytest.fixture
def switch() -> Iterator[Switch]:
    transport = Switch()
    yield transport
    transport.inner.close()


@pytest.fixture
def fast_timers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SyncController, "AFTER_CHANGE_MS", 50)
    monkeypatch.setattr(SyncController, "RETRY_MS", (200,))


@pytest.fixture
def connected_window(  # type: ignore[no-untyped-def]
    qtbot, context: AppContext, server: Running, switch: Switch, fast_timers: None
) -> Iterator[MainWindow]:
    store = create_profile(context.data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    register(server, store, "anna")
    store.close()
    context.sync_client = lambda url, token: SyncClient(url, token, transport=switch)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    yield window
    window.sync.shutdown()
    close_profile(context)


def state(window: MainWindow) -> SyncState:
    return window.sync.status.state


def run(window: MainWindow, fn: Any) -> Any:
    """Run a service call on the window's database thread and wait for it."""
    box: list[Any] = []
    window.context.run(fn, box.append, box.append)
    deadline = dt.datetime.now() + dt.timedelta(seconds=10)
    while not box:
        assert dt.datetime.now() < deadline
        from PySide6.QtCore import QCoreApplication

        QCoreApplication.processEvents()
    if isinstance(box[0], BaseException):
        raise box[0]
    return box[0]


def server_changes(server: Running) -> int:
    return int(server.db.query("SELECT count(*) AS n FROM changes")[0]["n"])


def test_a_change_is_synced_in_the_background_and_shown(
    qtbot, connected_window: MainWindow, server: Running
) -> None:  # type: ignore[no-untyped-def]
    window = connected_window
    qtbot.waitUntil(lambda: state(window) is SyncState.IDLE, timeout=WAIT)
    assert window.sync_label.text().startswith("Gesynchroniseerd")
    run(window, lambda s: s.families.add_family(name="Gezin Achtergrond", status="actief"))
    qtbot.waitUntil(lambda: server_changes(server) == 1, timeout=WAIT)  # nobody pressed a key
    qtbot.waitUntil(
        lambda: state(window) is SyncState.IDLE and window.sync.status.waiting == 0, timeout=WAIT
    )
    assert "wacht" not in window.sync_label.text()


def test_offline_work_waits_and_goes_when_the_connection_returns(
    qtbot, connected_window: MainWindow, server: Running, switch: Switch
) -> None:  # type: ignore[no-untyped-def]
    window = connected_window
    qtbot.waitUntil(lambda: state(window) is SyncState.IDLE, timeout=WAIT)
    switch.down = True
    run(window, lambda s: s.families.add_family(name="Gezin Offline", status="actief"))
    qtbot.waitUntil(lambda: state(window) is SyncState.OFFLINE, timeout=WAIT)
    assert window.sync_label.text() == "Offline · 1 wijziging wacht"
    assert "doorwerken" in window.sync_label.toolTip()
    assert server_changes(server) == 0
    pushes = switch.pushes
    switch.down = False  # the connection is back: the retry pushes without a new change
    qtbot.waitUntil(lambda: server_changes(server) == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: state(window) is SyncState.IDLE, timeout=WAIT)
    assert switch.pushes == pushes + 1
    assert window.sync.status.waiting == 0


def test_a_sync_can_be_cancelled_between_batches(
    qtbot, connected_window: MainWindow, server: Running, switch: Switch, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window = connected_window
    qtbot.waitUntil(lambda: state(window) is SyncState.IDLE, timeout=WAIT)
    monkeypatch.setattr(sync_engine, "PUSH_BATCH", 1)
    monkeypatch.setattr(SyncController, "AFTER_CHANGE_MS", 60_000)
    window.sync._after_change.setInterval(60_000)
    run(window, lambda s: [s.families.add_family(name=f"Gezin {i}") for i in range(3)])
    switch.hold_push = threading.Event()
    pushes = switch.pushes
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: switch.pushes == pushes + 1, timeout=WAIT)  # the first is on the wire
    assert state(window) is SyncState.SYNCING
    assert window.cancel_sync_button.isVisible() and window.act_cancel_sync.isEnabled()
    window.cancel_sync_button.click()
    switch.hold_push.set()
    qtbot.waitUntil(lambda: state(window) is SyncState.IDLE, timeout=WAIT)
    assert not window.cancel_sync_button.isVisible()
    assert server_changes(server) == 1  # the batch on the wire went; the rest waits
    assert window.sync.status.waiting == 2
    switch.hold_push = None
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: server_changes(server) == 3, timeout=WAIT)


def test_two_versions_of_a_note_are_merged_in_the_dialog(
    qtbot, connected_window: MainWindow, server: Running, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = connected_window
    qtbot.waitUntil(lambda: state(window) is SyncState.IDLE, timeout=WAIT)
    family, (note, first) = run(
        window,
        lambda s: (
            fam := s.families.add_family(name="Gezin Samen", status="actief"),
            s.notes.add_note(fam.id, title="Bezoek", body="Moeder thuis.\nSchulden besproken."),
        ),
    )
    window.sync.sync_now()
    qtbot.waitUntil(lambda: server_changes(server) == 3, timeout=WAIT)
    # a stand-in edits the same note on another laptop
    server.add_user("bert")
    server.db.execute(
        "INSERT INTO delegations (id, family_id, user_name, valid_from, valid_until)"
        " VALUES ('d1', ?, 'bert', '2000-01-01', '2100-01-01')",
        (family.id,),
    )
    other = create_profile(tmp_path / "bert", "bert passphrase", user="bert", kdf=FAST_KDF)
    register(server, other, "bert")
    other_client = SyncClient(server.url, other.meta("device_token"))
    SyncEngine(other, other_client).sync_once()
    Services.over(other, today=lambda: TODAY).notes.revise_note(
        note.id, body="Moeder en oma thuis.\nSchulden besproken.", parent_id=first.id
    )
    SyncEngine(other, other_client).sync_once()
    other_client.close()
    other.close()
    run(
        window,
        lambda s: s.notes.revise_note(
            note.id, body="Moeder thuis.\nSchulden besproken.\nSchool gebeld.", parent_id=first.id
        ),
    )
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.sync.status.conflicts == 1, timeout=WAIT)
    assert "1 verslag met twee versies" in window.sync_label.text()

    window.caseload.table.selectRow(0)
    qtbot.keyClick(window.caseload.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT)
    tab = go_to_tab(qtbot, window, "Verslagen")
    assert isinstance(tab, NotesTab)
    qtbot.waitUntil(lambda: tab.list.count() == 1, timeout=WAIT)
    tab.list.setCurrentRow(0)
    qtbot.waitUntil(lambda: tab.merge_button.isVisibleTo(tab), timeout=WAIT)
    tab.merge_button.click()
    qtbot.waitUntil(lambda: isinstance(getattr(tab, "merge_dialog", None), MergeDialog))
    dialog = tab.merge_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert dialog.text() == "Moeder en oma thuis.\nSchulden besproken.\nSchool gebeld."
    dialog.result_text.setPlainText(dialog.text() + "\n<<<<<<< over")
    assert not button(dialog, "Samengevoegd verslag opslaan").isEnabled()  # a marker is left
    dialog.result_text.setPlainText("Moeder en oma thuis.\nSchulden besproken.\nSchool gebeld.")
    button(dialog, "Samengevoegd verslag opslaan").click()
    qtbot.waitUntil(lambda: not tab.merge_button.isVisibleTo(tab), timeout=WAIT)
    assert tab.body.toPlainText() == "Moeder en oma thuis.\nSchulden besproken.\nSchool gebeld."
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(
        lambda: state(window) is SyncState.IDLE and window.sync.status.conflicts == 0,
        timeout=WAIT,
    )
    assert len(run(window, lambda s: s.notes.list_revisions(note.id))) == 4  # nothing was lost


def test_a_revoked_laptop_locks_and_wipes_its_profile(
    qtbot, connected_window: MainWindow, server: Running
) -> None:  # type: ignore[no-untyped-def]
    window = connected_window
    qtbot.waitUntil(lambda: state(window) is SyncState.IDLE, timeout=WAIT)
    server.db.execute("UPDATE devices SET revoked = 1")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.context.services is None, timeout=WAIT)
    qtbot.waitUntil(lambda: not (window.context.data_dir / KEY_FILE).exists(), timeout=WAIT)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.start_page, timeout=WAIT)
    assert "ingetrokken" in window.revoked_box.text()


def test_connecting_from_the_window(qtbot, context: AppContext, server: Running) -> None:  # type: ignore[no-untyped-def]
    create_profile(context.data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF).close()
    server.add_user("anna")
    context.settings.server_url = server.url  # as an installer would preset it
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.sync_label.text() == "Niet gekoppeld met een server")
    assert state(window) is SyncState.NOT_CONNECTED
    window.act_connect.trigger()
    dialog = window.connect_dialog
    assert dialog.server.text() == server.url
    qtbot.keyClicks(by_name(dialog, "Gebruikersnaam", QLineEdit), "anna")
    qtbot.keyClicks(by_name(dialog, "Wachtwoord voor de server", QLineEdit), "fout wachtwoord")
    dialog.accept()
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)  # refused: the dialog is back, typed text kept
    assert by_name(dialog, "Gebruikersnaam", QLineEdit).text() == "anna"  # type: ignore[attr-defined]
    field = by_name(dialog, "Wachtwoord voor de server", QLineEdit)
    field.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, PASSWORD)
    dialog.accept()
    qtbot.waitUntil(lambda: state(window) is SyncState.IDLE, timeout=WAIT)
    assert server.db.query("SELECT count(*) AS n FROM devices")[0]["n"] == 1
    window.sync.shutdown()
    close_profile(context)


def test_work_the_server_refused_is_counted_in_the_status_bar(
    qtbot, connected_window: MainWindow, server: Running
) -> None:  # type: ignore[no-untyped-def]
    window = connected_window
    qtbot.waitUntil(lambda: state(window) is SyncState.IDLE, timeout=WAIT)
    family = run(window, lambda s: s.families.add_family(name="Gezin Weg", status="actief"))
    qtbot.waitUntil(lambda: server_changes(server) == 1, timeout=WAIT)
    server.add_user("carla")  # the family is handed over while this laptop is offline ...
    server.db.execute("UPDATE families SET caseworker = 'carla' WHERE id = ?", (family.id,))
    run(window, lambda s: s.families.update_family(family.id, name="Gezin Weg (nog van Anna)"))
    qtbot.waitUntil(lambda: window.sync.status.set_aside == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: state(window) is SyncState.IDLE, timeout=WAIT)
    assert "1 geweigerd, bewaard" in window.sync_label.text()
    assert "export" in window.sync_label.toolTip()
