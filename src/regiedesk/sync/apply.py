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


def apply_change(store: Store, change: Mapping[str, Any], columns: dict[str, set[str]]) -> bool:
    """Merge one change into the open transaction. Returns whether anything changed."""
    table, record_id, stamp = str(change["entity"]), str(change["record_id"]), str(change["hlc"])
    if table not in ENTITY_TABLES:
        return False
    known = columns.setdefault(table, _columns(store, table))
    data = {k: v for k, v in dict(change["data"]).items() if k in known and k not in SYNC_COLUMNS}
    conn = store.conn
    rows = store.query(f"SELECT * FROM {table} WHERE id = ?", (record_id,))
    if not rows:
        if change["op"] != "insert":
            return False  # its insert was never in our scope; nothing to merge into
        data["id"] = record_id
        data.update(updated_hlc=stamp, deleted=0, field_hlc=json.dumps({"*": stamp}))
        names = ", ".join(data)
        conn.execute(
            f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in data)})",
            tuple(data.values()),
        )
        return True
    row = rows[0]
    clocks = field_clocks(row)
    if change["op"] == "delete":
        data = {"deleted": 1}
    wins = {k: v for k, v in data.items() if k != "id" and stamp > clock_of(clocks, k)}
    if not wins:
        if stamp > str(row["updated_hlc"]):
            conn.execute(f"UPDATE {table} SET updated_hlc = ? WHERE id = ?", (stamp, record_id))
        return False
    clocks.update(dict.fromkeys(wins, stamp))
    assignments = ", ".join(f"{k} = ?" for k in wins)
    conn.execute(
        f"UPDATE {table} SET {assignments}, updated_hlc = max(updated_hlc, ?), field_hlc = ?"
        " WHERE id = ?",
        (*wins.values(), stamp, json.dumps(clocks), record_id),
    )
    return True


def apply_page(
    store: Store, changes: Iterable[Mapping[str, Any]], *, cursor_key: str | None, cursor: int
) -> int:
    """Apply a page of changes and advance the cursor in one local transaction."""
    columns: dict[str, set[str]] = {}
    applied = 0
    with store.transaction(event="transfer", client=None) as tx:
        for change in changes:
            remote = str(change["hlc"])
            with contextlib.suppress(ValueError, ClockDrift):
                store.clock.receive(Stamp.decode(remote))
            if apply_change(store, change, columns):
                applied += 1
                tx.objects.append(f"{change['entity']}/{change['record_id']}")
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
