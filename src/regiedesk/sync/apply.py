"""Applying the server's changes to the local store: field-level merge by clock stamp.

Per field, the write with the higher stamp wins (stamps order by wall time,
counter, then device); the loser stays in the server's change log. Hours and
note revisions are separate records, so concurrent hours add up and
concurrent note edits become two revisions (two heads) for the user to merge.
Applying never writes the outbox: these are not local changes.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from ..clock import ClockDrift, Stamp
from ..store import Store
from ..store.database import SYNC_COLUMNS, clock_of, field_clocks, utc_now
from ..store.schema import ENTITY_TABLES
from . import protocol as p


def _columns(store: Store, table: str) -> set[str]:
    return {str(r["name"]) for r in store.query(f"PRAGMA table_info({table})")}


class PageApplier:
    """Applies one page: existing rows are fetched per table in one query, new rows are
    inserted together at the end (with every later change of the same page merged in)."""

    def __init__(self, store: Store, changes: list[Mapping[str, Any]]) -> None:
        self.store = store
        self.columns: dict[str, set[str]] = {}
        self.existing: dict[tuple[str, str], dict[str, Any]] = {}
        self.fresh: dict[tuple[str, str], dict[str, Any]] = {}
        wanted: dict[str, set[str]] = {}
        for change in changes:
            wanted.setdefault(str(change["entity"]), set()).add(str(change["record_id"]))
        for table, ids in wanted.items():
            if table not in ENTITY_TABLES:
                continue
            id_list = sorted(ids)
            for i in range(0, len(id_list), 500):
                chunk = id_list[i : i + 500]
                marks = ", ".join("?" for _ in chunk)
                for row in store.query(
                    f"SELECT * FROM {table} WHERE id IN ({marks})", tuple(chunk)
                ):
                    self.existing[(table, str(row["id"]))] = row

    def apply(self, change: Mapping[str, Any]) -> bool:
        table, record_id, stamp = (
            str(change["entity"]),
            str(change["record_id"]),
            str(change["hlc"]),
        )
        if table not in ENTITY_TABLES:
            return False
        known = self.columns.get(table)
        if known is None:
            known = self.columns[table] = _columns(self.store, table)
        data = {
            k: v for k, v in dict(change["data"]).items() if k in known and k not in SYNC_COLUMNS
        }
        key = (table, record_id)
        row = self.existing.get(key) or self.fresh.get(key)
        if row is None:
            if change["op"] != "insert":
                return False  # its insert was never in our scope; nothing to merge into
            data.update(
                id=record_id, updated_hlc=stamp, deleted=0, field_hlc=json.dumps({"*": stamp})
            )
            self.fresh[key] = data
            return True
        clocks = field_clocks(row)
        if change["op"] == "delete":
            data = {"deleted": 1}
        wins = {k: v for k, v in data.items() if k != "id" and stamp > clock_of(clocks, k)}
        newest = max(str(row["updated_hlc"]), stamp)
        if not wins and newest == row["updated_hlc"]:
            return False
        clocks.update(dict.fromkeys(wins, stamp))
        row.update(wins, updated_hlc=newest, field_hlc=json.dumps(clocks))
        if key in self.existing:
            changed = {**wins, "updated_hlc": newest, "field_hlc": row["field_hlc"]}
            assignments = ", ".join(f"{k} = ?" for k in changed)
            self.store.conn.execute(
                f"UPDATE {table} SET {assignments} WHERE id = ?", (*changed.values(), record_id)
            )
        return bool(wins)

    def flush(self) -> None:
        groups: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = {}
        for (table, _), row in self.fresh.items():
            names = tuple(row)
            groups.setdefault((table, names), []).append(tuple(row[n] for n in names))
        for table in ENTITY_TABLES:  # parents before children
            for (name, names), values in groups.items():
                if name == table:
                    marks = ", ".join("?" for _ in names)
                    self.store.conn.executemany(
                        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", values
                    )


def apply_change(store: Store, change: Mapping[str, Any], columns: dict[str, set[str]]) -> bool:
    """Merge one change into the open transaction. Returns whether anything changed."""
    applier = PageApplier(store, [change])
    applier.columns = columns
    changed = applier.apply(change)
    applier.flush()
    return changed


def apply_page(
    store: Store, changes: list[Mapping[str, Any]], *, cursor_key: str | None, cursor: int
) -> int:
    """Apply a page of changes and advance the cursor in one local transaction."""
    applied = 0
    with store.transaction(event="transfer", client=None) as tx:
        applier = PageApplier(store, changes)
        newest = None
        for change in changes:
            newest = max(newest or "", str(change["hlc"]))
            if applier.apply(change):
                applied += 1
                tx.objects.append(f"{change['entity']}/{change['record_id']}")
        applier.flush()
        if newest:
            with contextlib.suppress(ValueError, ClockDrift):
                store.clock.receive(Stamp.decode(newest))
        if cursor_key is not None:
            store.put_meta(cursor_key, str(cursor))
        store.put_meta("last_sync", utc_now())
    return applied


def local_checksums(store: Store, families: Iterable[str]) -> dict[str, str]:
    result = {}
    for family in families:
        records: list[tuple[str, str, str]] = []
        for table in ENTITY_TABLES:
            column = "id" if table == "families" else "family_id"
            rows = store.query(f"SELECT id, updated_hlc FROM {table} WHERE {column} = ?", (family,))
            records += [(table, str(r["id"]), str(r["updated_hlc"])) for r in rows]
        result[family] = p.family_checksum(records)
    return result


def purge_family(store: Store, family: str) -> None:
    """Remove a family that left this device's scope (only after its changes were pushed)."""
    with store.transaction(event="transfer", client=family) as tx:
        for table in reversed(ENTITY_TABLES):
            column = "id" if table == "families" else "family_id"
            store.conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (family,))
        store.conn.execute("DELETE FROM drafts WHERE key LIKE ?", (f"note:{family}:%",))
        tx.objects.append(f"families/{family}")
