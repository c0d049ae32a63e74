"""Every failure: a clear message, a non-zero exit code, and the data directory untouched."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from regiedesk.errors import ProfileBusy
from regiedesk.services.families import FamilyService
from regiedesk.store import Store, create_profile, open_profile
from regiedesk.store.profile import DB_FILE, KEY_FILE, _connect, unlock

from .cli_helpers import PASSPHRASE, fingerprint, run_cli
from .conftest import FAST_KDF

needs_unshare = pytest.mark.skipif(
    shutil.which("unshare") is None
    or subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0,
    reason="needs 'unshare -m' (root in a mount namespace) to make a read-only or full disk",
)


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    data_dir = tmp_path / "profile"
    store = create_profile(data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    FamilyService(store).add_family(name="Gezin Foutloos")
    store.close()
    return data_dir


def assert_refused(
    result: subprocess.CompletedProcess[str], folder: Path, before: dict[str, str], *words: str
) -> None:
    assert result.returncode != 0, result.stdout
    assert fingerprint(folder) == before
    for word in words:
        assert word in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_wrong_passphrase(profile: Path, tmp_path: Path) -> None:
    before = fingerprint(profile)
    result = run_cli("check", "--data-dir", str(profile), passphrase="niet het goede wachtwoord")
    assert_refused(result, profile, before, "wachtwoord klopt niet")
    assert result.returncode == 4
    english = run_cli(
        "check", "--data-dir", str(profile), passphrase="wrong one!!", lang="en_US.UTF-8"
    )
    assert_refused(english, profile, before, "passphrase is wrong")


@pytest.mark.parametrize(
    "damage",
    ["truncate", "flip", "random", "plain_sqlite", "foreign_key_file", "missing_db"],
)
def test_damaged_or_foreign_files(profile: Path, damage: str) -> None:
    db, key = profile / DB_FILE, profile / KEY_FILE
    raw = db.read_bytes()
    if damage == "truncate":
        db.write_bytes(raw[: len(raw) // 3 + 100])
    elif damage == "flip":
        middle = len(raw) // 2
        db.write_bytes(
            raw[:middle] + bytes(b ^ 0xFF for b in raw[middle : middle + 64]) + raw[middle + 64 :]
        )
    elif damage == "random":
        db.write_bytes(bytes(range(256)) * 64)
    elif damage == "plain_sqlite":
        db.unlink()
        sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.close()
    elif damage == "foreign_key_file":
        key.write_text('{"format": "something-else", "version": 3}')
    elif damage == "missing_db":
        db.unlink()
    before = fingerprint(profile)
    check = run_cli("check", "--data-dir", str(profile))
    assert_refused(check, profile, before)
    said = check.stdout + check.stderr
    words = ("ontbreekt",) if damage == "missing_db" else ("beschadigd", "geen regiedesk-bestand")
    assert any(w in said for w in (*words, "FOUT")), said
    assert "ERROR CORE" not in check.stderr  # SQLCipher's own log stays quiet
    out = profile.parent / "x.json"
    export = run_cli("export", "--data-dir", str(profile), "--out", str(out))
    if damage == "flip" and export.returncode == 0:
        # the flipped page held nothing the export reads: every row came out (and the
        # export was recorded in the audit log, which is the one change to the file)
        assert "Gezin Foutloos" in out.read_text()
        return
    assert_refused(export, profile, before, "Er is niets aan veranderd")
    assert not out.exists()


def test_newer_schema_is_refused_untouched(profile: Path) -> None:
    key, _ = unlock(profile, PASSPHRASE)
    conn = _connect(profile / DB_FILE, key)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = fingerprint(profile)
    result = run_cli("check", "--data-dir", str(profile))
    assert_refused(result, profile, before, "nieuwere versie", "99")


def test_no_profile_and_existing_profile(profile: Path, tmp_path: Path) -> None:
    result = run_cli("check", "--data-dir", str(tmp_path / "leeg"))
    assert result.returncode != 0 and "geen regiedesk-profiel" in result.stderr
    before = fingerprint(profile)
    again = run_cli("init", "--data-dir", str(profile))
    assert_refused(again, profile, before, "al een profiel")


def test_short_passphrase_and_no_passphrase(tmp_path: Path) -> None:
    result = run_cli("init", "--data-dir", str(tmp_path / "p"), passphrase="kort")
    assert result.returncode == 3 and "minstens 10 tekens" in result.stderr
    assert not (tmp_path / "p").exists() or not any((tmp_path / "p").iterdir())
    result = run_cli("check", "--data-dir", str(tmp_path / "p"), passphrase=None)
    assert result.returncode == 2 and "--passphrase-file" in result.stderr


def _in_namespace(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@needs_unshare
def test_read_only_data_directory(profile: Path, tmp_path: Path) -> None:
    before = fingerprint(profile)
    backup_target = tmp_path / "b.zip"
    result = _in_namespace(
        f"""
        mount --bind {profile} {profile} && mount -o remount,bind,ro {profile} || exit 99
        export REGIEDESK_PASSPHRASE='{PASSPHRASE}' LANG=C.UTF-8
        export REGIEDESK_NEW_PASSPHRASE='een heel nieuw wachtwoord'
        export REGIEDESK_LOG_DIR={tmp_path}/logs
        CLI="{sys.executable} -m regiedesk.cli"
        $CLI passwd --data-dir {profile}; echo "passwd=$?"
        $CLI demo --data-dir {profile}/sub; echo "demo=$?"
        $CLI backup --data-dir {profile} --out {backup_target}; echo "backup=$?"
        $CLI export --data-dir {profile} --out {tmp_path}/inzage.json; echo "export=$?"
        $CLI check --data-dir {profile}; echo "check=$?"
        """
    )
    for command in ("passwd", "demo", "backup", "export", "check"):
        assert f"{command}=3" in result.stdout, result.stdout + result.stderr
    assert not backup_target.exists() and not (tmp_path / "inzage.json").exists()
    assert "Kan niet schrijven" in result.stderr
    assert "Traceback" not in result.stderr
    assert fingerprint(profile) == before


@needs_unshare
def test_full_disk(profile: Path, tmp_path: Path) -> None:
    """On a nearly full disk: init, passwd and writes fail cleanly; what was there stays."""
    mount = tmp_path / "small"
    mount.mkdir()
    writer = Path(__file__).with_name("write_until_full.py")
    script = f"""
        mount -t tmpfs -o size=2m tmpfs {mount} || exit 99
        cp -a {profile} {mount}/profile
        export REGIEDESK_PASSPHRASE='{PASSPHRASE}' LANG=C.UTF-8
        export REGIEDESK_NEW_PASSPHRASE='een heel nieuw wachtwoord'
        export REGIEDESK_LOG_DIR={tmp_path}/logs
        CLI="{sys.executable} -m regiedesk.cli"
        dd if=/dev/zero of={mount}/room bs=4k count=64 2>/dev/null
        dd if=/dev/zero of={mount}/filler bs=4k 2>/dev/null
        cd {mount}/profile && sha256sum * > {tmp_path}/before.txt
        rm {mount}/room
        $CLI demo --data-dir {mount}/fresh; echo "demo=$?"
        {sys.executable} {writer} {mount}/profile; echo "write=$?"
        dd if=/dev/zero of={mount}/filler2 bs=4k 2>/dev/null
        cd {mount}/profile && sha256sum * > {tmp_path}/full.txt
        $CLI passwd --data-dir {mount}/profile; echo "passwd=$?"
        $CLI export --data-dir {mount}/profile --out {mount}/inzage.json; echo "export=$?"
        $CLI backup --data-dir {mount}/profile --out {mount}/kopie.zip; echo "backup=$?"
        $CLI check --data-dir {mount}/profile; echo "check-full=$?"
        cd {mount}/profile && sha256sum * > {tmp_path}/after.txt
        ls -a {mount} > {tmp_path}/listing.txt
        rm {mount}/filler {mount}/filler2
        $CLI check --data-dir {mount}/profile; echo "check=$?"
        """
    result = _in_namespace(script)
    out = result.stdout
    assert "passwd=3" in out, out + result.stderr
    assert "demo=3" in out
    assert "write=0" in out  # the writer saw the clear storage error, and nothing half-written
    assert "check=0" in out
    assert "schijf is vol" in result.stderr or "Kan niet schrijven" in result.stderr
    assert "Traceback" not in result.stderr
    before = (tmp_path / "before.txt").read_text()
    after = (tmp_path / "after.txt").read_text()
    assert [x for x in before.splitlines() if "profile.key" in x] == [
        x for x in after.splitlines() if "profile.key" in x
    ]
    # on the full disk every command that writes fails with exit 3, and none changes a file;
    # check only reads: whether opening the database needs new room on the disk depends on
    # the file's layout (3 before local schema 7, 0 since), so either is right if no file
    # changed
    for command in ("export", "backup"):
        assert f"{command}=3" in out, out + result.stderr
    assert "check-full=3" in out or "check-full=0" in out, out + result.stderr
    assert (tmp_path / "full.txt").read_text() == after
    listing = (tmp_path / "listing.txt").read_text().split()
    assert "inzage.json" not in listing and "kopie.zip" not in listing
    assert not (mount / "fresh").exists() or not list((mount / "fresh").iterdir())


def test_store_error_keeps_earlier_commits(store: Store) -> None:
    families = FamilyService(store)
    kept = families.add_family(name="Gezin Blijft")
    with pytest.raises(ZeroDivisionError), store.transaction(event="create", client=None) as tx:
        tx.insert("families", {"name": "Gezin Weg", "status": "actief", "caseworker": "a"})
        _ = 1 / 0
    assert [f.name for f in families.list_families()] == [kept.name]


def test_a_held_write_lock_is_reported_as_busy(store: Store, data_dir: Path) -> None:
    other = open_profile(data_dir, PASSPHRASE)
    try:
        other.conn.execute("PRAGMA busy_timeout = 50")
        store.conn.execute("BEGIN IMMEDIATE")  # e.g. the window in the middle of a save
        with pytest.raises(ProfileBusy) as err:
            FamilyService(other).add_family(name="Gezin Wacht")
        assert "bezet" in err.value.nl and "busy" in err.value.en
        store.conn.execute("ROLLBACK")
        FamilyService(other).add_family(name="Gezin Wacht")  # works once the lock is gone
    finally:
        other.close()
    assert [f.name for f in FamilyService(store).list_families()] == ["Gezin Wacht"]


def test_a_storage_failure_is_said_in_each_language_s_own_words() -> None:
    import errno

    from regiedesk.errors import StorageUnavailable, storage_reason

    assert [storage_reason(e) for e in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EIO)] == [
        "full",
        "read_only",
        "read_only",
        "write_error",
    ]
    full = StorageUnavailable("/data", "full")
    assert "de schijf is vol" in full.nl and "disk" not in full.nl
    assert "the disk is full" in full.en and "schijf" not in full.en
