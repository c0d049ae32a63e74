"""A laptop that is not linked to a server says so: after a failed connect, in the status
bar, and on F5 (it was blank and silent, and a failed connect promised a sync)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from regiedesk import i18n
from regiedesk.store import create_profile
from regiedesk.sync.client import SyncClient
from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.sync import SyncState

from ..conftest import FAST_KDF
from .conftest import PASSPHRASE, by_name
from .failing import read_error
from .test_practice import open_practice

WAIT = 15_000
URL = "https://regiedesk.jeugdzorg-oost.example"


class Unplugged(httpx.BaseTransport):
    def __init__(self) -> None:
        self.requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        raise httpx.ConnectError("unplugged", request=request)


@pytest.fixture
def unplugged() -> Unplugged:
    return Unplugged()


@pytest.fixture
def real_window(  # type: ignore[no-untyped-def]
    qtbot, context: AppContext, unplugged: Unplugged, open_window
) -> Iterator[MainWindow]:
    create_profile(context.data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF).close()
    context.sync_client = lambda url, token: SyncClient(url, token, transport=unplugged)
    window = open_window()
    qtbot.waitUntil(lambda: window.sync.known, timeout=WAIT)
    yield window
    window.sync.shutdown()
    window.set_language("nl")
    i18n.set_language(None)


def test_a_failed_connect_says_nothing_is_linked(  # type: ignore[no-untyped-def]
    qtbot, real_window: MainWindow, unplugged: Unplugged
) -> None:
    window = real_window
    assert window.sync_label.text() == "Niet gekoppeld met een server"
    assert "Koppelen met de server" in window.sync_label.toolTip()
    window.act_connect.trigger()
    dialog = window.connect_dialog
    assert dialog is not None
    dialog.server.setText(URL)
    qtbot.keyClicks(by_name(dialog, "Gebruikersnaam", QLineEdit), "anna")
    qtbot.keyClicks(by_name(dialog, "Wachtwoord voor de server", QLineEdit), "geheim")
    dialog.accept()
    text = read_error(qtbot, dialog)
    assert unplugged.requests == 1
    assert "gewoon doorwerken" not in text and "zodra er verbinding is" not in text
    assert "niet gekoppeld" in text and "niet bereikbaar" in text
    assert "Koppelen met de server" in text  # what to do
    assert window.sync.status.state is SyncState.NOT_CONNECTED
    assert window.sync_label.text() == "Niet gekoppeld met een server"


def test_f5_says_what_to_do_when_not_linked(  # type: ignore[no-untyped-def]
    qtbot, real_window: MainWindow, unplugged: Unplugged
) -> None:
    window = real_window
    qtbot.keyClick(window, Qt.Key.Key_F5)
    message = window.statusBar().currentMessage()
    assert "niet gekoppeld" in message and "Koppelen met de server" in message
    assert unplugged.requests == 0  # nothing to sync with
    window.set_language("en")
    qtbot.waitUntil(lambda: window.sync_label.text() == "Not connected to a server")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert "not connected" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.sync_label.text() == ""  # nothing about a locked profile
    assert window.statusBar().currentMessage() == ""  # F5's message went with the lock


def test_the_practice_profile_says_it_never_syncs(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_practice(qtbot, window, "Oefenomgeving openen")
    assert window.sync_label.text() == "Oefenomgeving: synchroniseert nooit"
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert "synchroniseert nooit" in window.statusBar().currentMessage()
