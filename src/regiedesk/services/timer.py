"""The visit timer: start, pause, resume, stop and book as an hours entry.

All state lives in the database, so a running timer survives closing the
program or a crash; elapsed time is computed from the stored instants.
"""

from __future__ import annotations

import datetime as dt

from ..domain import validate as v
from ..domain.models import HoursEntry, VisitTimer
from ..domain.vocabulary import Activity, Field, TimerState
from ..errors import ValidationError
from ..ids import uuid7
from .base import Service
from .hours import HoursService


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


class VisitTimerService(Service):
    def current(self) -> VisitTimer | None:
        """The caseworker's running or paused timer, if any."""
        rows = self.store.query(
            f"SELECT * FROM timers WHERE deleted = 0 AND state != '{TimerState.STOPPED}'"
            " AND caseworker = ? ORDER BY started_at DESC LIMIT 1",
            (self.store.actor.user,),
        )
        return VisitTimer.from_row(rows[0]) if rows else None

    def get_timer(self, timer_id: str) -> VisitTimer:
        return VisitTimer.from_row(self.store.get("timers", timer_id))

    def start(self, family_id: str, activity: str = Activity.HOME_VISIT) -> VisitTimer:
        """Start a timer; ValidationError when the caseworker already has one running or paused."""
        self.store.get("families", family_id)
        activity_value = v.choice(Field.ACTIVITY, activity, Activity).value
        now = _iso(self.now())
        timer_id = uuid7()
        with self.store.transaction(event="create", client=family_id) as tx:
            # checked inside the (immediate) transaction: no second writer can slip in between
            if self.current() is not None:
                raise ValidationError(
                    Field.TIMER,
                    "Er loopt al een bezoektimer. Stop die eerst.",
                    "A visit timer is already running. Stop it first.",
                )
            tx.insert(
                "timers",
                {
                    "id": timer_id,
                    "family_id": family_id,
                    "activity": activity_value,
                    "state": TimerState.RUNNING.value,
                    "started_at": now,
                    "segment_started_at": now,
                    "accumulated_seconds": 0,
                    "caseworker": self.store.actor.user,
                },
            )
        return self.get_timer(timer_id)

    def pause(self, timer_id: str) -> VisitTimer:
        timer = self._in_state(timer_id, TimerState.RUNNING)
        now = self.now()
        with self.store.transaction(event="update", client=timer.family_id) as tx:
            tx.update(
                "timers",
                timer_id,
                {
                    "state": TimerState.PAUSED.value,
                    "accumulated_seconds": timer.elapsed_seconds(now),
                    "segment_started_at": None,
                },
            )
        return self.get_timer(timer_id)

    def resume(self, timer_id: str) -> VisitTimer:
        timer = self._in_state(timer_id, TimerState.PAUSED)
        with self.store.transaction(event="update", client=timer.family_id) as tx:
            tx.update(
                "timers",
                timer_id,
                {"state": TimerState.RUNNING.value, "segment_started_at": _iso(self.now())},
            )
        return self.get_timer(timer_id)

    def stop(self, timer_id: str) -> VisitTimer:
        """Stop the clock (stopping a stopped timer changes nothing)."""
        timer = self.get_timer(timer_id)
        if timer.state == TimerState.STOPPED:
            return timer
        with self.store.transaction(event="update", client=timer.family_id) as tx:
            tx.update("timers", timer_id, self._stopped(timer, self.now()))
        return self.get_timer(timer_id)

    def book(
        self,
        timer_id: str,
        *,
        activity: str | None = None,
        domain: str | None = None,
        goal_id: str | None = None,
    ) -> HoursEntry:
        """Stop the timer (if needed) and turn it into an hours entry, in one transaction.

        ``activity`` is the entry's activity as asked at booking; None keeps the one the
        timer was started with.

        The time is rounded to whole minutes (half a minute up, at least 1);
        the entry's date is the local date on which the timer was started.
        Invalid input (an unknown domain, a day over 24 hours, ...) raises
        ValidationError and leaves the timer as it was.
        """
        timer = self.get_timer(timer_id)
        if timer.hours_id is not None:
            raise ValidationError(
                Field.TIMER, "Deze tijd is al geboekt.", "This time has already been booked."
            )
        now = self.now()
        seconds = timer.elapsed_seconds(now)
        minutes = max(1, (seconds + 30) // 60)
        day = timer.started_at.astimezone().date()
        hours = HoursService(self.store, today=self.today, now=self.now)
        row = hours.validated_row(
            timer.family_id,
            day,
            minutes,
            timer.activity if activity is None else activity,
            domain,
            goal_id,
            replacing=None,
        )
        entry_id = uuid7()
        row.update(id=entry_id, family_id=timer.family_id, caseworker=timer.caseworker)
        with self.store.transaction(event="create", client=timer.family_id) as tx:
            tx.insert("hours", row)
            changes: dict[str, object] = {"hours_id": entry_id}
            if timer.state != TimerState.STOPPED:
                changes.update(self._stopped(timer, now))
            tx.update("timers", timer_id, changes)
        return hours.get_entry(entry_id)

    def discard(self, timer_id: str) -> None:
        """Throw the timer away (a tombstone); an hours entry it was booked as stays."""
        timer = self.get_timer(timer_id)
        with self.store.transaction(event="delete", client=timer.family_id) as tx:
            tx.delete("timers", timer_id)

    @staticmethod
    def _stopped(timer: VisitTimer, now: dt.datetime) -> dict[str, object]:
        return {
            "state": TimerState.STOPPED.value,
            "accumulated_seconds": timer.elapsed_seconds(now),
            "segment_started_at": None,
            "stopped_at": _iso(now),
        }

    def _in_state(self, timer_id: str, state: str) -> VisitTimer:
        timer = self.get_timer(timer_id)
        if timer.state != state:
            raise ValidationError(
                Field.TIMER,
                "Dat kan niet in de huidige stand van de timer.",
                "That is not possible in the timer's current state.",
            )
        return timer
