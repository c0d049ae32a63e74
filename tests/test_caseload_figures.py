"""The edges of the caseload figures: hours this week at ISO week boundaries, the last
home visit, active involved parties, agreements due, and families leaving the caseload.

Every expectation is recomputed in the test from plain Python (``isocalendar``,
``InvolvedParty.active_on``), never from the SQL under test.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regiedesk.domain.vocabulary import Activity
from regiedesk.services.families import FamilyService
from regiedesk.services.hours import HoursService
from regiedesk.services.indicators import CaseloadRow, IndicatorService
from regiedesk.services.network import NetworkService
from regiedesk.services.plan import PlanService
from regiedesk.store import Store
from regiedesk.sync.purge import purge_family

from .conftest import TODAY

fixture_ok = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

D = dt.date
# 2026 has 53 ISO weeks: 2026-W53 runs from Monday 28-12-2026 to Sunday 03-01-2027.
W53_MONDAY = D(2026, 12, 28)
W53_SUNDAY = D(2027, 1, 3)


def row_of(store: Store, family_id: str, today: dt.date) -> CaseloadRow:
    rows = [r for r in IndicatorService(store, today=lambda: today).caseload()]
    found = [r for r in rows if r.family_id == family_id]
    assert len(found) == 1, f"family {family_id} appears {len(found)} times"
    return found[0]


def ids(store: Store, today: dt.date = TODAY, status: str | None = None) -> list[str]:
    return [
        r.family_id for r in IndicatorService(store, today=lambda: today).caseload(status=status)
    ]


def new_family(store: Store, name: str = "Gezin Rand", status: str = "actief") -> str:
    return FamilyService(store, today=lambda: TODAY).add_family(name=name, status=status).id


def add_hours(
    store: Store, family_id: str, day: dt.date, minutes: int, activity: str = "huisbezoek"
) -> str:
    # the hours service refuses dates after its own 'today'; book as of the entry's day
    return (
        HoursService(store, today=lambda: day)
        .add_entry(family_id, date=day, minutes=minutes, activity=activity)
        .id
    )


def same_iso_week(a: dt.date, b: dt.date) -> bool:
    return a.isocalendar()[:2] == b.isocalendar()[:2]


# --- 1. hours this week ---------------------------------------------------------------

# entries around the 2026/2027 year end and the week-53 boundary, 7 distinct minute counts
# so every sum identifies exactly which entries were counted
BOUNDARY_ENTRIES = [
    (D(2026, 12, 20), 1),  # Sunday, 2026-W51
    (D(2026, 12, 21), 2),  # Monday, 2026-W52
    (D(2026, 12, 27), 4),  # Sunday, 2026-W52
    (D(2026, 12, 28), 8),  # Monday, 2026-W53
    (D(2026, 12, 31), 16),  # Thursday 31 December, 2026-W53
    (D(2027, 1, 1), 32),  # Friday 1 January, still 2026-W53
    (D(2027, 1, 3), 64),  # Sunday, 2026-W53
    (D(2027, 1, 4), 128),  # Monday, 2027-W01
    (D(2027, 1, 10), 256),  # Sunday, 2027-W01
]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 12, 21), 2 + 4),  # a Monday: the week starts today
        (D(2026, 12, 27), 2 + 4),  # a Sunday: the week ends today
        (W53_MONDAY, 8 + 16 + 32 + 64),  # Monday of week 53
        (D(2026, 12, 31), 8 + 16 + 32 + 64),  # 31 December
        (D(2027, 1, 1), 8 + 16 + 32 + 64),  # 1 January belongs to 2026-W53
        (W53_SUNDAY, 8 + 16 + 32 + 64),  # Sunday 3 January ends 2026-W53
        (D(2027, 1, 4), 128 + 256),  # Monday of 2027-W01
        (D(2027, 1, 10), 128 + 256),
    ],
)
def test_hours_this_week_at_iso_week_boundaries(
    store: Store, today: dt.date, expected: int
) -> None:
    fam = new_family(store)
    for day, minutes in BOUNDARY_ENTRIES:
        add_hours(store, fam, day, minutes, "reistijd")
    # the independent count agrees with the table above
    assert expected == sum(m for d, m in BOUNDARY_ENTRIES if same_iso_week(d, today))
    assert row_of(store, fam, today).minutes_this_week == expected


def test_hours_this_week_in_2020_w53(store: Store) -> None:
    """2020 also had 53 weeks: Thursday 31-12-2020 to Sunday 03-01-2021 are 2020-W53."""
    fam = new_family(store)
    entries = [(D(2020, 12, 27), 5), (D(2020, 12, 28), 7), (D(2021, 1, 3), 11), (D(2021, 1, 4), 13)]
    for day, minutes in entries:
        add_hours(store, fam, day, minutes)
    for today in (D(2020, 12, 31), D(2021, 1, 1), D(2021, 1, 3)):
        assert today.isocalendar()[:2] == (2020, 53)
        assert row_of(store, fam, today).minutes_this_week == 18


def test_a_deleted_or_moved_entry_leaves_this_week(store: Store) -> None:
    fam = new_family(store)
    today = D(2026, 12, 31)
    kept = add_hours(store, fam, D(2026, 12, 28), 30)
    gone = add_hours(store, fam, D(2026, 12, 29), 45)
    moved = add_hours(store, fam, D(2026, 12, 30), 50)
    assert row_of(store, fam, today).minutes_this_week == 125
    hours = HoursService(store, today=lambda: today)
    hours.remove_entry(gone)
    hours.update_entry(moved, date=D(2026, 12, 27))  # into the previous week (2026-W52)
    assert row_of(store, fam, today).minutes_this_week == 30
    hours.update_entry(kept, minutes=31)
    assert row_of(store, fam, today).minutes_this_week == 31


def test_hours_of_other_families_do_not_leak(store: Store) -> None:
    a, b = new_family(store, "Gezin A"), new_family(store, "Gezin B")
    add_hours(store, a, TODAY, 40)
    assert row_of(store, a, TODAY).minutes_this_week == 40
    assert row_of(store, b, TODAY).minutes_this_week == 0


@fixture_ok
@given(
    base=st.sampled_from([D(2026, 12, 31), D(2027, 1, 4), D(2020, 12, 31), D(2026, 3, 29)]),
    entries=st.lists(st.tuples(st.integers(-20, 20), st.integers(1, 90)), max_size=15),
    today_shift=st.integers(-10, 10),
)
def test_hours_this_week_match_isocalendar(
    store: Store, base: dt.date, entries: list[tuple[int, int]], today_shift: int
) -> None:
    fam = new_family(store, "Gezin Eigenschap")
    today = base + dt.timedelta(days=today_shift)
    hours = HoursService(store, today=lambda: base + dt.timedelta(days=30))
    expected = 0
    for shift, minutes in entries:
        day = base + dt.timedelta(days=shift)
        if hours.minutes_on(day) + minutes > 24 * 60:
            continue
        hours.add_entry(fam, date=day, minutes=minutes, activity="administratie")
        if day.isocalendar()[:2] == today.isocalendar()[:2]:
            expected += minutes
    assert row_of(store, fam, today).minutes_this_week == expected


# --- 2. last home visit ---------------------------------------------------------------


def test_only_a_home_visit_is_a_visit(store: Store) -> None:
    fam = new_family(store)
    visit = D(2026, 11, 10)
    add_hours(store, fam, visit, 60, "huisbezoek")
    for offset, activity in enumerate(a for a in Activity if a != Activity.HOME_VISIT):
        add_hours(store, fam, visit + dt.timedelta(days=1 + offset), 30, activity.value)
    row = row_of(store, fam, TODAY)
    assert row.last_visit == visit  # later phone calls, travel, crisis ... do not move it
    assert row.last_entry == visit + dt.timedelta(days=5)  # but they are the latest entry


def test_a_deleted_visit_falls_back_to_the_one_before(store: Store) -> None:
    fam = new_family(store)
    add_hours(store, fam, D(2026, 11, 1), 60)
    latest = add_hours(store, fam, D(2026, 11, 20), 60)
    assert row_of(store, fam, TODAY).last_visit == D(2026, 11, 20)
    HoursService(store, today=lambda: TODAY).remove_entry(latest)
    assert row_of(store, fam, TODAY).last_visit == D(2026, 11, 1)


def test_a_visit_rebooked_as_travel_no_longer_counts(store: Store) -> None:
    fam = new_family(store)
    entry = add_hours(store, fam, D(2026, 11, 20), 60)
    HoursService(store, today=lambda: TODAY).update_entry(entry, activity="reistijd")
    assert row_of(store, fam, TODAY).last_visit is None


def test_a_visit_after_today_does_not_count_but_today_does(store: Store) -> None:
    fam = new_family(store)
    add_hours(store, fam, D(2026, 11, 20), 60)
    add_hours(store, fam, TODAY, 30)
    add_hours(store, fam, TODAY + dt.timedelta(days=1), 30)  # booked on a later 'today'
    row = row_of(store, fam, TODAY)
    assert row.last_visit == TODAY
    assert row.last_entry == TODAY
    earlier = row_of(store, fam, TODAY - dt.timedelta(days=1))
    assert earlier.last_visit == D(2026, 11, 20)


def test_no_visit_at_all_is_none(store: Store) -> None:
    fam = new_family(store)
    add_hours(store, fam, TODAY, 30, "telefonisch_contact")
    row = row_of(store, fam, TODAY)
    assert row.last_visit is None and row.last_entry == TODAY


@fixture_ok
@given(
    st.lists(
        st.tuples(st.integers(-40, 5), st.sampled_from(list(Activity)), st.booleans()),
        max_size=12,
    )
)
def test_last_visit_matches_a_plain_recomputation(
    store: Store, entries: list[tuple[int, Activity, bool]]
) -> None:
    fam = new_family(store, "Gezin Bezoek")
    hours = HoursService(store, today=lambda: TODAY + dt.timedelta(days=10))
    visits: list[dt.date] = []
    anything: list[dt.date] = []
    for shift, activity, delete in entries:
        day = TODAY + dt.timedelta(days=shift)
        if hours.minutes_on(day) + 5 > 24 * 60:
            continue
        entry = hours.add_entry(fam, date=day, minutes=5, activity=activity.value)
        if delete:
            hours.remove_entry(entry.id)
            continue
        if day <= TODAY:
            anything.append(day)
            if activity == Activity.HOME_VISIT:
                visits.append(day)
    row = row_of(store, fam, TODAY)
    assert row.last_visit == max(visits, default=None)
    assert row.last_entry == max(anything, default=None)


# --- 3. active involved parties -------------------------------------------------------


def test_a_party_ending_today_still_counts_and_agrees_with_the_network(store: Store) -> None:
    fam = new_family(store)
    network = NetworkService(store, today=lambda: TODAY)
    yesterday, tomorrow = TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=1)
    start = D(2026, 1, 1)
    spans = {
        "ends today": (start, TODAY),  # involved_until == today: still involved
        "ended yesterday": (start, yesterday),
        "starts today": (TODAY, None),
        "starts tomorrow": (tomorrow, None),
        "one day, today": (TODAY, TODAY),
        "open": (start, None),
        "ends tomorrow": (start, tomorrow),
    }
    for organisation, (begin, until) in spans.items():
        network.add_party(
            fam, organisation=organisation, role="r", involved_from=begin, involved_until=until
        )
    active = {p.organisation for p in network.list_parties(fam, active_on=TODAY)}
    assert active == {"ends today", "starts today", "one day, today", "open", "ends tomorrow"}
    assert row_of(store, fam, TODAY).active_parties == 5 == network.active_count(fam)
    assert row_of(store, fam, tomorrow).active_parties == 4  # ends today/one day: gone
    assert NetworkService(store, today=lambda: tomorrow).active_count(fam) == 4


def test_removed_and_ended_parties(store: Store) -> None:
    fam = new_family(store)
    network = NetworkService(store, today=lambda: TODAY)
    p1 = network.add_party(fam, organisation="A", role="r", involved_from=D(2026, 1, 1))
    p2 = network.add_party(fam, organisation="B", role="r", involved_from=D(2026, 1, 1))
    network.add_party(fam, organisation="C", role="r", involved_from=D(2026, 1, 1))
    assert row_of(store, fam, TODAY).active_parties == 3
    network.remove_party(p1.id)
    network.end_involvement(p2.id, TODAY)
    assert row_of(store, fam, TODAY).active_parties == 2 == network.active_count(fam)
    network.end_involvement(p2.id, TODAY - dt.timedelta(days=1))
    assert row_of(store, fam, TODAY).active_parties == 1 == network.active_count(fam)


def test_the_caseload_agrees_with_the_curve_on_a_monday(store: Store) -> None:
    """The overview's 'active parties over time' and the caseload count agree on a Monday."""
    fam = new_family(store)
    monday = D(2026, 11, 23)
    network = NetworkService(store, today=lambda: TODAY)
    network.add_party(
        fam, organisation="A", role="r", involved_from=D(2026, 1, 1), involved_until=monday
    )
    network.add_party(fam, organisation="B", role="r", involved_from=monday)
    curve = IndicatorService(store, today=lambda: monday).active_parties_over_time(
        fam, start=monday, end=monday
    )
    assert curve == [(monday, 2)]
    assert row_of(store, fam, monday).active_parties == 2


