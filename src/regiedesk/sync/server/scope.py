"""Which families a user may see: own families and stand-in delegations valid today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ...sql_lists import Statement
from .db import Transaction


def families_in_scope(tx: Transaction, user: str, today: dt.date) -> set[str]:
    return {row[0] for row in tx.rows(*scope_statement(user, today))}


def scope_statement(user: str, today: dt.date) -> Statement:
    """The ids of the families ``user`` may read and write today, one per row."""
    day = today.isoformat()
    return (
        "SELECT id FROM families WHERE caseworker = ? UNION SELECT family_id FROM delegations"
        " WHERE user_name = ? AND valid_from <= ? AND valid_until >= ?",
        (user, user, day, day),
    )


def scope_column(today: dt.date) -> tuple[str, str, Sequence[Any]]:
    """``scope_statement`` as an array column of the caller's row (``queries.Alongside``,
    PostgreSQL), over the user's name ``u.name``."""
    day = today.isoformat()
    sql = (
        "ARRAY(SELECT id FROM families WHERE caseworker = u.name UNION SELECT family_id"
        " FROM delegations WHERE user_name = u.name AND valid_from <= ? AND valid_until >= ?)"
    )
    return "scope", sql, (day, day)


def may_push(tx: Transaction, user: str, family: str, when: dt.datetime, scope: set[str]) -> bool:
    """Whether a change made at ``when`` may be pushed: in scope now, or in scope back then.

    Work done offline during a stand-in period, or before a handover, still
    reaches the server after the access ended; nothing done in scope is lost.
    """
    if family in scope:  # families_in_scope, already read by the caller
        return True
    day = when.date().isoformat()
    delegated = tx.query(
        "SELECT 1 AS x FROM delegations WHERE family_id = ? AND user_name = ?"
        " AND valid_from <= ? AND valid_until >= ?",
        (family, user, day, day),
    )
    if delegated:
        return True
    handed = tx.query(
        "SELECT handed_over_at FROM families WHERE id = ? AND previous_caseworker = ?",
        (family, user),
    )
    return bool(handed) and when.isoformat() <= str(handed[0]["handed_over_at"])
