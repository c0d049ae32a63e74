from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import time
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from regiedesk.cli import main, run_desktop
from regiedesk.logging_setup import log_dir_for
from regiedesk.services.drafts import DraftService
from regiedesk.services.families import FamilyService
from regiedesk.store import create_profile, open_profile
from regiedesk.store.profile import DB_FILE

from .cli_helpers import PASSPHRASE, fingerprint, run_cli
from .conftest import FAST_KDF


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    data_dir = tmp_path / "profile"
    store = create_profile(data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    FamilyService(store).add_family(name="Gezin Export")
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
    size = f"{out.stat().st_size:,}".replace(",", ".")
    assert f"({size} bytes)" in result.stdout  # in Dutch digit groups
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
    # a practice profile is refused before the server password is asked (none is given)
    refused = run_cli(
        "connect", "--data-dir", str(data_dir), "--server", "https://server.example",
        "--user", "anna",
    )  # fmt: skip
    assert refused.returncode == 5, refused.stderr
    assert "oefenomgeving" in refused.stderr and "nooit aan een server" in refused.stderr
    assert "Geen wachtwoord" not in refused.stderr


def test_no_subcommand_starts_the_desktop_or_explains(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr("regiedesk.cli.run_desktop", lambda argv: calls.append(list(argv)) or 0)
    assert main([]) == 0
    assert main(["--data-dir", "/tmp/x"]) == 0
    assert calls == [[], ["--data-dir", "/tmp/x"]]


# --- in-process: prompts, interrupts, languages, export and log details -------------


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def console(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[str]]:
    """A terminal whose getpass answers come from the returned list, and a log folder."""
    answers: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        if not answers:
            raise AssertionError(f"unexpected prompt {prompt!r}")
        answer = answers.pop(0)
        if answer == "^C":
            raise KeyboardInterrupt
        return answer

    for var in ("REGIEDESK_PASSPHRASE", "REGIEDESK_NEW_PASSPHRASE", "LANGUAGE", "LC_ALL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C")
    monkeypatch.setenv("REGIEDESK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr("sys.stdin", FakeTty())
    monkeypatch.setattr("getpass.getpass", fake_getpass)
    yield answers
    assert answers == [], "not every prepared answer was asked for"
    root = logging.getLogger("regiedesk")
    for handler in [h for h in root.handlers if getattr(h, "_regiedesk", False)]:
        root.removeHandler(handler)
        handler.close()


def test_new_passphrase_is_asked_twice(
    console: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "nieuw"
    console += ["een lang wachtwoord", "een ander wachtwoord"]
    assert main(["init", "--data-dir", str(data_dir)]) == 3
    assert "niet gelijk" in capsys.readouterr().err
    assert not data_dir.exists() or not any(data_dir.iterdir())
    console += ["kort", "kort"]
    assert main(["init", "--data-dir", str(data_dir)]) == 3
    assert "minstens 10 tekens" in capsys.readouterr().err
    console += ["een lang wachtwoord", "een lang wachtwoord"]
    assert main(["init", "--data-dir", str(data_dir), "--user", "carla"]) == 0
    console += ["een lang wachtwoord"]  # an existing passphrase is asked once
    assert main(["check", "--data-dir", str(data_dir)]) == 0


def test_passwd_asks_old_once_and_new_twice(
    console: list[str], profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    console += [PASSPHRASE, "nieuw en lang genoeg", "nieuw en anders"]
    assert main(["passwd", "--data-dir", str(profile)]) == 3
    assert "niet gelijk" in capsys.readouterr().err
    console += ["fout maar lang genoeg", "nieuw en lang genoeg", "nieuw en lang genoeg"]
    assert main(["passwd", "--data-dir", str(profile)]) == 4
    with open_profile(profile, PASSPHRASE):
        pass  # still the old passphrase


def test_interrupt_at_the_prompt_exits_130(
    console: list[str], profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = fingerprint(profile)
    console.append("^C")
    assert main(["check", "--data-dir", str(profile)]) == 130
    assert "Afgebroken" in capsys.readouterr().err
    assert fingerprint(profile) == before


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "Het wachtwoord klopt niet"),
        ({"LANG": "C"}, "Het wachtwoord klopt niet"),
        ({"LANG": "nl_NL.UTF-8"}, "Het wachtwoord klopt niet"),
        ({"LANG": "en_US.UTF-8"}, "The passphrase is wrong"),
        ({"LANG": "C", "LC_ALL": "en_GB.UTF-8"}, "The passphrase is wrong"),
    ],
)
def test_message_language_follows_the_locale(
    console: list[str],
    profile: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    environment: dict[str, str],
    expected: str,
) -> None:
    monkeypatch.delenv("LANG")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    console.append("niet het goede wachtwoord")
    assert main(["check", "--data-dir", str(profile)]) == 4
    assert expected in capsys.readouterr().err


def test_dutch_without_any_locale_in_a_real_process(profile: Path) -> None:
    result = run_cli("check", "--data-dir", str(profile), passphrase="niet goed!!", lang=None)
    assert result.returncode == 4 and "Het wachtwoord klopt niet" in result.stderr


def test_bad_arguments_exit_2(tmp_path: Path) -> None:
    missing = run_cli("backup", "--data-dir", str(tmp_path))
    assert missing.returncode == 2 and "--out" in missing.stderr
    assert run_cli("opruimen").returncode == 2
    assert not any(tmp_path.iterdir())


def test_export_contents(
    console: list[str], profile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_profile(profile, PASSPHRASE) as store:
        families = FamilyService(store)
        family = families.list_families()[0]
        member = families.add_member(family.id, name="Gezinslid Weg", role="kind")
        families.remove_member(member.id)
        DraftService(store).save_draft("note:nieuw", "half getypt verslag")
        store.set_meta("device_token", "geheim-token-123")
    monkeypatch.setenv("REGIEDESK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "inzage.json"
    assert main(["export", "--data-dir", str(profile), "--out", str(out)]) == 0
    doc = json.loads(out.read_text())
    members = doc["tables"]["members"]
    assert [(m["name"], m["deleted"]) for m in members] == [("Gezinslid Weg", 1)]
    assert doc["drafts"][0]["body"] == "half getypt verslag"
    assert "device_token" not in doc["meta"] and doc["meta"]["user"] == "anna"
    assert "geheim-token-123" not in out.read_text()
    assert [e["event"] for e in doc["audit_log"]][:1] == ["create"]
    with open_profile(profile, PASSPHRASE) as store:
        last = store.query("SELECT event, objects FROM audit_log ORDER BY seq DESC LIMIT 1")[0]
    assert last["event"] == "export" and family.id in last["objects"]


def test_export_to_a_missing_folder_changes_nothing(profile: Path, tmp_path: Path) -> None:
    before = fingerprint(profile)
    out = tmp_path / "bestaat-niet" / "inzage.json"
    result = run_cli("export", "--data-dir", str(profile), "--out", str(out))
    assert result.returncode == 3 and "Kan niet schrijven" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert fingerprint(profile) == before
    with open_profile(profile, PASSPHRASE) as store:
        assert "export" not in {r["event"] for r in store.query("SELECT event FROM audit_log")}


def test_log_never_goes_inside_the_data_directory(
    console: list[str], profile: Path, tmp_path: Path
) -> None:
    inside = profile / "logs"
    console.append(PASSPHRASE)
    assert main(["check", "--data-dir", str(profile), "--log-dir", str(inside)]) == 0
    assert not inside.exists()
    beside = profile.parent / "profile-logs" / "regiedesk.log"
    assert "command check finished with 0" in beside.read_text()
    assert log_dir_for(profile, tmp_path / "elders") == tmp_path / "elders"
    assert log_dir_for(profile, profile) == profile.parent / "profile-logs"


def test_run_desktop_without_the_window(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "regiedesk.ui.app", None)  # as if it were not there
    assert run_desktop([]) == 1
    assert "regiedesk.ui.app ontbreekt" in capsys.readouterr().err

    def no_sqlcipher(argv: list[str]) -> int:
        raise ModuleNotFoundError("No module named 'sqlcipher3'", name="sqlcipher3")

    monkeypatch.setitem(sys.modules, "regiedesk.ui.app", types.SimpleNamespace(run=no_sqlcipher))
    assert run_desktop([]) == 1
    assert "sqlcipher3 ontbreekt" in capsys.readouterr().err

    def no_qt(argv: list[str]) -> int:
        raise ModuleNotFoundError("No module named 'PySide6'", name="PySide6")

    monkeypatch.setitem(sys.modules, "regiedesk.ui.app", types.SimpleNamespace(run=no_qt))
    assert run_desktop(["--data-dir", "x"]) == 1
    assert "PySide6" in capsys.readouterr().err
    calls: list[list[str]] = []
    monkeypatch.setitem(
        sys.modules,
        "regiedesk.ui.app",
        types.SimpleNamespace(run=lambda argv: calls.append(argv) or 0),
    )
    assert main(["--log-dir", "/tmp/l", "--data-dir", "/tmp/d"]) == 0
    assert calls == [["--log-dir", "/tmp/l", "--data-dir", "/tmp/d"]]


def test_the_window_without_sqlcipher_is_an_error_that_names_it(tmp_path: Path) -> None:
    """As on a machine where the encrypted database module failed to install."""
    code = (
        "import sys; sys.modules['sqlcipher3'] = None\n"
        "from regiedesk.cli import main\n"
        f"sys.exit(main(['--data-dir', {str(tmp_path)!r}, '--log-dir', {str(tmp_path)!r}]))\n"
    )
    env = {**os.environ, "LANG": "nl_NL.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 1
    assert "sqlcipher3 ontbreekt" in done.stderr and "regiedesk --help" in done.stderr
    assert "Traceback" not in done.stderr
