from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from regiedesk.errors import NotFound, ValidationError
from regiedesk.services.hours import HoursService
from regiedesk.services.timer import VisitTimerService
from regiedesk.store import Store, open_profile

from .conftest import PASSPHRASE, TODAY, FakeClock


def count(store: Store, table: str) -> int:
    return int(store.query(f"SELECT count(*) AS n FROM {table}")[0]["n"])


def service(store: Store, clock: FakeClock) -> VisitTimerService:
    return VisitTimerService(store, today=lambda: TODAY, now=clock)


def test_start_pause_resume_book(store: Store, clock: FakeClock, family_id: str) -> None:
    timers = service(store, clock)
    timer = timers.start(family_id, "huisbezoek")
    clock.advance(minutes=40)
    timers.pause(timer.id)
    clock.advance(minutes=30)  # a pause does not count
    timers.resume(timer.id)
    clock.advance(minutes=20, seconds=29)
    assert timers.get_timer(timer.id).elapsed_seconds(clock()) == 60 * 60 + 29
    entry = timers.book(timer.id, domain="huisvesting")
    assert (entry.minutes, entry.activity, entry.domain) == (60, "huisbezoek", "huisvesting")
    assert timers.get_timer(timer.id).hours_id == entry.id
    assert timers.current() is None
    assert [e.id for e in HoursService(store, today=lambda: TODAY).list_entries(family_id)] == [
        entry.id
    ]
    with pytest.raises(ValidationError):
        timers.book(timer.id)


def test_one_timer_at_a_time_and_state_rules(
    store: Store, clock: FakeClock, family_id: str
) -> None:
    timers = service(store, clock)
    timer = timers.start(family_id)
    with pytest.raises(ValidationError):
        timers.start(family_id)
    with pytest.raises(ValidationError):
        timers.resume(timer.id)
    timers.discard(timer.id)
    assert timers.current() is None
    assert timers.start(family_id).state == "running"


def test_the_activity_asked_at_booking(store: Store, clock: FakeClock, family_id: str) -> None:
    timers = service(store, clock)
    timer = timers.start(family_id)  # started as a home visit
    clock.advance(minutes=25)
    entry = timers.book(timer.id, activity="telefonisch_contact")
    assert (entry.minutes, entry.activity) == (25, "telefonisch_contact")
    other = timers.start(family_id)
    clock.advance(minutes=5)
    with pytest.raises(ValidationError):
        timers.book(other.id, activity="koffie")  # no such activity: nothing booked
    assert timers.current() is not None and timers.get_timer(other.id).hours_id is None


def test_a_short_visit_books_at_least_one_minute(
    store: Store, clock: FakeClock, family_id: str
) -> None:
    timers = service(store, clock)
    timer = timers.start(family_id)
    clock.advance(seconds=5)
    assert timers.book(timer.id).minutes == 1


def test_running_timer_survives_a_restart(
    store: Store, data_dir: Path, clock: FakeClock, family_id: str
) -> None:
    timer = service(store, clock).start(family_id, "netwerkoverleg")
    store.close()
    clock.advance(hours=1, minutes=15)
    reopened = open_profile(data_dir, PASSPHRASE)
    try:
        timers = service(reopened, clock)
        current = timers.current()
        assert current is not None and current.id == timer.id
        assert current.elapsed_seconds(clock()) == 75 * 60
        assert timers.book(current.id).minutes == 75
    finally:
        reopened.close()


def test_a_paused_timer_survives_a_restart_with_its_time_frozen(
    store: Store, data_dir: Path, clock: FakeClock, family_id: str
) -> None:
    timers = service(store, clock)
    timer = timers.start(family_id)
    clock.advance(minutes=25)
    timers.pause(timer.id)
    store.close()
    clock.advance(hours=3)
    reopened = open_profile(data_dir, PASSPHRASE)
    try:
        timers = service(reopened, clock)
        current = timers.current()
        assert current is not None and current.state == "paused"
        assert current.elapsed_seconds(clock()) == 25 * 60
        timers.resume(current.id)
        clock.advance(minutes=5)
        assert timers.get_timer(current.id).elapsed_seconds(clock()) == 30 * 60
    finally:
        reopened.close()


