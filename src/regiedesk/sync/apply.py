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
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import groupby
from json.encoder import encode_basestring_ascii
from typing import Any

import sqlcipher3

from ..clock import Stamp, is_stamp, utc_text
from ..entities import ENTITY_TABLES
from ..errors import ClockDrift
from ..store import Store
from ..store.database import SYNC_COLUMNS, field_clocks
from . import protocol as p
from .member_destruction import detached, doomed_records
from .merge import newest_stamp, winning_fields
from .rules import change_checker, check_change, insert_checker

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


def apply_state(store: Store, records: Sequence[p.StateRecord], from_log: set[str]) -> int:
    """Write records of the server's current state (a first pull) as new rows, with their
    per-field stamps, in one local transaction; how many.

    A record this laptop would not take as it stands (a stamp not in the strict form, a
    value the sync rules or the local schema refuse, a stamp that came with no field: a
    change a laptop sets aside) puts its family in ``from_log``, and nothing more of that
    family is written: the caller replays that family's log instead, which sets aside
    exactly what a replay sets aside. So does a record this laptop already holds (its
    insert fails on the primary key)."""
    with StateWriter(store, from_log, per_transaction=len(records) + 1) as writer:
        return writer.write(records)


class StateWriter:
    """Writes the records of a first pull (``apply_state``) batch by batch, in local
    transactions of about ``per_transaction`` records: a batch goes into the transaction
    that is open, which commits once it holds that many, and when the writer closes: also
    on an error outside a batch (the network's), as each batch is whole, and what came is
    kept as it was with a transaction per batch. A batch that fails rolls back the open
    transaction (its records come again from the log at the next sync).

    ``checksums()``: per family, the checksum of the records its committed transactions
    wrote (``protocol.family_checksum``), so a sync compares checksums without reading
    them back (``local_checksums``); not for a family in ``from_log``, whose rows are not
    all written."""

    def __init__(self, store: Store, from_log: set[str], *, per_transaction: int) -> None:
        self.store = store
        self.from_log = from_log
        self.per_transaction = per_transaction
        # per family and table, the checksum's lines of the records written, as text per
        # run (not an object per record: they would outlive their pages); the open
        # transaction's until it commits
        self._written: dict[str, dict[str, list[str]]] = {}
        self._pending: dict[str, dict[str, list[str]]] = {}
        self._last: dict[tuple[str, str], str] = {}  # per family and table: its last id
        self._unordered: set[str] = set()  # families not served in record id order
        self._columns: dict[str, set[str]] = {}
        self._open: contextlib.ExitStack | None = None
        self._tx: Any = None
        self._held = 0  # records written by the open transaction
        self._newest = ""  # its newest stamp
        self._broken = False  # a batch failed in the open transaction

    def __enter__(self) -> StateWriter:
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._open is None:
            return
        opened, self._open = self._open, None
        if self._broken:
            self._pending.clear()
            opened.__exit__(*exc)  # rolls back
        else:
            self._finish()
            opened.close()  # commits
            self._committed()

    def write(self, records: Sequence[p.StateRecord]) -> int:
        """Write a batch of records; how many were written."""
        if self._open is None:
            self._open = contextlib.ExitStack()
            self._tx = self._open.enter_context(
                self.store.transaction(event="transfer", client=None)
            )
            self._held, self._newest = 0, ""
        self._broken = True  # until the batch is whole
        applied = self._write(records)
        self._broken = False
        self._held += len(records)
        if self._held >= self.per_transaction:
            opened, self._open = self._open, None
            self._finish()
            opened.close()  # commits
            self._committed()
        return applied

    def _committed(self) -> None:
        for family, tables in self._pending.items():
            held = self._written.setdefault(family, {})
            for table, texts in tables.items():
                held.setdefault(table, []).extend(texts)
        self._pending.clear()

    def checksums(self) -> dict[str, str]:
        """Per family written (and not in ``from_log``), the checksum of what it wrote: its
        lines are those of ``protocol.family_checksum``, in its order (by table, then
        record id: the server's order within a table, checked as the records came)."""
        found: dict[str, str] = {}
        for family, tables in self._written.items():
            if family in self.from_log or family in self._unordered:
                continue
            digest = hashlib.sha256()
            for table in sorted(tables):
                for text in tables[table]:
                    digest.update(text.encode())
            found[family] = digest.hexdigest()
        return found

    def _finish(self) -> None:
        """What the transaction does last: the clock past the newest stamp, the sync time."""
        if self._newest:
            with contextlib.suppress(ValueError, ClockDrift):
                self.store.clock.receive(Stamp.decode(self._newest))
                self.store.note_synced_stamp(self._newest)
        self.store.put_meta("last_sync", utc_text())

    def _write(self, records: Sequence[p.StateRecord]) -> int:
        """The records come in runs of one entity and family (the server's order): each run
        is checked and made into rows by ``_run_rows``, and each row goes to its table
        with the others of the same columns in one ``executemany``."""
        store, from_log, columns = self.store, self.from_log, self._columns
        applied = 0
        # per table and set of columns: (family, record id, the row's values)
        rows: dict[tuple[str, tuple[str, ...]], list[tuple[str, str, tuple[Any, ...]]]] = {}
        newest = self._newest
        for (table, family), run in groupby(records, key=_RUN):
            if type(table) is not str or type(family) is not str:  # a server that lies
                table, family = str(table), str(family)
            if table not in _TABLES or family in from_log:
                continue  # an entity of a newer schema than this laptop's: left out, as ever
            allowed = columns.get(table)
            if allowed is None:
                allowed = columns[table] = _columns(store, table) - SYNC_COLUMNS
            lines: list[str] = []
            after = self._last.get((family, table), "")
            newest, whole, last = _run_rows(table, family, run, allowed, rows, newest, lines, after)
            if not whole:
                from_log.add(family)  # nothing more of this family
            if last is None:
                self._unordered.add(family)
            else:
                self._last[(family, table)] = last
            if lines:
                self._pending.setdefault(family, {}).setdefault(table, []).append("".join(lines))
        self._newest = newest
        for table in ENTITY_TABLES:  # parents before children
            for (name, names), group in rows.items():
                if name != table:
                    continue
                todo = [row for row in group if row[0] not in from_log]
                marks = ", ".join("?" for _ in names)
                sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})"
                try:
                    with _savepoint(store):
                        store.conn.executemany(sql, [values for _, _, values in todo])
                    written = todo
                except _REFUSED:
                    written = []
                    for row in todo:
                        if row[0] in from_log:
                            continue
                        try:
                            store.conn.execute(sql, row[2])
                            written.append(row)
                        except _REFUSED:
                            from_log.add(row[0])
                applied += len(written)
                self._tx.objects.extend(f"{table}/{r}" for _, r, _ in written)
        return applied


