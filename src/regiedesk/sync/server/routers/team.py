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
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ....clock import utc_text
from ....domain.support_profiles import load_support_profiles
from ....domain.vocabulary import FamilyStatus
from ....ids import uuid7
from ... import protocol as p
from ...rules import check_change
from .. import figures, queries, team_facts, team_queries
from ..bodies import Day, Handover, RegisterFamily, StandInIn
from ..db import ServerDB, Transaction
from ..identity import SIGNED, Caller, Refused, error, signed_in

DEFAULT_PERIOD_DAYS = 90
MAX_PERIOD_DAYS = 5 * 366


def period_of(start: dt.date | None, end: dt.date | None, today: dt.date) -> team_facts.Period:
    """The period asked for: up to today and 90 days back unless given."""
    last = end or today
    first = start or last - dt.timedelta(days=DEFAULT_PERIOD_DAYS)
    if first > last:
        raise error(400, p.ErrorCode.BAD_PERIOD, "the period ends before it starts")
    if (last - first).days > MAX_PERIOD_DAYS:
        raise error(400, p.ErrorCode.BAD_PERIOD, "a period of at most five years")
    return team_facts.Period(first, last)


@contextmanager
def refusing(who: Caller, action: str) -> Iterator[None]:
    """Something outside the caller's teams: 404, logged by ``signed_in`` after the
    request's transaction ended (no second writer waiting on its lock)."""
    try:
        yield
    except _Outside:
        answer = error(404, p.ErrorCode.NOT_FOUND, "not in your teams")
        raise Refused(who.user, who.device_id, action, "refused", answer) from None


def _json(answer: Any) -> Response:
    return Response(json.dumps(answer), media_type="application/json")


class _Team:
    """What every team answer starts from: the caller's caseworkers, their families and
    the facts of those families over the period."""

    def __init__(
        self,
        tx: Transaction,
        who: Caller,
        period: team_facts.Period,
        *,
        only: str | None = None,
        shown: list[str] | None = None,
    ) -> None:
        """``only``: that family alone (none when it is not the team's), its minutes per
        day since ever; else the minutes per week of the period of the families of the
        caseworkers ``shown`` (None: all of them)."""
        self.teams = team_queries.teams_of(tx, who.user)
        self.caseworkers = team_queries.caseworkers_of(tx, who.user)
        assigned = team_queries.assigned_families(tx, self.caseworkers)
        if only is not None:
            assigned = {f: c for f, c in assigned.items() if f == only}
        people = set(self.caseworkers if shown is None else shown)
        self.facts = team_facts.read(
            tx,
            assigned,
            period,
            weekly_of=[f for f, c in assigned.items() if c in people] if only is None else (),
            daily_of=[only] if only is not None else (),
        )
        self.records = {
            entity: team_facts.live_records(tx, only, entity)
            for entity in ("members", "assessments", "scores")
            if only is not None and only in self.facts.assigned
        }
        families = sorted(self.facts.assigned)
        self.stand_ins = team_queries.stand_ins(tx, families)


