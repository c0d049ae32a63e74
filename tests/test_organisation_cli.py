"""The command line under an organisation file: its policy holds, a bad file stops it."""

from __future__ import annotations

from pathlib import Path

from .cli_helpers import PASSPHRASE, run_cli


def organisation(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "organisation.toml"
    path.write_text(text, encoding="utf-8")
    return {"REGIEDESK_ORGANISATION_FILE": str(path)}


def test_a_bad_file_stops_every_command_and_writes_nothing(tmp_path: Path) -> None:
    env = organisation(tmp_path, "[policy]\nidle_lock_minutes = 5\ninstrument = 'zrm9'\n")
    data_dir = tmp_path / "profile"
    result = run_cli("init", "--data-dir", str(data_dir), lang="en_GB.UTF-8", extra_env=env)
    assert result.returncode == 2
    assert f"organisation file {tmp_path / 'organisation.toml'}, line 3" in result.stderr
    assert "unknown instrument 'zrm9'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not data_dir.exists()


def test_the_organisations_minimum_passphrase_length(tmp_path: Path) -> None:
    assert len(PASSPHRASE) == 21
    env = organisation(tmp_path, "[policy]\nmin_passphrase_length = 24\n")
    data_dir = tmp_path / "profile"
    short = run_cli("init", "--data-dir", str(data_dir), extra_env=env)
    assert short.returncode == 3 and "minstens 24 tekens" in short.stderr
    assert not (data_dir / "profile.key").exists()
    long_enough = run_cli(
        "init", "--data-dir", str(data_dir), passphrase=PASSPHRASE + "!!!", extra_env=env
    )
    assert long_enough.returncode == 0, long_enough.stderr


def test_the_log_says_which_file_was_read(tmp_path: Path) -> None:
    env = organisation(tmp_path, '[organisation]\nname = "Jeugdzorg Oost"\n')
    logs = tmp_path / "logs"
    result = run_cli("init", "--data-dir", str(tmp_path / "p"), log_dir=logs, extra_env=env)
    assert result.returncode == 0, result.stderr
    text = (logs / "regiedesk.log").read_text()
    assert f"organisation file {tmp_path / 'organisation.toml'} read, sets: name" in text
    assert "Jeugdzorg Oost" not in text


def test_connect_keeps_the_organisations_server(tmp_path: Path) -> None:
    env = organisation(tmp_path, '[server]\nurl = "https://regiedesk.jeugdzorg-oost.nl"\n')
    env["REGIEDESK_SERVER_PASSWORD"] = "x" * 12
    other = run_cli(
        "connect", "--data-dir", str(tmp_path / "p"), "--server", "https://elders.example",
        "--user", "anna", extra_env=env,
    )  # fmt: skip
    assert other.returncode == 2
    assert "server vastgelegd op https://regiedesk.jeugdzorg-oost.nl" in other.stderr
    none = run_cli("connect", "--data-dir", str(tmp_path / "p"), "--user", "anna")
    assert none.returncode == 2 and "--server" in none.stderr


def test_organisation_check_reports_and_repairs(tmp_path: Path) -> None:
    path = tmp_path / "organisation.toml"
    path.write_text("[policy]\nidle_lock_minutes = 0\n", encoding="utf-8")
    env = {"REGIEDESK_ORGANISATION_FILE": str(path)}
    bad = run_cli("organisation", "check", extra_env=env)
    assert bad.returncode == 2 and "regel 2" in bad.stderr
    # a broken file does not stop its own repair
    fixed = run_cli("organisation", "write", "--idle-lock-minutes", "4", extra_env=env)
    assert fixed.returncode == 0, fixed.stderr
    good = run_cli("organisation", "check", extra_env=env)
    assert good.returncode == 0 and "idle_lock_minutes = 4" in good.stdout
