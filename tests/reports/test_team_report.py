"""Teamrapportage from a constructed team overview (issue 10's cache will fill the same
input): per caseworker caseload, hours, intensity, closures, dropout, costs and tariffs."""

from __future__ import annotations

import dataclasses
import datetime as dt

from regiedesk import reports
from regiedesk.reports.inputs import CaseworkerFigures, TeamInput, WeekTotal
from regiedesk.reports.practice import practice_team

from .conftest import flat, pages

END = dt.date(2026, 11, 22)


def _team() -> TeamInput:
    people = (
        CaseworkerFigures(
            caseworker="Zoë Ünal",
            active=12,
            registered=2,
            closed_in_period=4,
            minutes_in_period=60 * 520 + 30,
            minutes_mean_4_weeks=600.0,
            without_contact=1,
            overdue_agreements=3,
            overdue_evaluations=1,
            dropouts_in_period=1,
            closures_goals_reached=3,
            families_by_intensity={"midden": 7, "zwaar": 5},
            tariff_cents=12_345_600,
            paid_at_start_cents=2_100_000,
            due_at_completion_cents=900_000,
        ),
        CaseworkerFigures(
            caseworker="Łukasz Koës",
            active=9,
            registered=0,
            closed_in_period=2,
            minutes_in_period=60 * 301,
            dropouts_in_period=1,
            families_by_intensity={"zeer_zwaar": 9},
            tariff_cents=9_000_000,
        ),
    )
    return TeamInput(
        teams=("Team Ĳmuiden",),
        start=END - dt.timedelta(days=7 * 52 - 1),
        end=END,
        caseworkers=people,
        figures_date=dt.datetime(2026, 11, 23, 7, 45, tzinfo=dt.UTC),
        closures_by_reason={"doelen_behaald": 3, "uitval": 2, "verhuisd": 1},
        intensity_names={"midden": "Midden", "zwaar": "Zwaar", "zeer_zwaar": "Zeer zwaar"},
        team_weeks=tuple(WeekTotal(END - dt.timedelta(days=7 * w + 6), 900) for w in range(52)),
        hourly_cost_cents=8_500,
    )


def test_the_team_report_per_caseworker() -> None:
    report = reports.render_team(_team(), letterhead=reports.Letterhead("Jeugdzorg Oost"))
    assert report.kind == "team" and report.client is None and report.families == ()
    texts = pages(report.pdf)
    whole = flat(" ".join(texts))
    assert "Teamrapportage – Team Ĳmuiden" in whole
    assert "Zoë Ünal" in whole and "Łukasz Koës" in whole
    assert "Actieve gezinnen 21" in whole and "Afgesloten in de periode 6" in whole
    assert "Uitval 2 (33%)" in whole  # of the period's closures
    assert "Uren in de periode 821:30" in whole
    assert "Midden 7, Zwaar 5" in whole and "Zeer zwaar 9" in whole
    assert "Doelen behaald 3 50%" in whole and "Verhuisd 1 17%" in whole
    assert "€ 213.456" in whole  # the team's tariffs, in whole euros
    cost = round((60 * 520 + 30) * 8_500 / 60)  # Zoë's hours at € 85 an hour
    assert f"€ {cost // 100:,}".replace(",", ".") in whole
    assert f"€ {round((12_345_600 - cost) / 100):,}".replace(",", ".") in whole
    assert "cijfers van 23-11-2026" in whole
    for number, page in enumerate(texts, start=1):
        assert f"pagina {number} van {len(texts)}" in page and "Vertrouwelijk" in page


def test_without_an_hourly_cost_the_cost_columns_are_left_out() -> None:
    team = dataclasses.replace(_team(), hourly_cost_cents=None)
    whole = flat(" ".join(pages(reports.render_team(team).pdf)))
    assert "Kosten uren" not in whole and "Tarieven" in whole


def test_a_team_without_figures_says_so_and_english() -> None:
    empty = dataclasses.replace(_team(), caseworkers=(), closures_by_reason={})
    whole = flat(" ".join(pages(reports.render_team(empty).pdf)))
    assert "Er zijn geen cijfers voor dit team in deze periode." in whole
    english = flat(" ".join(pages(reports.render_team(_team(), language="en").pdf)))
    assert "Team report" in english and "Caseload per caseworker" in english
    assert "Dropout 2 (33%)" in english and "€213,456" in english
    assert "Teamrapportage" not in english


def test_fifty_caseworkers_run_over_pages_with_their_headers() -> None:
    team = practice_team(caseworkers=50, end=END)
    texts = pages(reports.render_team(team).pdf)
    whole = flat(" ".join(texts))
    for person in team.caseworkers:
        assert person.caseworker in whole
    header = "Regisseur Actief Aangemeld Afgesloten Uitval"
    assert sum(header in flat(p) for p in texts) >= 2  # the caseload table split, header twice