def router(db: ServerDB, today: Callable[[], dt.date] = dt.date.today) -> APIRouter:
    api = APIRouter(prefix="/v1/team", dependencies=SIGNED)
    profiles = load_support_profiles()

    @api.get("/overview")
    def overview(
        request: Request,
        start: Annotated[Day | None, Query(alias="from")] = None,
        end: Annotated[Day | None, Query(alias="to")] = None,
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
            team = _Team(tx, who, period, shown=None if caseworker is None else [caseworker])
        people = [caseworker] if caseworker is not None else team.caseworkers
        assigned = team.facts.assigned
        rows = [
            figures.family_row(team.facts, family, period, profiles, team.stand_ins)
            for family in sorted(assigned, key=lambda f: (assigned[f], f))
            if assigned[family] in people
        ]
        per_person = [
            figures.caseworker_figures(person, rows, team.facts, period) for person in people
        ]
        answer: p.TeamOverview = {
            "teams": team.teams,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "as_of": utc_text(),
            "caseworkers": per_person,
            "families": rows,
            "team": figures.team_totals(rows, per_person, team.facts, period),
        }
        return _json(answer)

    @api.get("/families/{family_id}")
    def family(
        request: Request,
        family_id: str,
        start: Annotated[Day | None, Query(alias="from")] = None,
        end: Annotated[Day | None, Query(alias="to")] = None,
    ) -> Response:
        """One family's page: its row and its charts."""
        period = period_of(start, end, today())
        with signed_in(db, request, p.Role.TEAMLEADER, read_only=True) as (tx, who):
            team = _Team(tx, who, period, only=family_id)
            with refusing(who, "team-family"):
                if family_id not in team.facts.assigned:
                    raise _Outside
        answer = figures.family_page(
            team.facts, family_id, period, profiles, team.stand_ins, team.records
        )
        return _json(answer)

    def _actor(tx: Transaction, who: Caller, action: str) -> tuple[list[str], dict[str, str]]:
        """The caller's caseworkers and their families, for an action on them."""
        caseworkers = team_queries.caseworkers_of(tx, who.user)
        return caseworkers, team_queries.assigned_families(tx, caseworkers)

    @api.post("/families")
    def register_family(body: RegisterFamily, request: Request) -> Response:
        """Register a new family and assign it to a caseworker of the caller's teams."""
        family = uuid7()
        record: dict[str, Any] = {
            "name": body.name,
            "status": FamilyStatus.REGISTERED,
            "caseworker": body.caseworker,
        }
        if body.start_date is not None:
            record["start_date"] = body.start_date.isoformat()
        invalid = check_change("families", "insert", family, family, record)
        if invalid is not None:
            raise error(400, p.ErrorCode.BAD_BODY, f"the family is refused: {invalid}")
        with signed_in(db, request, p.Role.TEAMLEADER) as (tx, who):
            caseworkers, _ = _actor(tx, who, "team-register")
            with refusing(who, "team-register"):
                if body.caseworker not in caseworkers:
                    raise _Outside
            queries.add_family(tx, family, body.caseworker)
            queries.log_action(
                tx,
                who.user,
                who.device_id,
                "team-register",
                f"ok family={family} caseworker={body.caseworker}",
            )
            team_queries.server_change(tx, who.user, who.device_id, family, "insert", record)
        answer: p.Assignment = {"family_id": family, "caseworker": body.caseworker}
        return _json(answer)

    @api.post("/families/{family_id}/handover")
    def handover(family_id: str, body: Handover, request: Request) -> Response:
        """Hand a family over to another caseworker of the caller's teams: its history goes
        along; the former caseworker's work stamped before now is still accepted."""
        with signed_in(db, request, p.Role.TEAMLEADER) as (tx, who):
            caseworkers, assigned = _actor(tx, who, "team-handover")
            with refusing(who, "team-handover"):
                if family_id not in assigned or body.caseworker not in caseworkers:
                    raise _Outside
            if assigned[family_id] != body.caseworker:
                queries.assign_family(tx, family_id, body.caseworker)
                queries.log_action(
                    tx,
                    who.user,
                    who.device_id,
                    "team-handover",
                    f"ok family={family_id} from={assigned[family_id]} to={body.caseworker}",
                )
                team_queries.server_change(
                    tx,
                    who.user,
                    who.device_id,
                    family_id,
                    "update",
                    {"caseworker": body.caseworker},
                )
        answer: p.Assignment = {"family_id": family_id, "caseworker": body.caseworker}
        return _json(answer)

    @api.post("/stand-ins")
    def add_stand_in(body: StandInIn, request: Request) -> Response:
        """A time-boxed stand-in (waarneming) by a caseworker of the caller's teams."""
        if body.end < body.start or (body.end - body.start).days > MAX_PERIOD_DAYS:
            raise error(400, p.ErrorCode.BAD_PERIOD, "a stand-in ends after it starts")
        with signed_in(db, request, p.Role.TEAMLEADER) as (tx, who):
            caseworkers, assigned = _actor(tx, who, "team-stand-in")
            with refusing(who, "team-stand-in"):
                if body.family_id not in assigned or body.user not in caseworkers:
                    raise _Outside
            if assigned[body.family_id] == body.user:
                raise error(
                    400, p.ErrorCode.BAD_BODY, "a caseworker cannot stand in for themselves"
                )
            made = queries.add_delegation(tx, body.family_id, body.user, body.start, body.end)
            queries.log_action(
                tx,
                who.user,
                who.device_id,
                "team-stand-in",
                f"ok stand-in={made} family={body.family_id} user={body.user}"
                f" {body.start}..{body.end}",
            )
            answer = team_queries.stand_in_of(tx, made)
        return _json(answer)

    @api.post("/stand-ins/{stand_in}/end")
    def end_stand_in(stand_in: str, request: Request) -> Response:
        """End a stand-in early: yesterday was its last day."""
        with signed_in(db, request, p.Role.TEAMLEADER) as (tx, who):
            _, assigned = _actor(tx, who, "team-stand-in-end")
            held = team_queries.stand_in_of(tx, stand_in)
            with refusing(who, "team-stand-in-end"):
                if held is None or held["family_id"] not in assigned:
                    raise _Outside
            answer = team_queries.end_stand_in(tx, stand_in, today())
            queries.log_action(
                tx, who.user, who.device_id, "team-stand-in-end", f"ok stand-in={stand_in}"
            )
        return _json(answer)

    return api


class _Outside(Exception):
    """Asked for a caseworker or family outside the caller's teams."""
