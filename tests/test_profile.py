"""The profile lifecycle: create, open, migrate on open, passphrase change, check, backup."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from regiedesk.errors import (
    CorruptDatabase,
    FolderNotEmpty,
    MigrationFailed,
    NewerSchema,
    NoProfile,
    NotAProfile,
    ProfileExists,
    WrongPassphrase,
)
from regiedesk.services.families import FamilyService
from regiedesk.store import (
    Store,
    backup_profile,
    change_passphrase,
    check_profile,
    create_profile,
    open_profile,
    restore_profile,
)
from regiedesk.store.profile import DB_FILE, KEY_FILE, _connect, unlock
from regiedesk.store.schema import SCHEMA_VERSION

from .conftest import FAST_KDF, PASSPHRASE


def table_names(store: Store) -> list[str]:
    return [r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")]


def columns(store: Store, table: str) -> list[str]:
    return [str(r["name"]) for r in store.query(f"PRAGMA table_info({table})")]


def test_create_close_and_open(store: Store, data_dir: Path) -> None:
    device = store.device_id
    FamilyService(store).add_family(name="Gezin Open")
    store.close()
    # closed: the WAL is checkpointed away, only the key envelope and the database remain
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_FILE, KEY_FILE]
    with open_profile(data_dir, PASSPHRASE) as reopened:
        assert reopened.device_id == device and reopened.actor.user == "regisseur.anna"
        assert [f.name for f in FamilyService(reopened).list_families()] == ["Gezin Open"]
        assert reopened.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_memory_security_stays_off(store: Store) -> None:
    """SQLCipher's wiping and locking of its freed memory stays off (its default since 4.5):
    it made an encrypted single write 2.6x the CPU (0.31 -> 0.81 ms, docs/benchmarks.md)
    and keeps nothing from a reader of an unlocked process, whose key, page cache and rows
    are plaintext in memory anyway. Once switched on it stays on for the whole process."""
    other = store.another_connection()
    try:
        for conn in (store.conn, other.conn):
            assert conn.execute("PRAGMA cipher_memory_security").fetchone()[0] == "0"
    finally:
        other.close()


def test_missing_or_half_profile(store: Store, data_dir: Path, tmp_path: Path) -> None:
    store.close()
    with pytest.raises(NoProfile):
        open_profile(tmp_path / "leeg", PASSPHRASE)
    (data_dir / KEY_FILE).unlink()
    with pytest.raises(NotAProfile) as err:
        open_profile(data_dir, PASSPHRASE)
    assert KEY_FILE in err.value.en
    assert "ontbreekt" in err.value.nl and "missing" in err.value.en  # not "damaged"


def test_old_schema_migrates_on_open(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from regiedesk.store import profile, schema

    with monkeypatch.context() as old:  # a profile written by the first release (schema 1)
        old.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
        for module in (schema, profile):
            old.setattr(module, "SCHEMA_VERSION", 1)
        create_profile(data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF).close()
    conn = _connect(data_dir / DB_FILE, unlock(data_dir, PASSPHRASE)[0])
    conn.execute(
        "INSERT INTO families (id, updated_hlc, name, status, caseworker)"
        " VALUES ('f1', '0', 'Gezin Versie 1', 'actief', 'anna')"
    )
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    with open_profile(data_dir, PASSPHRASE) as migrated:
        assert migrated.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "drafts" in table_names(migrated)
        assert "field_hlc" in columns(migrated, "families")
        families = FamilyService(migrated)
        assert families.get_family("f1").name == "Gezin Versie 1"
        families.update_family("f1", name="Gezin Versie 3")
    assert check_profile(data_dir, PASSPHRASE).ok


def test_the_outbox_keeps_its_pending_changes_and_order_without_its_counter(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Schema 9 rebuilds the outbox without AUTOINCREMENT (a page less at every write):
    the pending changes stay, with their seq; a new one still comes after them."""
    from regiedesk.store import profile, schema

    with monkeypatch.context() as old:  # a profile of schema 8 with changes not yet pushed
        old.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:8])
        for module in (schema, profile):
            old.setattr(module, "SCHEMA_VERSION", 8)
        with create_profile(data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF) as eight:
            families = FamilyService(eight)
            ids = [families.add_family(name=f"Gezin {n}").id for n in range(3)]
            eight.conn.execute("BEGIN")
            eight.conn.execute("DELETE FROM outbox WHERE record_id = ?", (ids[0],))  # pushed
            eight.conn.execute("COMMIT")
            before = eight.query("SELECT * FROM outbox ORDER BY seq")
            assert eight.query("SELECT name FROM sqlite_sequence") == [{"name": "outbox"}]
    with open_profile(data_dir, PASSPHRASE) as nine:
        assert nine.query("SELECT * FROM outbox ORDER BY seq") == before
        FamilyService(nine).update_family(ids[2], name="Gezin Nieuw")
        after = nine.query("SELECT seq, record_id FROM outbox ORDER BY seq")
        assert [r["record_id"] for r in after] == [ids[1], ids[2], ids[2]]
        assert after[-1]["seq"] > before[-1]["seq"]
        assert nine.query("SELECT name FROM sqlite_sequence") == []
        assert nine.outbox.count() == 3
    assert check_profile(data_dir, PASSPHRASE).ok


