from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regiedesk.domain.weeks import monday_of
from regiedesk.services.assessments import AssessmentService
from regiedesk.services.families import FamilyService
from regiedesk.services.hours import HoursService
from regiedesk.services.indicators import IndicatorService
from regiedesk.services.network import NetworkService
from regiedesk.services.plan import PlanService
from regiedesk.store import Store

from .conftest import TODAY

fixture_ok = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def indicators(store: Store) -> IndicatorService:
    return IndicatorService(store, today=lambda: TODAY)


def test_intensity_curve_fills_zero_weeks_across_the_year_end(
    store: Store, indicators: IndicatorService, family_id: str
) -> None:
    hours = HoursService(store, today=lambda: dt.date(2027, 2, 1))
    hours.add_entry(family_id, date=dt.date(2026, 12, 28), minutes=120, activity="huisbezoek")
    hours.add_entry(
        family_id, date=dt.date(2027, 1, 3), minutes=30, activity="reistijd"
    )  # same week
    hours.add_entry(family_id, date=dt.date(2027, 1, 18), minutes=60, activity="huisbezoek")
    curve = indicators.intensity_curve(family_id)
    assert [(w.year, w.week, w.minutes) for w in curve] == [
        (2026, 53, 150),
        (2027, 1, 0),
        (2027, 2, 0),
        (2027, 3, 60),
    ]
    assert indicators.intensity_curve(family_id, start=dt.date(2027, 1, 20), end=TODAY) == []
    assert indicators.intensity_curve("nobody") == []


@fixture_ok
@given(st.lists(st.tuples(st.integers(0, 400), st.integers(1, 300)), max_size=30))
def test_curve_matches_a_plain_recomputation(
    store: Store, indicators: IndicatorService, entries: list[tuple[int, int]]
) -> None:
    fam = FamilyService(store, today=lambda: TODAY).add_family(name="Gezin P").id
    hours = HoursService(store, today=lambda: TODAY)
    expected: dict[dt.date, int] = {}
    for back, minutes in entries:
        day = TODAY - dt.timedelta(days=back)
        if hours.minutes_on(day) + minutes > 1440:
            continue
        hours.add_entry(fam, date=day, minutes=minutes, activity="huisbezoek")
        expected[monday_of(day)] = expected.get(monday_of(day), 0) + minutes
    curve = indicators.intensity_curve(fam)
    assert sum(w.minutes for w in curve) == sum(expected.values())
    assert {w.monday: w.minutes for w in curve if w.minutes} == expected
    assert all(b.monday - a.monday == dt.timedelta(days=7) for a, b in itertools.pairwise(curve))
    assert all(w.monday.isocalendar()[:2] == (w.year, w.week) for w in curve)


@fixture_ok
@given(
    st.lists(
        st.tuples(st.integers(0, 300), st.one_of(st.none(), st.integers(0, 300))),
        max_size=15,
    )
)
def test_active_parties_match_a_plain_count(
    store: Store, indicators: IndicatorService, spans: list[tuple[int, int | None]]
) -> None:
    fam = FamilyService(store, today=lambda: TODAY).add_family(name="Gezin N").id
    network = NetworkService(store, today=lambda: TODAY)
    origin = dt.date(2025, 1, 6)
    made = []
    for start, length in spans:
        begin = origin + dt.timedelta(days=start)
        until = None if length is None else begin + dt.timedelta(days=length)
        network.add_party(
            fam, organisation="Org", role="rol", involved_from=begin, involved_until=until
        )
        made.append((begin, until))
    series = indicators.active_parties_over_time(fam, start=origin, end=dt.date(2026, 1, 5))
    for monday, count in series:
        assert count == sum(1 for a, b in made if a <= monday and (b is None or monday <= b))
        assert count == network.active_count(fam, monday)


