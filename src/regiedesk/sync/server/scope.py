"""Which families a user may see: own families and stand-in delegations valid today."""

from __future__ import annotations

import datetime as dt

from .db import Transaction


def families_in_scope(tx: Transaction, user: str, today: dt.date) -> set[str]:
    day = today.isoformat()
    own = tx.query("SELECT id FROM families WHERE caseworker = ?", (user,))
    delegated = tx.query(
        "SELECT family_id FROM delegations WHERE user_name = ? AND valid_from <= ?"
        " AND valid_until >= ?",
        (user, day, day),
    )
    return {r["id"] for r in own} | {r["family_id"] for r in delegated}
