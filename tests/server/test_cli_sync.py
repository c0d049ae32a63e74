"""`regiedesk connect` / `regiedesk sync` and `regiedesk-server` administration, for real."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from regiedesk.services.families import FamilyService
from regiedesk.store import create_profile
from regiedesk.store.profile import DB_FILE, KEY_FILE

from ..cli_helpers import PASSPHRASE, run_cli
from ..conftest import FAST_KDF
from .conftest import PASSWORD, Running


def server_cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "regiedesk.sync.server.cli", "--db", db_url, *args],
        capture_output=True,
        text=True,
        env={"REGIEDESK_SERVER_PASSWORD": PASSWORD, "PATH": "/usr/bin:/bin"},
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def test_server_administration(server: Running) -> None:
    url = server.db.url
    assert server_cli(url, "user", "add", "anna", "--role", "caseworker").returncode == 0
    again = server_cli(url, "user", "add", "anna", "--role", "caseworker")
    assert again.returncode == 2 and "already exists" in again.stderr
    leader = server_cli(url, "user", "add", "teun", "--role", "teamleader")
    assert "otpauth://" in leader.stdout
    assert server_cli(url, "team", "add", "Oost").returncode == 0
    assert server_cli(url, "team", "member", "Oost", "anna").returncode == 0
    assert server_cli(url, "team", "member", "Oost", "niemand").returncode == 2
    assert server_cli(url, "user", "disable", "teun").returncode == 0
    assert server.db.query("SELECT disabled FROM users WHERE name = 'teun'")[0]["disabled"] == 1


def test_connect_sync_and_a_revoked_laptop_is_wiped(server: Running, tmp_path: Path) -> None:
    server.add_user("anna")
    data_dir = tmp_path / "laptop"
    store = create_profile(data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    FamilyService(store).add_family(name="Gezin Opdrachtregel")
    store.close()
    env = {"REGIEDESK_SERVER_PASSWORD": PASSWORD}
    connected = run_cli(
        "connect", "--data-dir", str(data_dir), "--server", server.url, "--user", "anna",
        extra_env=env,
    )  # fmt: skip
    assert connected.returncode == 0, connected.stderr
    synced = run_cli("sync", "--data-dir", str(data_dir))
    assert synced.returncode == 0, synced.stderr
    assert "verstuurd 1" in synced.stdout
    devices = server_cli(server.db.url, "device", "list")
    device_id = devices.stdout.split()[0]
    assert server_cli(server.db.url, "device", "revoke", device_id).returncode == 0
    revoked = run_cli("sync", "--data-dir", str(data_dir))
    assert revoked.returncode == 5 and "ingetrokken" in revoked.stderr
    assert not (data_dir / KEY_FILE).exists() and not (data_dir / DB_FILE).exists()


def test_sync_without_a_server_says_so(tmp_path: Path) -> None:
    data_dir = tmp_path / "laptop"
    create_profile(data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF).close()
    result = run_cli("sync", "--data-dir", str(data_dir))
    assert result.returncode == 5 and "regiedesk connect" in result.stderr