@fixture_ok
@given(
    st.lists(
        st.tuples(st.integers(-30, 30), st.one_of(st.none(), st.integers(0, 30)), st.booleans()),
        max_size=10,
    ),
    st.integers(-5, 5),
)
def test_active_parties_match_active_count(
    store: Store, spans: list[tuple[int, int | None, bool]], today_shift: int
) -> None:
    fam = new_family(store, "Gezin Netwerk")
    network = NetworkService(store, today=lambda: TODAY)
    today = TODAY + dt.timedelta(days=today_shift)
    expected = 0
    for start, length, removed in spans:
        begin = TODAY + dt.timedelta(days=start)
        until = None if length is None else begin + dt.timedelta(days=length)
        party = network.add_party(
            fam, organisation="X", role="r", involved_from=begin, involved_until=until
        )
        if removed:
            network.remove_party(party.id)
        elif begin <= today and (until is None or today <= until):
            expected += 1
    assert row_of(store, fam, today).active_parties == expected
    assert NetworkService(store, today=lambda: today).active_count(fam) == expected


# --- 3b. agreements due ---------------------------------------------------------------


def test_agreements_due_edges(store: Store) -> None:
    fam = new_family(store)
    plan = PlanService(store, today=lambda: TODAY)

    def add(days: int | None, text: str) -> str:
        due = None if days is None else TODAY + dt.timedelta(days=days)
        return plan.add_agreement(fam, text=text, owner="gezin", due_date=due).id

    add(-30, "long overdue")
    add(-1, "overdue by a day")
    add(0, "due today")
    add(1, "due tomorrow")
    add(14, "due in 14 days")
    add(None, "no due date")
    done = add(-2, "done")
    plan.complete_agreement(done)
    removed = add(-3, "removed")
    plan.remove_agreement(removed)
    reopened = add(-4, "reopened")
    plan.complete_agreement(reopened)
    plan.reopen_agreement(reopened)

    row = row_of(store, fam, TODAY)
    # docstring: 'open, due today or earlier' and 'open, due before today'
    assert row.agreements_due == 4  # -30, -1, 0, reopened -4
    assert row.agreements_overdue == 3  # -30, -1, reopened -4
    assert row.agreements_overdue == len(plan.overdue_agreements(fam))
    assert IndicatorService(store, today=lambda: TODAY).overdue_agreements(fam) == {fam: 3}
    # fourteen days on, everything open with a date is due
    later = TODAY + dt.timedelta(days=14)
    assert row_of(store, fam, later).agreements_due == 6
    assert row_of(store, fam, later).agreements_overdue == 5


