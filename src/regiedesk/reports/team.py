"""Teamrapportage: a team leader's report on their team, per caseworker: caseload,
hours, intensity, closures and dropout, costs against tariffs.

It prints figures only (from ``TeamInput``, filled from the team leader's cached
overview): never a note, a family member's name or a BSN, and no family names either.
"""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable

from ..domain.vocabulary import ClosureReason
from .charts import horizontal_bars, time_series
from .document import (
    Document,
    Letterhead,
    gap,
    heading,
    no_data,
    styles,
    table,
    text,
    together,
)
from .inputs import CaseworkerFigures, TeamInput
from .words import Words


def title(words: Words) -> str:
    return words("Teamrapportage", "Team report")


def _weeks(team: TeamInput) -> float:
    return max(1.0, ((team.end - team.start).days + 1) / 7)


def team_document(
    team: TeamInput,
    *,
    words: Words,
    letterhead: Letterhead | None = None,
    printed_at: dt.datetime | None = None,
) -> Document:
    s = styles()
    teams = ", ".join(team.teams) or words("het team", "the team")
    flowables: list[Flowable] = [
        text(f"{title(words)} – {teams}", s.title),
        text(
            words.period(team.start, team.end)
            + words(" · cijfers van ", " · figures of ")
            + words.moment(team.figures_date),
            s.muted,
        ),
        gap(),
    ]
    if not team.caseworkers:
        flowables.append(
            no_data(
                words(
                    "Er zijn geen cijfers voor dit team in deze periode.",
                    "There are no figures for this team in this period.",
                )
            )
        )
    else:
        flowables += [
            *_summary(team, words),
            *_closures(team, words),
            *_caseload(team, words),
            *_hours(team, words),
            *_costs(team, words),
        ]
    return Document.of(words, title(words), teams, flowables, letterhead, printed_at)


def _summary(team: TeamInput, words: Words) -> list[Flowable]:
    rows = team.caseworkers
    active = sum(c.active for c in rows)
    closed = sum(c.closed_in_period for c in rows)
    dropouts = sum(c.dropouts_in_period for c in rows)
    minutes = sum(c.minutes_in_period for c in rows)
    per_family = minutes / _weeks(team) / active if active else None
    facts = [
        (words("Regisseurs", "Caseworkers"), words.whole(len(rows))),
        (words("Actieve gezinnen", "Active families"), words.whole(active)),
        (
            words("Aangemelde gezinnen", "Registered families"),
            words.whole(sum(c.registered for c in rows)),
        ),
        (words("Afgesloten in de periode", "Closed in the period"), words.whole(closed)),
        (
            words("Uitval", "Dropout"),
            f"{words.whole(dropouts)} ({words.percent(dropouts / closed if closed else None)})",
        ),
        (words("Uren in de periode", "Hours in the period"), words.hours(minutes)),
        (
            words("Uren per actief gezin per week", "Hours per active family a week"),
            words.hours(round(per_family)) if per_family is not None else "–",
        ),
        (
            words("Tarieven van de trajecten", "Tariffs of the trajectories"),
            words.euros(sum(c.tariff_cents for c in rows), whole=True),
        ),
    ]
    out: list[Flowable] = [
        heading(words("Samenvatting", "Summary")),
        table(
            [words("Kengetal", "Figure"), words("Waarde", "Value")], facts, (0.6, 0.4), right=(1,)
        ),
    ]
    if team.team_weeks:
        out.append(
            together(
                gap(),
                time_series(
                    [(w.monday, w.minutes / 60) for w in team.team_weeks],
                    words=words,
                    unit=words("uren per week, hele team", "hours a week, whole team"),
                ),
            )
        )
    return out


def _closures(team: TeamInput, words: Words) -> list[Flowable]:
    out: list[Flowable] = [heading(words("Afsluitingen naar reden", "Closures by reason"))]
    reasons = {k: v for k, v in team.closures_by_reason.items() if v}
    if not reasons:
        return [
            *out,
            no_data(words("Geen afsluitingen in deze periode.", "No closures in this period.")),
        ]
    total = sum(reasons.values())
    order = [r.value for r in ClosureReason]
    rows = [
        (
            ClosureReason(code).label(words.language) if code in order else code,
            words.whole(n),
            words.percent(n / total),
        )
        for code, n in sorted(
            reasons.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99
        )
    ]
    header = [words("Reden", "Reason"), words("Gezinnen", "Families"), words("Aandeel", "Share")]
    total_row = [words("Totaal", "Total"), words.whole(total), "100%"]
    return [*out, table(header, rows, (0.6, 0.2, 0.2), right=(1, 2), total=total_row)]


