"""An open profile database and its unit of work.

Every write goes through ``Store.transaction``: one SQLite transaction that
changes the entity rows, appends an outbox entry per change (a mutation id and
a hybrid-logical-clock stamp, for sync), and appends one NEN 7513 audit event.
Either all of it is committed or none of it.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import sqlcipher3

from ..audit_chain import GENESIS, ChainReport, link_hash, verify_chain
from ..clock import HybridLogicalClock, Stamp, utc_text
from ..entities import ENTITY_TABLES
from ..errors import NotFound, ProfileBusy, StorageUnavailable
from ..ids import uuid7
from ..sync.codes import Op
from .outbox import Outbox, SetAside

if TYPE_CHECKING:
    from ..sync import protocol as p

log = logging.getLogger(__name__)

AuditEvent = Literal["create", "read", "update", "delete", "print", "export", "search", "transfer"]

DatabaseError = sqlcipher3.DatabaseError


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: the user, on whose behalf (NEN 7513 'responsible user'), on which device."""

    user: str
    device: str
    responsible_user: str | None = None


def storage_error(exc: BaseException, path: Path) -> StorageUnavailable | None:
    """Translate SQLite's disk-level failures into the error a person can act on."""
    text = str(exc).lower()
    if "full" in text:
        return StorageUnavailable(str(path.parent), "full")
    if "readonly" in text or "read-only" in text:
        return StorageUnavailable(str(path.parent), "read_only")
    if "locked" in text or "busy" in text:
        return ProfileBusy(str(path.parent))
    if "disk i/o" in text or "unable to open" in text:
        return StorageUnavailable(str(path.parent), "write_error")
    return None


class Tx:
    """The changes of one unit of work. Obtain one from ``Store.transaction``."""

    def __init__(self, store: Store, client: str | None) -> None:
        self._store = store
        self._conn = store.conn
        self.client = client
        self.objects: list[str] = []
        self.outboxed = 0

    def _outbox(
        self, hlc: str, entity: str, record_id: str, family_id: str | None, op: Op, data: Any
    ) -> None:
        self._store.outbox.append(hlc, entity, record_id, family_id, op, data)
        self.outboxed += 1
        self.objects.append(f"{entity}/{record_id}")

    def _stamp_after(self, current: Mapping[str, Any]) -> Stamp:
        """A stamp later than the row's own (rows from before schema 3 carry none)."""
        try:
            seen = Stamp.decode(str(current.get("updated_hlc") or ""))
        except ValueError:
            return self._store.clock.tick()
        return self._store.clock.tick_after(seen)

    def _family_of(self, table: str, row: Mapping[str, Any]) -> str | None:
        if table == "families":
            return str(row["id"])
        family = row.get("family_id")
        return str(family) if family is not None else self.client

    def insert(self, table: str, values: Mapping[str, Any]) -> str:
        """Insert a new entity row; returns its id (generated unless given)."""
        _check_table(table)
        hlc = self._store.clock.tick().encode()
        data = dict(values)
        if "id" not in data:  # not setdefault: that would make an id for every row
            data["id"] = uuid7()
        for column in SYNC_COLUMNS.intersection(data):
            del data[column]  # the store sets them; the outbox never carried them
        # the insert's own stamp for every field: json.dumps({"*": hlc}), as the text of a
        # stamp (digits, letters and '-') needs no escaping
        row = (*data.values(), hlc, 0, f'{{"*": "{hlc}"}}')
        self._conn.execute(_insert_sql(table, tuple(data)), row)
        self._outbox(hlc, table, data["id"], self._family_of(table, data), Op.INSERT, data)
        return str(data["id"])

    def update(self, table: str, record_id: str, changes: Mapping[str, Any]) -> None:
        """Change fields of a live row. Only the changed fields go to the outbox."""
        _check_table(table)
        current = self._store.get(table, record_id)
        changed = {k: v for k, v in changes.items() if current.get(k) != v}
        if not changed:
            return
        stamp = self._stamp_after(current)
        clocks = field_clocks(current)
        clocks.update(dict.fromkeys(changed, stamp.encode()))
        assignments = ", ".join(f"{k} = ?" for k in changed)
        self._conn.execute(
            f"UPDATE {table} SET {assignments}, updated_hlc = ?, field_hlc = ? WHERE id = ?",
            (*changed.values(), stamp.encode(), json.dumps(clocks), record_id),
        )
        self._outbox(
            stamp.encode(), table, record_id, self._family_of(table, current), Op.UPDATE, changed
        )

    def delete(self, table: str, record_id: str) -> None:
        """Tombstone a row: it stays, marked deleted, so the deletion can sync."""
        _check_table(table)
        current = self._store.get(table, record_id)
        stamp = self._stamp_after(current)
        clocks = field_clocks(current)
        clocks["deleted"] = stamp.encode()
        self._conn.execute(
            f"UPDATE {table} SET deleted = 1, updated_hlc = ?, field_hlc = ? WHERE id = ?",
            (stamp.encode(), json.dumps(clocks), record_id),
        )
        self._outbox(
            stamp.encode(), table, record_id, self._family_of(table, current), Op.DELETE, {}
        )


