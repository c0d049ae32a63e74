"""The records of the domain as plain, immutable dataclasses.

Services return these; they are built from database rows with ``from_row``.
Dates are ``datetime.date``; instants are timezone-aware ``datetime``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any, Self

from .validate import from_iso
from .vocabulary import TimerState


def _instant(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


class Record:
    """Mixin: build a dataclass from a row, converting dates and dropping sync columns."""

    _dates: tuple[str, ...] = ()
    _instants: tuple[str, ...] = ()
    _bools: tuple[str, ...] = ()

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Self:
        values: dict[str, Any] = {}
        for f in fields(cls):  # type: ignore[arg-type]
            value = row.get(f.name)
            if f.name in cls._dates:
                value = from_iso(value)
            elif f.name in cls._instants:
                value = _instant(value)
            elif f.name in cls._bools:
                value = bool(value)
            values[f.name] = value
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Family(Record):
    id: str
    name: str
    status: str
    caseworker: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    closure_reason: str | None = None
    support_profile: str | None = None
    intensity: str | None = None
    evaluation_date: dt.date | None = None

    _dates = ("start_date", "end_date", "evaluation_date")


@dataclass(frozen=True, slots=True)
class Member(Record):
    id: str
    family_id: str
    name: str
    role: str
    date_of_birth: dt.date | None = None
    bsn: str | None = None

    _dates = ("date_of_birth",)


@dataclass(frozen=True, slots=True)
class HoursEntry(Record):
    id: str
    family_id: str
    date: dt.date
    minutes: int
    activity: str
    caseworker: str
    domain: str | None = None
    goal_id: str | None = None

    _dates = ("date",)


@dataclass(frozen=True, slots=True)
class VisitTimer(Record):
    id: str
    family_id: str
    activity: str
    state: str  # running, paused, stopped
    started_at: dt.datetime
    caseworker: str
    segment_started_at: dt.datetime | None = None
    accumulated_seconds: int = 0
    stopped_at: dt.datetime | None = None
    hours_id: str | None = None

    _instants = ("started_at", "segment_started_at", "stopped_at")

    def elapsed_seconds(self, now: dt.datetime) -> int:
        """Time on the clock: finished segments plus the running one."""
        running = 0
        if self.state == TimerState.RUNNING and self.segment_started_at is not None:
            running = max(0, int((now - self.segment_started_at).total_seconds()))
        return self.accumulated_seconds + running


@dataclass(frozen=True, slots=True)
class Assessment(Record):
    id: str
    family_id: str
    instrument: str
    moment: str
    date: dt.date
    assessor: str
    member_id: str | None = None  # None: the household as a whole

    _dates = ("date",)


@dataclass(frozen=True, slots=True)
class Score(Record):
    id: str
    assessment_id: str
    family_id: str
    domain: str
    score: int
    note: str | None = None


@dataclass(frozen=True, slots=True)
class InvolvedParty(Record):
    id: str
    family_id: str
    organisation: str
    role: str
    involved_from: dt.date
    person: str | None = None
    phone: str | None = None
    email: str | None = None
    involved_until: dt.date | None = None

    _dates = ("involved_from", "involved_until")

    def active_on(self, day: dt.date) -> bool:
        return self.involved_from <= day and (
            self.involved_until is None or day <= self.involved_until
        )


@dataclass(frozen=True, slots=True)
class ContactMoment(Record):
    id: str
    family_id: str
    party_id: str
    date: dt.date
    mode: str
    summary: str | None = None

    _dates = ("date",)


@dataclass(frozen=True, slots=True)
class Goal(Record):
    id: str
    family_id: str
    domain: str
    text: str
    status: str
    member_id: str | None = None
    target_date: dt.date | None = None
    attainment: int | None = None  # percent of the goal reached, 0 to 100

    _dates = ("target_date",)


@dataclass(frozen=True, slots=True)
class Agreement(Record):
    id: str
    family_id: str
    text: str
    owner: str
    goal_id: str | None = None
    party_id: str | None = None
    due_date: dt.date | None = None
    done: bool = False
    done_date: dt.date | None = None

    _dates = ("due_date", "done_date")
    _bools = ("done",)


@dataclass(frozen=True, slots=True)
class Note(Record):
    id: str
    family_id: str
    title: str
    visit_date: dt.date | None = None

    _dates = ("visit_date",)


@dataclass(frozen=True, slots=True)
class NoteRevision(Record):
    id: str
    note_id: str
    family_id: str
    body: str
    author: str
    created_at: dt.datetime
    parent_id: str | None = None
    merge_parents: str | None = None  # JSON list of the other heads a merge resolved

    _instants = ("created_at",)


@dataclass(frozen=True, slots=True)
class Correction(Record):
    """A client's request to correct one record, what became of it and, where the record
    stays as it is, the client's own statement kept beside it (AVG art. 16, Jeugdwet)."""

    id: str
    family_id: str
    target_entity: str  # the table of the record it is about
    target_id: str
    requested_on: dt.date
    request: str  # what the client asks to be corrected, in their words
    outcome: str  # CorrectionOutcome
    recorded_by: str
    member_id: str | None = None  # the member the record is about, for a member's access
    explanation: str | None = None  # why the record was not changed
    statement: str | None = None  # the client's own statement, kept with the record

    _dates = ("requested_on",)
