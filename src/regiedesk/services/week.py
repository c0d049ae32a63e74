"""Mijn week: the caseworker's week across all families.

The hours booked per day and family, the agreements and plan evaluations due in the
week and those overdue from before it, and the families without a contact for
``QUIET_DAYS`` days. Computed from the records when asked, never stored; tombstoned
rows and rows of a tombstoned family never count. Weeks are ISO weeks (Monday to
Sunday).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..domain.vocabulary import Activity, FamilyStatus
from ..domain.weeks import monday_of
from .base import Service

QUIET_DAYS = 14  # a family without a contact this many days shows in Mijn week

# Hours of these activities are a contact with the family; travel and administration not.
CONTACT_ACTIVITIES: tuple[str, ...] = (
    Activity.HOME_VISIT.value,
    Activity.PHONE.value,
    Activity.NETWORK_MEETING.value,
    Activity.CRISIS.value,
)


@dataclass(frozen=True, slots=True)
class FamilyHours:
    family_id: str
    name: str
    per_day: tuple[int, ...]  # minutes, Monday to Sunday

    @property
    def minutes(self) -> int:
        return sum(self.per_day)


@dataclass(frozen=True, slots=True)
class DueAgreement:
    agreement_id: str
    family_id: str
    family_name: str
    text: str
    due_date: dt.date
    late: bool  # due before today and still open


@dataclass(frozen=True, slots=True)
class DueEvaluation:
    family_id: str
    family_name: str
    evaluation_date: dt.date
    late: bool  # the date has passed (the family is not closed)


@dataclass(frozen=True, slots=True)
class QuietFamily:
    family_id: str
    name: str
    last_contact: dt.date | None  # None: no contact recorded at all
    days: int | None  # since the last contact, counted to ``MyWeek.as_of``


@dataclass(frozen=True, slots=True)
class MyWeek:
    monday: dt.date
    as_of: dt.date  # today, or the week's Sunday for a week that has passed
    hours: list[FamilyHours]  # families with hours of mine in the week, by name
    agreements_due: list[DueAgreement]  # open, due in the week (of families not closed)
    agreements_overdue: list[DueAgreement]  # open, due before the week (and before today)
    evaluations_due: list[DueEvaluation]  # evaluation date in the week
    evaluations_overdue: list[DueEvaluation]  # evaluation date before the week and today
    without_contact: list[QuietFamily]  # not closed, no contact for QUIET_DAYS days

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    @property
    def days(self) -> list[dt.date]:
        return [self.monday + dt.timedelta(days=i) for i in range(7)]

    @property
    def per_day(self) -> tuple[int, ...]:
        """Minutes per day over all families, Monday to Sunday."""
        return tuple(sum(f.per_day[i] for f in self.hours) for i in range(7))

    @property
    def minutes(self) -> int:
        return sum(f.minutes for f in self.hours)

    @property
    def family_ids(self) -> list[str]:
        """Every family the week shows something of (for the access log)."""
        ids = [f.family_id for f in self.hours]
        ids += [a.family_id for a in self.agreements_overdue + self.agreements_due]
        ids += [e.family_id for e in self.evaluations_overdue + self.evaluations_due]
        ids += [q.family_id for q in self.without_contact]
        return list(dict.fromkeys(ids))


def _day(value: Any) -> dt.date:
    return dt.date.fromisoformat(str(value))


class WeekService(Service):
    def my_week(self, day: dt.date | None = None) -> MyWeek:
        """The ISO week of ``day`` (default: today) as Mijn week shows it.

        "Overdue" is measured against today: an open agreement due before today is late,
        wherever the shown week lies; the overdue lists hold what falls before the week,
        so nothing is listed twice.
        """
        today = self.today()
        monday = monday_of(day or today)
        sunday = monday + dt.timedelta(days=6)
        as_of = min(today, sunday)
        before = min(monday, today)
        return MyWeek(
            monday=monday,
            as_of=as_of,
            hours=self._hours(monday, sunday),
            agreements_due=self._agreements(monday, sunday, today),
            agreements_overdue=self._agreements(None, before - dt.timedelta(days=1), today),
            evaluations_due=self._evaluations(monday, sunday, today),
            evaluations_overdue=self._evaluations(None, before - dt.timedelta(days=1), today),
            without_contact=self._quiet(as_of),
        )

    def _hours(self, monday: dt.date, sunday: dt.date) -> list[FamilyHours]:
        rows = self.store.query(
            "SELECT h.family_id, f.name, h.date, sum(h.minutes) AS minutes"
            " FROM hours h JOIN families f ON f.id = h.family_id AND f.deleted = 0"
            " WHERE h.deleted = 0 AND h.caseworker = ? AND h.date BETWEEN ? AND ?"
            " GROUP BY h.family_id, h.date",
            (self.store.actor.user, monday.isoformat(), sunday.isoformat()),
        )
        per_family: dict[str, tuple[str, list[int]]] = {}
        for r in rows:
            _, days = per_family.setdefault(r["family_id"], (r["name"], [0] * 7))
            days[(_day(r["date"]) - monday).days] += int(r["minutes"])
        return sorted(
            (FamilyHours(fid, name, tuple(days)) for fid, (name, days) in per_family.items()),
            key=lambda f: (f.name.casefold(), f.family_id),
        )

    def _due(
        self, sql: str, column: str, first: dt.date | None, last: dt.date, order: str
    ) -> list[dict[str, Any]]:
        """The rows of ``sql`` (its placeholders: the closed status and ``last``) whose
        ``column`` lies from ``first`` (None: any time before) up to ``last``."""
        params: list[str] = [FamilyStatus.CLOSED.value, last.isoformat()]
        if first is not None:
            sql += f" AND {column} >= ?"
            params.append(first.isoformat())
        return self.store.query(f"{sql} ORDER BY {order}", tuple(params))

    def _agreements(
        self, first: dt.date | None, last: dt.date, today: dt.date
    ) -> list[DueAgreement]:
        sql = (
            "SELECT a.id, a.family_id, f.name, a.text, a.due_date FROM agreements a"
            " JOIN families f ON f.id = a.family_id AND f.deleted = 0 AND f.status != ?"
            " WHERE a.deleted = 0 AND a.done = 0 AND a.due_date IS NOT NULL AND a.due_date <= ?"
        )
        rows = self._due(sql, "a.due_date", first, last, "a.due_date, f.name COLLATE NOCASE, a.id")
        return [
            DueAgreement(
                agreement_id=r["id"],
                family_id=r["family_id"],
                family_name=r["name"],
                text=r["text"],
                due_date=_day(r["due_date"]),
                late=_day(r["due_date"]) < today,
            )
            for r in rows
        ]

    def _evaluations(
        self, first: dt.date | None, last: dt.date, today: dt.date
    ) -> list[DueEvaluation]:
        sql = (
            "SELECT id, name, evaluation_date FROM families WHERE deleted = 0"
            " AND status != ? AND evaluation_date IS NOT NULL AND evaluation_date <= ?"
        )
        rows = self._due(
            sql, "evaluation_date", first, last, "evaluation_date, name COLLATE NOCASE, id"
        )
        return [
            DueEvaluation(
                family_id=r["id"],
                family_name=r["name"],
                evaluation_date=_day(r["evaluation_date"]),
                late=_day(r["evaluation_date"]) < today,
            )
            for r in rows
        ]

    def _quiet(self, as_of: dt.date) -> list[QuietFamily]:
        """Families not closed whose last contact (a contact hours entry, a contact moment
        in Netwerk, a visit note) up to ``as_of`` is QUIET_DAYS or more days old, or none."""
        marks = ", ".join("?" for _ in CONTACT_ACTIVITIES)
        day = as_of.isoformat()
        rows = self.store.query(
            f"""
            SELECT f.id, f.name, max(
              coalesce((SELECT max(h.date) FROM hours h WHERE h.family_id = f.id
                  AND h.deleted = 0 AND h.activity IN ({marks}) AND h.date <= ?), ''),
              coalesce((SELECT max(c.date) FROM contacts c WHERE c.family_id = f.id
                  AND c.deleted = 0 AND c.date <= ?), ''),
              coalesce((SELECT max(n.visit_date) FROM notes n WHERE n.family_id = f.id
                  AND n.deleted = 0 AND n.visit_date <= ?), '')
            ) AS last_contact
            FROM families f WHERE f.deleted = 0 AND f.status != ?
            ORDER BY last_contact, f.name COLLATE NOCASE, f.id""",
            (*CONTACT_ACTIVITIES, day, day, day, FamilyStatus.CLOSED.value),
        )
        quiet = []
        for r in rows:
            last = _day(r["last_contact"]) if r["last_contact"] else None
            days = (as_of - last).days if last is not None else None
            if days is None or days >= QUIET_DAYS:
                quiet.append(QuietFamily(r["id"], r["name"], last, days))
        return quiet
