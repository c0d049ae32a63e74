"""The laptop's audit trail is a hash chain: each event carries the hash of the one before,
and the check finds a changed, removed or moved event."""

from __future__ import annotations

import hashlib
import itertools
import json
from pathlib import Path

import sqlcipher3

from regiedesk.audit_chain import GENESIS, event_hash, link_hash
from regiedesk.services.families import FamilyService
from regiedesk.store import Store, check_profile
from regiedesk.store.profile import DB_FILE, _connect, unlock
from regiedesk.store.schema import MIGRATIONS, migrate

from .conftest import PASSPHRASE


def events(store: Store) -> list[dict[str, object]]:
    return store.query("SELECT * FROM audit_log ORDER BY seq")


def three_events(store: Store) -> None:
    families = FamilyService(store)
    family = families.add_family(name="Gezin Keten")
    families.update_family(family.id, name="Gezin Keten 2")
    store.record_access("read", client=family.id, objects=[f"families/{family.id}"])


def raw(data_dir: Path) -> sqlcipher3.Connection:
    """The database as someone with the key sees it: triggers can be dropped."""
    key, _ = unlock(data_dir, PASSPHRASE)
    conn = _connect(data_dir / DB_FILE, key)
    conn.execute("DROP TRIGGER audit_log_append_only_update")
    conn.execute("DROP TRIGGER audit_log_append_only_delete")
    return conn


def test_each_event_carries_the_hash_of_the_one_before(store: Store) -> None:
    three_events(store)
    rows = events(store)
    assert rows[0]["prev_hash"] == GENESIS
    for before, after in itertools.pairwise(rows):
        assert after["prev_hash"] == before["hash"]
    for row in rows:
        assert row["hash"] == event_hash(str(row["prev_hash"]), row)
    assert store.verify_audit_chain().ok and store.verify_audit_chain().events == 3


def test_events_of_two_connections_form_one_chain(store: Store) -> None:
    other = store.another_connection()
    try:
        store.record_access("read", client=None, objects=["a"])
        other.record_access("read", client=None, objects=["b"])
        store.record_access("read", client=None, objects=["c"])
    finally:
        other.close()
    assert store.verify_audit_chain().ok


def check_lines(data_dir: Path) -> list[tuple[bool, str]]:
    return [line for line in check_profile(data_dir, PASSPHRASE).lines if "Audit" in line[1]]


def test_the_check_finds_a_changed_event(store: Store, data_dir: Path) -> None:
    three_events(store)
    store.close()
    assert check_lines(data_dir) == [
        (True, "Audittrail: 3 gebeurtenissen, de keten is ongeschonden")
    ]
    with raw(data_dir) as conn:
        conn.execute("UPDATE audit_log SET user = 'iemand.anders' WHERE seq = 2")
        conn.commit()
    assert check_lines(data_dir) == [(False, "Audittrail: gebeurtenis 2 is veranderd")]


def test_the_check_finds_a_removed_event(store: Store, data_dir: Path) -> None:
    three_events(store)
    store.close()
    with raw(data_dir) as conn:
        conn.execute("DELETE FROM audit_log WHERE seq = 2")
        conn.commit()
    [(ok, line)] = check_lines(data_dir)
    assert not ok and "gebeurtenis 3 volgt niet op de vorige" in line


def test_the_check_finds_events_swapped(store: Store, data_dir: Path) -> None:
    three_events(store)
    store.close()
    with raw(data_dir) as conn:  # the contents of events 1 and 2 swapped, hashes and all
        rows = conn.execute("SELECT * FROM audit_log WHERE seq IN (1, 2) ORDER BY seq").fetchall()
        conn.execute("DELETE FROM audit_log WHERE seq IN (1, 2)")
        for seq, row in ((1, rows[1]), (2, rows[0])):
            conn.execute("INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (seq, *row[1:]))  # fmt: skip
        conn.commit()
    [(ok, line)] = check_lines(data_dir)
    assert not ok and "gebeurtenis 1 volgt niet op de vorige" in line


def test_events_from_before_the_chain_are_linked_on_upgrade(tmp_path: Path) -> None:
    conn = sqlcipher3.connect(str(tmp_path / "old.db"), isolation_level=None)
    for statements in MIGRATIONS[:4]:
        for sql in statements:
            assert isinstance(sql, str)
            conn.execute(sql)
    conn.execute("PRAGMA user_version = 4")
    for n in range(3):
        conn.execute(
            "INSERT INTO audit_log (id, event, at, client, user, responsible_user, device,"
            " objects) VALUES (?, 'read', '2026-01-01T00:00:00Z', NULL, 'anna', 'anna', 'd', ?)",
            (f"id-{n}", json.dumps([f"x/{n}"])),
        )
    migrate(conn, from_version=4)
    rows = conn.execute("SELECT prev_hash, hash FROM audit_log ORDER BY seq").fetchall()
    assert rows[0][0] == GENESIS and rows[1][0] == rows[0][1] and rows[2][0] == rows[1][1]
    try:
        conn.execute("UPDATE audit_log SET user = 'x' WHERE seq = 1")
        raise AssertionError("a linked event was changed")
    except sqlcipher3.IntegrityError:
        pass


def test_a_linked_event_cannot_be_changed_through_the_app(store: Store) -> None:
    store.record_access("read", client=None, objects=["a"])
    try:
        store.conn.execute("UPDATE audit_log SET user = 'x'")
        raise AssertionError("changed")
    except sqlcipher3.IntegrityError as exc:
        assert "append-only" in str(exc)


def test_the_trail_costs_one_page_a_write_and_stays_append_only(store: Store) -> None:
    """Schema 7: no index and no AUTOINCREMENT counter on the trail (each was a page more to
    encrypt and write at every commit); seq still rises, the chain holds, nothing goes."""
    for n in range(3):
        store.record_access("read", client=None, objects=[f"x/{n}"])
    assert store.conn.execute("PRAGMA index_list(audit_log)").fetchall() == []
    counters = store.conn.execute(
        "SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'"
    ).fetchall()
    if counters:
        assert store.conn.execute(
            "SELECT count(*) FROM sqlite_sequence WHERE name = 'audit_log'"
        ).fetchone()[0] == 0  # fmt: skip
    seqs = [r[0] for r in store.conn.execute("SELECT seq FROM audit_log ORDER BY rowid")]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs) >= 3
    assert store.verify_audit_chain().ok
    try:
        store.conn.execute("DELETE FROM audit_log WHERE seq = ?", (seqs[-1],))
        raise AssertionError("an event was removed")
    except sqlcipher3.IntegrityError as exc:
        assert "append-only" in str(exc)


def test_an_event_hash_is_sha256_of_the_compact_json_of_its_link_and_fields() -> None:
    # the server and every laptop already hold hashes in this form: it must never drift
    values = ["e1", "read", "2026-11-24T09:00:00.000+00:00", None, "anna", "anna", "d1", '["ö"]']
    text = '["' + GENESIS + '","e1","read","2026-11-24T09:00:00.000+00:00",null,"anna","anna",'
    text += '"d1","[\\"ö\\"]"]'
    assert link_hash(GENESIS, values) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_an_event_names_the_account_another_connection_just_set(store: Store) -> None:
    other = store.another_connection()
    try:
        store.record_access("read", client=None, objects=["a"])
        other.set_meta("user", "anna")
        store.record_access("read", client=None, objects=["b"])
    finally:
        other.close()
    users = [row["user"] for row in events(store)]
    assert users[-1] == "anna" and users[-2] != "anna"
    assert store.verify_audit_chain().ok
