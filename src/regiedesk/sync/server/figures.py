"""The team leader's figures, computed from the server's current state (never the log).

What they count comes from ``team_facts`` (SQL aggregates over the typed columns of
the state); only the fields a figure needs are read from a family record: dates,
statuses, codes, its name. Note text, contact summaries, members' names and BSNs are
never copied into an answer. Records stored before the server checked values (a
date that is not one, minutes that are not a number) are passed over, not fatal.
Tombstoned records do not count, nor do records of a tombstoned family.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import Any

from ...domain.support_profiles import SupportProfiles
from ...domain.trends import fold_trends
from ...domain.vocabulary import ClosureReason, FamilyStatus, GoalStatus
from ...domain.weeks import first_monday_from, monday_of, week_label
from ...errors import ConfigError
from .. import protocol as p
from ..rules import is_day
from .team_facts import MEAN_WEEKS, Period, TeamFacts

NO_CONTACT_DAYS = 14


def day(value: Any) -> dt.date | None:
    """A stored ISO date, or None for none or a value that is not one."""
    return dt.date.fromisoformat(value) if is_day(value) else None


def whole(value: Any) -> int | None:
    """A stored whole number (not a bool, not a float), or None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# --- per family ------------------------------------------------------------------------


def _involved(span: tuple[dt.date, dt.date | None], on: dt.date) -> bool:
    start, until = span
    return start <= on and (until is None or until >= on)


def _payments(profiles: SupportProfiles, family: Mapping[str, Any]) -> tuple[int, int, int] | None:
    """(tariff, at start, at completion) of a family's support profile, or None."""
    profile, intensity = family.get("support_profile"), family.get("intensity")
    if not isinstance(profile, str) or not isinstance(intensity, str):
        return None
    try:  # a schedule without an end: the milestones due at completion have no date yet
        schedule = profiles.payment_schedule(profile, intensity, dt.date.min)
    except ConfigError:
        return None
    at_start = sum(part.amount_cents for part in schedule if part.due is not None)
    at_end = sum(part.amount_cents for part in schedule if part.due is None)
    return at_start + at_end, at_start, at_end


def family_row(
    facts: TeamFacts,
    family: str,
    period: Period,
    profiles: SupportProfiles,
    stand_ins: list[p.StandIn],
) -> p.TeamFamily:
    fields = facts.families[family]
    end = period.end
    status = str(fields.get("status") or "")
    last_contact = facts.last_contact.get(family)
    parties = facts.parties.get(family, [])
    start = day(fields.get("start_date"))
    goals = facts.goals.get(family, Counter())
    evaluation = day(fields.get("evaluation_date"))
    payments = _payments(profiles, fields)
    return {
        "family_id": family,
        "name": str(fields.get("name") or ""),
        "caseworker": facts.assigned[family],
        "status": status,
        "closure_reason": _text(fields.get("closure_reason")),
        "start_date": start.isoformat() if start else None,
        "end_date": (d.isoformat() if (d := day(fields.get("end_date"))) else None),
        "days_since_contact": (end - last_contact).days if last_contact else None,
        "parties_now": sum(1 for party in parties if _involved(party, end)),
        "parties_at_intake": (
            sum(1 for party in parties if _involved(party, start)) if start else None
        ),
        "goals_reached": goals[GoalStatus.REACHED],
        "goals_open": goals[GoalStatus.OPEN] + goals[GoalStatus.IN_PROGRESS],
        "goals_not_reached": goals[GoalStatus.NOT_REACHED],
        "overdue_agreements": facts.overdue_agreements[family],
        "evaluation_overdue": bool(
            evaluation and evaluation < end and status != FamilyStatus.CLOSED
        ),
        "minutes_in_period": facts.minutes_in_period[family],
        "support_profile": _text(fields.get("support_profile")),
        "intensity": _text(fields.get("intensity")),
        "tariff_cents": payments[0] if payments else None,
        "at_start_cents": payments[1] if payments else None,
        "at_completion_cents": payments[2] if payments else None,
        "stand_ins": [s for s in stand_ins if s["family_id"] == family],
    }


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _weeks(daily: Mapping[dt.date, int], first: dt.date, last: dt.date) -> list[p.WeekMinutes]:
    """Minutes per ISO week from ``first``'s week to ``last``'s, zero weeks included, of
    the days from ``first`` to ``last``."""
    per_week: Counter[dt.date] = Counter()
    for date, amount in daily.items():
        if first <= date <= last:
            per_week[monday_of(date)] += amount
    return _week_list(per_week, first, last)


def _week_list(
    per_week: Mapping[dt.date, int], first: dt.date, last: dt.date
) -> list[p.WeekMinutes]:
    """Each ISO week from ``first``'s to ``last``'s with its minutes (``per_week``, by its
    Monday; zero when it has none)."""
    weeks: list[p.WeekMinutes] = []
    monday = monday_of(first)
    while monday <= last:
        weeks.append(
            {
                "week": week_label(monday),
                "monday": monday.isoformat(),
                "minutes": per_week.get(monday, 0),
            }
        )
        monday += dt.timedelta(days=7)
    return weeks


