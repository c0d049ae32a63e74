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
from collections.abc import Iterable, Sequence
from json.encoder import encode_basestring_ascii
from typing import Any

from ..clock import Stamp, utc_text
from ..entities import ENTITY_TABLES
from ..errors import ClockDrift
from ..store import Store
from ..store.database import SYNC_COLUMNS, clock_of, field_clocks
from . import protocol as p

_TABLES = frozenset(ENTITY_TABLES)


def _columns(store: Store, table: str) -> set[str]:
    return {str(r[1]) for r in store.conn.execute(f"PRAGMA table_info({table})")}


def _insert_clocks(stamp: str) -> str:
    """``json.dumps({"*": stamp})``, byte for byte, without the encoder's overhead."""
    return '{"*": ' + encode_basestring_ascii(stamp) + "}"


class PageApplier:
    """Applies one page: existing rows are fetched per table in one query, new rows are
    inserted together at the end (with every later change of the same page merged in).

    A record with no local row takes the fast path: its insert becomes a whole row with
    its insert stamp, written by one ``executemany`` per table; nothing to merge."""

    def __init__(self, store: Store, changes: Sequence[p.Change]) -> None:
        self.store = store
        self.columns: dict[str, set[str]] = {}
        self._payload: dict[str, set[str]] = {}  # columns a change's data may set
        self.existing: dict[tuple[str, str], dict[str, Any]] = {}
        self.fresh: dict[tuple[str, str], dict[str, Any]] = {}
        wanted: dict[str, set[str]] = {}
        for change in changes:
            wanted.setdefault(change["entity"], set()).add(change["record_id"])
        for table, ids in wanted.items():
            if table not in _TABLES:
                continue
            id_list = sorted(ids)
            for i in range(0, len(id_list), 500):
                chunk = id_list[i : i + 500]
                marks = ", ".join("?" for _ in chunk)
                cursor = store.conn.execute(
                    f"SELECT * FROM {table} WHERE id IN ({marks})", tuple(chunk)
                )
                names = [d[0] for d in cursor.description]
                for values in cursor:
                    row = dict(zip(names, values, strict=True))
                    self.existing[(table, str(row["id"]))] = row

    def _allowed(self, table: str) -> set[str]:
        allowed = self._payload.get(table)
        if allowed is None:
            known = self.columns.get(table)
            if known is None:
                known = self.columns[table] = _columns(self.store, table)
            allowed = self._payload[table] = known - SYNC_COLUMNS
        return allowed

    def apply(self, change: p.Change) -> bool:
        table, record_id, stamp = change["entity"], change["record_id"], change["hlc"]
        if table not in _TABLES:
            return False
        allowed = self._allowed(table)
        data = {k: v for k, v in change["data"].items() if k in allowed}
        key = (table, record_id)
        row = self.existing.get(key) or self.fresh.get(key)
        if row is None:
            if change["op"] != p.Op.INSERT:
                return False  # its insert was never in our scope; nothing to merge into
            data["id"] = record_id
            data["updated_hlc"] = stamp
            data["deleted"] = 0
            data["field_hlc"] = _insert_clocks(stamp)
            self.fresh[key] = data
            return True
        clocks = field_clocks(row)
        if change["op"] == p.Op.DELETE:
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
            groups.setdefault((table, tuple(row)), []).append(tuple(row.values()))
        for table in ENTITY_TABLES:  # parents before children
            for (name, names), values in groups.items():
                if name == table:
                    marks = ", ".join("?" for _ in names)
                    self.store.conn.executemany(
                        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", values
                    )


def apply_page(
    store: Store, changes: Sequence[p.Change], *, cursor_key: str | None, cursor: int
) -> int:
    """Apply a page of changes and advance the cursor in one local transaction."""
    applied = 0
    with store.transaction(event="transfer", client=None) as tx:
        applier = PageApplier(store, changes)
        newest = None
        for change in changes:
            newest = max(newest or "", change["hlc"])
            if applier.apply(change):
                applied += 1
                tx.objects.append(f"{change['entity']}/{change['record_id']}")
        applier.flush()
        if newest:
            with contextlib.suppress(ValueError, ClockDrift):
                store.clock.receive(Stamp.decode(newest))
        if cursor_key is not None:
            store.put_meta(cursor_key, str(cursor))
        store.put_meta("last_sync", utc_text())
    return applied


def local_checksums(store: Store, families: Iterable[str]) -> dict[str, str]:
    wanted = list(dict.fromkeys(families))
    records: dict[str, list[tuple[str, str, str]]] = {family: [] for family in wanted}
    for table in ENTITY_TABLES:  # one query per table for all the families
        column = "id" if table == "families" else "family_id"
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ", ".join("?" for _ in chunk)
            for family, record_id, hlc in store.conn.execute(
                f"SELECT {column}, id, updated_hlc FROM {table} WHERE {column} IN ({marks})",
                chunk,
            ):
                records[family].append((table, str(record_id), str(hlc)))
    return {family: p.family_checksum(records[family]) for family in wanted}


def purge_family(store: Store, family: str) -> None:
    """Remove a family that left this device's scope (only after its changes were pushed)."""
    with store.transaction(event="transfer", client=family) as tx:
        for table in reversed(ENTITY_TABLES):
            column = "id" if table == "families" else "family_id"
            store.conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (family,))
        store.conn.execute("DELETE FROM drafts WHERE key LIKE ?", (f"note:{family}:%",))
        tx.objects.append(f"families/{family}")