def test_agreements_of_a_closed_family_still_agree_with_the_plan(store: Store) -> None:
    fam = new_family(store)
    plan = PlanService(store, today=lambda: TODAY)
    plan.add_agreement(fam, text="x", owner="gezin", due_date=TODAY - dt.timedelta(days=3))
    FamilyService(store, today=lambda: TODAY).close_family(fam, end_date=TODAY, reason="verhuisd")
    row = row_of(store, fam, TODAY)
    assert row.status == "afgesloten"
    assert row.agreements_overdue == len(plan.overdue_agreements(fam)) == 1
    assert row.evaluation_overdue is False


@fixture_ok
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.integers(-20, 20)),
            st.sampled_from(["open", "done", "removed"]),
        ),
        max_size=12,
    )
)
def test_agreement_counts_match_a_plain_recount(
    store: Store, agreements: list[tuple[int | None, str]]
) -> None:
    fam = new_family(store, "Gezin Afspraak")
    plan = PlanService(store, today=lambda: TODAY)
    due = overdue = 0
    for days, state in agreements:
        day = None if days is None else TODAY + dt.timedelta(days=days)
        a = plan.add_agreement(fam, text="t", owner="regisseur", due_date=day)
        if state == "done":
            plan.complete_agreement(a.id)
        elif state == "removed":
            plan.remove_agreement(a.id)
        elif day is not None:
            due += day <= TODAY
            overdue += day < TODAY
    row = row_of(store, fam, TODAY)
    assert (row.agreements_due, row.agreements_overdue) == (due, overdue)


