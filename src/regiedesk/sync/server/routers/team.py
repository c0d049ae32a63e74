"""The team leader's endpoints: figures of the caller's teams, never notes or names.

Computed from the current state (``figures.py``), not by replaying the log. A
caseworker or a family outside the caller's teams is answered 404, and the refusal
goes into the access log.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ....clock import utc_text
from ....domain.support_profiles import load_support_profiles
from ... import protocol as p
from .. import figures, queries, team_queries
from ..db import ServerDB, Transaction
from ..identity import SIGNED, Caller, error, signed_in

DEFAULT_PERIOD_DAYS = 90
MAX_PERIOD_DAYS = 5 * 366


def period_of(start: dt.date | None, end: dt.date | None, today: dt.date) -> figures.Period:
    """The period asked for: up to today and 90 days back unless given."""
    last = end or today
    first = start or last - dt.timedelta(days=DEFAULT_PERIOD_DAYS)
    if first > last:
        raise error(400, p.ErrorCode.BAD_PERIOD, "the period ends before it starts")
    if (last - first).days > MAX_PERIOD_DAYS:
        raise error(400, p.ErrorCode.BAD_PERIOD, "a period of at most five years")
    return figures.Period(first, last)


def _json(answer: Any) -> Response:
    return Response(json.dumps(answer), media_type="application/json")


class _Team:
    """What every team answer starts from: the caller's caseworkers and their families."""

    def __init__(self, tx: Transaction, who: Caller, *, only: str | None = None) -> None:
        """``only``: that family's records alone (none when it is not the team's)."""
        self.teams = team_queries.teams_of(tx, who.user)
        self.caseworkers = team_queries.caseworkers_of(tx, who.user)
        assigned = team_queries.assigned_families(tx, self.caseworkers)
        if only is not None:
            assigned = {f: c for f, c in assigned.items() if f == only}
        self.records = figures.read_team(tx, assigned)
        families = sorted(self.records.assigned)
        self.stand_ins: list[p.StandIn] = [
            {
                "id": s["id"],
                "family_id": s["family_id"],
                "user": s["user"],
                "start": s["start"],
                "end": s["end"],
            }
            for s in team_queries.stand_ins(tx, families)
        ]


def router(db: ServerDB, today: Callable[[], dt.date] = dt.date.today) -> APIRouter:
    api = APIRouter(prefix="/v1/team", dependencies=SIGNED)
    profiles = load_support_profiles()

    @contextmanager
    def refusing(who: Caller, action: str) -> Iterator[None]:
        """Log a 404 (something outside the caller's teams) before it is answered."""
        try:
            yield
        except _Outside:
            queries.log_access(db, who.user, who.device_id, action, "refused")
            raise error(404, p.ErrorCode.NOT_FOUND, "not in your teams") from None

    @api.get("/overview")
    def overview(
        request: Request,
        start: dt.date | None = Query(None, alias="from"),
        end: dt.date | None = Query(None, alias="to"),
        caseworker: str | None = Query(None, max_length=200),
    ) -> Response:
        """Per caseworker, per family and for the team, over a period."""
        period = period_of(start, end, today())
        with signed_in(db, request, p.Role.TEAMLEADER, read_only=True) as (tx, who):
            with refusing(who, "team-overview"):
                if caseworker is not None and caseworker not in team_queries.caseworkers_of(
                    tx, who.user
                ):
                    raise _Outside
            team = _Team(tx, who)
        people = [caseworker] if caseworker is not None else team.caseworkers
        rows = [
            figures.family_row(team.records, family, period, profiles, team.stand_ins)
            for family in sorted(team.records.assigned, key=lambda f: (team.records.assigned[f], f))
            if team.records.assigned[family] in people
        ]
        per_person = [
            figures.caseworker_figures(person, rows, team.records, period) for person in people
        ]
        answer: p.TeamOverview = {
            "teams": team.teams,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "as_of": utc_text(),
            "caseworkers": per_person,
            "families": rows,
            "team": figures.team_totals(rows, per_person, team.records, period),
        }
        return _json(answer)

    @api.get("/families/{family_id}")
    def family(
        request: Request,
        family_id: str,
        start: dt.date | None = Query(None, alias="from"),
        end: dt.date | None = Query(None, alias="to"),
    ) -> Response:
        """One family's page: its row and its charts."""
        period = period_of(start, end, today())
        with signed_in(db, request, p.Role.TEAMLEADER, read_only=True) as (tx, who):
            team = _Team(tx, who, only=family_id)
            with refusing(who, "team-family"):
                if family_id not in team.records.assigned:
                    raise _Outside
        answer = figures.family_page(team.records, family_id, period, profiles, team.stand_ins)
        return _json(answer)

    return api


class _Outside(Exception):
    """Asked for a caseworker or family outside the caller's teams."""