_RUN = operator.itemgetter("entity", "family_id")
_TAIL = ("updated_hlc", "deleted", "field_hlc")  # the sync columns, after the record's own
_ID_TAIL = ("id", *_TAIL)


def _run_rows(
    table: str,
    family: str,
    run: Iterable[p.StateRecord],
    allowed: set[str],
    rows: dict[tuple[str, tuple[str, ...]], list[tuple[str, str, tuple[Any, ...]]]],
    newest: str,
    lines: list[str],
    after: str,
) -> tuple[str, bool, str | None]:
    """Each record of a run of one entity and family as the local row it makes, appended to
    ``rows`` under its table and columns; the newest stamp so far, and False when a record
    stopped the run: one a replay of its log would not leave exactly so (see
    ``apply_state``), whose family is then taken from the log; and the run's last record
    id, or None when its ids did not ascend from ``after`` (the table's last id so far in
    this family). ``lines``: each row's line of the family's checksum
    (``protocol.family_checksum``: table/record id/stamp).

    Per set of fields a record's data names (a run's records name the same few), once:
    which of them this laptop keeps, their values' getter, the row's columns and the sync
    rules for them (``rules.insert_checker``); per record: its stamps, its deleted flag, the
    rules for its values, and its row's tuple."""
    shapes: dict[tuple[str, ...], _Shape] = {}
    ordered = True
    for record in run:
        stamp, raw, clocks = record["hlc"], record["data"], record["field_hlc"]
        if not (is_stamp(stamp) and isinstance(raw, dict) and isinstance(clocks, dict) and clocks):
            return newest, False, None
        if len(clocks) == 1 and "*" in clocks:  # a record as inserted: most of them
            if clocks["*"] != stamp:
                return newest, False, None  # a change that counted only with its stamp
            field_hlc = _insert_clocks(stamp)
        else:
            found = _field_hlc(stamp, clocks, allowed)
            if found is None:
                return newest, False, None
            field_hlc = found
        keys = tuple(raw)
        shape = shapes.get(keys)
        if shape is None:
            shape = shapes[keys] = _Shape(table, family, keys, allowed, rows)
        if not shape.deleted:
            return newest, False, None  # no deleted flag
        deleted = raw["deleted"]
        if deleted not in (0, 1):
            return newest, False, None
        record_id = record["record_id"]
        if type(record_id) is not str:
            record_id = str(record_id)
        values = shape.values(raw)
        if not shape.ok(record_id, values):
            return newest, False, None
        if shape.with_id:  # in its place, the record's id (the rules saw them equal)
            row = (*values, stamp, deleted, field_hlc)
        else:
            row = (*values, record_id, stamp, deleted, field_hlc)
        shape.bucket.append((family, record_id, row))
        lines.append(f"{table}/{record_id}/{stamp}\n")
        if record_id > after:
            after = record_id
        else:
            ordered = False
        if stamp > newest:
            newest = stamp
    return newest, True, after if ordered else None


