from __future__ import annotations

from pathlib import Path

import pytest

from regiedesk.errors import ValidationError
from regiedesk.services.hours import HoursService
from regiedesk.services.timer import VisitTimerService
from regiedesk.store import Store, open_profile

from .conftest import PASSPHRASE, TODAY, FakeClock


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
    assert timers.get(timer.id).elapsed_seconds(clock()) == 60 * 60 + 29
    entry = timers.book(timer.id, domain="huisvesting")
    assert (entry.minutes, entry.activity, entry.domain) == (60, "huisbezoek", "huisvesting")
    assert timers.get(timer.id).hours_id == entry.id
    assert timers.current() is None
    assert [e.id for e in HoursService(store, today=lambda: TODAY).entries(family_id)] == [entry.id]
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
