from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regiedesk.errors import NotFound, ValidationError
from regiedesk.services.families import FamilyService
from regiedesk.services.hours import DAY_MINUTES, HoursService
from regiedesk.store import Store

from .conftest import TODAY


@pytest.fixture
def hours(store: Store) -> HoursService:
    return HoursService(store, today=lambda: TODAY)


def count(store: Store, table: str) -> int:
    return int(store.query(f"SELECT count(*) AS n FROM {table}")[0]["n"])


def test_add_edit_delete_and_totals(hours: HoursService, family_id: str) -> None:
    a = hours.add_entry(family_id, date=dt.date(2026, 11, 23), minutes=90, activity="huisbezoek")
    hours.add_entry(family_id, date=dt.date(2026, 11, 24), minutes=30, activity="reistijd")
    c = hours.add_entry(
        family_id, date=dt.date(2026, 11, 2), minutes=45, activity="huisbezoek", domain="financien"
    )
    assert (c.caseworker, c.domain, c.date) == ("regisseur.anna", "financien", dt.date(2026, 11, 2))
    assert [a, c] == [hours.get_entry(a.id), hours.get_entry(c.id)]
    assert hours.totals_by_week(family_id) == {(2026, 45): 45, (2026, 48): 90 + 30}
    assert hours.totals_by_month(family_id) == {(2026, 11): 165}
    assert hours.totals_by_activity(family_id) == {"huisbezoek": 135, "reistijd": 30}
    hours.update_entry(a.id, minutes=60)
    hours.remove_entry(c.id)
    assert [e.minutes for e in hours.list_entries(family_id)] == [60, 30]
    assert hours.list_entries(family_id, start=dt.date(2026, 11, 24)) == [
        hours.list_entries(family_id)[1]
    ]


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
        hours.add_entry(family_id, **args)  # type: ignore[arg-type]
    assert err.value.field == field
    assert (count(store, "outbox"), count(store, "hours"), count(store, "audit_log")) == before


def test_a_day_holds_at_most_24_hours_over_all_families(
    hours: HoursService, store: Store, family_id: str
) -> None:
    other = FamilyService(store, today=lambda: TODAY).add_family(name="Gezin Twee").id
    first = hours.add_entry(family_id, date=TODAY, minutes=1000, activity="crisisinterventie")
    hours.add_entry(other, date=TODAY, minutes=440, activity="huisbezoek")
    with pytest.raises(ValidationError, match="24"):
        hours.add_entry(other, date=TODAY, minutes=1, activity="reistijd")
    # editing an entry does not count its own old minutes twice
    assert hours.update_entry(first.id, minutes=1000).minutes == 1000


def test_goal_must_belong_to_the_same_family(
    hours: HoursService, store: Store, family_id: str
) -> None:
    other = FamilyService(store, today=lambda: TODAY).add_family(name="Gezin Twee").id
    with store.transaction(event="create", client=other) as tx:
        goal = tx.insert(
            "goals", {"family_id": other, "domain": "financien", "text": "x", "status": "open"}
        )
    with pytest.raises(ValidationError):
        hours.add_entry(family_id, date=TODAY, minutes=10, activity="reistijd", goal_id=goal)
    added = hours.add_entry(
        other, date=TODAY, minutes=10, activity="reistijd", domain="financien", goal_id=goal
    )
    assert added.goal_id == goal
    assert added == hours.get_entry(added.id)  # what add_entry returns is what was stored


def goal_of(store: Store, family: str) -> str:
    with store.transaction(event="create", client=family) as tx:
        return tx.insert(
            "goals", {"family_id": family, "domain": "financien", "text": "x", "status": "open"}
        )


def test_update_keeps_what_is_not_given_and_none_clears(
    hours: HoursService, store: Store, family_id: str
) -> None:
    goal = goal_of(store, family_id)
    e = hours.add_entry(
        family_id,
        date=TODAY,
        minutes=30,
        activity="huisbezoek",
        domain="financien",
        goal_id=goal,
    )
    kept = hours.update_entry(e.id, minutes=45)
    assert (kept.minutes, kept.domain, kept.goal_id, kept.activity) == (
        45,
        "financien",
        goal,
        "huisbezoek",
    )
    moved = hours.update_entry(
        e.id, date=dt.date(2026, 11, 1), activity="reistijd", domain="justitie"
    )
    assert (moved.date, moved.activity, moved.domain) == (
        dt.date(2026, 11, 1),
        "reistijd",
        "justitie",
    )
    cleared = hours.update_entry(e.id, domain=None, goal_id=None)
    assert (cleared.domain, cleared.goal_id, cleared.minutes) == (None, None, 45)
    # an update is one change of the same record, not a new record
    assert [x.id for x in hours.list_entries(family_id)] == [e.id]


