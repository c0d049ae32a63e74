# ruff: noqa: F811  (pytest fixtures imported from the server tests are used as arguments)
"""A long working day in the real app, then Ctrl+Q: the process must end cleanly.

Each run is a process of its own, started as `regiedesk` starts (see `long_session.py`),
on a real profile linked to a real server over HTTP; the runs follow each other on the
same profile, as a caseworker's days do. Quitting after a long session used to end in
"Fatal Python error: bool_dealloc" and exit code 134 (see docs/architecture.md).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from regiedesk.services.families import FamilyService
from regiedesk.store import create_profile

from ..conftest import FAST_KDF
from ..server.conftest import Running, db_url, server  # noqa: F401  (fixtures)
from .conftest import PASSPHRASE
from .test_sync_ui import register

ROOT = Path(__file__).resolve().parents[2]
RUNS = 3
ROUNDS = 2  # each round: every tab of every family, a sync, a lock and an unlock
FAMILIES = (
    ("Gezin Jansen", "Moeder Jansen"),
    ("Gezin El Amrani", "Vader El Amrani"),
    ("Gezin De Vries", "Oma De Vries"),
)
FATAL = "Fatal Python error"

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def profile_on(server: Running, data_dir: Path) -> None:
    store = create_profile(data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    families = FamilyService(store, today=dt.date.today)
    for name, member in FAMILIES:
        family = families.add_family(name=name, status="actief", start_date=dt.date(2026, 1, 5))
        families.add_member(family.id, name=member, role="ouder")
    register(server, store, "anna")
    store.close()


def long_day(tmp_path: Path, data_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # the app's QSettings, not the user's
        "PYTHONPATH": str(ROOT),
    }
    session = [str(data_dir), str(tmp_path / "logs"), PASSPHRASE, str(ROUNDS)]
    return subprocess.run(
        [sys.executable, "-X", "faulthandler", *extra, "-m", "tests.ui.long_session", *session],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_quitting_after_a_long_day_ends_the_process_cleanly(
    tmp_path: Path, server: Running
) -> None:
    data_dir = tmp_path / "data"
    profile_on(server, data_dir)
    for run in range(RUNS):
        day = long_day(tmp_path, data_dir)
        said = f"run {run + 1}: exit code {day.returncode}\n{day.stdout}\n{day.stderr[-4000:]}"
        assert FATAL not in day.stderr, said
        assert day.returncode == 0, said
        session = re.search(r"SESSION actions=(\d+)", day.stdout)
        assert session is not None, said
        assert int(session.group(1)) >= 300, said  # hundreds of actions, not a short visit
