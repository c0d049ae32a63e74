"""The server's current state: every synced record as the laptops hold it after a sync.

The change log stays the source of sync; ``record_state`` is its fold, one row per
(entity, record id) with the record's family, its merged fields, the per-field stamps
the merge needs and its newest stamp. It is written by ``Transaction.append_changes``
in the same transaction as the changes it folds in, with the laptops' own rule
(``sync.merge``), so overviews and checksums read it instead of replaying the log.
Beside the fields, each row keeps the typed columns the team figures count (``facts``).

A change to a record this state does not hold, other than its insert, is left out as
a laptop leaves it out (its insert was never in anyone's scope). A change whose data
is not an object counts only with its stamp: a laptop sets it aside and counts that
stamp in its checksum too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...clock import is_stamp
from ...sql_lists import id_chunks
from .. import protocol as p
from ..merge import INSERT_CLOCK, newest_stamp, winning_fields
from ..rules import ENTITIES
from . import facts, hours_weeks

if TYPE_CHECKING:
    from ...sql_lists import Statement
    from .db import Transaction

_NOT_FIELDS = frozenset({"id", "updated_hlc", "deleted", "field_hlc"})
_COLUMNS = "entity, record_id, family_id, data, field_hlc, hlc"
_WRITTEN = ", ".join((_COLUMNS, *facts.COLUMNS))
_INSERT = (
    f"INSERT INTO record_state ({_WRITTEN}) VALUES ({', '.join('?' * (6 + len(facts.COLUMNS)))})"
    " ON CONFLICT (entity, record_id) DO NOTHING"  # one id pushed under two families
)
_UPDATE = (
    "UPDATE record_state SET data = ?, field_hlc = ?, hlc = ?, "
    + ", ".join(f"{name} = ?" for name in facts.COLUMNS)
    + " WHERE entity = ? AND record_id = ?"
)


@dataclass
class Record:
    """One record's current state."""

    family_id: str
    fields: dict[str, Any]
    clocks: dict[str, str] = field(default_factory=dict)
    hlc: str = ""

    @property
    def deleted(self) -> bool:
        return bool(self.fields.get("deleted"))


def fold(record: Record | None, family: str, op: str, raw: Any, stamp: str) -> Record | None:
    """``record`` after one change (a new Record for an insert of an unknown one);
    None: the change leaves no record. The rule of ``sync.apply.PageApplier.apply``."""
    if not is_stamp(stamp):
        return record  # a laptop sets it aside without its stamp
    data = {k: v for k, v in raw.items() if k not in _NOT_FIELDS} if isinstance(raw, dict) else {}
    if record is None:
        if op != "insert":
            return None
        return Record(family, {**data, "deleted": 0}, {INSERT_CLOCK: stamp}, stamp)
    if op == "delete":
        data = {"deleted": 1}
    wins = winning_fields(record.clocks, data, stamp)
    record.fields.update(wins)
    record.clocks.update(dict.fromkeys(wins, stamp))
    record.hlc = newest_stamp(record.hlc, stamp)
    return record


def _decoded(row: Sequence[Any]) -> tuple[tuple[str, str], Record]:
    entity, record_id, family, data, clocks, hlc = row
    return (str(entity), str(record_id)), Record(
        str(family), json.loads(data), json.loads(clocks), str(hlc)
    )


def _encoded(key: tuple[str, str], record: Record) -> tuple[Any, ...]:
    """The row of a record: the columns of ``_COLUMNS``, then its typed columns."""
    return (
        key[0],
        key[1],
        record.family_id,
        json.dumps(record.fields, sort_keys=True),
        json.dumps(record.clocks, sort_keys=True),
        record.hlc,
        *facts.columns(key[0], record.fields),
    )


