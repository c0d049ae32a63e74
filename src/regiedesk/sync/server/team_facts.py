"""What the team figures count, read from ``record_state`` by SQL aggregates.

The typed columns (``facts.py``) carry the dates, minutes, statuses and flags; only the
family records themselves (one per family) and, for one family's page, its members,
assessments and scores are decoded from their fields. Tombstones never count, nor do
the records of a tombstoned family: ``assigned`` keeps the live families only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...domain.weeks import monday_of
from ...sql_lists import id_chunks
from . import state
from .db import Transaction

MEAN_WEEKS = 4


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date


@dataclass
class Booked:
    """Minutes one person booked on one family."""

    in_period: int = 0
    this_week: int = 0  # the ISO week of the period's end, all seven days
    weeks_before: int = 0  # the MEAN_WEEKS weeks before it


@dataclass
class TeamFacts:
    assigned: dict[str, str]  # live family id: caseworker (the server's assignment)
    families: dict[str, dict[str, Any]] = field(default_factory=dict)  # their fields
    last_contact: dict[str, dt.date] = field(default_factory=dict)  # on or before the end
    parties: dict[str, list[tuple[dt.date, dt.date | None]]] = field(default_factory=dict)
    goals: dict[str, Counter[str]] = field(default_factory=dict)  # per status
    overdue_agreements: Counter[str] = field(default_factory=Counter)
    booked: dict[tuple[str, str], Booked] = field(default_factory=dict)  # (family, person)
    minutes_in_period: Counter[str] = field(default_factory=Counter)  # per family, by anyone
    daily: Counter[dt.date] = field(default_factory=Counter)  # minutes per day (see read)
    # minutes per ISO week (its Monday) of the days of the period (see read)
    weekly: Counter[dt.date] = field(default_factory=Counter)


def _day(number: Any) -> dt.date:
    return dt.date.fromordinal(int(number))


def read(
    tx: Transaction,
    assigned: Mapping[str, str],
    period: Period,
    *,
    weekly_of: Collection[str] = (),
    daily_of: Collection[str] = (),
) -> TeamFacts:
    """The facts of these families over ``period``; ``weekly``: the minutes per week of
    the period of the families ``weekly_of``; ``daily``: the minutes per day of the
    families ``daily_of`` since ever, up to the period's end."""
    facts = TeamFacts({})
    for record_id, fields in _live_fields(tx, "families", sorted(assigned)):
        facts.families[record_id] = fields
    facts.assigned = {f: c for f, c in assigned.items() if f in facts.families}
    ids = sorted(facts.assigned)
    end = period.end.toordinal()
    weeks = _Weeks(period)
    shown = frozenset(weekly_of)
    live = "FROM record_state WHERE entity = ? AND live = 1"
    edges = " OR ".join("(day >= ? AND day <= ?)" for _ in weeks.edges)
    edge_days = [d for edge in weeks.edges for d in edge]
    statements: list[tuple[str, tuple[Any, ...], Callable[[Sequence[Any]], None]]] = []

    def last_contact(family: Any, last: Any) -> None:
        if last is not None:
            facts.last_contact[str(family)] = _day(last)

    def party(family: Any, first: Any, until: Any) -> None:
        span = (_day(first), _day(until) if until is not None else None)
        facts.parties.setdefault(str(family), []).append(span)

    def goals(family: Any, status: Any, count: Any) -> None:
        facts.goals.setdefault(str(family), Counter())[str(status)] += int(count)

    def overdue(family: Any, count: Any) -> None:
        facts.overdue_agreements[str(family)] += int(count)

    def week(family: Any, monday: Any, person: Any, minutes: Any) -> None:
        weeks.add_week(facts, str(family), str(person), int(monday), int(minutes), shown)

    def edge_day(family: Any, person: Any, number: Any, minutes: Any) -> None:
        weeks.add_day(facts, str(family), str(person), int(number), int(minutes), shown)

    def daily(number: Any, minutes: Any) -> None:
        facts.daily[_day(number)] += int(minutes)

    for chunk, marks in id_chunks(ids):
        within = f"AND family_id IN ({marks})"
        statements += [
            (
                f"SELECT family_id, MAX(day) {live} AND day <= ? {within} GROUP BY family_id",
                ("contacts", end, *chunk),
                lambda row: last_contact(*row),
            ),
            (
                f"SELECT family_id, day, until_day {live} AND day IS NOT NULL {within}",
                ("parties", *chunk),
                lambda row: party(*row),
            ),
            (
                f"SELECT family_id, status, COUNT(*) {live} {within} GROUP BY family_id, status",
                ("goals", *chunk),
                lambda row: goals(*row),
            ),
            (
                f"SELECT family_id, COUNT(*) {live} AND done = 0 AND day < ? {within}"
                " GROUP BY family_id",
                ("agreements", end, *chunk),
                lambda row: overdue(*row),
            ),
            (
                "SELECT family_id, monday, person, minutes FROM hours_weeks"
                f" WHERE monday >= ? AND monday <= ? {within}",
                (weeks.low, weeks.high, *chunk),
                lambda row: week(*row),
            ),
        ]
        if weeks.edges:
            statements.append(
                (
                    "SELECT family_id, COALESCE(person, ''), day, SUM(minutes)"
                    f" {live} AND minutes IS NOT NULL AND ({edges}) {within}"
                    " GROUP BY family_id, COALESCE(person, ''), day",
                    ("hours", *edge_days, *chunk),
                    lambda row: edge_day(*row),
                )
            )
    wanted = sorted(f for f in daily_of if f in facts.assigned)
    for chunk, marks in id_chunks(wanted):
        statements.append(
            (
                f"SELECT day, SUM(minutes) {live} AND minutes IS NOT NULL AND day IS NOT NULL"
                f" AND day <= ? AND family_id IN ({marks}) GROUP BY day",
                ("hours", end, *chunk),
                lambda row: daily(*row),
            )
        )
    # one round trip for all of them (PostgreSQL's pipeline), not one each
    results = tx.gather([(sql, params) for sql, params, _ in statements])
    for (_, _, take), rows in zip(statements, results, strict=True):
        for row in rows:
            take(row)
    return facts


