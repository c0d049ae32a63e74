"""The team leader's workspace over a real server with a demo team, for the UI tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from regiedesk.services import Services
from regiedesk.store import create_profile, open_profile
from regiedesk.ui.team.workspace import TeamWorkspace
from regiedesk.ui.worker import DbWorker

from ..conftest import FAST_KDF, TODAY
from ..server.conftest import Running, serving
from ..server.demo_team import demo_team

PASSPHRASE = "teamleider wachtwoord"


@pytest.fixture
def team_server(tmp_path: Path) -> Iterator[tuple[Running, str]]:
    """A SQLite server with a team of three caseworkers and their families; the leader's token."""
    with serving(f"sqlite:///{tmp_path / 'server.db'}") as server:
        leader = demo_team(
            server, ["anna", "bert", "chris"], families=3, today=TODAY, days=120, seed=3
        )
        yield server, leader


def open_workspace(
    qtbot: Any, tmp_path: Path, fetch: Any, **options: Any
) -> tuple[TeamWorkspace, DbWorker]:
    """The workspace over the profile in ``tmp_path / "profile"`` (made the first time)."""
    folder = tmp_path / "profile"
    store = (
        create_profile(folder, PASSPHRASE, user="teun", kdf=FAST_KDF)
        if not folder.exists()
        else open_profile(folder, PASSPHRASE)
    )
    worker = DbWorker()
    services = Services.over(store, today=lambda: TODAY)
    workspace = TeamWorkspace(services, worker, fetch, **options)
    qtbot.addWidget(workspace)
    workspace.show()
    return workspace, worker


def close(workspace: TeamWorkspace, worker: DbWorker) -> None:
    workspace.shutdown()
    store = workspace.services.store
    worker.submit(store.close)
    worker.shutdown()