def family_page(
    facts: TeamFacts,
    family: str,
    period: Period,
    profiles: SupportProfiles,
    stand_ins: list[p.StandIn],
    records: Mapping[str, list[dict[str, Any]]],
) -> p.FamilyPage:
    """One family's page; ``facts.daily``: its minutes per day up to the period's end,
    ``records``: its live members, assessments and scores."""
    row = family_row(facts, family, period, profiles, stand_ins)
    end = period.end
    start = day(row["start_date"])
    first = min([*facts.daily, *([start] if start else [])], default=None)
    parties = facts.parties.get(family, [])
    since = start or min((span[0] for span in parties), default=None)
    over_time: list[p.PartiesOn] = []
    if since is not None:
        monday = first_monday_from(since)
        while monday <= end:
            count = sum(1 for party in parties if _involved(party, monday))
            over_time.append({"day": monday.isoformat(), "parties": count})
            monday += dt.timedelta(days=7)
    return {
        "family": row,
        "intensity": _weeks(facts.daily, first, end) if first else [],
        "parties": over_time,
        "domains": _domains(records),
    }


def _domains(records: Mapping[str, list[dict[str, Any]]]) -> list[p.DomainScores]:
    live_members = {str(m["id"]) for m in records.get("members", [])}
    assessments = {}
    for a in records.get("assessments", []):
        date, member = day(a.get("date")), a.get("member_id")
        if date is None or not isinstance(a.get("instrument"), str):
            continue
        if member is not None and member not in live_members:
            continue  # a removed member's measurements do not count
        assessments[str(a["id"])] = (date, a)
    scores = []
    for s in records.get("scores", []):
        held = assessments.get(str(s.get("assessment_id")))
        score = whole(s.get("score"))
        if held is None or score is None or not isinstance(s.get("domain"), str):
            continue
        date, a = held
        scores.append(
            (
                (date, str(a["id"]), str(s["id"])),
                a.get("member_id"),
                a["instrument"],
                date,
                s["domain"],
                score,
            )
        )
    scores.sort(key=lambda row: row[0])
    trends = fold_trends((m, i, d, dom, sc) for _, m, i, d, dom, sc in scores)
    numbers = {
        m: n for n, m in enumerate(dict.fromkeys(t.member_id for t in trends if t.member_id), 1)
    }
    return [
        {
            "member": numbers[t.member_id] if t.member_id else None,
            "domain": t.domain,
            "first": t.first,
            "latest": t.latest,
            "first_date": t.first_date.isoformat(),
            "latest_date": t.latest_date.isoformat(),
        }
        for t in trends
    ]


# --- per caseworker and for the team ---------------------------------------------------


def caseworker_figures(
    person: str, rows: list[p.TeamFamily], facts: TeamFacts, period: Period
) -> p.CaseworkerFigures:
    mine = [r for r in rows if r["caseworker"] == person]
    closed = [r for r in mine if _closed_in(r, period)]
    started = [r for r in mine if (d := day(r["start_date"])) and period.start <= d <= period.end]
    booked = [b for (_, who), b in facts.booked.items() if who == person]
    return {
        "caseworker": person,
        "active": sum(1 for r in mine if r["status"] == FamilyStatus.ACTIVE),
        "registered": sum(1 for r in mine if r["status"] == FamilyStatus.REGISTERED),
        "closed_in_period": len(closed),
        "minutes_in_period": sum(b.in_period for b in booked),
        "minutes_this_week": sum(b.this_week for b in booked),
        "minutes_mean_4_weeks": sum(b.weeks_before for b in booked) / MEAN_WEEKS,
        "without_contact": sum(
            1
            for r in mine
            if r["status"] == FamilyStatus.ACTIVE
            and (r["days_since_contact"] is None or r["days_since_contact"] > NO_CONTACT_DAYS)
        ),
        "overdue_agreements": sum(r["overdue_agreements"] for r in mine),
        "overdue_evaluations": sum(1 for r in mine if r["evaluation_overdue"]),
        "dropouts_in_period": sum(
            1 for r in closed if r["closure_reason"] == ClosureReason.DROPOUT
        ),
        "closures_goals_reached": sum(
            1 for r in closed if r["closure_reason"] == ClosureReason.GOALS_REACHED
        ),
        "families_by_intensity": dict(
            sorted(
                Counter(
                    r["intensity"]
                    for r in mine
                    if r["intensity"] and r["status"] != FamilyStatus.CLOSED
                ).items()
            )
        ),
        "tariff_cents": sum(r["tariff_cents"] or 0 for r in mine),
        "paid_at_start_cents": sum(r["at_start_cents"] or 0 for r in started),
        "due_at_completion_cents": sum(r["at_completion_cents"] or 0 for r in closed),
    }


def _closed_in(row: p.TeamFamily, period: Period) -> bool:
    end = day(row["end_date"])
    return (
        row["status"] == FamilyStatus.CLOSED
        and end is not None
        and (period.start <= end <= period.end)
    )


def team_totals(
    rows: list[p.TeamFamily],
    figures: list[p.CaseworkerFigures],
    facts: TeamFacts,
    period: Period,
) -> p.TeamTotals:
    """``facts.weekly``: the minutes per week of the period of the families in ``rows``."""
    closed = [r for r in rows if _closed_in(r, period)]
    reasons = Counter(r["closure_reason"] or "" for r in closed)
    return {
        "closed_in_period": len(closed),
        "closures_by_reason": dict(sorted(reasons.items())),
        "dropout_rate": reasons[ClosureReason.DROPOUT] / len(closed) if closed else None,
        "tariff_cents": sum(f["tariff_cents"] for f in figures),
        "paid_at_start_cents": sum(f["paid_at_start_cents"] for f in figures),
        "due_at_completion_cents": sum(f["due_at_completion_cents"] for f in figures),
        "weeks": _week_list(facts.weekly, period.start, period.end),
    }
