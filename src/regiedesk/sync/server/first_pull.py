"""A new device's first pull from the current state (``record_state``), not the log.

A record's state is one row however many changes made it, and it carries its per-field
stamps, so a laptop holds after it what replaying the log would have left. Pages go in
family order and within a family parents first (the laptop's foreign keys), each after
the last record of the page before (a key, not a sequence number). The first page
reads the log's high-water mark before the state: every change up to it is in each
record served later too, so the laptop's log pull goes on from there; a change after it
that a page already carries comes again with the log, and merges to nothing.

A family whose log holds a change a laptop sets aside (a stamp not in the strict form,
data that is not an object, a value the sync rules refuse, a record of another family:
changes from before the server checked pushes) is not served from its state, which
cannot show what was set aside: ``log_only_families`` names them (the migration finds
them), and the laptop replays their log.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...clock import is_stamp
from ...entities import ENTITY_TABLES
from ...sql_lists import in_statements
from .. import protocol as p
from ..rules import ENTITIES, check_change

if TYPE_CHECKING:
    from .db import Transaction

_RANK = (
    "CASE entity "
    + " ".join(f"WHEN '{name}' THEN {rank}" for rank, name in enumerate(ENTITY_TABLES))
    + f" ELSE {len(ENTITY_TABLES)} END"
)
_SELECT = "SELECT entity, record_id, family_id, data, field_hlc, hlc FROM record_state"


def rank(entity: str) -> int:
    """An entity's place in a family's pages: parents before children."""
    return ENTITY_TABLES.index(entity) if entity in ENTITY_TABLES else len(ENTITY_TABLES)


def state_page(
    tx: Transaction,
    families: Sequence[str],
    after: p.StatePosition | None,
    limit: int,
    skipped: Sequence[str] = (),
) -> tuple[list[tuple[Any, ...]], bool]:
    """Up to ``limit`` records of these families but ``skipped`` after ``after`` (and within
    ``protocol.PAGE_BYTES``, at least one), as (entity, record id, family id, data JSON,
    field stamps JSON, newest stamp), and whether there are more."""
    budget = p.PAGE_BYTES
    rows: list[tuple[Any, ...]] = []
    replayed = set(skipped)
    for family in sorted(f for f in families if after is None or f >= after["family"]):
        if family in replayed:
            continue
        sql, params = f"{_SELECT} WHERE family_id = ?", list[Any]([family])
        if after is not None and family == after["family"]:
            place = rank(after["entity"])
            sql += f" AND ({_RANK} > ? OR ({_RANK} = ? AND record_id > ?))"
            params += [place, place, after["record"]]
        sql += f" ORDER BY {_RANK}, record_id LIMIT ?"
        found, cut = tx.rows_within(sql, (*params, limit - len(rows)), budget, _size)
        rows += found
        budget -= sum(_size(row) for row in found)
        if cut or len(rows) >= limit or (rows and budget <= 0):
            return rows, True
    return rows, False


def log_only(tx: Transaction, families: Sequence[str]) -> list[str]:
    """Which of these families a first pull takes from the log (sorted)."""
    found: set[str] = set()
    select = "SELECT family_id FROM log_only_families WHERE family_id"
    for sql, chunk in in_statements(select, sorted(set(families))):
        found.update(str(row[0]) for row in tx.rows(sql, chunk))
    return sorted(found)


def find_log_only(tx: Transaction) -> None:
    """The migration's step: every family whose log holds a change a laptop sets aside,
    into ``log_only_families`` (once: pushes are checked by the same rules since)."""
    found = {
        str(family)
        for pair in tx.rows(
            "SELECT DISTINCT c.family_id, s.family_id FROM changes c JOIN record_state s"
            " ON s.entity = c.entity AND s.record_id = c.record_id WHERE c.family_id <> s.family_id"
        )
        for family in pair
    }
    for (family,) in tx.rows("SELECT DISTINCT family_id FROM changes"):
        if str(family) in found:
            continue
        for entity, record_id, op, data, hlc in tx.rows(
            "SELECT entity, record_id, op, data, hlc FROM changes WHERE family_id = ?", (family,)
        ):
            if _set_aside(str(entity), str(record_id), str(family), str(op), str(data), hlc):
                found.add(str(family))
                break
    if found:
        rows = [(f,) for f in sorted(found)]
        tx.execute_many("INSERT INTO log_only_families (family_id) VALUES (?)", rows)


def _set_aside(entity: str, record_id: str, family: str, op: str, data: str, hlc: Any) -> bool:
    """Whether a laptop sets this logged change aside (``sync.apply.PageApplier.apply``)."""
    fields = ENTITIES.get(entity)
    if fields is None:
        return False  # an entity no laptop of this version knows: left out, not set aside
    if not isinstance(hlc, str) or not is_stamp(hlc):
        return True
    try:
        raw = json.loads(data)
    except ValueError:
        return True
    if not isinstance(raw, dict):
        return True
    known = {k: v for k, v in raw.items() if k in fields or k in ("id", "family_id")}
    return check_change(entity, op, record_id, family, known) is not None


def _size(row: tuple[Any, ...]) -> int:
    return len(row[3]) + len(row[4])  # JSON text: ASCII, so characters are bytes