def test_invalid_update_writes_nothing(hours: HoursService, store: Store, family_id: str) -> None:
    e = hours.add_entry(family_id, date=TODAY, minutes=30, activity="huisbezoek")
    before = (count(store, "outbox"), count(store, "audit_log"))
    for kwargs in ({"minutes": 0}, {"date": TODAY + dt.timedelta(days=1)}, {"domain": "x"}):
        with pytest.raises(ValidationError):
            hours.update_entry(e.id, **kwargs)  # type: ignore[arg-type]
    assert (count(store, "outbox"), count(store, "audit_log")) == before
    assert hours.get_entry(e.id) == e


def test_delete_is_a_tombstone_that_frees_the_day(
    hours: HoursService, store: Store, family_id: str
) -> None:
    e = hours.add_entry(family_id, date=TODAY, minutes=1440, activity="crisisinterventie")
    with pytest.raises(ValidationError):
        hours.add_entry(family_id, date=TODAY, minutes=1, activity="reistijd")
    hours.remove_entry(e.id)
    row = store.query("SELECT deleted FROM hours WHERE id = ?", (e.id,))
    assert row == [{"deleted": 1}]
    assert hours.list_entries(family_id) == [] and hours.totals_by_week(family_id) == {}
    assert hours.minutes_on(TODAY) == 0
    hours.add_entry(family_id, date=TODAY, minutes=1, activity="reistijd")
    with pytest.raises(NotFound):
        hours.update_entry(e.id, minutes=5)
    with pytest.raises(NotFound):
        hours.remove_entry(e.id)


def test_each_add_is_one_audited_transaction(
    hours: HoursService, store: Store, family_id: str
) -> None:
    before = (count(store, "outbox"), count(store, "audit_log"))
    e = hours.add_entry(family_id, date=TODAY, minutes=15, activity="telefonisch_contact")
    assert (count(store, "outbox"), count(store, "audit_log")) == (before[0] + 1, before[1] + 1)
    audit = store.query("SELECT * FROM audit_log ORDER BY rowid DESC LIMIT 1")[0]
    assert audit["client"] == family_id and e.id in audit["objects"]
    assert e.caseworker == "regisseur.anna"


def test_a_datetime_is_not_a_date(hours: HoursService, family_id: str) -> None:
    with pytest.raises(ValidationError) as err:
        hours.add_entry(
            family_id,
            date=dt.datetime(2026, 11, 24, 9, 0),
            minutes=10,
            activity="reistijd",
        )
    assert err.value.field == "datum"


def test_unknown_family_is_refused(hours: HoursService, store: Store) -> None:
    with pytest.raises(NotFound):
        hours.add_entry(
            "01900000-0000-7000-8000-000000000000", date=TODAY, minutes=5, activity="reistijd"
        )
    assert count(store, "hours") == 0


def test_minutes_on_counts_this_caseworker_over_all_families(
    hours: HoursService, store: Store, family_id: str
) -> None:
    other = FamilyService(store, today=lambda: TODAY).add_family(name="Gezin Twee").id
    hours.add_entry(family_id, date=TODAY, minutes=100, activity="huisbezoek")
    hours.add_entry(other, date=TODAY, minutes=20, activity="reistijd")
    hours.add_entry(other, date=TODAY - dt.timedelta(days=1), minutes=7, activity="reistijd")
    with store.transaction(event="create", client=other) as tx:  # a stand-in colleague's hours
        tx.insert(
            "hours",
            {
                "family_id": other,
                "date": TODAY.isoformat(),
                "minutes": 1400,
                "activity": "huisbezoek",
                "caseworker": "regisseur.bob",
            },
        )
    assert hours.minutes_on(TODAY) == 120
    assert (
        hours.add_entry(other, date=TODAY, minutes=1320, activity="administratie").minutes == 1320
    )


def test_the_day_check_reads_the_caseworkers_day_not_every_entry(
    hours: HoursService, store: Store, family_id: str
) -> None:
    start = TODAY - dt.timedelta(days=59)
    for i in range(60):
        hours.add_entry(
            family_id, date=start + dt.timedelta(days=i), minutes=30, activity="reistijd"
        )
    store.conn.execute("ANALYZE")
    plan = " ".join(
        str(row[-1])
        for row in store.conn.execute(
            f"EXPLAIN QUERY PLAN {DAY_MINUTES}", (TODAY.isoformat(), "regisseur.anna", None)
        )
    )
    assert "USING INDEX hours_caseworker_date" in plan, plan
    assert hours.minutes_on(TODAY) == 30


