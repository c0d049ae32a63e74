"""The team leader's queries: who is in the caller's teams, their families and stand-ins.

Beside ``queries.py`` (the sync's); the figures themselves are computed in
``figures.py`` from the current state (``state.py``).
"""

from __future__ import annotations

from .db import Transaction


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


def stand_ins(tx: Transaction, families: list[str]) -> list[dict[str, str]]:
    """The stand-ins (delegations) of these families, oldest first."""
    found: list[dict[str, str]] = []
    for start in range(0, len(families), 500):
        chunk = families[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in tx.rows(
            "SELECT id, family_id, user_name, valid_from, valid_until FROM delegations"
            f" WHERE family_id IN ({marks}) ORDER BY valid_from, id",
            chunk,
        ):
            found.append(
                {
                    "id": str(row[0]),
                    "family_id": str(row[1]),
                    "user": str(row[2]),
                    "start": str(row[3]),
                    "end": str(row[4]),
                }
            )
    return found
