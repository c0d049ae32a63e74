"""The two local tables of sync: the outbox of changes to push, and the changes the server
refused, kept aside so no work is lost (with them, pulled changes this laptop could not
apply, their reason prefixed ``pulled:``).

``Store.outbox`` and ``Store.set_aside`` are the only writers of these tables: ``Tx``
appends to the outbox, the sync engine settles a push through ``Outbox.settle``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from ..entities import ENTITY_TABLES
from ..ids import uuid7
from ..sql_lists import in_statements
from ..sync.codes import Op, Outcome, Reason

if TYPE_CHECKING:
    from ..sync import protocol as p
    from .database import Store

log = logging.getLogger(__name__)

PULLED = "pulled:"  # the reason prefix of a pulled change set aside


@dataclass
class Settled:
    """What a push's answers did: changes the server took, and changes it refused."""

    pushed: int = 0
    rejected: int = 0


class _SyncTable:
    """What a destruction on the server asks of either table: whether it holds something of
    a family or a record, and forgetting that, inside the caller's transaction."""

    table: ClassVar[str]

    def __init__(self, store: Store) -> None:
        self._store = store

    def holds_family(self, family_id: str) -> bool:
        rows = self._store.query(
            f"SELECT 1 AS x FROM {self.table} WHERE family_id = ? LIMIT 1", (family_id,)
        )
        return bool(rows)

    def family_of(self, entity: str, record_id: str) -> str | None:
        """The family of the changes held about one record, if any are."""
        rows = self._store.query(
            f"SELECT family_id FROM {self.table} WHERE entity = ? AND record_id = ? LIMIT 1",
            (entity, record_id),
        )
        return str(rows[0]["family_id"]) if rows else None

    def forget_family(self, family_id: str) -> None:
        self._store.conn.execute(f"DELETE FROM {self.table} WHERE family_id = ?", (family_id,))

    def forget_records(self, record_ids: Sequence[str]) -> None:
        for sql, chunk in in_statements(f"DELETE FROM {self.table} WHERE record_id", record_ids):
            self._store.conn.execute(sql, chunk)


class Outbox(_SyncTable):
    """Local changes not yet acknowledged by the server, in the order they were made."""

    table = "outbox"

    def append(
        self,
        hlc: str,
        entity: str,
        record_id: str,
        family_id: str | None,
        op: Op,
        data: Any,
    ) -> None:
        """One change (its stamp as text), inside the transaction that makes it (``Tx``
        calls this)."""
        self._store.conn.execute(
            "INSERT INTO outbox (mutation_id, hlc, entity, record_id, family_id, op, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (uuid7(), hlc, entity, record_id, family_id, op, json.dumps(data)),
        )

    def pending(self, limit: int) -> list[p.Mutation]:
        """The oldest ``limit`` changes, as the push sends them."""
        rows = self._store.query(
            "SELECT mutation_id, hlc, entity, record_id, family_id, op, data FROM outbox"
            " ORDER BY seq LIMIT ?",
            (limit,),
        )
        return [
            {
                "mutation_id": r["mutation_id"],
                "hlc": r["hlc"],
                "entity": r["entity"],
                "record_id": r["record_id"],
                "family_id": r["family_id"],
                "op": Op(r["op"]),
                "data": json.loads(r["data"]),
            }
            for r in rows
        ]

    def count(self) -> int:
        return int(self._store.query("SELECT count(*) AS n FROM outbox")[0]["n"])

    def has_pending(self, family_id: str) -> bool:
        return self.holds_family(family_id)

    def settle(
        self, sent: Iterable[p.Mutation], results: Iterable[p.MutationResult], *, at: str
    ) -> Settled:
        """Record the server's answers in one local transaction: every answered change
        leaves the outbox; a refused one is set aside (dated ``at``) and a refused delete
        is undone. Answers for changes not sent are ignored."""
        by_id = {m["mutation_id"]: m for m in sent}
        settled = Settled()
        store = self._store
        newest = ""  # the newest stamp the server took
        with store.transaction(event="transfer", client=None) as tx:
            for result in results:
                mutation = by_id.get(result["mutation_id"])
                if mutation is None:
                    continue
                if result["outcome"] == Outcome.REJECTED:
                    settled.rejected += 1
                    store.set_aside.keep(mutation, result.get("reason"), at=at)
                    _undo_refused_delete(store, mutation)
                else:
                    settled.pushed += 1
                    newest = max(newest, mutation["hlc"])
                store.conn.execute(
                    "DELETE FROM outbox WHERE mutation_id = ?", (mutation["mutation_id"],)
                )
                tx.objects.append(f"{mutation['entity']}/{mutation['record_id']}")
            if newest:
                store.note_synced_stamp(newest)
        return settled