def test_check_report_finds_a_damaged_page(store: Store, data_dir: Path) -> None:
    families = FamilyService(store)
    for i in range(300):
        families.add_family(name=f"Gezin {i:03d} " + "x" * 100)
    store.close()
    db = data_dir / DB_FILE
    raw = bytearray(db.read_bytes())
    page = 4096
    last = len(raw) - page  # the last page: a data page, not the header or the schema
    raw[last + 100 : last + 132] = bytes(b ^ 0x5A for b in raw[last + 100 : last + 132])
    db.write_bytes(bytes(raw))
    report = check_profile(data_dir, PASSPHRASE)  # opens, then reports the damage
    assert not report.ok
    failed = [line for ok, line in report.lines if not ok]
    assert any("Integriteit" in line for line in failed), report.lines
    assert report.lines[0][0]  # the passphrase itself was fine


def test_passwd_keeps_the_database(store: Store, data_dir: Path) -> None:
    FamilyService(store).add_family(name="Gezin Sleutel")
    store.close()
    before = (data_dir / DB_FILE).read_bytes()
    change_passphrase(data_dir, PASSPHRASE, "nieuw wachtwoord!", kdf=FAST_KDF)
    assert (data_dir / DB_FILE).read_bytes() == before
    with pytest.raises(WrongPassphrase):
        open_profile(data_dir, PASSPHRASE)
    with open_profile(data_dir, "nieuw wachtwoord!") as reopened:
        assert FamilyService(reopened).list_families()[0].name == "Gezin Sleutel"


def test_create_refuses_existing_and_check_reports(store: Store, data_dir: Path) -> None:
    store.close()
    with pytest.raises(ProfileExists):
        create_profile(data_dir, PASSPHRASE, user="x", kdf=FAST_KDF)
    report = check_profile(data_dir, PASSPHRASE)
    assert report.ok and len(report.lines) == 6
    assert any(f"Schemaversie: {SCHEMA_VERSION}" in line for _, line in report.lines)


def test_newer_schema_refused(store: Store, data_dir: Path) -> None:
    store.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    store.close()
    with pytest.raises(NewerSchema) as err:
        open_profile(data_dir, PASSPHRASE)
    assert str(SCHEMA_VERSION + 1) in err.value.nl


