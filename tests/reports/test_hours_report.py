"""Urenverantwoording: totals per family, activity and domain, for finance."""

from __future__ import annotations

import datetime as dt

from regiedesk import reports
from regiedesk.domain.vocabulary import Activity

from ..conftest import TODAY
from .conftest import Demo, flat, pages

OCTOBER = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _per_family(demo: Demo, start: dt.date, end: dt.date) -> dict[str, int]:
    rows = demo.store.query(
        "SELECT f.name, sum(h.minutes) AS m FROM hours h JOIN families f ON f.id = h.family_id"
        " WHERE h.deleted = 0 AND f.deleted = 0 AND h.date BETWEEN ? AND ?"
        " AND h.caseworker = 'oefenregisseur' GROUP BY f.name",
        (start.isoformat(), end.isoformat()),
    )
    return {r["name"]: int(r["m"]) for r in rows}


def test_a_month_per_family_activity_and_total(demo: Demo) -> None:
    start, end = OCTOBER
    report = reports.hours_report(demo.services, start=start, end=end, caseworker="oefenregisseur")
    expected = _per_family(demo, start, end)
    assert expected
    assert (
        report.kind == "hours" and report.client is None and len(report.families) == len(expected)
    )
    texts = pages(report.pdf)
    whole = flat(" ".join(texts))
    total = sum(expected.values())
    assert f"In totaal {_hhmm(total)} uur" in whole
    assert f"Totaal {_hhmm(total)}" in whole
    for name, minutes in expected.items():
        assert f"{name} " in whole and _hhmm(minutes) in whole
    family = demo.services.families.list_families(search="Achterberg")[0]
    assert family.support_profile and family.support_profile in whole
    entries = demo.services.hours.list_entries(family.id, start=start, end=end)
    for activity in {e.activity for e in entries}:
        assert Activity(activity).label("nl") in whole
    for entry in entries:
        assert f"{entry.date:%d-%m-%Y}" in whole
    for number, page in enumerate(texts, start=1):
        assert f"pagina {number} van {len(texts)}" in page


def test_a_long_entries_table_repeats_its_header_on_every_page(demo: Demo) -> None:
    family = demo.services.families.list_families(search="Achterberg")[0]
    report = reports.hours_report(
        demo.services, start=TODAY - dt.timedelta(days=730), end=TODAY, family_ids=[family.id]
    )
    assert report.client == family.id
    texts = pages(report.pdf)
    entries = demo.services.hours.list_entries(family.id, start=TODAY - dt.timedelta(days=730))
    assert len(entries) > 200 and len(texts) > 4
    # the entries table runs from the page it starts on to the end: each page has its header
    first = next(i for i, p in enumerate(texts) if "Alle registraties" in p)
    assert len(texts) - first >= 3
    for page in texts[first:]:
        assert "Datum Activiteit Leefgebied Doel Uren" in flat(page)
    whole = flat(" ".join(texts))
    minutes = sum(e.minutes for e in entries)
    assert f"Totaal {_hhmm(minutes)}" in whole


def test_an_empty_period_and_english(demo: Demo) -> None:
    report = reports.hours_report(
        demo.services, start=dt.date(2019, 1, 1), end=dt.date(2019, 1, 31)
    )
    assert "In deze periode zijn geen uren geschreven." in flat(" ".join(pages(report.pdf)))
    start, end = OCTOBER
    english = flat(
        " ".join(
            pages(reports.hours_report(demo.services, start=start, end=end, language="en").pdf)
        )
    )
    assert "Hours statement" in english and "Per family" in english and "Home visit" in english
    assert "Urenverantwoording" not in english and "Huisbezoek" not in english
