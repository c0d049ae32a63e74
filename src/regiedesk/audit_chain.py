"""The hash chain of an audit trail, shared by the laptop (its own events) and the server
(every device's events, chained again in the order received).

Each event carries the hash of the one before (``prev_hash``) and its own hash over its
fields and that link, so an event changed afterwards no longer matches its hash, and one
removed or moved breaks the link of the next. Plain hashing, no keys: it proves the order
and content of the events, not who wrote them (that is what the server's own chain over
what it received is for). No SQLCipher or server parts here: both sides import it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

GENESIS = "0" * 64  # the link of a chain's first event

# the fields an event's hash covers, in this order (NEN 7513: type, time, client, user,
# responsible user, device, objects; with the event's id)
EVENT_FIELDS: tuple[str, ...] = (
    "id", "event", "at", "client", "user", "responsible_user", "device", "objects",
)  # fmt: skip


# one encoder for every event: json.dumps with these options builds a new one per call,
# half the cost of hashing an event
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def link_hash(prev_hash: str, values: Sequence[Any]) -> str:
    """The hash of one event: its values after the previous event's hash, as compact JSON
    (UTF-8, not ASCII-escaped)."""
    return hashlib.sha256(_ENCODE([prev_hash, *values]).encode("utf-8")).hexdigest()


def event_hash(prev_hash: str, event: Mapping[str, Any]) -> str:
    return link_hash(prev_hash, [event[name] for name in EVENT_FIELDS])


BreakKind = Literal["changed", "removed_or_reordered"]


@dataclass(frozen=True)
class ChainBreak:
    """Where a chain stops holding: the position (0-based) and seq of the first bad event."""

    position: int
    seq: Any
    kind: BreakKind


@dataclass(frozen=True)
class ChainReport:
    events: int
    first_break: ChainBreak | None
    last_hash: str

    @property
    def ok(self) -> bool:
        return self.first_break is None


def verify_chain(
    events: Iterable[Mapping[str, Any]],
    *,
    fields: tuple[str, ...] = EVENT_FIELDS,
    prev_key: str = "prev_hash",
    hash_key: str = "hash",
    seq_key: str = "seq",
    start: str = GENESIS,
) -> ChainReport:
    """Walk the events in their stored order; the first that does not hold is reported."""
    expected = start
    count = 0
    for count, event in enumerate(events, start=1):
        if event[prev_key] != expected:
            where = ChainBreak(count - 1, event[seq_key], "removed_or_reordered")
            return ChainReport(count, where, expected)
        actual = link_hash(expected, [event[name] for name in fields])
        if actual != event[hash_key]:
            return ChainReport(count, ChainBreak(count - 1, event[seq_key], "changed"), expected)
        expected = actual
    return ChainReport(count, None, expected)
