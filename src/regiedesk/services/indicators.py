"""Indicators computed from the records, never stored: the intensity curve, the number of
involved parties over time, domain trends, goals reached, what is overdue, and the caseload.

Every figure is read with plain SQL over the entity tables at the moment it is
asked for; tombstoned rows never count, and neither do rows of a tombstoned
family. Weeks are ISO weeks (Monday to Sunday; 2026-12-31 and 2027-01-01 both
fall in 2026-W53).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..domain.trends import DomainTrend, fold_trends
from ..domain.vocabulary import Activity, FamilyStatus, GoalStatus
from ..domain.weeks import first_monday_from, monday_of
from .base import Service

# The Monday of the ISO week of a date column, in SQL (strftime %w: Sunday = 0).
_MONDAY_OF = "date({col}, '-' || ((CAST(strftime('%w', {col}) AS INTEGER) + 6) % 7) || ' days')"

# Rows of live families only (``{t}`` is the alias of a table with a family_id column).
_LIVE_FAMILY = "EXISTS (SELECT 1 FROM families lf WHERE lf.id = {t}.family_id AND lf.deleted = 0)"


@dataclass(frozen=True, slots=True)
class WeekHours:
    year: int  # ISO year
    week: int  # ISO week number
    monday: dt.date
    minutes: int


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    family_id: str
    name: str
    status: str
    caseworker: str
    minutes_this_week: int  # the current ISO week, Monday to Sunday
    last_visit: dt.date | None  # the latest 'huisbezoek' hours entry up to today
    active_parties: int  # involved today
    agreements_due: int  # open, due today or earlier
    evaluation_date: dt.date | None
    last_entry: dt.date | None = None  # the latest hours entry of any activity up to today
    agreements_overdue: int = 0  # open, due before today
    evaluation_overdue: bool = False  # evaluation date passed and the family not closed


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class IndicatorService(Service):
    # --- hours ----------------------------------------------------------------

    def intensity_curve(
        self, family_id: str, *, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[WeekHours]:
        """Minutes per ISO week, every week in order with zero weeks included.

        Without a range: from the family's first to its last week with hours
        ([] when it has none). ``start``/``end`` pin the first/last week: every
        ISO week that overlaps the range, with all its minutes. An open side
        runs to the data ([] when there are no hours on that side).
        """
        sql = (
            f"SELECT {_MONDAY_OF.format(col='date')} AS monday, sum(minutes) AS minutes"
            " FROM hours WHERE family_id = ? AND deleted = 0"
        )
        params: list[str] = [family_id]
        if start is not None:
            sql += " AND date >= ?"
            params.append(monday_of(start).isoformat())
        if end is not None:
            sql += " AND date <= ?"
            params.append((monday_of(end) + dt.timedelta(days=6)).isoformat())
        rows = self.store.query(sql + " GROUP BY monday", tuple(params))
        per_week = {dt.date.fromisoformat(r["monday"]): int(r["minutes"]) for r in rows}
        first = monday_of(start) if start is not None else min(per_week, default=None)
        last = monday_of(end) if end is not None else max(per_week, default=None)
        if first is None or last is None:
            return []
        curve = []
        monday = first
        while monday <= last:
            year, week, _ = monday.isocalendar()
            curve.append(WeekHours(year, week, monday, per_week.get(monday, 0)))
            monday += dt.timedelta(days=7)
        return curve

    # --- the network ----------------------------------------------------------

    def active_parties_over_time(
        self, family_id: str | None, *, start: dt.date, end: dt.date
    ) -> list[tuple[dt.date, int]]:
        """The number of involved parties active on each Monday from ``start`` to ``end``.

        A party is active on a day when involved_from <= day <= involved_until
        (or it has no end). ``family_id`` None counts the whole caseload.
        """
        first = first_monday_from(start)
        if first > end:
            return []
        family_filter = "p.family_id = :family" if family_id is not None else "1"
        rows = self.store.query(
            f"""
            WITH RECURSIVE mondays(day) AS (
                SELECT :first
                UNION ALL
                SELECT date(day, '+7 days') FROM mondays WHERE date(day, '+7 days') <= :end
            )
            SELECT m.day AS day, count(p.id) AS n
            FROM mondays m
            LEFT JOIN parties p ON {family_filter} AND p.deleted = 0
                AND {_LIVE_FAMILY.format(t="p")}
                AND p.involved_from <= m.day
                AND (p.involved_until IS NULL OR p.involved_until >= m.day)
            GROUP BY m.day ORDER BY m.day""",
            {"first": first.isoformat(), "end": end.isoformat(), "family": family_id},
        )
        return [(dt.date.fromisoformat(r["day"]), int(r["n"])) for r in rows]

    # --- measurements ---------------------------------------------------------

    def domain_trends(self, family_id: str) -> list[DomainTrend]:
        """Per member (or household) and domain: the first and the latest score.

        Measurements are ordered by date (then by the order they were made).
        Scores of the older ZRM are mapped to the 2017 domains first, so a trend
        runs across a change of instrument. Measurements of a removed member do
        not count. The order: the household first, then per member in the order
        they were first measured, each in the order of the instrument's domains
        (domains of an instrument this installation does not ship last).
        """
        rows = self.store.query(
            "SELECT a.member_id, a.instrument, a.date, s.domain, s.score"
            " FROM assessments a JOIN scores s ON s.assessment_id = a.id"
            " LEFT JOIN members m ON m.id = a.member_id"
            " WHERE a.family_id = ? AND a.deleted = 0 AND s.deleted = 0"
            " AND (a.member_id IS NULL OR m.deleted = 0)"
            " ORDER BY a.date, a.id, s.id",
            (family_id,),
        )
        return fold_trends(
            (
                r["member_id"],
                r["instrument"],
                dt.date.fromisoformat(r["date"]),
                r["domain"],
                int(r["score"]),
            )
            for r in rows
        )

    # --- the plan -------------------------------------------------------------

    def goals_reached_share(self, family_id: str | None = None) -> float | None:
        """Goals 'behaald' / goals not 'vervallen'; None when there are none.

        ``family_id`` None: over the whole caseload.
        """
        sql = (
            f"SELECT coalesce(sum(g.status = '{GoalStatus.REACHED}'), 0) AS reached,"
            f" count(*) AS total FROM goals g WHERE g.deleted = 0"
            f" AND g.status != '{GoalStatus.DROPPED}'"
            f" AND {_LIVE_FAMILY.format(t='g')}"
        )
        params: tuple[str, ...] = ()
        if family_id is not None:
            sql += " AND g.family_id = ?"
            params = (family_id,)
        row = self.store.query(sql, params)[0]
        return None if not row["total"] else int(row["reached"]) / int(row["total"])

    def overdue_agreements(self, family_id: str | None = None) -> dict[str, int]:
        """Open agreements due before today, counted per family (only families with any).

        ``family_id`` None: the whole caseload.
        """
        sql = (
            "SELECT a.family_id, count(*) AS n FROM agreements a"
            " WHERE a.deleted = 0 AND a.done = 0 AND a.due_date < ?"
            f" AND {_LIVE_FAMILY.format(t='a')}"
        )
        params: list[str] = [self.today().isoformat()]
        if family_id is not None:
            sql += " AND a.family_id = ?"
            params.append(family_id)
        rows = self.store.query(sql + " GROUP BY a.family_id", tuple(params))
        return {str(r["family_id"]): int(r["n"]) for r in rows}

    def overdue_evaluations(self, family_id: str | None = None) -> list[str]:
        """Families (not closed) whose plan evaluation date is before today, oldest first.

        ``family_id`` given: that family's id when its evaluation is overdue, else [].
        """
        sql = (
            f"SELECT id FROM families WHERE deleted = 0 AND status != '{FamilyStatus.CLOSED}'"
            " AND evaluation_date < ?"
        )
        params: list[str] = [self.today().isoformat()]
        if family_id is not None:
            sql += " AND id = ?"
            params.append(family_id)
        rows = self.store.query(sql + " ORDER BY evaluation_date, id", tuple(params))
        return [str(r["id"]) for r in rows]

    # --- the caseload ---------------------------------------------------------

    def caseload(self, *, status: str | None = None) -> list[CaseloadRow]:
        """One row per live family for the caseload overview, in a single query."""
        today = self.today()
        params: dict[str, str] = {
            "week_start": monday_of(today).isoformat(),
            "week_end": (monday_of(today) + dt.timedelta(days=6)).isoformat(),
            "today": today.isoformat(),
        }
        sql = f"""
            SELECT f.id, f.name, f.status, f.caseworker, f.evaluation_date,
              (SELECT coalesce(sum(h.minutes), 0) FROM hours h WHERE h.family_id = f.id
                 AND h.deleted = 0 AND h.date BETWEEN :week_start AND :week_end) AS week_minutes,
              (SELECT max(h.date) FROM hours h WHERE h.family_id = f.id AND h.deleted = 0
                 AND h.activity = '{Activity.HOME_VISIT}' AND h.date <= :today) AS last_visit,
              (SELECT max(h.date) FROM hours h WHERE h.family_id = f.id AND h.deleted = 0
                 AND h.date <= :today) AS last_entry,
              (SELECT count(*) FROM parties p WHERE p.family_id = f.id AND p.deleted = 0
                 AND p.involved_from <= :today
                 AND (p.involved_until IS NULL OR p.involved_until >= :today)) AS active_parties,
              (SELECT count(*) FROM agreements a WHERE a.family_id = f.id AND a.deleted = 0
                 AND a.done = 0 AND a.due_date <= :today) AS agreements_due,
              (SELECT count(*) FROM agreements a WHERE a.family_id = f.id AND a.deleted = 0
                 AND a.done = 0 AND a.due_date < :today) AS agreements_overdue
            FROM families f WHERE f.deleted = 0"""
        if status:
            sql += " AND f.status = :status"
            params["status"] = status
        rows = self.store.query(sql + " ORDER BY f.name COLLATE NOCASE, f.id", params)
        return [
            CaseloadRow(
                family_id=r["id"],
                name=r["name"],
                status=r["status"],
                caseworker=r["caseworker"],
                minutes_this_week=int(r["week_minutes"]),
                last_visit=_date(r["last_visit"]),
                active_parties=int(r["active_parties"]),
                agreements_due=int(r["agreements_due"]),
                evaluation_date=_date(r["evaluation_date"]),
                last_entry=_date(r["last_entry"]),
                agreements_overdue=int(r["agreements_overdue"]),
                evaluation_overdue=bool(
                    r["evaluation_date"]
                    and r["evaluation_date"] < params["today"]
                    and r["status"] != FamilyStatus.CLOSED
                ),
            )
            for r in rows
        ]
