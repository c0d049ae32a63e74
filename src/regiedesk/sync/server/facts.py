"""The typed columns of ``record_state``: the few values the team figures count.

They sit beside a record's merged fields (``data``), so a team overview is answered by
SQL aggregates instead of decoding every record's JSON. ``columns`` derives them from
the merged fields whenever ``state`` writes a record (in a push's transaction, in the
rebuild), and ``derive_all`` fills them for a database that had its state before they
existed (the migration that added them).

A value that is not what its column holds (a date that is not one, minutes that are
Infinity, 2000 or a bool: records stored before the server checked values) is NULL,
and the figures pass the record over, as they did when they read the fields.

    live       every entity: 1, or 0 for a tombstone
    day        hours and contacts: the date; agreements: the due date;
               parties: involved_from (all four as ``date.toordinal()``: integers
               compare the same on SQLite and PostgreSQL, whatever the collation)
    until_day  parties: involved_until
    minutes    hours: a whole number of minutes, 1 to 1440
    person     hours: who booked them ('' when nobody is named)
    status     goals: the status
    done       agreements: 1 done, 0 not (yet)
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..rules import MINUTES_PER_DAY, is_day

if TYPE_CHECKING:
    from .db import Transaction

COLUMNS = ("live", "day", "until_day", "minutes", "person", "status", "done")
_DAY_FIELD = {
    "hours": "date",
    "contacts": "date",
    "agreements": "due_date",
    "parties": "involved_from",
}
_BATCH = 2000


def day_number(value: Any) -> int | None:
    """A stored ISO date as its ordinal, or None for none or a value that is not one."""
    return dt.date.fromisoformat(value).toordinal() if is_day(value) else None


def _minutes(value: Any) -> int | None:
    whole = isinstance(value, int) and not isinstance(value, bool)
    return value if whole and 0 < value <= MINUTES_PER_DAY else None


def _text(value: str) -> str:
    """Text a database column takes: an old record's NUL or lone surrogate replaced (such
    a name or status then matches none, as it matched none in the fields)."""
    return value.encode("utf-8", "replace").decode("utf-8").replace("\x00", "\ufffd")


def columns(entity: str, fields: Mapping[str, Any]) -> tuple[Any, ...]:
    """The typed columns (``COLUMNS``' order) of a record with these merged fields."""
    day_field = _DAY_FIELD.get(entity)
    hours = entity == "hours"
    status = fields.get("status")
    return (
        0 if fields.get("deleted") else 1,
        day_number(fields.get(day_field)) if day_field else None,
        day_number(fields.get("involved_until")) if entity == "parties" else None,
        _minutes(fields.get("minutes")) if hours else None,
        _text(str(fields.get("caseworker") or "")) if hours else None,
        _text(status) if entity == "goals" and isinstance(status, str) else None,
        (1 if fields.get("done") else 0) if entity == "agreements" else None,
    )


def derive_all(tx: Transaction) -> None:
    """Fill the typed columns of every held record from its merged fields."""
    assignments = ", ".join(f"{name} = ?" for name in COLUMNS)
    update = f"UPDATE record_state SET {assignments} WHERE entity = ? AND record_id = ?"
    batch: list[tuple[Any, ...]] = []
    rows = tx.rows("SELECT entity, record_id, data FROM record_state ORDER BY entity, record_id")
    for entity, record_id, data in rows:
        try:
            fields = json.loads(data)
        except ValueError:
            fields = None
        if not isinstance(fields, dict):
            fields = {}
        batch.append((*columns(str(entity), fields), entity, record_id))
        if len(batch) == _BATCH:
            tx.execute_many(update, batch)
            batch = []
    if batch:
        tx.execute_many(update, batch)
