from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regiedesk.clock import HybridLogicalClock, Stamp
from regiedesk.errors import ClockDrift

wall_times = st.lists(st.integers(min_value=1_000, max_value=10_000), min_size=1, max_size=60)


def scripted(times: list[int]) -> object:
    it = iter(times)
    last = [times[0]]

    def now() -> int:
        last[0] = next(it, last[0])
        return last[0]

    return now


@given(wall_times)
def test_ticks_strictly_increase_even_when_the_wall_clock_goes_back(times: list[int]) -> None:
    clock = HybridLogicalClock("a", now_ms=scripted(times))  # type: ignore[arg-type]
    stamps = [clock.tick() for _ in times]
    assert all(x < y for x, y in itertools.pairwise(stamps))
    assert all(s.wall_ms >= t for s, t in zip(stamps, times, strict=True))


@given(
    st.lists(
        st.tuples(st.booleans(), st.integers(0, 5_000), st.integers(0, 50)),
        min_size=1,
        max_size=80,
    )
)
def test_receive_is_after_both_the_local_and_the_remote_stamp(
    events: list[tuple[bool, int, int]],
) -> None:
    wall = [10_000]
    clock = HybridLogicalClock("a", now_ms=lambda: wall[0], max_drift_ms=10**9)
    previous = clock.tick()
    for is_receive, offset, counter in events:
        wall[0] += offset % 7  # time moves forward slowly, sometimes not at all
        if is_receive:
            remote = Stamp(wall[0] + offset - 2_500, counter, "b")
            stamp = clock.receive(remote)
            assert stamp > remote
        else:
            stamp = clock.tick()
        assert stamp > previous
        previous = stamp


@given(st.integers(0, 2**47), st.integers(0, 0xFFFF), st.integers(0, 2**47), st.integers(0, 0xFFFF))
def test_encoding_sorts_like_the_stamps(w1: int, c1: int, w2: int, c2: int) -> None:
    a, b = Stamp(w1, c1, "dev1"), Stamp(w2, c2, "dev1")
    assert (a < b) == (a.encode() < b.encode())
    assert Stamp.decode(a.encode()) == a


def test_counter_overflow_borrows_a_millisecond() -> None:
    clock = HybridLogicalClock("a", now_ms=lambda: 5)
    stamps = [clock.tick() for _ in range(0x10001 + 2)]
    assert stamps[-1].wall_ms == 6
    assert all(x < y for x, y in itertools.pairwise(stamps))


def test_a_stamp_far_ahead_is_refused_with_both_times() -> None:
    clock = HybridLogicalClock("a", now_ms=lambda: 1_700_000_000_000, max_drift_ms=60_000)
    with pytest.raises(ClockDrift) as err:
        clock.receive(Stamp(1_700_000_000_000 + 3_600_000, 0, "b"))
    assert "klok" in err.value.nl and "clock" in err.value.en
    assert err.value.remote_ms - err.value.local_ms == 3_600_000


def test_restart_continues_after_the_persisted_stamp() -> None:
    first = HybridLogicalClock("a", now_ms=lambda: 1_000)
    for _ in range(3):
        last = first.tick()
    again = HybridLogicalClock("a", last=last, now_ms=lambda: 900)  # clock set back meanwhile
    assert again.tick() > last
