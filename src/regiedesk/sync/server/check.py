"""`regiedesk-server check`: is this server ready to serve? For monitoring and upgrades.

Three checks, each a line: the database answers; its schema is the one this server
writes (older: run `regiedesk-server migrate`; newer: this server is too old); the
clock: laptops' pushes are judged against this machine's time, so it must agree with
the database server's (PostgreSQL's now(), another machine) and, where systemd keeps
time, be synchronised.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

from ...check_report import CheckReport
from ...clock import utc_now
from .db import MIGRATIONS, ServerDB

CLOCK_TOLERANCE = dt.timedelta(seconds=2)


def schema_line(db: ServerDB) -> tuple[bool, str]:
    rows = db.query(
        "SELECT version FROM schema_version" if _has_schema_table(db) else "SELECT 0 AS version"
    )
    version = int(rows[0]["version"]) if rows else 0
    known = len(MIGRATIONS)
    if version == known:
        return True, f"schema {version}, the current one"
    if version < known:
        return False, f"schema {version}, this server writes {known}: run regiedesk-server migrate"
    return False, f"schema {version} is newer than this server's {known}: upgrade regiedesk-server"


def _has_schema_table(db: ServerDB) -> bool:
    if db.postgres:
        sql = "SELECT 1 AS x FROM information_schema.tables WHERE table_name = 'schema_version'"
    else:
        sql = "SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    return bool(db.query(sql))


def clock_lines(db: ServerDB) -> list[tuple[bool, str]]:
    lines = []
    if db.postgres:
        before = utc_now()
        theirs = db.query("SELECT now() AS t")[0]["t"]
        after = utc_now()
        ours = before + (after - before) / 2
        drift = abs(theirs - ours)
        lines.append(
            (
                drift <= CLOCK_TOLERANCE,
                f"clock {drift.total_seconds():.3f} s from the database server's"
                f" (at most {CLOCK_TOLERANCE.total_seconds():.0f} s)",
            )
        )
    if shutil.which("timedatectl"):
        shown = subprocess.run(
            ["timedatectl", "show", "--property=NTPSynchronized", "--value"],
            capture_output=True,
            text=True,
        )
        if shown.returncode == 0:  # no systemd running (a container): nothing to say
            synced = shown.stdout.strip() == "yes"
            lines.append((synced, "clock synchronised (NTP)" if synced else "clock NOT synced"))
    if not lines:
        lines.append((True, "clock: nothing to compare with (SQLite on this machine, no systemd)"))
    return lines


def check_server(url: str) -> CheckReport:
    """The checks against the database at ``url``; changes nothing (no migration)."""
    report = CheckReport()
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        report.add(False, f"database unreachable: no file {url.removeprefix('sqlite:///')}")
        return report  # and none made: connecting would create an empty one
    try:
        db = ServerDB(url, migrate=False)
        db.ping()
    except Exception as exc:  # the point of the check: say it, do not raise it
        report.add(False, f"database unreachable: {type(exc).__name__}: {exc}".strip())
        return report
    try:
        report.add(True, f"database reachable ({'PostgreSQL' if db.postgres else 'SQLite'})")
        report.add(*schema_line(db))
        for line in clock_lines(db):
            report.add(*line)
    finally:
        db.close()
    return report