class _Shape:
    """What records of one run whose data name the same fields (in the same order) have in
    common: see ``_run_rows``."""

    __slots__ = ("bucket", "deleted", "ok", "values", "with_id")

    def __init__(
        self,
        table: str,
        family: str,
        keys: tuple[str, ...],
        allowed: set[str],
        rows: dict[tuple[str, tuple[str, ...]], list[tuple[str, str, tuple[Any, ...]]]],
    ) -> None:
        kept = tuple(k for k in keys if k in allowed)  # fields of a newer schema left out
        self.deleted = "deleted" in keys
        self.with_id = "id" in kept
        names = (*kept, *_TAIL) if self.with_id else (*kept, *_ID_TAIL)
        self.bucket = rows.setdefault((table, names), [])
        self.ok = insert_checker(table, family, kept)
        self.values: Callable[[Mapping[str, Any]], tuple[Any, ...]]
        if len(kept) > 1:
            self.values = operator.itemgetter(*kept)
        else:
            self.values = lambda raw: tuple(raw[k] for k in kept)


def _field_hlc(stamp: str, clocks: dict[str, Any], allowed: set[str]) -> str | None:
    """The local ``field_hlc`` of a record changed after its insert (its per-field stamps,
    of the fields this laptop keeps); None when a replay would not leave it so."""
    stamps = list(clocks.values())
    if len(stamps) > 1 and not all(isinstance(c, str) and is_stamp(c) for c in stamps):
        return None
    if max(stamps) != stamp:
        return None  # a change that counted only with its stamp: a laptop set it aside
    kept = {k: c for k, c in clocks.items() if k in allowed or k in ("*", "deleted")}
    return _insert_clocks(stamp) if list(kept) == ["*"] else json.dumps(kept)


@contextlib.contextmanager
def _savepoint(store: Store) -> Any:
    store.conn.execute("SAVEPOINT pulled")
    try:
        yield
    except BaseException:
        store.conn.execute("ROLLBACK TO pulled")
        raise
    finally:
        store.conn.execute("RELEASE pulled")