# --- 5. families leaving the caseload -------------------------------------------------


def test_a_deleted_family_is_gone_and_its_figures_with_it(store: Store) -> None:
    keep, gone = new_family(store, "Gezin Blijft"), new_family(store, "Gezin Weg")
    add_hours(store, gone, TODAY, 60)
    NetworkService(store, today=lambda: TODAY).add_party(
        gone, organisation="S", role="r", involved_from=TODAY
    )
    FamilyService(store, today=lambda: TODAY).remove_family(gone)
    assert ids(store) == [keep]
    assert IndicatorService(store, today=lambda: TODAY).active_parties_over_time(
        None, start=monday_of_today(), end=monday_of_today()
    ) == [(monday_of_today(), 0)]


def monday_of_today() -> dt.date:
    return TODAY - dt.timedelta(days=TODAY.weekday())


def test_a_purged_family_is_gone(store: Store) -> None:
    keep, handed = new_family(store, "Gezin Blijft"), new_family(store, "Gezin Over")
    add_hours(store, handed, TODAY, 60)
    PlanService(store, today=lambda: TODAY).add_agreement(
        handed, text="x", owner="gezin", due_date=TODAY
    )
    FamilyService(store, today=lambda: TODAY).assign_caseworker(handed, "bram")
    purge_family(store, handed)
    assert ids(store) == [keep]


