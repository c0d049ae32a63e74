"""What a push must satisfy: a device clock not running ahead, and per mutation a known
entity and a family the caller may write to (at the time the change was made)."""

from __future__ import annotations

import datetime as dt
import time

from fastapi import Request

from ...entities import ENTITY_TABLES
from .. import protocol as p
from . import queries
from .bodies import MutationIn
from .db import Transaction
from .identity import Caller, error
from .scope import may_push


def check_clock(request: Request, stamps: list[str] | None = None) -> None:
    """Refuse a device clock that runs ahead, and stamps made while it ran ahead: they
    would beat everyone's newer edits until the real time caught up with them."""
    raw = request.headers.get(p.CLOCK_HEADER)
    server_ms = int(time.time() * 1000)
    try:
        newest = max((int(stamp.split("-", 1)[0]) for stamp in stamps or []), default=0)
    except ValueError:
        raise error(400, p.ErrorCode.BAD_STAMP, "a clock stamp is malformed") from None
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


def refusal(tx: Transaction, m: MutationIn, who: Caller, scope: set[str]) -> p.Reason | None:
    """Why the server refuses this mutation, or None when it is accepted."""
    if m.entity not in ENTITY_TABLES:
        return p.Reason.UNKNOWN_ENTITY
    if m.entity == "families":
        caseworker = queries.family_caseworker(tx, m.record_id)
        known = caseworker is not None
        if known and m.record_id not in scope:
            return p.Reason.OUT_OF_SCOPE
        if not known and m.op != p.Op.INSERT:
            return p.Reason.UNKNOWN_FAMILY
        claimed = m.data.get("caseworker")
        if claimed is not None and claimed != who.user and not known:
            return p.Reason.NOT_YOUR_FAMILY
        if known and "caseworker" in m.data and caseworker != who.user:
            return p.Reason.HANDOVER_BY_TEAMLEADER_ONLY
        return None
    if not m.family_id:
        return p.Reason.OUT_OF_SCOPE
    if not may_push(tx, who.user, m.family_id, _when(m.hlc), scope):
        return p.Reason.OUT_OF_SCOPE
    return None


def _when(hlc: str) -> dt.datetime:
    """The wall time inside a clock stamp (UTC)."""
    try:
        return dt.datetime.fromtimestamp(int(hlc.split("-", 1)[0]) / 1000, dt.UTC)
    except ValueError:
        return dt.datetime.now(dt.UTC)