def local_checksums(
    store: Store,
    families: Iterable[str],
    written: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Per family, the checksum of ``protocol.family_checksum``: each record's newest stamp,
    counting the pulled changes set aside here (seen, though not applied), so a family
    with one of them does not look drifted and is not fetched again at every sync.

    ``written``: for families whose every row this sync wrote and nothing else changed
    since, the checksum of the rows as written (a first pull's ``StateWriter.checksums``);
    those families are not read again, but for one with a pulled change set aside."""
    wanted = list(dict.fromkeys(families))
    aside = store.set_aside.pulled_stamps(wanted)
    kept_aside = {row[0] for row in aside}
    known = {f: c for f, c in (written or {}).items() if f not in kept_aside}
    read: dict[str, dict[tuple[str, str], str]] = {f: {} for f in wanted if f not in known}
    unread = list(read)
    for i in range(0, len(unread), 500):
        chunk = unread[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        for table in ENTITY_TABLES:  # one query per table for all the families
            column = "id" if table == "families" else "family_id"
            for family, record_id, hlc in store.conn.execute(
                f"SELECT {column}, id, updated_hlc FROM {table} WHERE {column} IN ({marks})",
                chunk,
            ):
                read[family][(table, str(record_id))] = str(hlc)
    for family, table, record_id, hlc in aside:
        if is_stamp(hlc) and hlc > read[family].get((table, record_id), ""):
            read[family][(table, record_id)] = hlc
    return {
        family: known[family]
        if family in known
        else p.family_checksum((e, r, h) for (e, r), h in read[family].items())
        for family in wanted
    }


def destroy_family_copy(store: Store, family: str) -> bool:
    """The family was destroyed on the server: every trace of it here goes, also what
    waits to be sent and what the server refused. The audit log keeps that it happened."""
    held = (
        store.query("SELECT 1 AS x FROM families WHERE id = ?", (family,))
        or store.outbox.holds_family(family)
        or store.set_aside.holds_family(family)
    )
    if not held:
        return False
    with store.transaction(event="delete", client=family) as tx:
        _delete_family_rows(store, family)
        store.outbox.forget_family(family)
        store.set_aside.forget_family(family)
        tx.objects += [f"families/{family}", "destroyed"]
    return True


def destroy_member_copy(store: Store, member: str) -> bool:
    """The member was destroyed on the server: the member and what goes with it here too
    (``sync.member_destruction``, the server's rule), also what waits to be sent or was
    refused about them; the family's records that named one of them lose the pointer."""
    rows = store.query("SELECT family_id FROM members WHERE id = ?", (member,))
    family = (
        str(rows[0]["family_id"])
        if rows
        else store.outbox.family_of("members", member)
        or store.set_aside.family_of("members", member)
    )
    if family is None:
        return False
    held = {
        (table, str(row["id"])): row
        for table in ENTITY_TABLES
        if table != "families"
        for row in store.query(f"SELECT * FROM {table} WHERE family_id = ?", (family,))
    }
    doomed = doomed_records(member, held)
    gone = sorted({record_id for _, record_id in doomed})
    with store.transaction(event="delete", client=family) as tx:
        for entity, record_id in sorted(doomed, key=lambda k: -ENTITY_TABLES.index(k[0])):
            store.conn.execute(f"DELETE FROM {entity} WHERE id = ?", (record_id,))
        store.outbox.forget_records(gone)
        store.set_aside.forget_records(gone)
        for (entity, record_id), fields in held.items():
            if (entity, record_id) not in doomed and (cut := detached(fields, gone)):
                assignments = ", ".join(f"{name} = NULL" for name in cut)
                store.conn.execute(f"UPDATE {entity} SET {assignments} WHERE id = ?", (record_id,))
        tx.objects += [f"members/{member}", "destroyed"]
        tx.objects += [f"{e}/{r}" for e, r in sorted(doomed) if (e, r) != ("members", member)]
    return True


def purge_family(store: Store, family: str) -> None:
    """Remove a family that left this device's scope (only after its changes were pushed)."""
    with store.transaction(event="transfer", client=family) as tx:
        _delete_family_rows(store, family)
        tx.objects.append(f"families/{family}")


def _delete_family_rows(store: Store, family: str) -> None:
    """Every row of the family's records here, and its note drafts (in a transaction)."""
    for table in reversed(ENTITY_TABLES):
        column = "id" if table == "families" else "family_id"
        store.conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (family,))
    store.conn.execute("DELETE FROM drafts WHERE key LIKE ?", (f"note:{family}:%",))
