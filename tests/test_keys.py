from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from regiedesk.errors import (
    MigrationFailed,
    NewerSchema,
    NotAProfile,
    PassphraseMismatch,
    ProfileExists,
    WeakPassphrase,
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
from regiedesk.store.keys import KeyEnvelope, check_new_passphrase, new_data_key, seal, unseal
from regiedesk.store.profile import DB_FILE, KEY_FILE
from regiedesk.store.schema import SCHEMA_VERSION

from .conftest import FAST_KDF, PASSPHRASE


def test_seal_round_trip_and_wrong_passphrase() -> None:
    key = new_data_key()
    envelope = seal(key, "een goed wachtwoord", FAST_KDF)
    restored = KeyEnvelope.from_bytes(envelope.to_bytes(), source="x")
    assert unseal(restored, "een goed wachtwoord") == key
    with pytest.raises(WrongPassphrase):
        unseal(restored, "een fout wachtwoord")


def test_tampering_is_detected() -> None:
    envelope = seal(new_data_key(), "een goed wachtwoord", FAST_KDF)
    flipped = bytes([envelope.sealed[0] ^ 1]) + envelope.sealed[1:]
    with pytest.raises(WrongPassphrase):
        unseal(dataclasses.replace(envelope, sealed=flipped), "een goed wachtwoord")
    # the KDF cost is bound to the ciphertext: lowering it is not possible unnoticed
    weaker = dataclasses.replace(envelope.kdf, iterations=envelope.kdf.iterations + 1)
    with pytest.raises(WrongPassphrase):
        unseal(dataclasses.replace(envelope, kdf=weaker), "een goed wachtwoord")


@pytest.mark.parametrize(
    "raw",
    [b"", b"{}", b"not json", json.dumps({"format": "regiedesk-key", "version": 9}).encode()],
)
def test_foreign_key_files(raw: bytes) -> None:
    with pytest.raises(NotAProfile):
        KeyEnvelope.from_bytes(raw, source="x")


def test_new_passphrase_rules() -> None:
    with pytest.raises(WeakPassphrase) as err:
        check_new_passphrase("negen123")
    assert "10 tekens" in err.value.nl
    with pytest.raises(PassphraseMismatch):
        check_new_passphrase("lang genoeg 1", "lang genoeg 2")
    check_new_passphrase("lang genoeg 1", "lang genoeg 1")


def test_passwd_keeps_the_database(store: Store, data_dir: Path) -> None:
    FamilyService(store).create(name="Gezin Sleutel")
    store.close()
    before = (data_dir / DB_FILE).read_bytes()
    change_passphrase(data_dir, PASSPHRASE, "nieuw wachtwoord!", kdf=FAST_KDF)
    assert (data_dir / DB_FILE).read_bytes() == before
    with pytest.raises(WrongPassphrase):
        open_profile(data_dir, PASSPHRASE)
    with open_profile(data_dir, "nieuw wachtwoord!") as reopened:
        assert FamilyService(reopened).list()[0].name == "Gezin Sleutel"


def test_create_refuses_existing_and_check_reports(store: Store, data_dir: Path) -> None:
    store.close()
    with pytest.raises(ProfileExists):
        create_profile(data_dir, PASSPHRASE, user="x", kdf=FAST_KDF)
    report = check_profile(data_dir, PASSPHRASE)
    assert report.ok and len(report.lines) == 5
    assert any(f"Schemaversie: {SCHEMA_VERSION}" in line for _, line in report.lines)


def test_newer_schema_refused(store: Store, data_dir: Path) -> None:
    store.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    store.close()
    with pytest.raises(NewerSchema) as err:
        open_profile(data_dir, PASSPHRASE)
    assert str(SCHEMA_VERSION + 1) in err.value.nl


def test_backup_restore_round_trip(store: Store, data_dir: Path, tmp_path: Path) -> None:
    FamilyService(store).create(name="Gezin Kopie")
    backup_profile(data_dir, PASSPHRASE, tmp_path / "b.zip")  # while the store is open
    store.close()
    restore_profile(tmp_path / "b.zip", tmp_path / "r", PASSPHRASE)
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == [DB_FILE, KEY_FILE]
    with open_profile(tmp_path / "r", PASSPHRASE) as restored:
        assert [f.name for f in FamilyService(restored).list()] == ["Gezin Kopie"]
    with pytest.raises(WrongPassphrase):
        restore_profile(tmp_path / "b.zip", tmp_path / "r2", "verkeerd wachtwoord")
    assert not (tmp_path / "r2" / DB_FILE).exists()


def test_migrations_run_on_open_in_one_transaction(
    store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from regiedesk.store import profile, schema

    FamilyService(store).create(name="Gezin Oud")
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
        assert "extra" in migrated.db.table_names()
        assert FamilyService(migrated).list()[0].name == "Gezin Oud"
