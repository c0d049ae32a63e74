"""What each report prints, as plain typed values: gathered from the services
(``gather.py``) or, for the team report, from a team leader's cached overview.

The values keep the domain's codes (a domain, a status, an activity); the
reports turn them into words in their language, so no internal code is printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

# --- the family plan ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str  # MemberRole code


@dataclass(frozen=True, slots=True)
class PlanGoal:
    domain: str  # life-domain code
    text: str  # in the family's own words
    status: str  # GoalStatus code
    concerns: str | None = None  # the member's name; None: the whole family
    target_date: dt.date | None = None
    attainment: int | None = None  # percent


@dataclass(frozen=True, slots=True)
class PlanAgreement:
    text: str
    owner: str  # AgreementOwner code
    party: str | None = None  # the involved party's organisation (and person) when it owns it
    due_date: dt.date | None = None
    done: bool = False
    done_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Party:
    organisation: str
    role: str
    involved_from: dt.date
    person: str | None = None
    phone: str | None = None
    email: str | None = None
    involved_until: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ClientStatement:
    """A client's correction request about a record the report shows (AVG art. 16), what
    became of it and the client's own statement: printed with the record."""

    kind: str  # the record's table (``goals``)
    about: str  # the record as a list names it
    request: str
    outcome: str  # CorrectionOutcome code
    requested_on: dt.date
    statement: str | None = None


@dataclass(frozen=True, slots=True)
class PlanInput:
    family_id: str
    family: str  # the family's name
    caseworker: str
    members: tuple[Person, ...]
    goals: tuple[PlanGoal, ...]
    agreements: tuple[PlanAgreement, ...]
    parties: tuple[Party, ...]  # involved today
    start_date: dt.date | None = None
    evaluation_date: dt.date | None = None
    statements: tuple[ClientStatement, ...] = ()  # about the family, members, goals, ...


# --- the progress report -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DomainProgress:
    """One domain of one member (or the household): the first and latest score in the period."""

    subject: str | None  # the member's name; None: the household
    domain: str
    first: int
    first_date: dt.date
    latest: int
    latest_date: dt.date
    measurements: int


@dataclass(frozen=True, slots=True)
class WeekTotal:
    monday: dt.date
    minutes: int


@dataclass(frozen=True, slots=True)
class IncludedNote:
    title: str
    visit_date: dt.date | None
    body: str


@dataclass(frozen=True, slots=True)
class ProgressInput:
    family_id: str
    family: str
    caseworker: str
    start: dt.date
    end: dt.date
    domains: tuple[DomainProgress, ...]
    intensity: tuple[WeekTotal, ...]  # every ISO week of the period, zero weeks included
    parties_over_time: tuple[tuple[dt.date, int], ...]  # active parties on each Monday
    parties: tuple[Party, ...]  # involved at some time in the period
    goals: tuple[PlanGoal, ...]
    agreements_done: tuple[PlanAgreement, ...]  # done within the period
    agreements_overdue: tuple[PlanAgreement, ...]  # open and due before the period's end
    text: str = ""  # what the caseworker wrote for this report
    notes: tuple[IncludedNote, ...] = ()  # visit notes the caseworker chose to include
    support_profile: str | None = None
    intensity_level: str | None = None
    statements: tuple[ClientStatement, ...] = ()  # about what the report shows


# --- the hours statement -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HoursLine:
    date: dt.date
    minutes: int
    activity: str  # Activity code
    domain: str | None = None
    goal: str | None = None  # the goal's text


@dataclass(frozen=True, slots=True)
class FamilyHours:
    family_id: str
    family: str
    lines: tuple[HoursLine, ...]
    support_profile: str | None = None  # code, e.g. OP02
    support_profile_name: str | None = None  # in the report's language
    intensity: str | None = None  # code
    intensity_name: str | None = None
    tariff_cents: int | None = None

    @property
    def minutes(self) -> int:
        return sum(line.minutes for line in self.lines)


@dataclass(frozen=True, slots=True)
class HoursInput:
    caseworker: str | None  # None: every caseworker's hours on these families
    start: dt.date
    end: dt.date
    families: tuple[FamilyHours, ...]

    @property
    def minutes(self) -> int:
        return sum(f.minutes for f in self.families)


# --- the team report ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseworkerFigures:
    """One caseworker's figures from the team leader's cached overview (issue 10).

    Counts only: never a note, a member's name or a BSN. The first fields are named
    as in the team overview's answer (``sync.team.CaseworkerFigures``), so the cache
    fills them directly.
    """

    caseworker: str
    active: int  # families 'actief' at the overview's date
    registered: int  # 'aangemeld'
    closed_in_period: int
    minutes_in_period: int
    minutes_mean_4_weeks: float = 0.0
    without_contact: int = 0  # active families without contact for more than 14 days
    overdue_agreements: int = 0
    overdue_evaluations: int = 0
    dropouts_in_period: int = 0  # closures with reason 'uitval'
    closures_goals_reached: int = 0  # closures with reason 'doelen_behaald'
    families_by_intensity: Mapping[str, int] = field(default_factory=dict)  # code -> families
    tariff_cents: int = 0  # the tariffs of the caseworker's trajectories with a profile
    paid_at_start_cents: int = 0  # start milestones of trajectories started in the period
    due_at_completion_cents: int = 0  # completion milestones of those closed in the period


@dataclass(frozen=True, slots=True)
class TeamInput:
    teams: tuple[str, ...]
    start: dt.date
    end: dt.date
    caseworkers: tuple[CaseworkerFigures, ...]
    figures_date: dt.datetime  # when the cached overview was fetched from the server
    closures_by_reason: Mapping[str, int] = field(default_factory=dict)  # ClosureReason code
    intensity_names: Mapping[str, str] = field(default_factory=dict)  # code -> name
    team_weeks: tuple[WeekTotal, ...] = ()  # the team's hours per week, for the chart
    hourly_cost_cents: int | None = None  # the organisation's cost of a caseworker hour
