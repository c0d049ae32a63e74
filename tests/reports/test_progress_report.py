"""Voortgangsrapportage over two years of a demo family, and over an empty period."""

from __future__ import annotations

import datetime as dt

import pytest

from regiedesk import reports
from regiedesk.domain.instruments import domain_name
from regiedesk.errors import ValidationError

from ..conftest import TODAY
from .conftest import Demo, flat, pages

START = TODAY - dt.timedelta(days=730)


def _family(demo: Demo) -> str:
    return demo.services.families.list_families(search="Boezeman")[0].id


def _minutes(demo: Demo, family_id: str, start: dt.date, end: dt.date) -> int:
    """The period's minutes straight from the table, every ISO week it touches included."""
    first = start - dt.timedelta(days=start.weekday())
    last = end + dt.timedelta(days=6 - end.weekday())
    row = demo.store.query(
        "SELECT coalesce(sum(minutes), 0) AS m FROM hours WHERE family_id = ? AND deleted = 0"
        " AND date BETWEEN ? AND ?",
        (family_id, first.isoformat(), last.isoformat()),
    )
    return int(row[0]["m"])


def test_two_years_of_progress(demo: Demo) -> None:
    family_id = _family(demo)
    notes = demo.services.notes.list_notes(family_id)
    chosen, left_out = notes[0], notes[1]
    report = reports.progress_report(
        demo.services,
        family_id,
        start=START,
        end=TODAY,
        text="Het gezin heeft de schulden in beeld.\nDe kinderen gaan weer naar school.",
        note_ids=[chosen.id],
    )
    assert report.kind == "progress" and report.client == family_id
    texts = pages(report.pdf)
    whole = flat(" ".join(texts))
    family = demo.services.families.get_family(family_id)
    assert f"Voortgangsrapportage – {family.name}" in whole
    assert "24 november 2024 tot en met 24 november 2026" in whole
    assert "Het gezin heeft de schulden in beeld." in whole
    minutes = _minutes(demo, family_id, START, TODAY)
    assert minutes > 0
    assert f"In totaal {minutes // 60}:{minutes % 60:02d} uur" in whole
    for trend in demo.services.indicators.domain_trends(family_id):
        assert domain_name(trend.domain, "nl") in whole
    goals = [g for g in demo.services.plan.list_goals(family_id) if g.status != "vervallen"]
    reached = sum(g.status == "behaald" for g in goals)
    assert f"{reached} van de {len(goals)} doelen zijn behaald." in whole
    for goal in goals:
        assert goal.text in whole
    done = [
        a
        for a in demo.services.plan.list_agreements(family_id)
        if a.done and a.done_date and START <= a.done_date <= TODAY
    ]
    overdue = demo.services.plan.overdue_agreements(family_id, on=TODAY)
    for agreement in [*done, *overdue]:
        assert agreement.text in whole
    assert chosen.title in whole
    assert demo.services.notes.latest_revision(chosen.id).body.splitlines()[0] in whole
    assert left_out.title not in whole  # notes only when the caseworker picked them
    for number, page in enumerate(texts, start=1):
        assert f"pagina {number} van {len(texts)}" in page and "Vertrouwelijk" in page


def test_an_empty_period_prints_no_data_lines(demo: Demo) -> None:
    start = dt.date(2019, 1, 1)
    report = reports.progress_report(
        demo.services, _family(demo), start=start, end=dt.date(2019, 3, 31)
    )
    whole = flat(" ".join(pages(report.pdf)))
    assert "Er is geen toelichting geschreven." in whole
    assert "Er zijn in deze periode geen metingen gedaan." in whole
    assert "In deze periode zijn geen uren geschreven." in whole
    assert "In deze periode waren geen andere hulpverleners betrokken." in whole
    assert "Geen afspraken afgerond." in whole


def test_english_progress_report(demo: Demo) -> None:
    family_id = _family(demo)
    report = reports.progress_report(
        demo.services, family_id, start=START, end=TODAY, language="en"
    )
    whole = flat(" ".join(pages(report.pdf)))
    assert "Progress report" in whole and "Life domains" in whole
    assert "Intensity: hours a week" in whole and "page 1 of" in whole
    assert "Voortgangsrapportage" not in whole and "Leefgebieden" not in whole
    minutes = _minutes(demo, family_id, START, TODAY)
    assert f"In total {minutes // 60}:{minutes % 60:02d} hours" in whole


def test_a_period_that_ends_before_it_starts_is_refused(demo: Demo) -> None:
    with pytest.raises(ValidationError, match="einde van de periode"):
        reports.progress_report(demo.services, _family(demo), start=TODAY, end=START)


def test_a_note_of_another_family_is_refused(demo: Demo) -> None:
    other = demo.services.families.list_families(search="Claassen")[0].id
    note = demo.services.notes.list_notes(other)[0]
    with pytest.raises(ValidationError, match="hoort niet bij dit gezin"):
        reports.progress_report(
            demo.services, _family(demo), start=START, end=TODAY, note_ids=[note.id]
        )