def test_domain_trends_map_old_instrument(
    store: Store, indicators: IndicatorService, family_id: str
) -> None:
    mother = FamilyService(store, today=lambda: TODAY).add_member(family_id, name="M", role="ouder")
    assessments = AssessmentService(store, today=lambda: TODAY)
    assessments.add_assessment(
        family_id,
        instrument="zrm2010",
        moment="intake",
        date=dt.date(2025, 1, 1),
        member_id=mother.id,
        scores={"z10_verslaving": 1, "z10_huisvesting": 3, "z10_justitie": 4},
    )
    assessments.add_assessment(
        family_id,
        instrument="zrm2017",
        moment="eindmeting",
        date=dt.date(2026, 1, 1),
        member_id=mother.id,
        scores={"middelengebruik": 4, "huisvesting": 3, "justitie": 2},
    )
    trends = {t.domain: t for t in indicators.domain_trends(family_id)}
    assert trends["middelengebruik"].delta == 3
    assert trends["middelengebruik"].direction == "verbeterd"
    assert trends["huisvesting"].direction == "stabiel"
    assert trends["justitie"].direction == "verslechterd"
    assert trends["justitie"].first_date == dt.date(2025, 1, 1)


def test_goals_share_and_overdue(
    store: Store, indicators: IndicatorService, family_id: str
) -> None:
    plan = PlanService(store, today=lambda: TODAY)
    assert indicators.goals_reached_share(family_id) is None
    goals = [plan.add_goal(family_id, domain="financien", text=f"doel {i}") for i in range(4)]
    plan.update_goal(goals[0].id, status="behaald")
    plan.update_goal(goals[1].id, status="vervallen")
    assert indicators.goals_reached_share(family_id) == pytest.approx(1 / 3)
    plan.add_agreement(family_id, text="a", owner="gezin", due_date=TODAY - dt.timedelta(days=1))
    plan.add_agreement(family_id, text="b", owner="gezin", due_date=TODAY)
    assert indicators.overdue_agreements() == {family_id: 1}
    families = FamilyService(store, today=lambda: TODAY)
    families.update_family(family_id, evaluation_date=dt.date(2026, 11, 1))
    late = families.add_family(name="Gezin Laat", evaluation_date=dt.date(2026, 10, 1))
    assert indicators.overdue_evaluations() == [late.id, family_id]
    families.close_family(late.id, end_date=TODAY, reason="verhuisd")
    assert indicators.overdue_evaluations() == [family_id]


def test_caseload_rows(store: Store, indicators: IndicatorService, family_id: str) -> None:
    hours = HoursService(store, today=lambda: TODAY)
    hours.add_entry(family_id, date=TODAY, minutes=60, activity="huisbezoek")
    hours.add_entry(family_id, date=monday_of(TODAY), minutes=15, activity="reistijd")
    hours.add_entry(family_id, date=TODAY - dt.timedelta(days=7), minutes=99, activity="huisbezoek")
    NetworkService(store, today=lambda: TODAY).add_party(
        family_id, organisation="School", role="mentor", involved_from=TODAY
    )
    PlanService(store, today=lambda: TODAY).add_agreement(
        family_id, text="x", owner="regisseur", due_date=TODAY
    )
    FamilyService(store, today=lambda: TODAY).add_family(name="Aardig Gezin")
    rows = indicators.caseload()
    assert [r.name for r in rows] == ["Aardig Gezin", "Gezin Test"]
    row = rows[1]
    assert (row.minutes_this_week, row.last_visit, row.active_parties, row.agreements_due) == (
        75,
        TODAY,
        1,
        1,
    )
    assert rows[0].minutes_this_week == 0 and rows[0].last_visit is None
    assert [r.name for r in indicators.caseload(status="actief")] == ["Gezin Test"]


def test_domain_trends_follow_the_instrument_order(
    store: Store, indicators: IndicatorService, family_id: str
) -> None:
    from regiedesk.domain.instruments import load_instrument

    codes = load_instrument("zrm_huishoudens").domain_codes
    mother = FamilyService(store, today=lambda: TODAY).add_member(family_id, name="M", role="ouder")
    assessments = AssessmentService(store, today=lambda: TODAY)
    member_codes = load_instrument("zrm2017").domain_codes[:4]
    assessments.add_assessment(  # the member first, and every list backwards
        family_id,
        instrument="zrm2017",
        moment="intake",
        date=dt.date(2025, 1, 1),
        member_id=mother.id,
        scores={code: 2 for code in reversed(member_codes)},
    )
    assessments.add_assessment(
        family_id,
        instrument="zrm_huishoudens",
        moment="intake",
        date=dt.date(2025, 1, 1),
        scores={code: 3 for code in reversed(codes)},
    )
    trends = indicators.domain_trends(family_id)
    assert [(t.member_id, t.domain) for t in trends] == [
        *((None, code) for code in codes),
        *((mother.id, code) for code in member_codes),
    ]
