from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regiedesk.errors import ValidationError
from regiedesk.services.families import FamilyService
from regiedesk.services.hours import HoursService
from regiedesk.store import Store

from .conftest import TODAY


@pytest.fixture
def hours(store: Store) -> HoursService:
    return HoursService(store, today=lambda: TODAY)


def count(store: Store, table: str) -> int:
    return int(store.query(f"SELECT count(*) AS n FROM {table}")[0]["n"])


def test_add_edit_delete_and_totals(hours: HoursService, family_id: str) -> None:
    a = hours.add(family_id, date=dt.date(2026, 11, 23), minutes=90, activity="huisbezoek")
    hours.add(family_id, date=dt.date(2026, 11, 24), minutes=30, activity="reistijd")
    c = hours.add(
        family_id, date=dt.date(2026, 11, 2), minutes=45, activity="huisbezoek", domain="financien"
    )
    assert hours.totals_by_week(family_id) == {(2026, 45): 45, (2026, 48): 90 + 30}
    assert hours.totals_by_month(family_id) == {(2026, 11): 165}
    assert hours.totals_by_activity(family_id) == {"huisbezoek": 135, "reistijd": 30}
    hours.update(a.id, minutes=60)
    hours.delete(c.id)
    assert [e.minutes for e in hours.entries(family_id)] == [60, 30]
    assert hours.entries(family_id, start=dt.date(2026, 11, 24)) == [hours.entries(family_id)[1]]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"minutes": 0}, "minuten"),
        ({"minutes": -5}, "minuten"),
        ({"minutes": 1441}, "minuten"),
        ({"minutes": 1.5}, "minuten"),
        ({"date": dt.date(2026, 11, 25)}, "datum"),
        ({"activity": "koffie"}, "activiteit"),
        ({"domain": "astrologie"}, "leefgebied"),
        ({"goal_id": "01900000-0000-7000-8000-000000000000"}, "doel"),
    ],
)
def test_invalid_entries_raise_and_write_nothing(
    hours: HoursService, store: Store, family_id: str, kwargs: dict[str, object], field: str
) -> None:
    args: dict[str, object] = {"date": TODAY, "minutes": 60, "activity": "huisbezoek"}
    args.update(kwargs)
    before = (count(store, "outbox"), count(store, "hours"), count(store, "audit_log"))
    with pytest.raises(ValidationError) as err:
        hours.add(family_id, **args)  # type: ignore[arg-type]
    assert err.value.field == field
    assert (count(store, "outbox"), count(store, "hours"), count(store, "audit_log")) == before


def test_a_day_holds_at_most_24_hours_over_all_families(
    hours: HoursService, store: Store, family_id: str
) -> None:
    other = FamilyService(store, today=lambda: TODAY).create(name="Gezin Twee").id
    first = hours.add(family_id, date=TODAY, minutes=1000, activity="crisisinterventie")
    hours.add(other, date=TODAY, minutes=440, activity="huisbezoek")
    with pytest.raises(ValidationError, match="24"):
        hours.add(other, date=TODAY, minutes=1, activity="reistijd")
    # editing an entry does not count its own old minutes twice
    assert hours.update(first.id, minutes=1000).minutes == 1000


def test_goal_must_belong_to_the_same_family(
    hours: HoursService, store: Store, family_id: str
) -> None:
    other = FamilyService(store, today=lambda: TODAY).create(name="Gezin Twee").id
    with store.transaction(event="create", client=other) as tx:
        goal = tx.insert(
            "goals", {"family_id": other, "domain": "financien", "text": "x", "status": "open"}
        )
    with pytest.raises(ValidationError):
        hours.add(family_id, date=TODAY, minutes=10, activity="reistijd", goal_id=goal)
    assert hours.add(other, date=TODAY, minutes=10, activity="reistijd", goal_id=goal).goal_id


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.integers(0, 900), st.integers(1, 240)),
        min_size=1,
        max_size=25,
    )
)
def test_week_totals_add_up_to_the_entries(
    hours: HoursService, store: Store, entries: list[tuple[int, int]]
) -> None:
    fam = FamilyService(store, today=lambda: TODAY).create(name="Gezin Som").id
    for days_back, minutes in entries:
        day = TODAY - dt.timedelta(days=days_back)
        if hours.minutes_on(day) + minutes <= 1440:
            hours.add(fam, date=day, minutes=minutes, activity="huisbezoek")
    expected: dict[tuple[int, int], int] = {}
    for e in hours.entries(fam):
        key = e.date.isocalendar()[:2]
        expected[key] = expected.get(key, 0) + e.minutes
    weeks = hours.totals_by_week(fam)
    assert weeks == expected
    assert sum(weeks.values()) == sum(hours.totals_by_month(fam).values())