def test_an_insert_stores_its_stamps_and_outbox_entry(store: Store, family_id: str) -> None:
    given = {
        "minutes": 45,
        "caseworker": "regisseur.bob",
        "id": "0190f000-0000-7000-8000-000000000001",
        "date": TODAY.isoformat(),
        "family_id": family_id,
        "activity": "overleg",
        "deleted": 1,  # the store's own columns: set by the insert, whatever is given
        "updated_hlc": "x",
    }
    with store.transaction(event="create", client=family_id) as tx:
        assert tx.insert("hours", given) == given["id"]
    row = store.get("hours", given["id"])
    assert row["deleted"] == 0
    assert row["field_hlc"] == json.dumps({"*": row["updated_hlc"]})
    (entry,) = store.query("SELECT * FROM outbox WHERE record_id = ?", (given["id"],))
    assert (entry["hlc"], entry["op"], entry["family_id"]) == (
        row["updated_hlc"],
        "insert",
        family_id,
    )
    expected = {k: v for k, v in given.items() if k not in ("deleted", "updated_hlc")}
    assert entry["data"] == json.dumps(expected)  # the same keys, in the given order


def test_weeks_follow_iso_years_and_ranges_are_inclusive(
    hours: HoursService, family_id: str
) -> None:
    for day in (dt.date(2025, 12, 28), dt.date(2025, 12, 29), dt.date(2026, 1, 4)):
        hours.add_entry(family_id, date=day, minutes=10, activity="administratie")
    assert hours.totals_by_week(family_id) == {(2025, 52): 10, (2026, 1): 20}
    assert hours.totals_by_month(family_id) == {(2025, 12): 20, (2026, 1): 10}
    picked = hours.list_entries(family_id, start=dt.date(2025, 12, 29), end=dt.date(2026, 1, 4))
    assert [e.date for e in picked] == [dt.date(2025, 12, 29), dt.date(2026, 1, 4)]


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
    fam = FamilyService(store, today=lambda: TODAY).add_family(name="Gezin Som").id
    for days_back, minutes in entries:
        day = TODAY - dt.timedelta(days=days_back)
        if hours.minutes_on(day) + minutes <= 1440:
            hours.add_entry(fam, date=day, minutes=minutes, activity="huisbezoek")
    expected: dict[tuple[int, int], int] = {}
    for e in hours.list_entries(fam):
        key = e.date.isocalendar()[:2]
        expected[key] = expected.get(key, 0) + e.minutes
    weeks = hours.totals_by_week(fam)
    assert weeks == expected
    assert sum(weeks.values()) == sum(hours.totals_by_month(fam).values())


ACTIVITIES = ["huisbezoek", "reistijd", "netwerkoverleg", "administratie"]
operation = st.tuples(
    st.sampled_from(["add", "update", "delete"]),
    st.integers(0, 60),  # days back (or which entry to change)
    st.integers(1, 70),  # at most 20 x 70 minutes: never over a day's 24 hours
    st.sampled_from(ACTIVITIES),
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(operation, min_size=1, max_size=20))
def test_totals_match_a_model_after_adds_edits_and_deletes(
    hours: HoursService, store: Store, ops: list[tuple[str, int, int, str]]
) -> None:
    for left in store.query("SELECT id FROM hours WHERE deleted = 0"):  # the store is shared
        hours.remove_entry(left["id"])
    fam = FamilyService(store, today=lambda: TODAY).add_family(name="Gezin Model").id
    model: dict[str, tuple[dt.date, int, str]] = {}
    for op, days_back, minutes, activity in ops:
        day = TODAY - dt.timedelta(days=days_back)
        if op == "add" or not model:
            entry = hours.add_entry(fam, date=day, minutes=minutes, activity=activity)
            model[entry.id] = (day, minutes, activity)
        elif op == "update":
            target = sorted(model)[days_back % len(model)]
            hours.update_entry(target, date=day, minutes=minutes, activity=activity)
            model[target] = (day, minutes, activity)
        else:
            target = sorted(model)[days_back % len(model)]
            hours.remove_entry(target)
            del model[target]
    weeks: dict[tuple[int, int], int] = {}
    months: dict[tuple[int, int], int] = {}
    activities: dict[str, int] = {}
    for day, minutes, activity in model.values():
        weeks[day.isocalendar()[:2]] = weeks.get(day.isocalendar()[:2], 0) + minutes
        months[(day.year, day.month)] = months.get((day.year, day.month), 0) + minutes
        activities[activity] = activities.get(activity, 0) + minutes
    assert hours.totals_by_week(fam) == weeks
    assert hours.totals_by_month(fam) == months
    assert hours.totals_by_activity(fam) == activities
    assert sum(e.minutes for e in hours.list_entries(fam)) == sum(m for _, m, _ in model.values())
