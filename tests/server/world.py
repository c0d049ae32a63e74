"""Laptops with their own (skewable) clocks against one server, and the checks every sync
test ends with: each laptop equals the server, and the server's change log folded by
clock stamp (an independent model of the field merge) equals every laptop.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import httpx

from regiedesk.clock import HybridLogicalClock, utc_text, wall_clock_ms
from regiedesk.entities import ENTITY_TABLES
from regiedesk.ids import uuid7
from regiedesk.services import Services
from regiedesk.store import Store, create_profile
from regiedesk.store.database import SYNC_COLUMNS
from regiedesk.sync.apply import local_checksums
from regiedesk.sync.client import SyncClient, SyncEngine
from regiedesk.sync.server import auth
from regiedesk.sync.server.db import ServerDB

from ..conftest import FAST_KDF, TODAY
from .conftest import PASSWORD

_PASSWORD_HASH: list[str] = []


def enrol(db: ServerDB, user: str) -> str:
    """A caseworker with one device, written straight into the server database (no
    password hashing per user: that costs 0.3 s); returns the device token."""
    if not _PASSWORD_HASH:
        _PASSWORD_HASH.append(auth.hash_password(PASSWORD))
    if not db.query("SELECT 1 AS x FROM users WHERE name = ?", (user,)):
        db.execute(
            "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
            (user, "caseworker", _PASSWORD_HASH[0], utc_text()),
        )
    token = auth.new_token()
    db.execute(
        "INSERT INTO devices (id, user_name, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
        (uuid7(), user, f"laptop-{user}", auth.token_hash(token), utc_text()),
    )
    return token


def delegate(db: ServerDB, family_id: str, user: str) -> None:
    db.execute(
        "INSERT INTO delegations (id, family_id, user_name, valid_from, valid_until)"
        " VALUES (?, ?, ?, ?, ?)",
        (uuid7(), family_id, user, "2000-01-01", "2100-01-01"),
    )


class Laptop:
    """A profile, its services and a sync engine; ``skew_ms`` moves its wall clock (the
    hybrid logical clock, the notes' timestamps and the clock header of a push)."""

    def __init__(
        self,
        url: str,
        folder: Path,
        user: str,
        token: str,
        *,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.folder = folder
        self.user = user
        self.token = token
        self.skew_ms = 0
        self.store: Store = create_profile(folder, "laptop passphrase", user=user, kdf=FAST_KDF)
        old = self.store.clock
        self.store.clock = HybridLogicalClock(old.node, last=old.last, now_ms=self.wall_ms)
        self.services = Services.over(self.store, today=lambda: TODAY, now=self.now)
        self.client = SyncClient(url, token, transport=transport, clock_ms=self.wall_ms)
        self.engine = SyncEngine(self.store, self.client)

    def wall_ms(self) -> int:
        return wall_clock_ms() + self.skew_ms

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + dt.timedelta(milliseconds=self.skew_ms)

    def sync(self, *, verify_all: bool = False) -> Any:
        return self.engine.sync_once(verify_all=verify_all)

    def count(self, table: str) -> int:
        return int(self.store.query(f"SELECT count(*) AS n FROM {table}")[0]["n"])

    def outbox(self) -> int:
        return self.count("outbox")

    def rows(self, table: str, families: Iterable[str]) -> dict[str, dict[str, Any]]:
        column = "id" if table == "families" else "family_id"
        wanted = sorted(families)
        marks = ", ".join("?" for _ in wanted)
        found = self.store.query(
            f"SELECT * FROM {table} WHERE {column} IN ({marks})", tuple(wanted)
        )
        for row in found:  # the stamps as a mapping: their order in the JSON may differ
            row["field_hlc"] = json.loads(row["field_hlc"] or "{}")
        return {str(r["id"]): r for r in found}

    def close(self) -> None:
        self.client.close()
        self.store.close()


class SharedFamily(NamedTuple):
    family: str
    party: str
    note: str
    first: str  # the note's first revision


def share_family(db: ServerDB, laptops: Sequence[Laptop], *, name: str, role: str) -> SharedFamily:
    """The first laptop's family with a party and a note; the others stand in for it.
    Every laptop has synced it."""
    owner = laptops[0]
    family = owner.services.families.add_family(name=name, status="actief")
    party = owner.services.network.add_party(
        family.id, organisation="GGD", role=role, involved_from=TODAY
    )
    note, first = owner.services.notes.add_note(family.id, title="Verslag", body="begin")
    owner.sync()
    for laptop in laptops[1:]:
        delegate(db, family.id, laptop.user)
        laptop.sync()
    return SharedFamily(family.id, party.id, note.id, first.id)


def server_model(db: ServerDB, families: Sequence[str]) -> dict[str, dict[str, dict[str, Any]]]:
    """Per table and record: the state the merge must reach, folded from the change log by
    clock stamp alone (the sequence order in which changes arrived plays no part)."""
    marks = ", ".join("?" for _ in families)
    changes = db.query(
        "SELECT entity, record_id, op, data, hlc FROM changes"
        f" WHERE family_id IN ({marks}) ORDER BY hlc",
        tuple(families),
    )
    stamped: dict[tuple[str, str], dict[str, tuple[str, Any]]] = {}
    for change in changes:
        fields = stamped.setdefault((change["entity"], change["record_id"]), {})
        data = {"deleted": 1} if change["op"] == "delete" else json.loads(change["data"])
        if change["op"] == "insert":
            data.setdefault("deleted", 0)
        for name, value in data.items():
            if name in SYNC_COLUMNS - {"deleted"} or name == "id":
                continue
            if name not in fields or change["hlc"] > fields[name][0]:
                fields[name] = (change["hlc"], value)
        newest = max(change["hlc"], fields.get("updated_hlc", ("", None))[0])
        fields["updated_hlc"] = (newest, newest)
    model: dict[str, dict[str, dict[str, Any]]] = {t: {} for t in ENTITY_TABLES}
    for (table, record_id), fields in stamped.items():
        model.setdefault(table, {})[record_id] = {k: v for k, (_, v) in fields.items()}
    return model


def server_state(db: ServerDB, families: Sequence[str]) -> dict[str, dict[str, dict[str, Any]]]:
    """Per table and record: the server's current state (``record_state``) as a laptop's
    row: its fields, ``deleted``, ``updated_hlc`` and the per-field stamps."""
    marks = ", ".join("?" for _ in families)
    rows = db.query(
        f"SELECT entity, record_id, data, field_hlc, hlc FROM record_state"
        f" WHERE family_id IN ({marks})",
        tuple(families),
    )
    state: dict[str, dict[str, dict[str, Any]]] = {t: {} for t in ENTITY_TABLES}
    for row in rows:
        record = {**json.loads(row["data"]), "id": row["record_id"]}
        record["updated_hlc"] = row["hlc"]
        record["field_hlc"] = json.loads(row["field_hlc"])
        state.setdefault(row["entity"], {})[row["record_id"]] = record
    return state


def assert_state_is_every_laptops(
    db: ServerDB, laptops: Sequence[Laptop], families: Sequence[str]
) -> None:
    """The server's current state equals every laptop's records, record by record, field
    by field (stamps included)."""
    state = server_state(db, families)
    for table in ENTITY_TABLES:
        for laptop in laptops:
            rows = laptop.rows(table, families)
            held = state.get(table, {})
            assert set(rows) == set(held), f"{laptop.user}: the server state has other {table}"
            for record_id, row in rows.items():
                assert {k: held[record_id].get(k) for k in row} == row, (
                    f"{laptop.user}: {table}/{record_id} differs from the server state"
                )


def assert_converged(
    db: ServerDB,
    laptops: Sequence[Laptop],
    families: Sequence[str],
    *,
    revisions: dict[str, str] | None = None,
    hours: Iterable[str] | None = None,
) -> None:
    """Every laptop equals the server and each other; no revision lost, no hours twice."""
    for laptop in laptops:
        assert laptop.outbox() == 0, f"{laptop.user}: outbox not empty"
        remote = laptop.client.checksums(list(families))
        assert sorted(remote) == sorted(families), f"{laptop.user}: scope {sorted(remote)}"
        assert local_checksums(laptop.store, families) == remote, f"{laptop.user} != server"
    model = server_model(db, families)
    for table in ENTITY_TABLES:
        expected = model.get(table, {})
        for laptop in laptops:
            rows = laptop.rows(table, families)
            assert set(rows) == set(expected), f"{laptop.user}: other {table} than the server"
            for record_id, fields in expected.items():
                got = {k: rows[record_id].get(k) for k in fields}
                assert got == fields, f"{laptop.user}: {table}/{record_id} merged wrongly: {got}"
        first = laptops[0].rows(table, families)
        for laptop in laptops[1:]:
            assert laptop.rows(table, families) == first, f"{laptop.user}: {table} differs"
    assert_state_is_every_laptops(db, laptops, families)
    if revisions is not None:
        for laptop in laptops:
            kept = laptop.rows("note_revisions", families)
            assert set(kept) == set(revisions), f"{laptop.user}: a note revision was lost"
            assert {k: r["body"] for k, r in kept.items()} == revisions
            assert not any(r["deleted"] for r in kept.values())
    if hours is not None:
        created = set(hours)
        for laptop in laptops:
            assert set(laptop.rows("hours", families)) == created, f"{laptop.user}: hours differ"
    marks = ", ".join("?" for _ in families)
    twice = db.query(
        "SELECT record_id, count(*) AS n FROM changes WHERE entity = 'hours' AND op = 'insert'"
        f" AND family_id IN ({marks}) GROUP BY record_id HAVING count(*) > 1",
        tuple(families),
    )
    assert twice == [], f"an hours entry was inserted twice: {twice}"
