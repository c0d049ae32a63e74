"""A hybrid logical clock (Kulkarni et al.): wall-clock milliseconds, a counter and a node id.

Stamps order concurrent edits across devices; they are never a sync cursor.
The encoded form sorts the same way as the stamps themselves: 15 decimal digits of
wall-clock milliseconds, 4 lower-case hex digits of counter, then the node (1 to 64
lower-case letters and digits), all ASCII, joined by ``-``. Nothing else is a stamp,
on the laptop or on the server, so comparing the text compares the stamps.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from .errors import ClockDrift

MAX_COUNTER = 0xFFFF
MAX_WALL_MS = 10**15 - 1
STAMP_PATTERN = "^[0-9]{15}-[0-9a-f]{4}-[0-9a-z]{1,64}$"
_STAMP = re.compile(STAMP_PATTERN)
_NODE = re.compile("[0-9a-z]{1,64}")


def is_stamp(text: object) -> bool:
    """Whether ``text`` is a stamp in the one strict form (see the module's docstring)."""
    return isinstance(text, str) and _STAMP.fullmatch(text) is not None


def stamp_wall_ms(text: str) -> int:
    """The wall-clock milliseconds of a stamp that passed ``is_stamp``."""
    return int(text[:15])


def wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


def utc_now() -> dt.datetime:
    """The current time, timezone-aware, in UTC: the one source of 'now' (tests pass their
    own to the services and the window)."""
    return dt.datetime.now(dt.UTC)


def utc_text(moment: dt.datetime | None = None) -> str:
    """A moment (default now) as rows, the outbox and the audit log store it."""
    return (moment or utc_now()).astimezone(dt.UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True, order=True, slots=True)
class Stamp:
    wall_ms: int
    counter: int
    node: str

    def encode(self) -> str:
        if not (0 <= self.wall_ms <= MAX_WALL_MS and 0 <= self.counter <= MAX_COUNTER):
            raise ValueError("a clock stamp out of range")
        return f"{self.wall_ms:015d}-{self.counter:04x}-{self.node}"

    @classmethod
    def decode(cls, text: str) -> Stamp:
        """The stamp of a text in the strict form; ValueError for anything else (the
        message leaves the text out: it may have come from anyone)."""
        if not is_stamp(text):
            raise ValueError("not a clock stamp")
        return cls(int(text[:15]), int(text[16:20], 16), text[21:])


class HybridLogicalClock:
    """Monotonic stamps even when the wall clock jumps back; survives restarts via ``last``."""

    def __init__(
        self,
        node: str,
        *,
        last: Stamp | None = None,
        now_ms: Callable[[], int] = wall_clock_ms,
        max_drift_ms: int = 5 * 60 * 1000,
    ) -> None:
        if node and not _NODE.fullmatch(node):  # none yet while a profile is being made
            raise ValueError("a node id is 1 to 64 lower-case letters and digits")
        self.node = node
        self._now = now_ms
        self._max_drift_ms = max_drift_ms
        self._wall = last.wall_ms if last else 0
        self._counter = last.counter if last else 0

    @property
    def last(self) -> Stamp:
        return Stamp(self._wall, self._counter, self.node)

    def _set(self, wall: int, counter: int) -> Stamp:
        if counter > MAX_COUNTER:  # borrow a millisecond rather than overflow
            wall, counter = wall + 1, 0
        self._wall, self._counter = wall, counter
        return self.last

    def tick(self) -> Stamp:
        """A stamp for a local event, greater than every stamp seen so far."""
        wall = max(self._wall, self._now())
        return self._set(wall, self._counter + 1 if wall == self._wall else 0)

    def tick_after(self, seen: Stamp) -> Stamp:
        """A stamp for a local edit of something stamped ``seen``: always later than it, even
        when this device's wall clock is behind (an edit must win over what it replaces)."""
        self.witness(seen)
        return self.tick()

    def horizon(self) -> Stamp:
        """The greatest stamp a sane clock could have issued by now."""
        return Stamp(self._now() + self._max_drift_ms, MAX_COUNTER, "~")

    def rewind(self, floor: Stamp | None = None) -> None:
        """Go back to the wall clock, but not below ``floor`` (the caller re-issues the
        device's own future stamps that have not left it yet, after ``floor``)."""
        self._wall, self._counter = self._now(), 0
        if floor is not None:
            self.witness(floor)

    def witness(self, seen: Stamp) -> None:
        """Catch up with a stamp without the drift check of ``receive``: one this device
        issued elsewhere (another connection to its store) or one a local edit builds on."""
        if (seen.wall_ms, seen.counter) > (self._wall, self._counter):
            self._wall, self._counter = seen.wall_ms, seen.counter

    def receive(self, remote: Stamp) -> Stamp:
        """Merge a stamp from another node; refuse one that is too far ahead of our wall clock."""
        now = self._now()
        if remote.wall_ms - now > self._max_drift_ms:
            raise ClockDrift(remote.wall_ms, now)
        old = self._wall
        wall = max(old, remote.wall_ms, now)
        if wall == old == remote.wall_ms:
            counter = max(self._counter, remote.counter) + 1
        elif wall == old:
            counter = self._counter + 1
        elif wall == remote.wall_ms:
            counter = remote.counter + 1
        else:
            counter = 0
        return self._set(wall, counter)