def merge_changes(
    tx: Transaction,
    rows: Sequence[Sequence[Any]],
    held: dict[tuple[str, str], Record] | None = None,
) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """Fold changes (``append_changes`` rows) into the state, in their order; the writes
    that store the result (SQL and its rows), for the caller to send with the changes.

    ``held``: the state of the records concerned, read by ``reads`` under the lock of
    their families. Without it they are locked and read here: on PostgreSQL the families
    are locked in id order, so two pushes to one family fold one after the other
    (SQLite's BEGIN IMMEDIATE does that anyway).
    """
    if not rows:
        return []
    if held is None:
        wanted: dict[str, set[str]] = {}
        for row in rows:
            wanted.setdefault(str(row[4]), set()).add(str(row[5]))
        held = read_locked(tx, sorted({str(r[3]) for r in rows}), wanted)
    existing = set(held)
    touched: set[tuple[str, str]] = set()
    for _, _, _, family, entity, record_id, op, data, hlc, _ in rows:
        key = (str(entity), str(record_id))
        if _fold_change(held, key, family, op, data, hlc):
            touched.add(key)
    fresh = [_encoded(k, held[k]) for k in sorted(touched - existing)]
    changed = [_encoded(k, held[k]) for k in sorted(touched & existing)]
    writes: list[tuple[str, list[tuple[Any, ...]]]] = []
    if fresh:
        writes.append((_INSERT, fresh))
    if changed:
        writes.append((_UPDATE, [(*r[3:], r[0], r[1]) for r in changed]))
    return writes


@dataclass
class LockedRead:
    """Statements that lock families (PostgreSQL; in id order) and then read the state of
    records, to be sent in one round trip with others (``Transaction.gather``)."""

    statements: list[Statement]
    locks: int

    def records(self, results: Sequence[Sequence[Sequence[Any]]]) -> dict[tuple[str, str], Record]:
        """The records in the rows of ``statements`` (``results``, in their order)."""
        return _records(results[self.locks :])


def reads(
    tx: Transaction, families: Sequence[str], wanted: Mapping[str, Iterable[str]]
) -> LockedRead:
    """Lock these families and read these records (per entity, their ids)."""
    if tx.db.postgres:
        return locking_reads(families, wanted)
    return LockedRead(_read_statements(wanted), 0)


def locking_reads(
    families: Sequence[str],
    wanted: Mapping[str, Iterable[str]],
    only_if: Statement | None = None,
) -> LockedRead:
    """``reads`` on PostgreSQL. ``only_if``: a condition (SQL and its parameters) without
    which no family is locked, for statements sent before the caller is known to be
    allowed (``queries.Alongside``)."""
    lock: list[Statement] = []
    ordered = sorted(set(families))
    condition, values = (f" AND {only_if[0]}", tuple(only_if[1])) if only_if else ("", ())
    for chunk, marks in id_chunks(ordered):
        sql = f"SELECT id FROM families WHERE id IN ({marks}){condition} ORDER BY id FOR UPDATE"
        lock.append((sql, (*chunk, *values)))
    return LockedRead([*lock, *_read_statements(wanted)], len(lock))


def read_locked(
    tx: Transaction, families: Sequence[str], wanted: Mapping[str, Iterable[str]]
) -> dict[tuple[str, str], Record]:
    """``reads`` in one round trip."""
    locked = reads(tx, families, wanted)
    return locked.records(tx.gather(locked.statements))


def _records(results: Iterable[Sequence[Sequence[Any]]]) -> dict[tuple[str, str], Record]:
    found: dict[tuple[str, str], Record] = {}
    for rows in results:
        for row in rows:
            key, record = _decoded(row)
            found[key] = record
    return found


def _read_statements(wanted: Mapping[str, Iterable[str]]) -> list[Statement]:
    statements: list[Statement] = []
    for entity, ids in sorted(wanted.items()):
        for chunk, marks in id_chunks(sorted(ids)):
            sql = f"SELECT {_COLUMNS} FROM record_state WHERE entity = ? AND record_id IN ({marks})"
            statements.append((sql, (entity, *chunk)))
    return statements


