"""`regiedesk-server check` and `migrate`, for real, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from regiedesk.sync.server.cli import main
from regiedesk.sync.server.db import MIGRATIONS, ServerDB


@pytest.fixture
def server_cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """`regiedesk-server --db URL ARGS...` in this process: its exit code and output."""

    def run(db_url: str, *args: str) -> SimpleNamespace:
        code = main(["--db", db_url, *args])
        return SimpleNamespace(returncode=code, stdout=capsys.readouterr().out)

    return run


def test_a_current_database_passes(server_cli, db_url: str) -> None:  # type: ignore[no-untyped-def]
    ServerDB(db_url).close()
    result = server_cli(db_url, "check")
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[0].startswith("OK    database reachable")
    assert f"OK    schema {len(MIGRATIONS)}, the current one" in lines
    assert any(line.startswith("OK    clock") for line in lines)
    if db_url.startswith("postgresql"):
        assert any("from the database server's" in line for line in lines)


def test_an_old_or_newer_schema_fails_and_migrate_mends_the_old(server_cli, db_url: str) -> None:  # type: ignore[no-untyped-def]
    db = ServerDB(db_url)
    db.execute("UPDATE schema_version SET version = 1")
    db.execute("ALTER TABLE families DROP COLUMN previous_caseworker")
    db.execute("ALTER TABLE families DROP COLUMN handed_over_at")
    db.execute("DROP TABLE record_state")
    db.execute("DROP TABLE audit_events")
    db.execute("DROP TABLE audit_cuts")
    db.execute("DROP TABLE destructions")
    db.execute("DROP TABLE destroyed_records")
    db.execute("DROP TABLE sign_in_failures")
    db.execute("DROP TABLE log_only_families")
    db.execute("DROP TABLE hours_weeks")
    db.execute("ALTER TABLE users DROP COLUMN totp_last_step")
    db.execute("DELETE FROM counters WHERE name = 'audit'")
    old = server_cli(db_url, "check")
    assert old.returncode == 1
    assert (
        f"FAIL  schema 1, this server writes {len(MIGRATIONS)}: run regiedesk-server migrate"
        in (old.stdout)
    )
    assert db.query("SELECT version FROM schema_version") == [
        {"version": 1}
    ]  # check changed nothing
    assert server_cli(db_url, "migrate").returncode == 0
    assert server_cli(db_url, "check").returncode == 0
    db.execute("UPDATE schema_version SET version = 99")
    newer = server_cli(db_url, "check")
    assert newer.returncode == 1 and "schema 99 is newer" in newer.stdout
    db.close()


def test_an_unreachable_database_is_said_and_nothing_made(server_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "nowhere" / "server.db"
    result = server_cli(f"sqlite:///{missing}", "check")
    assert result.returncode == 1 and "FAIL  database unreachable" in result.stdout
    assert not missing.parent.exists()
    down = server_cli("postgresql://postgres@127.0.0.1:1/regiedesk", "check")
    assert down.returncode == 1 and "FAIL  database unreachable" in down.stdout