SYNC_COLUMNS = frozenset({"updated_hlc", "deleted", "field_hlc"})


@functools.lru_cache(maxsize=256)
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    """An entity insert's statement, made once per table and set of columns (the
    sync columns last): the text of every bulk row's statement is the same."""
    names = ", ".join((*columns, "updated_hlc", "deleted", "field_hlc"))
    marks = ", ".join("?" * (len(columns) + 3))
    return f"INSERT INTO {table} ({names}) VALUES ({marks})"


def field_clocks(row: Mapping[str, Any]) -> dict[str, str]:
    """The row's per-field stamps; fields without their own stamp carry the insert's."""
    raw = row.get("field_hlc")
    clocks: dict[str, str] = json.loads(raw) if raw else {}
    clocks.setdefault("*", str(row.get("updated_hlc") or ""))
    return clocks


def clock_of(clocks: Mapping[str, str], field: str) -> str:
    return clocks.get(field, clocks["*"])


def verify_audit_rows(conn: Any) -> ChainReport:
    """The chain check over a connection (the store's, or ``check_profile``'s own)."""
    cursor = conn.execute(
        "SELECT seq, id, event, at, client, user, responsible_user, device, objects,"
        " prev_hash, hash FROM audit_log ORDER BY seq"
    )
    names = [column[0] for column in cursor.description]
    return verify_chain(dict(zip(names, row, strict=True)) for row in cursor)


_CLOCK_AND_USER = "SELECT key, value FROM meta WHERE key IN ('clock', 'user')"

# One statement per event: the previous event's hash is read in it (inside the write
# transaction, so another connection's event in between is linked to, not skipped; an
# empty trail starts at GENESIS, ?9) and the new hash made by ``audit_link``, registered
# on every Store's connection. Half the cost of a separate SELECT and INSERT.
_LAST_HASH = "coalesce(nullif((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), ''), ?9)"
_APPEND_AUDIT = (
    "INSERT INTO audit_log (id, event, at, client, user, responsible_user, device, objects,"
    f" prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, {_LAST_HASH},"
    f" audit_link({_LAST_HASH}, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))"
)


def _audit_link(prev: str, *values: Any) -> str:
    return link_hash(prev, values)


def _check_table(table: str) -> None:
    if table not in ENTITY_TABLES:
        raise ValueError(f"not an entity table: {table}")