def _caseload(team: TeamInput, words: Words) -> list[Flowable]:
    header = [
        words("Regisseur", "Caseworker"),
        words("Actief", "Active"),
        words("Aangemeld", "Registered"),
        words("Afgesloten", "Closed"),
        words("Uitval", "Dropout"),
        words("Zonder contact", "No contact"),
        words("Afspraken over datum", "Overdue agreements"),
        words("Evaluaties over datum", "Overdue evaluations"),
    ]
    rows = [
        (
            c.caseworker,
            *(
                words.whole(v)
                for v in (
                    c.active,
                    c.registered,
                    c.closed_in_period,
                    c.dropouts_in_period,
                    c.without_contact,
                    c.overdue_agreements,
                    c.overdue_evaluations,
                )
            ),
        )
        for c in team.caseworkers
    ]
    widths = (0.2, 0.08, 0.13, 0.12, 0.08, 0.13, 0.13, 0.13)
    return [
        heading(words("Caseload per regisseur", "Caseload per caseworker")),
        table(header, rows, widths, right=tuple(range(1, 8))),
        text(
            words(
                "Zonder contact: actieve gezinnen zonder contact in de laatste 14 dagen. "
                "Over datum: open afspraken en planevaluaties waarvan de datum voorbij is.",
                "No contact: active families without contact in the last 14 days. "
                "Overdue: open agreements and plan evaluations whose date has passed.",
            ),
            styles().muted,
        ),
    ]


def _intensities(c: CaseworkerFigures, team: TeamInput) -> str:
    parts = [
        f"{team.intensity_names.get(code, code)} {n}"
        for code, n in c.families_by_intensity.items()
        if n
    ]
    return ", ".join(parts) or "–"


def _hours(team: TeamInput, words: Words) -> list[Flowable]:
    weeks = _weeks(team)
    header = [
        words("Regisseur", "Caseworker"),
        words("Uren in de periode", "Hours in the period"),
        words("Gemiddeld per week (4 weken)", "Mean a week (4 weeks)"),
        words("Per actief gezin per week", "Per active family a week"),
        words("Gezinnen per intensiteit", "Families per intensity"),
    ]
    rows = [
        (
            c.caseworker,
            words.hours(c.minutes_in_period),
            words.hours(round(c.minutes_mean_4_weeks)),
            words.hours(round(c.minutes_in_period / weeks / c.active)) if c.active else "–",
            _intensities(c, team),
        )
        for c in team.caseworkers
    ]
    chart = horizontal_bars(
        [(c.caseworker, c.minutes_in_period / 60) for c in team.caseworkers],
        unit=words("uren in de periode", "hours in the period"),
    )
    return [
        heading(words("Uren en intensiteit", "Hours and intensity")),
        table(header, rows, (0.24, 0.15, 0.17, 0.17, 0.27), right=(1, 2, 3)),
        gap(),
        chart,
    ]


def _costs(team: TeamInput, words: Words) -> list[Flowable]:
    s = styles()
    rate = team.hourly_cost_cents
    header = [
        words("Regisseur", "Caseworker"),
        words("Tarieven", "Tariffs"),
        words("Betaald bij start", "Paid at start"),
        words("Bij afronding", "Due at completion"),
    ]
    if rate is not None:
        header += [
            words("Kosten uren", "Cost of hours"),
            words("Tarieven min kosten", "Tariffs less cost"),
        ]

    def row(c: CaseworkerFigures) -> list[str]:
        cells = [
            c.caseworker,
            words.euros(c.tariff_cents, whole=True),
            words.euros(c.paid_at_start_cents, whole=True),
            words.euros(c.due_at_completion_cents, whole=True),
        ]
        if rate is not None:
            cost = round(c.minutes_in_period * rate / 60)
            cells += [words.euros(cost, whole=True), words.euros(c.tariff_cents - cost, whole=True)]
        return cells

    rows = [row(c) for c in team.caseworkers]
    totals = CaseworkerFigures(
        caseworker=words("Totaal", "Total"),
        active=0,
        registered=0,
        closed_in_period=0,
        minutes_in_period=sum(c.minutes_in_period for c in team.caseworkers),
        tariff_cents=sum(c.tariff_cents for c in team.caseworkers),
        paid_at_start_cents=sum(c.paid_at_start_cents for c in team.caseworkers),
        due_at_completion_cents=sum(c.due_at_completion_cents for c in team.caseworkers),
    )
    widths = (0.28, 0.24, 0.24, 0.24) if rate is None else (0.2, 0.16, 0.16, 0.16, 0.16, 0.16)
    explain = words(
        "Tarieven van de ondersteuningsprofielen van de trajecten; de start wordt betaald bij "
        "de start van een traject in de periode, de afronding bij een afsluiting in de periode.",
        "Tariffs of the trajectories' support profiles; the start share is paid when a "
        "trajectory starts in the period, the completion share when one closes in it.",
    )
    if rate is not None:
        explain += " " + words(
            f"Kosten uren: de uren in de periode maal {words.euros(rate)} per uur.",
            f"Cost of hours: the period's hours times {words.euros(rate)} an hour.",
        )
    return [
        heading(words("Kosten en tarieven", "Costs and tariffs")),
        text(explain, s.muted),
        gap(),
        table(header, rows, widths, right=tuple(range(1, len(header))), total=row(totals)),
    ]