def test_a_closed_family_stays_under_its_status(store: Store) -> None:
    active, closing = new_family(store, "Gezin Actief"), new_family(store, "Gezin Dicht")
    registered = new_family(store, "Gezin Nieuw", status="aangemeld")
    FamilyService(store, today=lambda: TODAY).close_family(closing, end_date=TODAY, reason="uitval")
    assert set(ids(store)) == {active, closing, registered}
    assert ids(store, status="afgesloten") == [closing]
    assert ids(store, status="actief") == [active]
    assert ids(store, status="aangemeld") == [registered]


def test_the_caseload_is_one_row_per_family_whatever_its_records(store: Store) -> None:
    """Joins must not multiply rows: many hours, parties and agreements, still one row."""
    fam = new_family(store)
    for day in range(5):
        add_hours(store, fam, TODAY - dt.timedelta(days=day), 10)
    network = NetworkService(store, today=lambda: TODAY)
    plan = PlanService(store, today=lambda: TODAY)
    for _ in range(3):
        network.add_party(fam, organisation="P", role="r", involved_from=D(2026, 1, 1))
        plan.add_agreement(fam, text="a", owner="gezin", due_date=TODAY)
    row = row_of(store, fam, TODAY)
    # TODAY is Tuesday 24-11-2026: Monday and Tuesday are this week
    assert row.minutes_this_week == 20
    assert (row.active_parties, row.agreements_due) == (3, 3)