class Store:
    """The open, unlocked profile database. Create it through ``regiedesk.store.profile``."""

    def __init__(self, conn: Any, *, path: Path) -> None:
        self.conn = conn
        self.path = path
        conn.create_function("audit_link", 9, _audit_link, deterministic=True)
        self.on_change: Callable[[], None] | None = None  # called after a commit with outbox rows
        self.outbox = Outbox(self)
        self.set_aside = SetAside(self)
        self._reopen: Callable[[], Store] | None = None
        self.device_id = self.meta("device_id") or ""
        last = self.meta("clock")
        self.clock = HybridLogicalClock(
            self.device_id.replace("-", ""), last=Stamp.decode(last) if last else None
        )

    @property
    def actor(self) -> Actor:
        """Who acts: the profile's account (the signed-in one once connected). Read each
        time: connecting on the network thread's connection changes it for every one."""
        return Actor(user=self.meta("user") or "", device=self.device_id)

    # --- reading -------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def query(
        self, sql: str, params: tuple[Any, ...] | Mapping[str, Any] = ()
    ) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params if isinstance(params, tuple) else dict(params))
        names = [column[0] for column in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def get(self, table: str, record_id: str, *, include_deleted: bool = False) -> dict[str, Any]:
        _check_table(table)
        rows = self.query(f"SELECT * FROM {table} WHERE id = ?", (record_id,))
        if not rows or (rows[0]["deleted"] and not include_deleted):
            raise NotFound(table, record_id)
        return rows[0]

    # --- writing -------------------------------------------------------------

    @contextmanager
    def transaction(
        self, *, event: AuditEvent, client: str | None, actor: Actor | None = None
    ) -> Iterator[Tx]:
        """One unit of work: entity changes, their outbox entries and one audit event."""
        tx = Tx(self, client)
        with self._atomic():
            user = self._catch_up_clock()
            yield tx
            actor = actor or Actor(user=user, device=self.device_id)
            self._append_audit(event, tx.client, tx.objects, actor)
            self.put_meta("clock", self.clock.last.encode())
        if tx.outboxed and self.on_change is not None:
            self.on_change()

    def _catch_up_clock(self) -> str:
        """The sync thread has its own connection and clock: never stamp below what it saw.
        Returns the profile's account as well (who acts, as ``actor``), read in the same
        statement: every write needs both."""
        stored = dict(self.conn.execute(_CLOCK_AND_USER).fetchall())
        if stored.get("clock"):
            self.clock.witness(Stamp.decode(str(stored["clock"])))
        return str(stored.get("user") or "")

    def rewind_future_stamps(self) -> int:
        """The server refused this device's stamps as lying in the future while its clock is
        right now: its time was set hours ahead while it worked. Those stamps would beat
        everyone's newer edits until the real time caught up, so the clock goes back to the
        wall clock and the pending changes stamped in the future are stamped again, in
        their order (they never left the device). Returns how many were stamped again."""
        with self._atomic():
            self._catch_up_clock()
            count = self._rewind_clock()
            self.put_meta("clock", self.clock.last.encode())
        return count

    def _rewind_clock(self) -> int:
        horizon = self.clock.horizon().encode()
        pending = self.conn.execute(
            "SELECT seq, hlc, entity, record_id FROM outbox WHERE hlc > ? ORDER BY seq",
            (horizon,),
        ).fetchall()
        # Not below any stamp that stays: an edit re-issued below the stamp it replaced would
        # lose to it everywhere but here (a wall clock that now runs behind would do that).
        # The stamp a pending edit replaced is gone from its row, so the newest stamp the
        # server holds that this laptop saw (pulled or pushed: ``synced_hlc``) counts too.
        floor = max(
            self._newest_stamp_except({hlc for _, hlc, _, _ in pending}),
            self.meta("synced_hlc") or "",
        )
        self.clock.rewind(Stamp.decode(floor) if floor else None)
        renamed: dict[tuple[str, str], dict[str, str]] = {}
        for seq, old, entity, record_id in pending:
            new = self.clock.tick().encode()
            self.conn.execute("UPDATE outbox SET hlc = ? WHERE seq = ?", (new, seq))
            renamed.setdefault((entity, record_id), {})[old] = new
        for (entity, record_id), stamps in renamed.items():
            _check_table(entity)
            row = self.conn.execute(
                f"SELECT field_hlc, updated_hlc FROM {entity} WHERE id = ?", (record_id,)
            ).fetchone()
            if row is None:
                continue
            clocks = {k: stamps.get(v, v) for k, v in json.loads(row[0] or "{}").items()}
            updated = max([*clocks.values(), stamps.get(row[1], row[1])])
            self.conn.execute(
                f"UPDATE {entity} SET field_hlc = ?, updated_hlc = ? WHERE id = ?",
                (json.dumps(clocks), updated, record_id),
            )
        log.warning("clock was ahead of the wall clock: %d pending changes restamped", len(pending))
        return len(pending)

    def _newest_stamp_except(self, leaving: set[str]) -> str:
        """The newest field stamp in the store that is not one of ``leaving``."""
        newest = ""
        for entity in ENTITY_TABLES:
            for field_hlc, updated in self.conn.execute(
                f"SELECT field_hlc, updated_hlc FROM {entity}"
            ):
                if updated in leaving:  # a row with a stamp that goes: look at each field
                    stamps = json.loads(field_hlc or "{}").values()
                    updated = max((h for h in stamps if h not in leaving), default="")
                newest = max(newest, updated)
        return newest

    def another_connection(self) -> Store:
        """A second connection to this profile (for the network thread), without the KDF."""
        if self._reopen is None:
            raise RuntimeError("this store cannot be reopened")
        return self._reopen()

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK and a disk error a person can act on."""
        self._begin()
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException as exc:
            self._rollback()
            translated = storage_error(exc, self.path) if isinstance(exc, DatabaseError) else None
            if translated is not None:
                log.error("write failed: %s", type(exc).__name__)
                raise translated from exc
            raise

    def record_access(
        self,
        event: AuditEvent,
        *,
        client: str | None,
        objects: list[str],
        actor: Actor | None = None,
    ) -> None:
        """Log an access that changes nothing (read, print, export, search)."""
        with self.transaction(event=event, client=client, actor=actor) as tx:
            tx.objects.extend(objects)

    def set_meta(self, key: str, value: str) -> None:
        with self._atomic():
            self.put_meta(key, value)

    def set_metas(self, values: Mapping[str, str]) -> None:
        """Several meta values in one transaction: all of them or none."""
        with self._atomic():
            for key, value in values.items():
                self.put_meta(key, value)

    def write_local(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        """One statement on local-only state (meta, drafts): no outbox, no audit event."""
        with self._atomic():
            self.conn.execute(sql, params)

    def note_synced_stamp(self, stamp: str) -> None:
        """Inside the open transaction: ``stamp`` (of a change pulled, or pushed and
        answered) is on the server. Keeps the newest such stamp in ``synced_hlc``: a clock
        rewind re-issues pending edits after it, as they were made after it."""
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('synced_hlc', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)",
            (stamp,),
        )

    def put_meta(self, key: str, value: str) -> None:
        """Set a meta value inside the transaction that is already open."""
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def _begin(self) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except DatabaseError as exc:
            translated = storage_error(exc, self.path)
            if translated is not None:
                raise translated from exc
            raise

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def _append_audit(
        self, event: str, client: str | None, objects: list[str], actor: Actor
    ) -> None:
        """Append one event, linked to the one before (``_APPEND_AUDIT``)."""
        self.conn.execute(
            _APPEND_AUDIT,
            (
                uuid7(),
                event,
                utc_text(),
                client,
                actor.user,
                actor.responsible_user or actor.user,
                actor.device,
                json.dumps(list(dict.fromkeys(objects))),
                GENESIS,
            ),
        )

    def audit_events_after(self, seq: int, limit: int) -> list[tuple[int, p.AuditEvent]]:
        """The next events for the central trail, with their local seq (the push cursor)."""
        rows = self.conn.execute(
            "SELECT seq, id, event, at, client, user, responsible_user, device, objects,"
            " prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
            (seq, limit),
        ).fetchall()
        return [
            (
                int(r[0]),
                {
                    "id": r[1], "event": r[2], "at": r[3], "client": r[4], "user": r[5],
                    "responsible_user": r[6], "device": r[7], "objects": r[8],
                    "prev_hash": r[9], "hash": r[10],
                },
            )
            for r in rows
        ]  # fmt: skip

    def verify_audit_chain(self) -> ChainReport:
        """Walk this device's audit trail: every event unchanged, none removed or moved."""
        return verify_audit_rows(self.conn)

    def close(self) -> None:
        with suppress(DatabaseError):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