def _fold_change(
    held: dict[tuple[str, str], Record],
    key: tuple[str, str],
    family: Any,
    op: Any,
    data: Any,
    hlc: Any,
) -> bool:
    """Fold one logged change into ``held``; whether it changed the record."""
    try:
        raw = json.loads(data)
    except ValueError:
        raw = None
    after = fold(held.get(key), str(family), str(op), raw, str(hlc))
    if after is None:
        return False
    held[key] = after
    return True


def read(tx: Transaction, wanted: Mapping[str, Iterable[str]]) -> dict[tuple[str, str], Record]:
    """The held state of these records (per entity, their ids), without a lock."""
    return _records(tx.gather(_read_statements(wanted)))


def family_records(tx: Transaction, families: Sequence[str], entity: str) -> dict[str, Record]:
    """Per record id, the state of every record of ``entity`` in these families (tombstones
    too: the caller decides)."""
    found: dict[str, Record] = {}
    wanted = sorted(set(families))
    for chunk, marks in id_chunks(wanted):
        for row in tx.rows(
            f"SELECT {_COLUMNS} FROM record_state WHERE entity = ? AND family_id IN ({marks})",
            (entity, *chunk),
        ):
            key, record = _decoded(row)
            found[key[1]] = record
    return found


def record_stamps(tx: Transaction, family: str) -> list[tuple[Any, ...]]:
    """(entity, record id, newest stamp) of every record of a family."""
    return tx.rows("SELECT entity, record_id, hlc FROM record_state WHERE family_id = ?", (family,))


def record_clocks(tx: Transaction, family: str) -> list[tuple[str, str, str, str]]:
    """(entity, record id, newest stamp, per-field stamps) of every record of a family, as
    checksum version 2 counts them (``protocol.checksum_clocks``: of the fields the sync
    rules know, which are the laptops' columns)."""
    return [
        (e, r, h, p.checksum_clocks(c, ENTITIES.get(e, ())))
        for e, r, h, c in tx.rows(
            "SELECT entity, record_id, hlc, field_hlc FROM record_state WHERE family_id = ?",
            (family,),
        )
    ]


def rebuild(tx: Transaction) -> None:
    """Build the state from the change log, family by family, typed columns too."""
    _fold_log(tx, typed=True)


def rebuild_before_typed_columns(tx: Transaction) -> None:
    """The migration's step that first built the state, before the typed columns existed
    (the later migration that added them derives them from the fields)."""
    _fold_log(tx, typed=False)


def _fold_log(tx: Transaction, *, typed: bool) -> None:
    # on PostgreSQL the minutes per week are made once at the end, by one aggregate, not
    # by the triggers row by row (a third of the fold's time at 200,000 changes); in this
    # transaction only, which the ALTER holds record_state's lock for
    quiet = typed and tx.db.postgres
    if quiet:
        tx.execute("ALTER TABLE record_state DISABLE TRIGGER USER")
    tx.execute("DELETE FROM record_state")
    base = f"INSERT INTO record_state ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)"
    insert = _INSERT if typed else base + " ON CONFLICT (entity, record_id) DO NOTHING"
    for (family,) in tx.rows("SELECT DISTINCT family_id FROM changes"):
        held: dict[tuple[str, str], Record] = {}
        for entity, record_id, op, data, hlc in tx.rows(
            "SELECT entity, record_id, op, data, hlc FROM changes WHERE family_id = ? ORDER BY seq",
            (family,),
        ):
            _fold_change(held, (str(entity), str(record_id)), family, op, data, hlc)
        if held:
            rows = [_encoded(k, r) for k, r in sorted(held.items())]
            tx.execute_many(insert, rows if typed else [r[:6] for r in rows])
    if quiet:
        tx.execute("ALTER TABLE record_state ENABLE TRIGGER USER")
        hours_weeks.build(tx)
