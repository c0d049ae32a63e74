"""The first pull from the server's current state: its records written as new local rows.

``apply_state`` and ``StateWriter`` write a first pull's records with their per-field
stamps, batch by batch; a record this laptop would not take as it stands sends its
family to the log instead (``sync.apply`` replays it, change by change).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import groupby
from typing import Any

from ..clock import Stamp, is_stamp, utc_text
from ..entities import ENTITY_TABLES
from ..errors import ClockDrift
from ..store import Store
from ..store.database import SYNC_COLUMNS
from . import protocol as p
from .apply import _REFUSED, _TABLES, _columns, _insert_clocks
from .rules import insert_checker


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
    wrote (``protocol.family_checksum``, version 2), so a sync compares checksums without reading
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
    (``protocol.family_checksum`` of version 2: table/record id/stamp/field stamps, which
    ``_field_hlc`` makes in the form of ``protocol.checksum_clocks``).

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
        lines.append(f"{table}/{record_id}/{stamp}/{field_hlc}\n")
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
    # sorted: the row's text is then its line of the checksum (``protocol.checksum_clocks``)
    return _insert_clocks(stamp) if list(kept) == ["*"] else json.dumps(kept, sort_keys=True)


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
