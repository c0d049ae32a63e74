"""What the team figures count, read from ``record_state`` by SQL aggregates.

The typed columns (``facts.py``) carry the dates, minutes, statuses and flags; only the
family records themselves (one per family) and, for one family's page, its members,
assessments and scores are decoded from their fields. Tombstones never count, nor do
the records of a tombstoned family: ``assigned`` keeps the live families only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...domain.weeks import monday_of
from . import state
from .db import Transaction

MEAN_WEEKS = 4
_CHUNK = 500


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


def _chunks(ids: Sequence[str]) -> Iterator[tuple[list[str], str]]:
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        yield chunk, ", ".join("?" for _ in chunk)


def _day(number: Any) -> dt.date:
    return dt.date.fromordinal(int(number))


def read(
    tx: Transaction,
    assigned: Mapping[str, str],
    period: Period,
    *,
    daily_of: Collection[str],
    daily_from: dt.date | None,
) -> TeamFacts:
    """The facts of these families over ``period``; ``daily``: the minutes per day of the
    families ``daily_of`` from ``daily_from`` (None: since ever) to the period's end."""
    facts = TeamFacts({})
    for record_id, fields in _live_fields(tx, "families", sorted(assigned)):
        facts.families[record_id] = fields
    facts.assigned = {f: c for f, c in assigned.items() if f in facts.families}
    ids = sorted(facts.assigned)
    end = period.end.toordinal()
    this_week = monday_of(period.end)
    week_from = this_week.toordinal()
    week_to = week_from + 6
    before = week_from - 7 * MEAN_WEEKS
    start = period.start.toordinal()
    live = "FROM record_state WHERE entity = ? AND live = 1"
    for chunk, marks in _chunks(ids):
        within = f"AND family_id IN ({marks})"
        for family, last in tx.rows(
            f"SELECT family_id, MAX(day) {live} AND day <= ? {within} GROUP BY family_id",
            ("contacts", end, *chunk),
        ):
            if last is not None:
                facts.last_contact[str(family)] = _day(last)
        for family, first, until in tx.rows(
            f"SELECT family_id, day, until_day {live} AND day IS NOT NULL {within}",
            ("parties", *chunk),
        ):
            span = (_day(first), _day(until) if until is not None else None)
            facts.parties.setdefault(str(family), []).append(span)
        for family, status, count in tx.rows(
            f"SELECT family_id, status, COUNT(*) {live} {within} GROUP BY family_id, status",
            ("goals", *chunk),
        ):
            facts.goals.setdefault(str(family), Counter())[str(status)] += int(count)
        for family, count in tx.rows(
            f"SELECT family_id, COUNT(*) {live} AND done = 0 AND day < ? {within}"
            " GROUP BY family_id",
            ("agreements", end, *chunk),
        ):
            facts.overdue_agreements[str(family)] += int(count)
        for family, person, in_period, in_week, weeks_before in tx.rows(
            "SELECT family_id, person,"
            " SUM(CASE WHEN day >= ? AND day <= ? THEN minutes ELSE 0 END),"
            " SUM(CASE WHEN day >= ? AND day <= ? THEN minutes ELSE 0 END),"
            " SUM(CASE WHEN day >= ? AND day < ? THEN minutes ELSE 0 END)"
            f" {live} AND minutes IS NOT NULL AND day >= ? AND day <= ? {within}"
            " GROUP BY family_id, person",
            (
                start,
                end,
                week_from,
                week_to,
                before,
                week_from,
                "hours",
                min(start, before),
                max(end, week_to),
                *chunk,
            ),
        ):
            facts.booked[(str(family), str(person))] = Booked(
                int(in_period), int(in_week), int(weeks_before)
            )
            facts.minutes_in_period[str(family)] += int(in_period)
    wanted = sorted(f for f in daily_of if f in facts.assigned)
    first = daily_from.toordinal() if daily_from is not None else None
    for chunk, marks in _chunks(wanted):
        since = "" if first is None else "AND day >= ?"
        for number, minutes in tx.rows(
            f"SELECT day, SUM(minutes) {live} AND minutes IS NOT NULL AND day IS NOT NULL"
            f" {since} AND day <= ? AND family_id IN ({marks}) GROUP BY day",
            ("hours", *([] if first is None else [first]), end, *chunk),
        ):
            facts.daily[_day(number)] += int(minutes)
    return facts


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