class _Weeks:
    """Which weeks of ``hours_weeks`` and which days of ``record_state`` make a period's
    figures: the period's whole weeks, the ISO week of its end (all seven days) and the
    ``MEAN_WEEKS`` before it, as weeks; the days of the period's partial first and last
    weeks (``edges``, ordinal ranges) as days."""

    def __init__(self, period: Period) -> None:
        start, end = period.start.toordinal(), period.end.toordinal()
        self.start, self.end = start, end
        self.this_week = monday_of(period.end).toordinal()
        self.before = self.this_week - 7 * MEAN_WEEKS
        first = monday_of(period.start).toordinal()
        self.first = first if first == start else first + 7  # the first whole week's Monday
        self.last = monday_of(period.end + dt.timedelta(days=1)).toordinal() - 7  # the last's
        if self.first <= self.last:
            edges = [(start, self.first - 1), (self.last + 7, end)]
            self.edges = [(low, high) for low, high in edges if low <= high]
            self.low, self.high = min(self.before, self.first), max(self.this_week, self.last)
        else:
            self.edges = [(start, end)]
            self.low, self.high = self.before, self.this_week

    def _booked(self, facts: TeamFacts, family: str, person: str) -> Booked:
        return facts.booked.setdefault((family, person), Booked())

    def add_week(
        self,
        facts: TeamFacts,
        family: str,
        person: str,
        monday: int,
        minutes: int,
        shown: frozenset[str],
    ) -> None:
        booked = self._booked(facts, family, person)
        if monday == self.this_week:
            booked.this_week += minutes
        elif self.before <= monday < self.this_week:
            booked.weeks_before += minutes
        if self.first <= monday <= self.last:
            booked.in_period += minutes
            facts.minutes_in_period[family] += minutes
            if family in shown:
                facts.weekly[_day(monday)] += minutes

    def add_day(
        self,
        facts: TeamFacts,
        family: str,
        person: str,
        number: int,
        minutes: int,
        shown: frozenset[str],
    ) -> None:
        self._booked(facts, family, person).in_period += minutes
        facts.minutes_in_period[family] += minutes
        if family in shown:
            facts.weekly[monday_of(_day(number))] += minutes


def _live_fields(
    tx: Transaction, entity: str, families: list[str]
) -> Iterator[tuple[str, dict[str, Any]]]:
    for record_id, record in state.family_records(tx, families, entity).items():
        if not record.deleted:
            yield record_id, {**record.fields, "id": record_id}


def live_records(tx: Transaction, family: str, entity: str) -> list[dict[str, Any]]:
    """The live records of one entity of one family, their fields decoded (a family's
    page: its members, assessments and scores)."""
    return [fields for _, fields in _live_fields(tx, entity, [family])]
