"""The team leader's endpoints: overviews built from hours and families, never notes."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Request

from ... import protocol as p
from .. import queries
from ..db import ServerDB
from ..identity import SIGNED, signed_in


def router(db: ServerDB) -> APIRouter:
    api = APIRouter(prefix="/v1/team", dependencies=SIGNED)

    @api.get("/overview")
    def team_overview(request: Request) -> dict[str, Any]:
        """Per caseworker of the leader's teams: caseload and hours per family per ISO week.

        Built from the change log's hours and families records only; no note
        text, member names or BSNs are read, let alone returned.
        """
        with signed_in(db, request, p.Role.TEAMLEADER) as (tx, who):
            overview = []
            for person in queries.teammates(tx, who.user):
                families = queries.families_of(tx, person)
                hours = {
                    family: hours_per_week(queries.hours_changes(tx, family)) for family in families
                }
                overview.append(
                    {"caseworker": person, "caseload": len(families), "hours_per_week": hours}
                )
        return {"caseworkers": overview}

    return api


def hours_per_week(changes: list[dict[str, Any]]) -> dict[str, int]:
    """Minutes per ISO week ("2026-W07") of the hours records these changes leave."""
    state: dict[str, dict[str, Any]] = {}
    for change in changes:
        data = json.loads(change["data"])
        if change["op"] == p.Op.DELETE:
            state.pop(change["record_id"], None)
        else:
            state.setdefault(change["record_id"], {}).update(data)
    weeks: dict[str, int] = defaultdict(int)
    for record in state.values():
        if "date" in record and "minutes" in record:
            year, week, _ = dt.date.fromisoformat(record["date"]).isocalendar()
            weeks[f"{year}-W{week:02d}"] += int(record["minutes"])
    return dict(sorted(weeks.items()))
