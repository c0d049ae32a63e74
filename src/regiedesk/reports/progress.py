"""Voortgangsrapportage: a family's progress over a chosen period, for the municipality
and for the family. The caseworker's own text comes first; visit notes only when the
caseworker picked them."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from ..domain.instruments import domain_name, load_instrument
from ..domain.vocabulary import GoalStatus
from .charts import score_pair, time_series
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
    together,
)
from .inputs import DomainProgress, ProgressInput
from .plan import owner_label
from .statements import statements_section
from .words import Words

TREND_WEEKS = 8  # the intensity at the start and the end of the period: the mean of these


def title(words: Words) -> str:
    return words("Voortgangsrapportage", "Progress report")


def progress_document(
    progress: ProgressInput,
    *,
    words: Words,
    letterhead: Letterhead | None = None,
    printed_at: dt.datetime | None = None,
) -> Document:
    s = styles()
    flowables: list[Flowable] = [
        text(f"{title(words)} – {progress.family}", s.title),
        text(words.period(progress.start, progress.end), s.muted),
        gap(),
        text(
            words(
                f"Regisseur: {progress.caseworker}. Deze rapportage gaat over de periode "
                f"{words.period(progress.start, progress.end)}.",
                f"Caseworker: {progress.caseworker}. This report covers "
                f"{words.period(progress.start, progress.end)}.",
            )
        ),
        heading(words("Toelichting van de regisseur", "The caseworker's account")),
        text(progress.text)
        if progress.text
        else no_data(words("Er is geen toelichting geschreven.", "No account was written.")),
        *_domains(progress, words),
        *_intensity(progress, words),
        *_parties(progress, words),
        *_goals(progress, words),
        *_agreements(progress, words),
        *_notes(progress, words),
        *statements_section(progress.statements, words),
    ]
    return Document.of(words, title(words), progress.family, flowables, letterhead, printed_at)


def _change(item: DomainProgress, words: Words) -> str:
    delta = item.latest - item.first
    if delta > 0:
        return words(f"+{delta} verbeterd", f"+{delta} improved")
    if delta < 0:
        return words(f"{delta} achteruit", f"{delta} worse")
    return words("gelijk", "unchanged")


def _domains(progress: ProgressInput, words: Words) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [heading(words("Leefgebieden", "Life domains"))]
    if not progress.domains:
        return [
            *out,
            no_data(
                words(
                    "Er zijn in deze periode geen metingen gedaan.",
                    "No measurements were made in this period.",
                )
            ),
        ]
    scale = load_instrument("zrm2017")
    legend = ", ".join(f"{n} {scale.score_label(n, words.language).lower()}" for n in range(1, 6))
    out.append(
        text(
            words(
                f"Eerste en laatste meting in de periode (grijs: eerste, blauw: laatste). "
                f"Schaal: {legend}.",
                f"First and latest measurement in the period (grey: first, blue: latest). "
                f"Scale: {legend}.",
            ),
            s.muted,
        )
    )
    header = [
        words("Leefgebied", "Life domain"),
        words("Eerste", "First"),
        words("Laatste", "Latest"),
        words("Verloop", "Course"),
        words("Verandering", "Change"),
    ]
    for subject, group in groupby(progress.domains, key=lambda d: d.subject):
        rows = [
            (
                domain_name(d.domain, words.language),
                f"{d.first} ({words.date(d.first_date)})",
                f"{d.latest} ({words.date(d.latest_date)})",
                score_pair(d.first, d.latest, width=3.6 * cm),
                _change(d, words),
            )
            for d in group
        ]
        out += [
            subheading(subject or words("Het huishouden", "The household")),
            table(header, rows, (0.27, 0.17, 0.17, 0.22, 0.17)),
        ]
    return out


def _mean(values: list[int]) -> float:
    return sum(values) / len(values) if values else 0.0


def _intensity(progress: ProgressInput, words: Words) -> list[Flowable]:
    title = heading(words("Intensiteit: uren per week", "Intensity: hours a week"))
    minutes = [w.minutes for w in progress.intensity]
    if not any(minutes):
        return [
            title,
            no_data(
                words(
                    "In deze periode zijn geen uren geschreven.",
                    "No hours were recorded in this period.",
                )
            ),
        ]
    total = sum(minutes)
    first, last = minutes[:TREND_WEEKS], minutes[-TREND_WEEKS:]
    summary = words(
        f"In totaal <b>{words.hours(total)} uur</b> in {len(minutes)} weken, gemiddeld "
        f"{words.hours(round(_mean(minutes)))} uur per week. De eerste {len(first)} weken "
        f"gemiddeld {words.hours(round(_mean(first)))} uur per week, de laatste {len(last)} weken "
        f"{words.hours(round(_mean(last)))} uur.",
        f"In total <b>{words.hours(total)} hours</b> in {len(minutes)} weeks, on average "
        f"{words.hours(round(_mean(minutes)))} hours a week. The first {len(first)} weeks "
        f"{words.hours(round(_mean(first)))} hours a week on average, the last {len(last)} weeks "
        f"{words.hours(round(_mean(last)))} hours.",
    )
    chart = time_series(
        [(w.monday, w.minutes / 60) for w in progress.intensity],
        words=words,
        unit=words("uren per week", "hours a week"),
    )
    return [together(title, markup(summary), gap(), chart)]  # the heading stays with it


def _parties(progress: ProgressInput, words: Words) -> list[Flowable]:
    out: list[Flowable] = [heading(words("Betrokken hulpverleners", "Involved professionals"))]
    counts = progress.parties_over_time
    if counts:
        out.append(
            text(
                words(
                    f"Aan het begin van de periode waren {counts[0][1]} hulpverleners of "
                    f"organisaties betrokken, aan het einde {counts[-1][1]}.",
                    f"At the start of the period {counts[0][1]} professionals or organisations "
                    f"were involved, at the end {counts[-1][1]}.",
                )
            )
        )
        chart = time_series(
            [(day, float(n)) for day, n in counts],
            words=words,
            unit=words("betrokkenen", "involved"),
            height=4.2 * cm,
        )
        out = [together(*out, gap(), chart)]
    if not progress.parties:
        return [
            *out,
            no_data(
                words(
                    "In deze periode waren geen andere hulpverleners betrokken.",
                    "No other professionals were involved in this period.",
                )
            ),
        ]
    rows = [
        (p.organisation, p.role, words.date(p.involved_from), words.date(p.involved_until))
        for p in progress.parties
    ]
    header = [
        words("Organisatie", "Organisation"),
        words("Rol", "Role"),
        words("Betrokken vanaf", "Involved from"),
        words("Tot en met", "Until"),
    ]
    return [*out, gap(), table(header, rows, (0.36, 0.28, 0.18, 0.18))]


def _goals(progress: ProgressInput, words: Words) -> list[Flowable]:
    out: list[Flowable] = [heading(words("Doelen", "Goals"))]
    if not progress.goals:
        return [*out, no_data(words("Er zijn geen doelen.", "There are no goals."))]
    counted = [g for g in progress.goals if g.status != GoalStatus.DROPPED]
    reached = sum(g.status == GoalStatus.REACHED for g in counted)
    out.append(
        markup(
            words(
                f"<b>{reached} van de {len(counted)}</b> doelen zijn behaald.",
                f"<b>{reached} of {len(counted)}</b> goals have been reached.",
            )
        )
    )
    rows = [
        (
            g.text,
            domain_name(g.domain, words.language),
            GoalStatus(g.status).label(words.language)
            + (
                f" ({g.attainment}%)" if g.status == GoalStatus.IN_PROGRESS and g.attainment else ""
            ),
        )
        for g in progress.goals
    ]
    header = [words("Doel", "Goal"), words("Leefgebied", "Life domain"), words("Stand", "Status")]
    return [*out, gap(), table(header, rows, (0.5, 0.28, 0.22))]


def _agreements(progress: ProgressInput, words: Words) -> list[Flowable]:
    header = [words("Afspraak", "Agreement"), words("Wie", "Who"), words("Datum", "Date")]
    done = [
        (a.text, owner_label(a, words), words.date(a.done_date)) for a in progress.agreements_done
    ]
    overdue = [
        (a.text, owner_label(a, words), words.date(a.due_date)) for a in progress.agreements_overdue
    ]
    out: list[Flowable] = [
        heading(words("Afspraken", "Agreements")),
        subheading(words("Nagekomen in deze periode", "Done in this period")),
    ]
    out.append(
        table(header, done, (0.55, 0.27, 0.18))
        if done
        else no_data(words("Geen afspraken afgerond.", "No agreements were done."))
    )
    out.append(subheading(words("Over de datum en nog open", "Overdue and still open")))
    out.append(
        table([*header[:2], words("Uiterlijk", "Due")], overdue, (0.55, 0.27, 0.18))
        if overdue
        else no_data(words("Geen afspraken over de datum.", "No overdue agreements."))
    )
    return out


def _notes(progress: ProgressInput, words: Words) -> list[Flowable]:
    if not progress.notes:
        return []
    s = styles()
    out: list[Flowable] = [heading(words("Verslagen", "Visit notes"))]
    for note in progress.notes:
        when = f" ({words.date(note.visit_date)})" if note.visit_date else ""
        if note.visit_date and f"{note.visit_date:%d-%m-%Y}" in note.title:
            when = ""  # the title already says when
        out.append(together(subheading(note.title + when), text(note.body, s.body)))
    return out
