"""Applying the server's changes to the local store: field-level merge by clock stamp.

Per field, the write with the higher stamp wins (stamps order by wall time,
counter, then device); the loser stays in the server's change log. Hours and
note revisions are separate records, so concurrent hours add up and
concurrent note edits become two revisions (two heads) for the user to merge.
Applying never writes the outbox: these are not local changes.

A pulled change this laptop cannot apply (a stamp not in the strict form, a value
the sync rules or the local schema refuse: records from before the server checked
them) is set aside in ``rejected_changes`` with the reason ``pulled:<why>``, and the
rest of the page goes on. A stored stamp that is not in the strict form (left by
such a record before) counts as older than every real one, so it can be corrected.

A first pull from the server's state is written by ``sync.apply_state``; removing a
family's or member's local copy, by ``sync.purge``.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from json.encoder import encode_basestring_ascii
from typing import Any

import sqlcipher3

from ..clock import Stamp, is_stamp, utc_text
from ..entities import ENTITY_TABLES
from ..errors import ClockDrift
from ..sql_lists import in_statements
from ..store import Store
from ..store.database import SYNC_COLUMNS, field_clocks
from . import protocol as p
from .merge import newest_stamp, winning_fields
from .rules import change_checker, check_change

log = logging.getLogger(__name__)

_TABLES = frozenset(ENTITY_TABLES)
STORE_REFUSED = "store_refused"  # the local schema refused it (a constraint, a missing parent)
# what a row the local schema refuses raises (with the sync rules checked first, rare)
_REFUSED = (
    sqlcipher3.IntegrityError,
    sqlcipher3.InterfaceError,
    sqlcipher3.ProgrammingError,
    OverflowError,
    UnicodeEncodeError,
)


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
        self._sources: dict[tuple[str, str], list[Mapping[str, Any]]] = {}  # of a fresh row
        # the sync rules per entity, op and family of this page (rules.change_checker)
        self._checks: dict[tuple[str, str, str | None], Callable[..., p.Reason | None]] = {}
        self.set_aside = 0
        wanted: dict[str, set[str]] = {}
        for change in changes:
            wanted.setdefault(change["entity"], set()).add(change["record_id"])
        for table, ids in wanted.items():
            if table not in _TABLES:
                continue
            for sql, chunk in in_statements(f"SELECT * FROM {table} WHERE id", sorted(ids)):
                cursor = store.conn.execute(sql, chunk)
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

    def apply(self, change: Mapping[str, Any]) -> bool:
        table = str(change["entity"])
        if table not in _TABLES:
            return False  # an entity of a newer schema than this laptop's
        record_id, stamp, raw = str(change["record_id"]), change["hlc"], change["data"]
        if not is_stamp(stamp):
            return self._put_aside(change, p.Reason.BAD_STAMP)
        if not isinstance(raw, dict):
            return self._put_aside(change, p.Reason.INVALID_VALUE)
        allowed = self._allowed(table)  # fields of a newer schema are left out, as ever
        data = {k: v for k, v in raw.items() if k in allowed}
        op, family = str(change["op"]), change["family_id"]
        if family is None or type(family) is str:
            check = self._checks.get((table, op, family))
            if check is None:
                check = self._checks[(table, op, family)] = change_checker(table, op, family)
            refused = check(record_id, data)
        else:  # not an id (nor hashable, perhaps): check_change says why
            refused = check_change(table, op, record_id, family, data)
        if refused is not None:
            return self._put_aside(change, refused)
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
            self._sources[key] = [change]
            return True
        clocks = field_clocks(row)
        if change["op"] == p.Op.DELETE:
            data = {"deleted": 1}
        wins = winning_fields(clocks, data, stamp)
        current = str(row["updated_hlc"])
        newest = newest_stamp(current, stamp)
        if not wins and newest == current:
            return False
        clocks.update(dict.fromkeys(wins, stamp))
        merged = {**wins, "updated_hlc": newest, "field_hlc": json.dumps(clocks)}
        if key in self.existing:
            assignments = ", ".join(f"{k} = ?" for k in merged)
            try:
                with self._savepoint():
                    self.store.conn.execute(
                        f"UPDATE {table} SET {assignments} WHERE id = ?",
                        (*merged.values(), record_id),
                    )
            except _REFUSED:
                return self._put_aside(change, STORE_REFUSED)
        else:
            self._sources[key].append(change)
        row.update(merged)
        return bool(wins)

    def _put_aside(self, change: Mapping[str, Any], reason: str) -> bool:
        """Keep a change this laptop cannot apply (no value of it goes to the log)."""
        log.warning("a pulled change was set aside: %s", reason)
        self.store.set_aside.keep_pulled(change, reason, at=utc_text())
        self.set_aside += 1
        return False

    @contextlib.contextmanager
    def _savepoint(self) -> Any:
        self.store.conn.execute("SAVEPOINT pulled")
        try:
            yield
        except BaseException:
            self.store.conn.execute("ROLLBACK TO pulled")
            raise
        finally:
            self.store.conn.execute("RELEASE pulled")

    def flush(self) -> None:
        """Insert the new rows, one statement per table and set of columns; when the local
        schema refuses one, the rows of that statement go one by one and the refused ones
        (with every change merged into them) are set aside."""
        groups: dict[tuple[str, tuple[str, ...]], list[tuple[str, str]]] = {}
        for key, row in self.fresh.items():
            groups.setdefault((key[0], tuple(row)), []).append(key)
        for table in ENTITY_TABLES:  # parents before children
            for (name, names), keys in groups.items():
                if name != table:
                    continue
                marks = ", ".join("?" for _ in names)
                sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})"
                try:
                    with self._savepoint():
                        self.store.conn.executemany(
                            sql, [tuple(self.fresh[k].values()) for k in keys]
                        )
                except _REFUSED:
                    for key in keys:
                        try:
                            self.store.conn.execute(sql, tuple(self.fresh[key].values()))
                        except _REFUSED:
                            for change in self._sources[key]:
                                self._put_aside(change, STORE_REFUSED)


def apply_page(
    store: Store, changes: Sequence[p.Change], *, cursor_key: str | None, cursor: int
) -> int:
    """Apply a page of changes and advance the cursor in one local transaction."""
    applied = 0
    with store.transaction(event="transfer", client=None) as tx:
        applier = PageApplier(store, changes)
        newest = None
        for change in changes:
            if is_stamp(change["hlc"]):
                newest = max(newest or "", change["hlc"])
            if applier.apply(change):
                applied += 1
                tx.objects.append(f"{change['entity']}/{change['record_id']}")
        applier.flush()
        if newest:
            with contextlib.suppress(ValueError, ClockDrift):
                store.clock.receive(Stamp.decode(newest))
                store.note_synced_stamp(newest)  # not one the clock refuses as far ahead
        if cursor_key is not None:
            store.put_meta(cursor_key, str(cursor))
        store.put_meta("last_sync", utc_text())
    return applied


def local_checksums(
    store: Store,
    families: Iterable[str],
    written: Mapping[str, str] | None = None,
    *,
    version: int = p.CHECKSUM_VERSION,
) -> dict[str, str]:
    """Per family, the checksum of ``protocol.family_checksum`` of ``version`` (1: each
    record's newest stamp; 2: its per-field stamps too), counting the pulled changes set
    aside here (seen, though not applied: folded in as the server folded them), so a
    family with one of them does not look drifted and is not fetched again at every sync.

    ``written``: for families whose every row this sync wrote and nothing else changed
    since, the checksum (of ``version``) of the rows as written (a first pull's
    ``StateWriter.checksums``); those families are not read again, but for one with a
    pulled change set aside."""
    wanted = list(dict.fromkeys(families))
    aside = store.set_aside.pulled_changes(wanted)
    kept_aside = {row[0] for row in aside}
    known = {f: c for f, c in (written or {}).items() if f not in kept_aside}
    # per family and record: its newest stamp and its per-field stamps (the stored text)
    read: dict[str, dict[tuple[str, str], tuple[str, str]]] = {
        f: {} for f in wanted if f not in known
    }
    unread = list(read)
    clocked = version >= 2
    clocks = "field_hlc" if clocked else "''"
    for table in ENTITY_TABLES:  # one query per table for all the families
        column = "id" if table == "families" else "family_id"
        select = f"SELECT {column}, id, updated_hlc, {clocks} FROM {table} WHERE {column}"
        for sql, chunk in in_statements(select, unread):
            for family, record_id, hlc, text in store.conn.execute(sql, chunk):
                read[family][(table, str(record_id))] = (str(hlc), text)
    for family, table, record_id, hlc, op, data in aside:
        if family in read:
            _fold_aside(read[family], (table, record_id), hlc, op, data, clocked=clocked)
    if not clocked:
        return {
            f: known[f]
            if f in known
            else p.family_checksum((e, r, h) for (e, r), (h, _) in read[f].items())
            for f in wanted
        }
    # the fields this laptop keeps, as the server's rules know them (``checksum_clocks``)
    kept = {t: _allowed_fields(store, t) for t in {t for f in read.values() for t, _ in f}}
    return {
        f: known[f]
        if f in known
        else p.family_checksum(
            (e, r, h, p.checksum_clocks(c or _insert_clocks(h), kept[e]))
            for (e, r), (h, c) in read[f].items()
        )
        for f in wanted
    }


def _allowed_fields(store: Store, table: str) -> frozenset[str]:
    return frozenset(_columns(store, table) - SYNC_COLUMNS) if table in _TABLES else frozenset()


def _fold_aside(
    held: dict[tuple[str, str], tuple[str, str]],
    key: tuple[str, str],
    stamp: str,
    op: str,
    data: str,
    *,
    clocked: bool,
) -> None:
    """A pulled change set aside, counted in ``held`` (newest stamp, per-field stamps) as
    the server's state counts it (``server.state.fold``): version 1 its stamp only."""
    if not is_stamp(stamp):
        return  # the server leaves it out too
    record = held.get(key)
    if not clocked:
        if record is None or stamp > record[0]:
            held[key] = (stamp, "")
        return
    if record is None:
        if op == p.Op.INSERT:
            held[key] = (stamp, _insert_clocks(stamp))
        return  # other than an insert: the server holds no record for it either
    raw = json.loads(data)
    fields = {k: 1 for k in raw if k not in SYNC_COLUMNS} if isinstance(raw, dict) else {}
    if op == p.Op.DELETE:
        fields = {"deleted": 1}
    clocks = json.loads(record[1] or _insert_clocks(record[0]))
    wins = winning_fields(clocks, fields, stamp)
    if wins:
        clocks.update(dict.fromkeys(wins, stamp))
    held[key] = (newest_stamp(record[0], stamp), json.dumps(clocks))