def test_instants_are_stored_as_iso_utc(store: Store, clock: FakeClock, family_id: str) -> None:
    timers = service(store, clock)
    timer = timers.start(family_id)
    row = store.query("SELECT started_at, segment_started_at FROM timers WHERE id = ?", (timer.id,))
    assert row == [
        {
            "started_at": "2026-11-24T09:00:00+00:00",
            "segment_started_at": "2026-11-24T09:00:00+00:00",
        }
    ]


@pytest.mark.parametrize(
    ("seconds", "minutes"), [(1, 1), (89, 1), (90, 2), (149, 2), (150, 3), (3599, 60)]
)
def test_booking_rounds_to_whole_minutes(
    store: Store, clock: FakeClock, family_id: str, seconds: int, minutes: int
) -> None:
    timers = service(store, clock)
    timer = timers.start(family_id)
    clock.advance(seconds=seconds)
    assert timers.book(timer.id).minutes == minutes


def test_stop_then_book_counts_only_until_the_stop(
    store: Store, clock: FakeClock, family_id: str
) -> None:
    timers = service(store, clock)
    timer = timers.start(family_id, "telefonisch_contact")
    clock.advance(minutes=12)
    stopped = timers.stop(timer.id)
    assert stopped.state == "stopped" and timers.current() is None
    assert stopped.stopped_at == clock()
    clock.advance(hours=2)
    assert timers.stop(timer.id) == stopped  # stopping again changes nothing
    entry = timers.book(timer.id)
    assert (entry.minutes, entry.activity) == (12, "telefonisch_contact")
    with pytest.raises(ValidationError):
        timers.pause(timer.id)


def test_booking_is_one_transaction_and_invalid_input_leaves_the_timer(
    store: Store, clock: FakeClock, family_id: str
) -> None:
    timers = service(store, clock)
    timer = timers.start(family_id)
    clock.advance(minutes=30)
    before = (count(store, "outbox"), count(store, "audit_log"), count(store, "hours"))
    with pytest.raises(ValidationError) as err:
        timers.book(timer.id, domain="astrologie")
    assert err.value.field == "leefgebied"
    assert (count(store, "outbox"), count(store, "audit_log"), count(store, "hours")) == before
    assert timers.get_timer(timer.id).state == "running"
    entry = timers.book(timer.id, domain="financien")
    # one audit event for the hours entry and the timer's stop + link together
    assert count(store, "audit_log") == before[1] + 1
    booked = timers.get_timer(timer.id)
    assert (booked.state, booked.hours_id, booked.accumulated_seconds) == (
        "stopped",
        entry.id,
        1800,
    )


def test_booking_over_the_days_24_hours_is_refused(
    store: Store, clock: FakeClock, family_id: str
) -> None:
    HoursService(store, today=lambda: TODAY).add_entry(
        family_id, date=TODAY, minutes=1430, activity="crisisinterventie"
    )
    timers = service(store, clock)
    timer = timers.start(family_id)
    clock.advance(minutes=11)
    with pytest.raises(ValidationError, match="24"):
        timers.book(timer.id)
    assert timers.current() is not None


def test_the_entry_date_is_the_local_date_of_the_start(
    store: Store, family_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        # 23:30 UTC on the 23rd is 00:30 on the 24th in Amsterdam; the visit runs past midnight
        clock = FakeClock(dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.UTC))
        timers = service(store, clock)
        timer = timers.start(family_id)
        clock.advance(hours=1)
        assert timers.book(timer.id).date == dt.date(2026, 11, 24)
        clock.advance(hours=20)  # 20:30 UTC on the 24th is 21:30 local: still the 24th
        late = timers.start(family_id)
        clock.advance(hours=2)  # ends after local midnight
        assert timers.book(late.id).date == dt.date(2026, 11, 24)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_timers_of_unknown_or_deleted_things(
    store: Store, clock: FakeClock, family_id: str
) -> None:
    timers = service(store, clock)
    with pytest.raises(NotFound):
        timers.start("01900000-0000-7000-8000-000000000000")
    with pytest.raises(ValidationError) as err:
        timers.start(family_id, "koffie")
    assert err.value.field == "activiteit"
    assert count(store, "timers") == 0
    timer = timers.start(family_id)
    timers.discard(timer.id)
    assert store.query("SELECT deleted FROM timers WHERE id = ?", (timer.id,)) == [{"deleted": 1}]
    with pytest.raises(NotFound):
        timers.book(timer.id)
