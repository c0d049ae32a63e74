"""Destruction on request (AVG art. 17) and after the Jeugdwet term: a family, or one
member, removed from the server for good, change log and current state too.

What stays is that it happened: a row in ``destructions`` (what, when, by whom, why, and
the exceptions the law allows, with their reason) and a ``delete`` event in the central
audit trail. The audit trail itself keeps its events: they name records by id, never
their contents. Laptops learn of it at their next sync (``destroyed_since``) and destroy
their copy; a destroyed family's id is refused from then on.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ...clock import utc_text
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
    """Remove one member's record (its changes and current state). Records that point at
    the member (an assessment, a goal) stay, without the member's name."""
    family = tx.rows(
        "SELECT family_id FROM changes WHERE entity = 'members' AND record_id = ? LIMIT 1",
        (member,),
    )
    if not family:
        raise LookupError(member)
    removed = tx.execute(
        "DELETE FROM changes WHERE entity = 'members' AND record_id = ?", (member,)
    )
    tx.execute("DELETE FROM record_state WHERE entity = 'members' AND record_id = ?", (member,))
    _record(tx, "member", member, str(family[0][0]), by, reason, exceptions, removed)
    return removed


def _record(
    tx: Transaction, kind: str, record: str, family: str, by: str, reason: str,
    exceptions: list[str], removed: int,
) -> None:  # fmt: skip
    top = tx.rows("SELECT max(seq) FROM destructions")[0][0]
    tx.execute(
        "INSERT INTO destructions (seq, kind, record_id, family_id, destroyed_at, by_user,"
        " reason, exceptions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (int(top or 0) + 1, kind, record, family, utc_text(), by, reason, json.dumps(exceptions)),
    )
    audit_trail.append_server_event(
        tx, by, "delete", family,
        [f"{'families' if kind == 'family' else 'members'}/{record}", "destroyed",
         f"changes_removed/{removed}"],
    )  # fmt: skip


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
            data.get("status") == "afgesloten"
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
