"""Issue 10, 3: signing in on a team leader's profile opens the team workspace, not the
caseload; the window's F5 refreshes the figures; a lock drops them from the window."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from regiedesk.store import create_profile
from regiedesk.ui.caseload import CaseloadPage
from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.unlock import StartPage

from ..conftest import FAST_KDF
from .conftest import PASSPHRASE
from .keyboard import activate
from .language import switch_language
from .test_team_workspace import team_server  # noqa: F401  (a fixture)


@pytest.fixture(params=["teamleader", None])
def leader_window(
    qtbot: Any, context: AppContext, request: pytest.FixtureRequest, open_window: Any
) -> Iterator[MainWindow]:
    """The leader's profile; without its role (``None``): connected before the profile kept
    it, so the unlock asks the server."""
    server, token = request.getfixturevalue("team_server")
    store = create_profile(context.data_dir, PASSPHRASE, user="teun", kdf=FAST_KDF)
    metas = {"server_url": server.url, "device_token": token, "server_device_id": "x"}
    if request.param is not None:
        metas["server_role"] = request.param
    store.set_metas(metas)
    store.close()
    window = open_window()
    yield window
    window.close_team()


def test_a_team_leader_signs_in_to_the_team_workspace(
    qtbot: Any, leader_window: MainWindow
) -> None:
    window = leader_window
    assert window.team is not None and window.pages.currentWidget() is window.team
    assert not window.sync.active  # a team leader's device syncs no caseload
    assert window.context.services is not None
    assert window.context.services.store.meta("server_role") == "teamleader"  # kept
    qtbot.waitUntil(
        lambda: window.team is not None and window.team.snapshot is not None, timeout=20_000
    )
    assert window.team.team_table.rowCount() == 3
    first = window.team.snapshot
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(
        lambda: window.team is not None and window.team.snapshot is not first, timeout=20_000
    )
    window.lock()
    assert window.team is None and window.pages.currentWidget() is window.unlock_page


def test_the_caseload_is_made_when_asked_for_in_the_language_of_then(
    qtbot: Any, leader_window: MainWindow
) -> None:
    """A team leader never sees the caseload: the window makes it (and the start page) only
    when asked for; made after a change of language, it comes up in the new one, in its
    place in the stack (after the unlock page, before the team workspace), not shown."""
    window = leader_window
    assert window.team is not None
    assert window.findChild(CaseloadPage) is None and window.findChild(StartPage) is None
    switch_language(qtbot, window, "en")  # retranslates a window without them
    page = window.caseload
    assert window.findChild(CaseloadPage) is page
    assert page.title.text() == "<h2>My families</h2>"
    assert page.new_button.text() == "&New family"
    assert [window.pages.widget(i) for i in range(window.pages.count())] == [
        window.unlock_page, page, window.team,
    ]  # fmt: skip
    assert window.pages.currentWidget() is window.team
    switch_language(qtbot, window, "nl")
    assert page.title.text() == "<h2>Mijn gezinnen</h2>"
