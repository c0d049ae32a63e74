"""Urenverantwoording: the hours of a month or a period, per family, per activity and per
life domain, with the support profile and intensity where one is set; for finance."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable

from ..domain.instruments import domain_name, domain_rank
from ..domain.vocabulary import Activity
from .document import (
    Document,
    Letterhead,
    gap,
    heading,
    markup,
    no_data,
    styles,
    subheading,
    table,
    text,
)
from .inputs import FamilyHours, HoursInput, HoursLine
from .words import Words

ACTIVITY_ORDER = [a.value for a in Activity]


def title(words: Words) -> str:
    return words("Urenverantwoording", "Hours statement")


def hours_document(
    hours: HoursInput,
    *,
    words: Words,
    letterhead: Letterhead | None = None,
    printed_at: dt.datetime | None = None,
) -> Document:
    s = styles()
    who = hours.caseworker or words("alle regisseurs", "all caseworkers")
    flowables: list[Flowable] = [
        text(title(words), s.title),
        text(f"{who} · {words.period(hours.start, hours.end)}", s.muted),
        gap(),
    ]
    if not hours.minutes:
        flowables.append(
            no_data(
                words(
                    "In deze periode zijn geen uren geschreven.",
                    "No hours were recorded in this period.",
                )
            )
        )
    else:
        flowables += [
            markup(
                words(
                    f"Regisseur: {escape(who)}. In totaal <b>{words.hours(hours.minutes)} uur</b> "
                    f"({words.decimal(hours.minutes / 60, 2)} uur) voor {len(hours.families)} "
                    f"{'gezin' if len(hours.families) == 1 else 'gezinnen'}.",
                    f"Caseworker: {escape(who)}. In total <b>{words.hours(hours.minutes)} "
                    f"hours</b> ({words.decimal(hours.minutes / 60, 2)} hours) for "
                    f"{len(hours.families)} {'family' if len(hours.families) == 1 else 'families'}"
                    ".",
                )
            ),
            *_summary(hours, words),
            *_breakdown(
                [line for f in hours.families for line in f.lines],
                words,
                words("Alle gezinnen per activiteit", "All families by activity"),
                words("Alle gezinnen per leefgebied", "All families by life domain"),
            ),
        ]
        for family in hours.families:
            flowables += _family(family, words)
    return Document.of(words, title(words), who, flowables, letterhead, printed_at)


def _profile(family: FamilyHours, words: Words) -> str:
    if not family.support_profile:
        return "–"
    name = family.support_profile_name
    return f"{family.support_profile} {name}" if name else family.support_profile


def _summary(hours: HoursInput, words: Words) -> list[Flowable]:
    rows = [
        (
            f.family,
            _profile(f, words),
            f.intensity_name or f.intensity or "–",
            words.hours(f.minutes),
            words.decimal(f.minutes / 60, 2),
        )
        for f in hours.families
    ]
    header = [
        words("Gezin", "Family"),
        words("Ondersteuningsprofiel", "Support profile"),
        words("Intensiteit", "Intensity"),
        words("Uren", "Hours"),
        words("Decimaal", "Decimal"),
    ]
    total = [
        words("Totaal", "Total"),
        "",
        "",
        words.hours(hours.minutes),
        words.decimal(hours.minutes / 60, 2),
    ]
    return [
        heading(words("Overzicht per gezin", "Per family")),
        table(header, rows, (0.25, 0.34, 0.13, 0.12, 0.16), right=(3, 4), total=total),
    ]


def _breakdown(
    lines: Iterable[HoursLine], words: Words, by_activity: str, by_domain: str
) -> list[Flowable]:
    lines = list(lines)
    total = sum(line.minutes for line in lines)
    activities: Counter[str] = Counter()
    domains: Counter[str] = Counter()
    for line in lines:
        activities[line.activity] += line.minutes
        domains[line.domain or ""] += line.minutes

    def share(minutes: int) -> str:
        return words.percent(minutes / total) if total else "–"

    activity_rows = [
        (Activity(code).label(words.language), words.hours(m), share(m))
        for code, m in sorted(activities.items(), key=lambda kv: ACTIVITY_ORDER.index(kv[0]))
    ]
    domain_rows = [
        (
            domain_name(code, words.language)
            if code
            else words("geen leefgebied gekozen", "no life domain chosen"),
            words.hours(m),
            share(m),
        )
        for code, m in sorted(domains.items(), key=lambda kv: (not kv[0], domain_rank(kv[0])))
    ]
    header = [words("Uren", "Hours"), words("Aandeel", "Share")]
    total_row = [words("Totaal", "Total"), words.hours(total), share(total)]
    return [
        subheading(by_activity),
        table(
            [words("Activiteit", "Activity"), *header],
            activity_rows,
            (0.6, 0.2, 0.2),
            right=(1, 2),
            total=total_row,
        ),
        subheading(by_domain),
        table(
            [words("Leefgebied", "Life domain"), *header],
            domain_rows,
            (0.6, 0.2, 0.2),
            right=(1, 2),
            total=total_row,
        ),
    ]


def _family(family: FamilyHours, words: Words) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [heading(family.family)]
    facts = [
        words("Ondersteuningsprofiel", "Support profile") + f": {_profile(family, words)}",
        words("Intensiteit", "Intensity") + f": {family.intensity_name or family.intensity or '–'}",
    ]
    if family.tariff_cents is not None:
        facts.append(words("Tarief", "Tariff") + f": {words.euros(family.tariff_cents)}")
    out.append(text(" · ".join(facts), s.lead))
    if not family.lines:
        return [*out, no_data(words("Geen uren in deze periode.", "No hours in this period."))]
    out += _breakdown(
        family.lines,
        words,
        words("Per activiteit", "By activity"),
        words("Per leefgebied", "By life domain"),
    )
    rows = [
        (
            words.date(line.date),
            Activity(line.activity).label(words.language),
            domain_name(line.domain, words.language) if line.domain else "–",
            line.goal or "–",
            words.hours(line.minutes),
        )
        for line in family.lines
    ]
    header = [
        words("Datum", "Date"),
        words("Activiteit", "Activity"),
        words("Leefgebied", "Life domain"),
        words("Doel", "Goal"),
        words("Uren", "Hours"),
    ]
    total = [words("Totaal", "Total"), "", "", "", words.hours(family.minutes)]
    return [
        *out,
        subheading(words("Alle registraties", "Every entry")),
        table(header, rows, (0.14, 0.22, 0.22, 0.32, 0.1), right=(4,), total=total),
    ]
