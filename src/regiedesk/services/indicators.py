"""Indicators computed from the records, never stored: the intensity curve, the number of
involved parties over time, domain trends, goals reached, what is overdue, and the caseload."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from ..domain.instruments import load_instrument
from .base import Service

Direction = Literal["verbeterd", "stabiel", "verslechterd"]


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class WeekHours:
    year: int
    week: int
    monday: dt.date
    minutes: int


@dataclass(frozen=True, slots=True)
class DomainTrend:
    member_id: str | None
    domain: str
    first: int
    latest: int
    first_date: dt.date
    latest_date: dt.date

    @property
    def delta(self) -> int:
        return self.latest - self.first

    @property
    def direction(self) -> Direction:
        if self.delta > 0:
            return "verbeterd"
        return "verslechterd" if self.delta < 0 else "stabiel"


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    family_id: str
    name: str
    status: str
    caseworker: str
    minutes_this_week: int
    last_visit: dt.date | None
    active_parties: int
    agreements_due: int
    evaluation_date: dt.date | None


class IndicatorService(Service):
    def intensity_curve(
        self, family_id: str, *, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[WeekHours]:
        """Minutes per ISO week, every week from the first to the last (zero weeks included)."""
        rows = self.store.query(
            "SELECT date, minutes FROM hours WHERE family_id = ? AND deleted = 0",
            (family_id,),
        )
        per_week: dict[dt.date, int] = defaultdict(int)
        for r in rows:
            per_week[monday_of(dt.date.fromisoformat(r["date"]))] += int(r["minutes"])
        if start is None and end is None and not per_week:
            return []
        first = monday_of(start) if start else min(per_week)
        last = monday_of(end) if end else max(per_week, default=first)
        curve = []
        monday = first
        while monday <= last:
            year, week, _ = monday.isocalendar()
            curve.append(WeekHours(year, week, monday, per_week.get(monday, 0)))
            monday += dt.timedelta(days=7)
        return curve

    def active_parties_over_time(
        self, family_id: str, *, start: dt.date, end: dt.date
    ) -> list[tuple[dt.date, int]]:
        """The number of involved parties active on each Monday from start to end."""
        rows = self.store.query(
            "SELECT involved_from, involved_until FROM parties WHERE family_id = ? AND deleted = 0",
            (family_id,),
        )
        spans = [
            (
                dt.date.fromisoformat(r["involved_from"]),
                dt.date.fromisoformat(r["involved_until"]) if r["involved_until"] else None,
            )
            for r in rows
        ]
        series = []
        monday = monday_of(start)
        while monday <= end:
            count = sum(1 for a, b in spans if a <= monday and (b is None or monday <= b))
            series.append((monday, count))
            monday += dt.timedelta(days=7)
        return series

    def domain_trends(self, family_id: str) -> list[DomainTrend]:
        """Per member (or household) and domain: the first and the latest score.

        Scores of the older ZRM are mapped to the 2017 domains first, so a
        trend runs across a change of instrument.
        """
        rows = self.store.query(
            "SELECT a.member_id, a.instrument, a.date, s.domain, s.score"
            " FROM assessments a JOIN scores s ON s.assessment_id = a.id"
            " WHERE a.family_id = ? AND a.deleted = 0 AND s.deleted = 0"
            " ORDER BY a.date, a.id",
            (family_id,),
        )
        first: dict[tuple[str | None, str], tuple[int, dt.date]] = {}
        latest: dict[tuple[str | None, str], tuple[int, dt.date]] = {}
        for r in rows:
            domain = load_instrument(r["instrument"]).map_domain(r["domain"])
            key = (r["member_id"], domain)
            point = (int(r["score"]), dt.date.fromisoformat(r["date"]))
            first.setdefault(key, point)
            latest[key] = point
        return [
            DomainTrend(
                key[0], key[1], first[key][0], latest[key][0], first[key][1], latest[key][1]
            )
            for key in first
        ]

    def goals_reached_share(self, family_id: str | None = None) -> float | None:
        """Goals reached / goals not dropped; None when there are none."""
        sql = (
            "SELECT sum(status = 'behaald') AS reached, count(*) AS total FROM goals"
            " WHERE deleted = 0 AND status != 'vervallen'"
        )
        params: tuple[str, ...] = ()
        if family_id:
            sql += " AND family_id = ?"
            params = (family_id,)
        row = self.store.query(sql, params)[0]
        return None if not row["total"] else int(row["reached"]) / int(row["total"])

    def overdue_agreements(self, family_id: str | None = None) -> dict[str, int]:
        """Open agreements past their due date, counted per family."""
        sql = (
            "SELECT family_id, count(*) AS n FROM agreements"
            " WHERE deleted = 0 AND done = 0 AND due_date < ?"
        )
        params: list[str] = [self.today().isoformat()]
        if family_id:
            sql += " AND family_id = ?"
            params.append(family_id)
        rows = self.store.query(sql + " GROUP BY family_id", tuple(params))
        return {str(r["family_id"]): int(r["n"]) for r in rows}

    def overdue_evaluations(self) -> list[str]:
        """Families (not closed) whose plan evaluation date has passed."""
        rows = self.store.query(
            "SELECT id FROM families WHERE deleted = 0 AND status != 'afgesloten'"
            " AND evaluation_date < ? ORDER BY evaluation_date",
            (self.today().isoformat(),),
        )
        return [str(r["id"]) for r in rows]

    def caseload(self, *, status: str | None = None) -> list[CaseloadRow]:
        """One row per family for the caseload overview, in a single query."""
        today = self.today()
        week_start = monday_of(today).isoformat()
        week_end = (monday_of(today) + dt.timedelta(days=6)).isoformat()
        day = today.isoformat()
        sql = """
            SELECT f.id, f.name, f.status, f.caseworker, f.evaluation_date,
              (SELECT coalesce(sum(h.minutes), 0) FROM hours h WHERE h.family_id = f.id
                 AND h.deleted = 0 AND h.date BETWEEN :week_start AND :week_end) AS week_minutes,
              (SELECT max(h.date) FROM hours h WHERE h.family_id = f.id AND h.deleted = 0
                 AND h.activity = 'huisbezoek' AND h.date <= :today) AS last_visit,
              (SELECT count(*) FROM parties p WHERE p.family_id = f.id AND p.deleted = 0
                 AND p.involved_from <= :today
                 AND (p.involved_until IS NULL OR p.involved_until >= :today)) AS active_parties,
              (SELECT count(*) FROM agreements a WHERE a.family_id = f.id AND a.deleted = 0
                 AND a.done = 0 AND a.due_date <= :today) AS agreements_due
            FROM families f WHERE f.deleted = 0"""
        params: dict[str, str] = {"week_start": week_start, "week_end": week_end, "today": day}
        if status:
            sql += " AND f.status = :status"
            params["status"] = status
        rows = self.store.query(sql + " ORDER BY f.name COLLATE NOCASE", params)
        return [
            CaseloadRow(
                family_id=r["id"],
                name=r["name"],
                status=r["status"],
                caseworker=r["caseworker"],
                minutes_this_week=int(r["week_minutes"]),
                last_visit=dt.date.fromisoformat(r["last_visit"]) if r["last_visit"] else None,
                active_parties=int(r["active_parties"]),
                agreements_due=int(r["agreements_due"]),
                evaluation_date=(
                    dt.date.fromisoformat(r["evaluation_date"]) if r["evaluation_date"] else None
                ),
            )
            for r in rows
        ]
