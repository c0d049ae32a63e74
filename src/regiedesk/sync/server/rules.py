"""What a push must satisfy: a device clock not running ahead, and per mutation a clock
stamp in the strict form, fields the entity's rules allow (``sync.rules``, the laptop's
rules too) and a family the caller may write to at the time the server can vouch for."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet

from fastapi import Request

from ...clock import is_stamp, stamp_wall_ms, wall_clock_ms
from .. import protocol as p
from ..member_destruction import REFERENCES
from ..rules import check_change
from . import queries
from .bodies import MutationIn
from .db import Transaction
from .destruction import is_destroyed
from .identity import Caller, error
from .scope import may_push

_CLOCK_MS = re.compile("[0-9]{1,15}")  # ASCII digits only: int() also takes "١٢٣" and " 12_3 "


def check_clock(request: Request, stamps: list[str] | None = None) -> None:
    """Refuse a device clock that runs ahead, and stamps made while it ran ahead: they
    would beat everyone's newer edits until the real time caught up with them. A stamp
    outside the strict form is refused with its mutation (``refusal``), not here."""
    raw = request.headers.get(p.CLOCK_HEADER)
    if raw is not None and not _CLOCK_MS.fullmatch(raw):
        raise error(400, p.ErrorCode.BAD_HEADER, f"{p.CLOCK_HEADER} is not milliseconds")
    server_ms = wall_clock_ms()
    newest = max((stamp_wall_ms(s) for s in stamps or [] if is_stamp(s)), default=0)
    if (raw is None or int(raw) - server_ms <= p.MAX_CLOCK_AHEAD_MS) and (
        newest - server_ms > p.MAX_CLOCK_AHEAD_MS
    ):
        raise error(409, p.ErrorCode.STAMPS_AHEAD, "changes are stamped in the future")
    if raw is None:
        return
    device_ms = int(raw)
    if device_ms - server_ms > p.MAX_CLOCK_AHEAD_MS:
        raise error(
            409,
            p.ErrorCode.CLOCK_AHEAD,
            "the device clock is too far ahead of the server",
            device_time=dt.datetime.fromtimestamp(device_ms / 1000, dt.UTC).isoformat(),
            server_time=dt.datetime.fromtimestamp(server_ms / 1000, dt.UTC).isoformat(),
        )


def refusal(
    tx: Transaction,
    m: MutationIn,
    who: Caller,
    scope: set[str],
    received: dt.datetime,
    homes: Mapping[tuple[str, str], str],
    gone: AbstractSet[str] = frozenset(),
) -> p.Reason | None:
    """Why the server refuses this mutation, or None when it is accepted. ``homes``: the
    family of each record the server holds (from ``record_state``); ``gone``: the
    ids among the push's records and references destroyed with a member (``named``)."""
    if not is_stamp(m.hlc):
        return p.Reason.BAD_STAMP
    family = m.family_id if m.family_id is not None or m.entity != "families" else m.record_id
    invalid = check_change(m.entity, m.op, m.record_id, family, m.data)
    if invalid is not None:
        return invalid
    if gone and not gone.isdisjoint(named(m)):
        return p.Reason.DESTROYED  # not back, and nothing new about it
    if homes.get((m.entity, m.record_id), family) != family:
        return p.Reason.WRONG_FAMILY  # a record stays in its family: no moving it to one's own
    if m.entity == "families":
        caseworker = queries.family_caseworker(tx, m.record_id)
        known = caseworker is not None
        if known and m.record_id not in scope:
            return p.Reason.OUT_OF_SCOPE
        if not known and m.op != p.Op.INSERT:
            return p.Reason.UNKNOWN_FAMILY
        if not known and is_destroyed(tx, m.record_id):
            return p.Reason.DESTROYED
        claimed = m.data.get("caseworker")
        if claimed is not None and claimed != who.user and not known:
            return p.Reason.NOT_YOUR_FAMILY
        if known and "caseworker" in m.data and caseworker != who.user:
            return p.Reason.HANDOVER_BY_TEAMLEADER_ONLY
        return None
    if not may_push(tx, who.user, str(family), made_at(m.hlc, who, received), scope):
        return p.Reason.OUT_OF_SCOPE
    return None


def named(m: MutationIn) -> set[str]:
    """The record ids a mutation names: its own and those its reference fields point at."""
    ids = {m.record_id}
    ids.update(str(m.data[f]) for f in REFERENCES if isinstance(m.data.get(f), str))
    return ids


def made_at(hlc: str, who: Caller, received: dt.datetime) -> dt.datetime:
    """The earliest time the server can vouch this change was made: its stamp's time, but
    never before the device's previous contact (a laptop pushes everything it holds at
    each sync, so what it pushes now was made since) and never after it arrived.

    The stamp is the client's word; the grace it buys is work done offline since the
    device was last in touch, which is what the protocol promises, and no more.
    """
    stamped = dt.datetime.fromtimestamp(stamp_wall_ms(hlc) / 1000, dt.UTC)
    floor = dt.datetime.fromisoformat(who.last_seen) if who.last_seen else stamped
    if floor.tzinfo is None:
        floor = floor.replace(tzinfo=dt.UTC)
    return min(received, max(stamped, floor))