def test_backup_restore_round_trip(store: Store, data_dir: Path, tmp_path: Path) -> None:
    FamilyService(store).add_family(name="Gezin Kopie")
    backup_profile(data_dir, PASSPHRASE, tmp_path / "b.zip")  # while the store is open
    store.close()
    restore_profile(tmp_path / "b.zip", tmp_path / "r", PASSPHRASE)
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == [DB_FILE, KEY_FILE]
    with open_profile(tmp_path / "r", PASSPHRASE) as restored:
        assert [f.name for f in FamilyService(restored).list_families()] == ["Gezin Kopie"]
    with pytest.raises(WrongPassphrase):
        restore_profile(tmp_path / "b.zip", tmp_path / "r2", "verkeerd wachtwoord")
    assert not (tmp_path / "r2" / DB_FILE).exists()


def test_migrations_run_on_open_in_one_transaction(
    store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from regiedesk.store import profile, schema

    FamilyService(store).add_family(name="Gezin Oud")
    store.close()
    broken = (*schema.MIGRATIONS, ("CREATE TABLE extra (x)", "THIS IS NOT SQL"))
    for module in (schema, profile):
        monkeypatch.setattr(module, "SCHEMA_VERSION", len(broken))
    monkeypatch.setattr(schema, "MIGRATIONS", broken)
    with pytest.raises(MigrationFailed):
        open_profile(data_dir, PASSPHRASE)
    raw = profile._connect(data_dir / DB_FILE, profile.unlock(data_dir, PASSPHRASE)[0])
    assert raw.execute("PRAGMA user_version").fetchone()[0] == len(broken) - 1  # all rolled back
    assert "extra" not in [r[0] for r in raw.execute("SELECT name FROM sqlite_master")]
    raw.close()
    monkeypatch.setattr(schema, "MIGRATIONS", (*broken[:-1], ("CREATE TABLE extra (x)",)))
    with open_profile(data_dir, PASSPHRASE) as migrated:
        assert migrated.conn.execute("PRAGMA user_version").fetchone()[0] == len(broken)
        assert "extra" in table_names(migrated)
        assert FamilyService(migrated).list_families()[0].name == "Gezin Oud"


def test_restore_refuses_a_folder_that_is_not_empty(
    store: Store, data_dir: Path, tmp_path: Path
) -> None:
    backup_profile(data_dir, PASSPHRASE, tmp_path / "b.zip")
    store.close()
    target = tmp_path / "bezet"
    target.mkdir()
    (target / "aantekening.txt").write_text("van iemand anders")
    with pytest.raises(FolderNotEmpty):
        restore_profile(tmp_path / "b.zip", target, PASSPHRASE)
    assert [p.name for p in target.iterdir()] == ["aantekening.txt"]
    with pytest.raises(ProfileExists):
        restore_profile(tmp_path / "b.zip", data_dir, PASSPHRASE)
    empty = tmp_path / "leeg"
    empty.mkdir()
    restore_profile(tmp_path / "b.zip", empty, PASSPHRASE)
    assert check_profile(empty, PASSPHRASE).ok


def test_restore_refuses_a_damaged_backup_and_leaves_nothing(
    store: Store, data_dir: Path, tmp_path: Path
) -> None:
    families = FamilyService(store)
    for i in range(100):
        families.add_family(name=f"Gezin {i}")
    backup_profile(data_dir, PASSPHRASE, tmp_path / "b.zip")
    store.close()
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    db = bytearray(parts[DB_FILE])
    middle = len(db) // 2
    db[middle : middle + 64] = bytes(b ^ 0xFF for b in db[middle : middle + 64])
    parts[DB_FILE] = bytes(db)
    with zipfile.ZipFile(tmp_path / "kapot.zip", "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    target = tmp_path / "nieuw" / "profiel"
    with pytest.raises((CorruptDatabase, NotAProfile)):
        restore_profile(tmp_path / "kapot.zip", target, PASSPHRASE)
    assert not target.exists()  # the folder it made for the restore is gone again
    (tmp_path / "geen.zip").write_bytes(b"PK\x03\x04 geen zip")
    with pytest.raises(NotAProfile):
        restore_profile(tmp_path / "geen.zip", target, PASSPHRASE)
    assert not target.exists()
