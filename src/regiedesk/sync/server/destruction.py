"""Destruction on request (AVG art. 17) and after the Jeugdwet term: a family, or one
member, removed from the server for good, change log and current state too.

What stays is that it happened: a row in ``destructions`` (what, when, by whom, why, and
the exceptions the law allows, with their reason) and a ``delete`` event in the central
audit trail. The audit trail itself keeps its events: they name records by id, never
their contents. Laptops learn of it at their next sync (``destroyed_since``) and destroy
their copy; a destroyed family's id is refused from then on, and so is a change to a
record destroyed with a member or pointing at one (``destroyed_records``).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ...clock import utc_text
from ...domain.vocabulary import FamilyStatus
from ...sql_lists import Statement, in_statements
from ..member_destruction import detached, doomed_records
from . import audit_trail
from .db import Transaction

JEUGDWET_YEARS = 20  # Jeugdwet art. 7.3.8: kept 20 years after the care ended


def destroy_family(
    tx: Transaction, family: str, *, by: str, reason: str, exceptions: list[str]
) -> int:
    """Remove every change and the current state of the family, its delegations and the
    family itself. Returns how many changes went. Raises LookupError for an unknown family."""
    if not tx.rows("SELECT 1 FROM families WHERE id = ?", (family,)):
        raise LookupError(family)
    removed = tx.execute("DELETE FROM changes WHERE family_id = ?", (family,))
    tx.execute("DELETE FROM record_state WHERE family_id = ?", (family,))
    tx.execute("DELETE FROM delegations WHERE family_id = ?", (family,))
    tx.execute("DELETE FROM families WHERE id = ?", (family,))
    _record(tx, "family", family, family, by, reason, exceptions, removed)
    return removed


def destroy_member(
    tx: Transaction, member: str, *, by: str, reason: str, exceptions: list[str]
) -> int:
    """Remove one member and what goes with it (``sync.member_destruction``: the member's
    assessments and their scores, goals, correction requests), their changes and current
    state; the family's records that named one of them lose the pointer, in their current
    state and in the change log. Returns how many changes went."""
    family = tx.rows(
        "SELECT family_id FROM changes WHERE entity = 'members' AND record_id = ? LIMIT 1",
        (member,),
    )
    if not family:
        raise LookupError(member)
    family_id = str(family[0][0])
    held = {
        (str(entity), str(record_id)): json.loads(data)
        for entity, record_id, data in tx.rows(
            "SELECT entity, record_id, data FROM record_state WHERE family_id = ?", (family_id,)
        )
    }
    doomed = doomed_records(member, held)
    gone = {record_id for _, record_id in doomed}
    removed = 0
    for entity, record_id in sorted(doomed):
        removed += tx.execute(
            "DELETE FROM changes WHERE entity = ? AND record_id = ?", (entity, record_id)
        )
        tx.execute(
            "DELETE FROM record_state WHERE entity = ? AND record_id = ?", (entity, record_id)
        )
    for (entity, record_id), fields in held.items():
        if (entity, record_id) not in doomed and (cut := detached(fields, gone)):
            tx.execute(
                "UPDATE record_state SET data = ? WHERE entity = ? AND record_id = ?",
                (json.dumps({**fields, **cut}, sort_keys=True), entity, record_id),
            )
    _detach_history(tx, family_id, gone)
    seq = _record(tx, "member", member, family_id, by, reason, exceptions, removed,
                  sorted(doomed))  # fmt: skip
    tx.execute_many(
        "INSERT INTO destroyed_records (record_id, entity, destruction_seq) VALUES (?, ?, ?)"
        " ON CONFLICT (record_id) DO NOTHING",
        [(record_id, entity, seq) for entity, record_id in sorted(doomed)],
    )
    return removed


def _detach_history(tx: Transaction, family: str, gone: set[str]) -> None:
    """The change log keeps no pointer at a destroyed record: each change of the family
    that names one has it set to null (the records it changed stay)."""
    for seq, data in tx.rows(
        "SELECT seq, data FROM changes WHERE family_id = ? ORDER BY seq", (family,)
    ):
        try:
            fields = json.loads(data)
        except ValueError:
            continue
        if isinstance(fields, dict) and (cut := detached(fields, gone)):
            tx.execute(
                "UPDATE changes SET data = ? WHERE seq = ?", (json.dumps({**fields, **cut}), seq)
            )


def destroyed_statements(ids: set[str]) -> list[Statement]:
    """The statements finding which of these record ids were destroyed with a member
    (one per 500 ids)."""
    return in_statements("SELECT record_id FROM destroyed_records WHERE record_id", sorted(ids))


def _record(
    tx: Transaction, kind: str, record: str, family: str, by: str, reason: str,
    exceptions: list[str], removed: int, records: list[tuple[str, str]] | None = None,
) -> int:  # fmt: skip
    top = tx.rows("SELECT max(seq) FROM destructions")[0][0]
    tx.execute(
        "INSERT INTO destructions (seq, kind, record_id, family_id, destroyed_at, by_user,"
        " reason, exceptions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (int(top or 0) + 1, kind, record, family, utc_text(), by, reason, json.dumps(exceptions)),
    )
    named = f"{'families' if kind == 'family' else 'members'}/{record}"
    also = [f"{e}/{r}" for e, r in records or [] if f"{e}/{r}" != named]
    audit_trail.append_server_event(
        tx, by, "delete", family, [named, "destroyed", f"changes_removed/{removed}", *also]
    )
    return int(top or 0) + 1


def is_destroyed(tx: Transaction, family: str) -> bool:
    return bool(
        tx.rows("SELECT 1 FROM destructions WHERE kind = 'family' AND record_id = ?", (family,))
    )


def destroyed_since(tx: Transaction, cursor: int) -> dict[str, Any]:
    """The destructions after ``cursor``: ids only, for the laptops to destroy their copy."""
    rows = tx.rows(
        "SELECT seq, kind, record_id FROM destructions WHERE seq > ? ORDER BY seq", (cursor,)
    )
    return {
        "families": [str(r[2]) for r in rows if r[1] == "family"],
        "members": [str(r[2]) for r in rows if r[1] == "member"],
        "cursor": int(rows[-1][0]) if rows else cursor,
    }


def due_for_review(tx: Transaction, *, years: int, today: dt.date) -> list[dict[str, Any]]:
    """Closed families whose last change is more than ``years`` old (Jeugdwet: 20)."""
    try:
        limit = today.replace(year=today.year - years)
    except ValueError:
        limit = today.replace(year=today.year - years, day=28)
    rows = tx.query(
        "SELECT s.record_id AS family, s.data AS data,"
        " (SELECT max(c.received_at) FROM changes c WHERE c.family_id = s.record_id) AS last"
        " FROM record_state s WHERE s.entity = 'families'"
    )
    due = []
    for row in rows:
        data = json.loads(row["data"])
        if (
            data.get("status") == FamilyStatus.CLOSED
            and row["last"]
            and row["last"][:10] < limit.isoformat()
        ):
            due.append(
                {
                    "family": row["family"],
                    "last_change": row["last"],
                    "end_date": data.get("end_date"),
                }
            )
    return sorted(due, key=lambda r: str(r["last_change"]))
