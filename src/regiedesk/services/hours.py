"""Hours as they happen: append-only entries per family; totals are always computed."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from enum import Enum
from typing import Any, Final

from ..domain import validate as v
from ..domain.instruments import all_domain_codes
from ..domain.models import HoursEntry
from ..domain.vocabulary import Activity, Field
from ..errors import ValidationError
from ..ids import uuid7
from .base import Service
from .removals import Removal, tombstone

MINUTES_PER_DAY = 24 * 60

# the caseworker's minutes on a day over all families (index hours_caseworker_date)
DAY_MINUTES = (
    "SELECT coalesce(sum(minutes), 0) AS m FROM hours"
    " WHERE date = ? AND deleted = 0 AND caseworker = ? AND id IS NOT ?"
)


class _Keep(Enum):
    KEEP = "keep"


KEEP: Final = _Keep.KEEP
"""Default of ``update_entry``'s optional fields: keep the stored value (None clears it)."""


class HoursService(Service):
    def add_entry(
        self,
        family_id: str,
        *,
        date: dt.date,
        minutes: int,
        activity: str,
        domain: str | None = None,
        goal_id: str | None = None,
    ) -> HoursEntry:
        self.store.get("families", family_id)
        user = self.store.actor.user  # read once: the day's check and the entry's caseworker
        row = self.validated_row(
            family_id, date, minutes, activity, domain, goal_id, replacing=None, user=user
        )
        row.update(id=uuid7(), family_id=family_id, caseworker=user)
        with self.store.transaction(event="create", client=family_id) as tx:
            tx.insert("hours", row)
        return HoursEntry.from_row(row)  # what was written, without reading it back

    def update_entry(
        self,
        entry_id: str,
        *,
        date: dt.date | None = None,
        minutes: int | None = None,
        activity: str | None = None,
        domain: str | _Keep | None = KEEP,
        goal_id: str | _Keep | None = KEEP,
    ) -> HoursEntry:
        """Change fields of an entry; fields not given keep their value.

        ``domain`` and ``goal_id`` are cleared by passing None. The whole
        resulting entry is validated again (the day's 24 hours without its old
        minutes).
        """
        entry = self.get_entry(entry_id)
        row = self.validated_row(
            entry.family_id,
            entry.date if date is None else date,
            entry.minutes if minutes is None else minutes,
            entry.activity if activity is None else activity,
            entry.domain if isinstance(domain, _Keep) else domain,
            entry.goal_id if isinstance(goal_id, _Keep) else goal_id,
            replacing=entry,
        )
        with self.store.transaction(event="update", client=entry.family_id) as tx:
            tx.update("hours", entry_id, row)
        return self.get_entry(entry_id)

    def remove_entry(self, entry_id: str) -> Removal:
        """Tombstone the entry; it no longer counts in any total."""
        entry = self.get_entry(entry_id)
        return tombstone(self.store, entry.family_id, (("hours", entry_id),))

    def get_entry(self, entry_id: str) -> HoursEntry:
        return HoursEntry.from_row(self.store.get("hours", entry_id))

    def list_entries(
        self, family_id: str, *, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[HoursEntry]:
        sql = "SELECT * FROM hours WHERE family_id = ? AND deleted = 0"
        params: list[Any] = [family_id]
        if start:
            sql += " AND date >= ?"
            params.append(start.isoformat())
        if end:
            sql += " AND date <= ?"
            params.append(end.isoformat())
        rows = self.store.query(sql + " ORDER BY date, id", tuple(params))
        return [HoursEntry.from_row(r) for r in rows]

    def totals_by_week(self, family_id: str) -> dict[tuple[int, int], int]:
        """Minutes per ISO (year, week)."""
        totals: dict[tuple[int, int], int] = defaultdict(int)
        for e in self.list_entries(family_id):
            year, week, _ = e.date.isocalendar()
            totals[(year, week)] += e.minutes
        return dict(sorted(totals.items()))

    def totals_by_month(self, family_id: str) -> dict[tuple[int, int], int]:
        """Minutes per calendar (year, month)."""
        rows = self.store.query(
            "SELECT substr(date, 1, 7) AS month, sum(minutes) AS minutes FROM hours"
            " WHERE family_id = ? AND deleted = 0 GROUP BY month ORDER BY month",
            (family_id,),
        )
        return {(int(r["month"][:4]), int(r["month"][5:])): int(r["minutes"]) for r in rows}

    def totals_by_activity(self, family_id: str) -> dict[str, int]:
        """Minutes per activity code."""
        rows = self.store.query(
            "SELECT activity, sum(minutes) AS minutes FROM hours"
            " WHERE family_id = ? AND deleted = 0 GROUP BY activity ORDER BY activity",
            (family_id,),
        )
        return {str(r["activity"]): int(r["minutes"]) for r in rows}

    def minutes_on(
        self, day: dt.date, *, excluding: str | None = None, user: str | None = None
    ) -> int:
        """The caseworker's booked minutes on a day, over all families (``user``: the
        profile's account, when the caller has just read it)."""
        if user is None:
            user = self.store.actor.user
        row = self.store.query(DAY_MINUTES, (day.isoformat(), user, excluding))[0]
        return int(row["m"])

    def validated_row(
        self,
        family_id: str,
        date: dt.date,
        minutes: int,
        activity: str,
        domain: str | None,
        goal_id: str | None,
        *,
        replacing: HoursEntry | None,
        user: str | None = None,
    ) -> dict[str, Any]:
        """Check an entry's fields and return them as a row; ValidationError if not valid.

        ``replacing`` is the entry being edited, whose own minutes do not count
        against the day's 24 hours. Shared with the visit timer's booking.
        """
        if isinstance(date, dt.datetime) or not isinstance(date, dt.date):
            raise ValidationError(Field.DATE, "Kies een datum.", "Choose a date.")
        if isinstance(minutes, bool) or not isinstance(minutes, int):
            raise ValidationError(
                Field.MINUTES,
                "Vul de duur in hele minuten in.",
                "Enter the duration in whole minutes.",
            )
        if not 1 <= minutes <= MINUTES_PER_DAY:
            raise ValidationError(
                Field.MINUTES,
                f"Een duur van {minutes} minuten kan niet: kies 1 tot en met {MINUTES_PER_DAY}.",
                f"A duration of {minutes} minutes is impossible: choose 1 to {MINUTES_PER_DAY}.",
            )
        v.not_future(Field.DATE, date, self.today())
        booked = self.minutes_on(date, excluding=replacing.id if replacing else None, user=user)
        if booked + minutes > MINUTES_PER_DAY:
            raise ValidationError(
                Field.MINUTES,
                f"Op {date:%d-%m-%Y} staat al {booked // 60}:{booked % 60:02d} uur; met deze "
                "registratie wordt het meer dan 24 uur op één dag.",
                f"{date:%d-%m-%Y} already has {booked // 60}:{booked % 60:02d} hours; this entry "
                "would make the day longer than 24 hours.",
            )
        if domain is not None and domain not in all_domain_codes():
            raise ValidationError(
                Field.DOMAIN,
                f"Onbekend leefgebied '{domain}'.",
                f"Unknown life domain '{domain}'.",
            )
        if goal_id is not None:
            goals = self.store.query(
                "SELECT 1 FROM goals WHERE id = ? AND family_id = ? AND deleted = 0",
                (goal_id, family_id),
            )
            if not goals:
                raise ValidationError(
                    Field.GOAL,
                    "Dit doel hoort niet bij dit gezin of is verwijderd.",
                    "This goal does not belong to this family or was deleted.",
                )
        return {
            "date": date.isoformat(),
            "minutes": minutes,
            "activity": v.choice(Field.ACTIVITY, activity, Activity).value,
            "domain": domain,
            "goal_id": goal_id,
        }