def _undo_refused_delete(store: Store, mutation: p.Mutation) -> None:
    """A delete the server refused is undone locally, so the record is not lost, with the
    stamps the row had before it: a kept delete stamp would differ from the server's row
    for good (a checksum mismatch, and a re-fetch, at every sync) and would beat a later
    delete by someone else."""
    log.warning("server rejected the %s of a row in %s", mutation["op"], mutation["entity"])
    table = mutation["entity"]
    if mutation["op"] != Op.DELETE or table not in ENTITY_TABLES:
        return
    row = store.conn.execute(
        f"SELECT field_hlc FROM {table} WHERE id = ?", (mutation["record_id"],)
    ).fetchone()
    clocks = json.loads(row[0] or "{}") if row else {}
    if clocks.get("deleted") != mutation["hlc"]:
        return  # gone, or deleted again since by a delete that stands
    del clocks["deleted"]
    store.conn.execute(
        f"UPDATE {table} SET deleted = 0, field_hlc = ?, updated_hlc = ? WHERE id = ?",
        (json.dumps(clocks), max(clocks.values(), default=""), mutation["record_id"]),
    )


class SetAside(_SyncTable):
    """Local changes the server refused, kept in the profile (not in the outbox, and not in
    the tables a purge clears), so the work survives the family leaving this device."""

    table = "rejected_changes"

    def keep(self, mutation: p.Mutation, reason: Reason | None, *, at: str) -> None:
        """Inside the transaction that takes the change out of the outbox."""
        self._store.conn.execute(
            "INSERT OR IGNORE INTO rejected_changes (mutation_id, hlc, entity, record_id,"
            " family_id, op, data, reason, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                mutation["mutation_id"],
                mutation["hlc"],
                mutation["entity"],
                mutation["record_id"],
                mutation["family_id"],
                mutation["op"],
                json.dumps(mutation["data"]),
                reason,
                at,
            ),
        )

    def keep_pulled(self, change: Mapping[str, Any], reason: str, *, at: str) -> None:
        """A pulled change this laptop cannot apply, inside the page's transaction. Its
        values may be anything a server once stored: a lone surrogate is kept escaped."""

        def kept(value: Any) -> str:
            return str(value).encode("utf-8", "backslashreplace").decode("utf-8")

        op = str(change.get("op"))
        if op not in ("insert", "update", "delete"):
            return  # the server never sends one; the table cannot hold it either
        family = change.get("family_id")
        self._store.conn.execute(
            "INSERT OR IGNORE INTO rejected_changes (mutation_id, hlc, entity, record_id,"
            " family_id, op, data, reason, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                kept(change.get("mutation_id")),
                kept(change.get("hlc")),
                kept(change.get("entity")),
                kept(change.get("record_id")),
                None if family is None else kept(family),
                op,
                json.dumps(change.get("data"), default=str),
                PULLED + reason,
                at,
            ),
        )

    def pulled_changes(self, families: list[str]) -> list[tuple[str, str, str, str, str, str]]:
        """(family, entity, record id, stamp, op, data as JSON) of the pulled changes kept
        for ``families``, in the order they were kept."""
        found: list[tuple[str, str, str, str, str, str]] = []
        select = (
            "SELECT family_id, entity, record_id, hlc, op, data FROM rejected_changes"
            f" WHERE reason LIKE '{PULLED}%' AND family_id"
        )
        for sql, chunk in in_statements(select, families, then="ORDER BY seq"):
            found += self._store.conn.execute(sql, chunk).fetchall()
        return found

    def pulled_families(self) -> set[str]:
        """Families whose own pulled record was kept aside (no row of them is here)."""
        rows = self._store.conn.execute(
            "SELECT record_id FROM rejected_changes WHERE entity = 'families'"
            f" AND reason LIKE '{PULLED}%'"
        )
        return {str(r[0]) for r in rows}

    def all(self) -> list[dict[str, Any]]:
        """The kept changes, oldest first: ``entity``, ``record_id``, ``family_id``, ``op``,
        ``data`` (the changed fields), ``reason``, ``rejected_at``, ``mutation_id``, ``hlc``.
        They contain client data: a caller that shows or exports them records that access."""
        rows = self._store.query(
            "SELECT mutation_id, hlc, entity, record_id, family_id, op, data, reason, rejected_at"
            " FROM rejected_changes ORDER BY seq"
        )
        return [{**row, "data": json.loads(row["data"])} for row in rows]

    def count(self) -> int:
        """How many changes ``all`` holds (without reading them)."""
        return int(self._store.query("SELECT count(*) AS n FROM rejected_changes")[0]["n"])

    def dismiss(self, mutation_ids: list[str]) -> int:
        """Delete kept changes the user has dealt with, with one audit event in the same
        transaction. Unknown ids are ignored. Returns how many were deleted."""
        if not mutation_ids:
            return 0
        store = self._store
        marks = ", ".join("?" for _ in mutation_ids)
        rows = store.query(
            "SELECT entity, record_id, family_id FROM rejected_changes"
            f" WHERE mutation_id IN ({marks}) ORDER BY seq",
            tuple(mutation_ids),
        )  # only this (the database) thread removes them: still there in the transaction
        if not rows:
            return 0  # nothing to delete: no audit event either
        with store.transaction(event="delete", client=None) as tx:
            store.conn.execute(
                f"DELETE FROM rejected_changes WHERE mutation_id IN ({marks})", tuple(mutation_ids)
            )
            tx.objects.extend(f"{r['entity']}/{r['record_id']}" for r in rows)
            tx.objects.extend(f"families/{r['family_id']}" for r in rows if r["family_id"])
        return len(rows)
