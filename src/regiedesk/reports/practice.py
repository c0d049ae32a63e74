"""A fictional team's figures from a fixed seed, for trying the team report out, the
user guide's example, tests and ``bench/reports.py``, until team leaders' cached
overviews (issue 10) fill ``TeamInput`` from the server."""

from __future__ import annotations

import datetime as dt
import random

from ..demo import CHILD_NAMES, PARENT_NAMES, SURNAMES
from ..domain.vocabulary import ClosureReason
from .inputs import CaseworkerFigures, TeamInput, WeekTotal

INTENSITIES = {"licht": "Licht", "midden": "Midden", "zwaar": "Zwaar", "zeer_zwaar": "Zeer zwaar"}
REASONS = tuple(r.value for r in ClosureReason)
# the reasons drawn at random (dropouts and goals reached are counted first)
_OTHER_REASONS = tuple(
    r for r in REASONS if r not in (ClosureReason.DROPOUT, ClosureReason.GOALS_REACHED)
)


def practice_team(
    *,
    caseworkers: int = 8,
    end: dt.date,
    weeks: int = 52,
    seed: int = 20261124,
    figures_date: dt.datetime | None = None,
) -> TeamInput:
    rng = random.Random(seed)
    start = end - dt.timedelta(days=7 * weeks - 1)
    first_names = PARENT_NAMES + CHILD_NAMES
    people = []
    reasons = dict.fromkeys(REASONS, 0)
    for index in range(caseworkers):
        active = rng.randint(8, 18)
        closed = rng.randint(0, 7)
        dropouts = rng.randint(0, closed)
        reached = closed - dropouts - rng.randint(0, closed - dropouts)
        reasons[ClosureReason.DROPOUT.value] += dropouts
        reasons[ClosureReason.GOALS_REACHED.value] += reached
        for _ in range(closed - dropouts - reached):
            reasons[rng.choice(_OTHER_REASONS)] += 1
        levels = dict.fromkeys(INTENSITIES, 0)
        for _ in range(active):
            levels[rng.choice(tuple(INTENSITIES))] += 1
        minutes = sum(rng.randint(300, 900) for _ in range(active)) * weeks // 4
        tariff = sum(rng.choice((420_000, 950_000, 2_100_000)) for _ in range(active + closed))
        surname = SURNAMES[index % len(SURNAMES)]
        people.append(
            CaseworkerFigures(
                caseworker=f"{first_names[index % len(first_names)]} {surname}",
                active=active,
                registered=rng.randint(0, 3),
                closed_in_period=closed,
                minutes_in_period=minutes,
                minutes_mean_4_weeks=minutes / weeks * rng.uniform(0.8, 1.2),
                without_contact=rng.randint(0, 3),
                overdue_agreements=rng.randint(0, 6),
                overdue_evaluations=rng.randint(0, 2),
                dropouts_in_period=dropouts,
                closures_goals_reached=reached,
                families_by_intensity=levels,
                tariff_cents=tariff,
                paid_at_start_cents=tariff * 7 // 10 // 3,
                due_at_completion_cents=tariff * 3 // 10 * closed // max(1, active + closed),
            )
        )
    total = sum(p.minutes_in_period for p in people)
    team_weeks = tuple(
        WeekTotal(
            start - dt.timedelta(days=start.weekday()) + dt.timedelta(days=7 * w),
            int(total / weeks * rng.uniform(0.75, 1.25)),
        )
        for w in range(weeks)
    )
    return TeamInput(
        teams=("Oefenteam (fictief)",),
        start=start,
        end=end,
        caseworkers=tuple(people),
        figures_date=figures_date or dt.datetime.combine(end, dt.time(8, 30), tzinfo=dt.UTC),
        closures_by_reason=reasons,
        intensity_names=INTENSITIES,
        team_weeks=team_weeks,
        hourly_cost_cents=8_500,
    )
