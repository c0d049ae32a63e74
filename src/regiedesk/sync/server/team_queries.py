"""The team leader's queries: who is in the caller's teams, their families and stand-ins.

Beside ``queries.py`` (the sync's); the figures themselves are computed in
``figures.py`` from the current state (``state.py``).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ...clock import is_stamp, stamp_wall_ms, utc_text, wall_clock_ms
from ...ids import uuid7
from ...sql_lists import in_statements
from .. import protocol as p
from . import state
from .db import Transaction

SERVER_NODE = "server"  # the node of the clock stamps of changes the server makes itself


def teams_of(tx: Transaction, user: str) -> list[str]:
    rows = tx.rows("SELECT team FROM team_members WHERE user_name = ? ORDER BY team", (user,))
    return [str(r[0]) for r in rows]


def caseworkers_of(tx: Transaction, leader: str) -> list[str]:
    """The caseworkers in a team with ``leader``, sorted."""
    rows = tx.rows(
        "SELECT DISTINCT m.user_name FROM team_members m"
        " JOIN team_members me ON me.team = m.team JOIN users u ON u.name = m.user_name"
        " WHERE me.user_name = ? AND u.role = 'caseworker' ORDER BY m.user_name",
        (leader,),
    )
    return [str(r[0]) for r in rows]


def assigned_families(tx: Transaction, caseworkers: list[str]) -> dict[str, str]:
    """Family id: caseworker, of the families assigned to these caseworkers."""
    if not caseworkers:
        return {}
    marks = ", ".join("?" for _ in caseworkers)
    rows = tx.rows(
        f"SELECT id, caseworker FROM families WHERE caseworker IN ({marks})", caseworkers
    )
    return {str(r[0]): str(r[1]) for r in rows}


def server_change(
    tx: Transaction, leader: str, device: str, family: str, op: str, data: dict[str, Any]
) -> None:
    """A change to a family's record made by the server on a team leader's behalf, stamped
    after every stamp the record has, so the laptops take it over at their next pull."""
    held = state.read(tx, {"families": [family]}).get(("families", family))
    now = wall_clock_ms()
    if held is not None and is_stamp(held.hlc):
        now = max(now, stamp_wall_ms(held.hlc) + 1)
    stamp = f"{now:015d}-0000-{SERVER_NODE}"
    tx.append_changes(
        [
            (
                uuid7(),
                device,
                leader,
                family,
                "families",
                family,
                op,
                json.dumps(data, sort_keys=True),
                stamp,
                utc_text(),
            )
        ]
    )


def end_stand_in(tx: Transaction, stand_in: str, today: dt.date) -> p.StandIn | None:
    """End a stand-in before today (its last day: yesterday); None: no such stand-in."""
    rows = tx.rows("SELECT family_id, valid_until FROM delegations WHERE id = ?", (stand_in,))
    if not rows:
        return None
    last = min(dt.date.fromisoformat(str(rows[0][1])), today - dt.timedelta(days=1))
    tx.execute("UPDATE delegations SET valid_until = ? WHERE id = ?", (last.isoformat(), stand_in))
    return stand_in_of(tx, stand_in)


def stand_in_of(tx: Transaction, stand_in: str) -> p.StandIn | None:
    rows = tx.rows(
        "SELECT id, family_id, user_name, valid_from, valid_until FROM delegations WHERE id = ?",
        (stand_in,),
    )
    return _stand_in(rows[0]) if rows else None


def _stand_in(row: tuple[Any, ...]) -> p.StandIn:
    return {
        "id": str(row[0]),
        "family_id": str(row[1]),
        "user": str(row[2]),
        "start": str(row[3]),
        "end": str(row[4]),
    }


def stand_ins_around(tx: Transaction, user: str, today: dt.date) -> list[p.StandIn]:
    """Stand-ins not over yet that ``user`` holds, or that others hold for ``user``'s
    families, oldest first."""
    return [
        _stand_in(row)
        for row in tx.rows(
            "SELECT d.id, d.family_id, d.user_name, d.valid_from, d.valid_until FROM delegations d"
            " JOIN families f ON f.id = d.family_id WHERE (d.user_name = ? OR f.caseworker = ?)"
            " AND d.valid_until >= ? AND d.valid_from <= d.valid_until ORDER BY d.valid_from, d.id",
            (user, user, today.isoformat()),
        )
    ]


def stand_ins(tx: Transaction, families: list[str]) -> list[p.StandIn]:
    """The stand-ins (delegations) of these families, oldest first."""
    found: list[p.StandIn] = []
    select = (
        "SELECT id, family_id, user_name, valid_from, valid_until FROM delegations WHERE family_id"
    )
    for sql, chunk in in_statements(select, families, then="ORDER BY valid_from, id"):
        found.extend(_stand_in(row) for row in tx.rows(sql, chunk))
    return found
