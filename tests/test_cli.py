from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from regiedesk.cli import main
from regiedesk.services.families import FamilyService
from regiedesk.store import create_profile, open_profile
from regiedesk.store.profile import DB_FILE

from .cli_helpers import PASSPHRASE, run_cli
from .conftest import FAST_KDF


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    data_dir = tmp_path / "profile"
    store = create_profile(data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    FamilyService(store).create(name="Gezin Export")
    store.close()
    return data_dir


def test_version_and_help() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("regiedesk ")
    result = run_cli("--help")
    for command in ("init", "passwd", "check", "backup", "restore", "export", "demo"):
        assert command in result.stdout


def test_every_subcommand_is_documented() -> None:
    readme = (Path(__file__).parents[1] / "docs" / "admin-guide.md").read_text()
    for command in ("init", "passwd", "check", "backup", "restore", "export", "demo"):
        assert f"regiedesk {command}" in readme, command


def test_init_and_check(tmp_path: Path) -> None:
    data_dir = tmp_path / "nieuw"
    result = run_cli("init", "--data-dir", str(data_dir), "--user", "bert")
    assert result.returncode == 0, result.stderr
    check = run_cli("check", "--data-dir", str(data_dir))
    assert check.returncode == 0
    assert "Integriteit (versleuteling): ok" in check.stdout
    with open_profile(data_dir, PASSPHRASE) as store:
        assert store.actor.user == "bert"


def test_passphrase_file(profile: Path, tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text(PASSPHRASE + "\n")
    result = run_cli(
        "check", "--data-dir", str(profile), "--passphrase-file", str(secret), passphrase=None
    )
    assert result.returncode == 0, result.stderr


def test_passwd_rewraps_the_key_only(profile: Path) -> None:
    db_before = (profile / DB_FILE).read_bytes()
    result = run_cli(
        "passwd",
        "--data-dir",
        str(profile),
        extra_env={"REGIEDESK_NEW_PASSPHRASE": "een ander lang wachtwoord"},
    )
    assert result.returncode == 0, result.stderr
    assert (profile / DB_FILE).read_bytes() == db_before
    assert run_cli("check", "--data-dir", str(profile)).returncode == 4
    ok = run_cli("check", "--data-dir", str(profile), passphrase="een ander lang wachtwoord")
    assert ok.returncode == 0


def test_backup_while_another_process_writes(profile: Path, tmp_path: Path) -> None:
    writer = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("crash_writer.py")),
            str(profile),
            "families",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "REGIEDESK_PASSPHRASE": PASSPHRASE},
    )
    try:
        assert writer.stdout is not None
        for _ in range(20):
            writer.stdout.readline()
        out = tmp_path / "kopie.zip"
        result = run_cli("backup", "--data-dir", str(profile), "--out", str(out))
        assert result.returncode == 0, result.stderr
    finally:
        writer.kill()
        writer.wait()
        assert writer.stdout is not None
        writer.stdout.close()
    restored = tmp_path / "terug"
    result = run_cli("restore", str(out), "--data-dir", str(restored))
    assert result.returncode == 0, result.stderr
    with open_profile(restored, PASSPHRASE) as store:
        assert len(store.query("SELECT id FROM families")) >= 21
    again = run_cli("restore", str(out), "--data-dir", str(restored))
    assert again.returncode == 3 and "al een profiel" in again.stderr
    assert run_cli("backup", "--data-dir", str(profile), "--out", str(out)).returncode == 3


def test_restore_refuses_damaged_backup(profile: Path, tmp_path: Path) -> None:
    broken = tmp_path / "kapot.zip"
    broken.write_bytes(b"PK\x03\x04 geen echte zip")
    result = run_cli("restore", str(broken), "--data-dir", str(tmp_path / "doel"))
    assert result.returncode == 3 and "geen regiedesk-bestand" in result.stderr
    assert not (tmp_path / "doel" / DB_FILE).exists()


def test_export_is_complete_private_and_logged(profile: Path, tmp_path: Path) -> None:
    out = tmp_path / "inzage.json"
    result = run_cli("export", "--data-dir", str(profile), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "NIET versleuteld" in result.stdout
    assert out.stat().st_mode & 0o777 == 0o600
    doc = json.loads(out.read_text())
    assert doc["tables"]["families"][0]["name"] == "Gezin Export"
    assert set(doc["tables"]) >= {"families", "members", "hours", "notes", "note_revisions"}
    assert run_cli("export", "--data-dir", str(profile), "--out", str(out)).returncode == 3
    with open_profile(profile, PASSPHRASE) as store:
        events = [r["event"] for r in store.query("SELECT event FROM audit_log ORDER BY seq")]
    assert events[-1] == "export"


def test_demo_command(tmp_path: Path) -> None:
    data_dir = tmp_path / "oefen"
    started = time.perf_counter()
    result = run_cli("demo", "--data-dir", str(data_dir), "--families", "2")
    assert result.returncode == 0, result.stderr
    assert "2 gezinnen" in result.stdout
    assert time.perf_counter() - started < 120
    with open_profile(data_dir, PASSPHRASE) as store:
        assert len(store.query("SELECT id FROM families")) == 2


def test_no_subcommand_starts_the_desktop_or_explains(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr("regiedesk.cli.run_desktop", lambda argv: calls.append(list(argv)) or 0)
    assert main([]) == 0
    assert main(["--data-dir", "/tmp/x"]) == 0
    assert calls == [[], ["--data-dir", "/tmp/x"]]
