"""What client and server agree on. Importable without FastAPI or httpx.

Every request carries the protocol version and the client's schema version in
headers; outside the supported range the server answers 426 upgrade_required.
Pull uses the server's sequence number as the cursor, never the clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Container, Iterable
from typing import Any, NotRequired, TypedDict

from .codes import ErrorCode as ErrorCode
from .codes import Op as Op
from .codes import Outcome as Outcome
from .codes import Reason as Reason
from .codes import Role as Role

PROTOCOL_VERSION = 1
SUPPORTED_PROTOCOLS = (1, 1)
# local schemas 4 (rejected_changes) and 5 (the audit chain) change only local tables:
# clients on 3, 4 or 5 sync alike; 6 adds the synced ``corrections`` records, which a client
# on 3 to 5 sets aside (unknown entity) and the server keeps like any record; 7 rebuilds the
# local audit table only; 8 adds a local index only; 9 rebuilds the local outbox only
SUPPORTED_SCHEMAS = (3, 9)
# the digests GET /v1/sync/checksum can answer (``family_checksum``): 1 covers each record's
# newest stamp, 2 every field's stamp as well. The laptop asks ``version=2``; the server
# answers the newest it has up to the asked one and names it (``ChecksumAnswer.version``),
# so an old laptop (no parameter) gets 1 and a new one talking to an old server (which
# ignores the parameter and names none) compares 1. Not a protocol version: neither side
# refuses the other over it.
CHECKSUM_VERSIONS = (1, 2)
CHECKSUM_VERSION = CHECKSUM_VERSIONS[-1]
PROTOCOL_HEADER = "X-Regiedesk-Protocol"
SCHEMA_HEADER = "X-Regiedesk-Schema"
CLOCK_HEADER = "X-Regiedesk-Clock-Ms"
MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000
MAX_BODY_BYTES = 8 * 1024 * 1024
PAGE_LIMIT = 1000
# a position in the change log: a 64-bit integer in both databases (a larger one overflowed)
MAX_CURSOR = 2**63 - 1
# the days a request may name (a period, a trail, a stand-in): date arithmetic at year 1
# or 9999 overflowed ("to=0001-01-01" was a 500)
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)
# a pull page also ends before its changes' data passes this (it holds at least one change)
PAGE_BYTES = 4 * 1024 * 1024


class DeviceAnswer(TypedDict):
    """``GET /v1/devices/me``: the device a token belongs to, its user and their role."""

    device_id: str
    user: str
    role: Role


class Mutation(TypedDict):
    """One local change as a push carries it (``POST /v1/sync/push``)."""

    mutation_id: str
    hlc: str
    entity: str
    record_id: str
    family_id: str | None
    op: Op
    data: dict[str, Any]


class MutationResult(TypedDict):
    mutation_id: str
    outcome: Outcome
    reason: Reason | None


def mutation_result(mutation_id: str, reason: Reason | None = None) -> MutationResult:
    """Accepted, or rejected for ``reason``."""
    outcome = Outcome.ACCEPTED if reason is None else Outcome.REJECTED
    return {"mutation_id": mutation_id, "outcome": outcome, "reason": reason}


class PushAnswer(TypedDict):
    results: list[MutationResult]


class Change(TypedDict):
    """One change of the server's log as a pull carries it."""

    seq: int
    mutation_id: str
    hlc: str
    entity: str
    record_id: str
    family_id: str
    op: Op
    device_id: str
    data: dict[str, Any]


class PullPage(TypedDict):
    """``GET /v1/sync/pull``: changes after the cursor asked for, and the scope now."""

    changes: list[Change]
    cursor: int
    has_more: bool
    families: list[str]


class StateRecord(TypedDict):
    """One record of the server's current state as a first pull carries it: its merged
    fields, the stamp of each (``"*"``: its insert's) and its newest stamp."""

    entity: str
    record_id: str
    family_id: str
    hlc: str
    field_hlc: dict[str, str]
    data: dict[str, Any]


class StatePosition(TypedDict):
    """Where a page of the current state ended: the next page starts after this record."""

    family: str
    entity: str
    record: str


class StatePage(TypedDict):
    """``GET /v1/sync/state``: a page of the current state, in family order and within a
    family parents first; ``cursor`` is the log's high-water mark read by the first page
    (every change up to it is in what the pages carry), from where the log pull goes on."""

    records: list[StateRecord]
    cursor: int
    has_more: bool
    after: StatePosition | None
    families: list[str]
    log_only: list[str]  # families of the scope to replay from the log instead


class ChecksumAnswer(TypedDict):
    families: dict[str, str]  # family id: family_checksum
    version: NotRequired[int]  # of the digests (CHECKSUM_VERSIONS); absent from old servers: 1


class RegisterAnswer(TypedDict):
    """``POST /v1/devices``: the device's token, given out once."""

    device_id: str
    token: str
    user: str
    role: Role


AUDIT_BATCH = 1000  # audit events per ``POST /v1/audit/push`` at most
AUDIT_BATCH_CHARS = 2_000_000  # and about this much of their ``objects`` text (the body limit)
MAX_AUDIT_OBJECTS_CHARS = 4_000_000  # one event's records (a bulk import names every row)


class AuditEvent(TypedDict):
    """One event of a laptop's NEN 7513 trail as ``POST /v1/audit/push`` carries it: the
    stored fields as they are (``objects`` the JSON text the hash covers) and its links."""

    id: str
    event: str
    at: str
    client: str | None
    user: str
    responsible_user: str
    device: str
    objects: str
    prev_hash: str
    hash: str


class TrailEvent(TypedDict):
    """One row of ``GET /v1/privacy/trail`` (and of ``/v1/sync/trail``, a caseworker's own
    family): who did what about the client, when, where."""

    id: NotRequired[str]  # the event's own id (as the laptop made it)
    at: str
    event: str
    account: str  # the account of the device that sent it, as the server knows it
    user: str  # as the laptop logged it
    responsible_user: str
    device_id: str
    device_name: str | None
    objects: str  # JSON list of the records touched


class TrailAnswer(TypedDict):
    client: str
    events: list[TrailEvent]


class AccessAnswer(TypedDict):
    """``GET /v1/privacy/access``: everything the server holds about a family, or one member
    of it (``sync/server/access.py``), for an access request (AVG art. 15)."""

    family: str
    member: str | None
    records: dict[str, list[dict[str, Any]]]  # per entity: each record's id and fields
    destroyed: list[dict[str, Any]]  # kind, record_id, destroyed_at, by_user, reason, ...
    trail: list[dict[str, Any]]  # at, event, account, responsible_user, device_id, objects


class DestroyedAnswer(TypedDict):
    """``GET /v1/destroyed?since=``: what was destroyed after the cursor (ids only)."""

    families: list[str]
    members: list[str]
    cursor: int


class AuditPushAnswer(TypedDict):
    stored: int  # new on the server (a retried event is not stored twice)


class ErrorBody(TypedDict):
    """``detail`` of a refused request; some codes carry more fields."""

    code: ErrorCode
    message: str
    device_time: NotRequired[str]  # clock_ahead
    server_time: NotRequired[str]  # clock_ahead
    protocols: NotRequired[list[int]]  # upgrade_required
    schemas: NotRequired[list[int]]  # upgrade_required
    fields: NotRequired[list[str]]  # invalid_request: where (e.g. "body.mutations.0.hlc")
    retry_after: NotRequired[int]  # too_many_attempts, busy: seconds (as the Retry-After header)


def family_checksum(records: Iterable[tuple[str, ...]]) -> str:
    """A digest of a family's records: per record a line of its fields joined by ``/``.

    Version 1: (entity, record id, newest stamp). The server takes each record's newest
    stamp among its changes; a device takes each row's ``updated_hlc`` (tombstones
    included). Equal digests mean the device holds the newest version of every record.

    Version 2: (entity, record id, newest stamp, ``checksum_clocks``). The per-field
    stamps too, so a copy that missed an older field's change (under the same newest
    stamp) differs.
    """
    # the lines in one piece: the same bytes as a line at a time, without a call per line
    ordered = sorted(records)
    if ordered and len(ordered[0]) == 4:
        lines = "".join([f"{e}/{r}/{h}/{c}\n" for e, r, h, c in ordered])
    else:
        lines = "".join([f"{e}/{r}/{h}\n" for e, r, h in ordered])
    return hashlib.sha256(lines.encode()).hexdigest()


def checksum_clocks(text: str, kept: Container[str]) -> str:
    """A record's per-field stamps (the stored JSON text: field -> stamp, ``"*"`` the
    insert's) as checksum version 2 counts them: the stamps of the fields in ``kept``, of
    the insert and of ``deleted``, as JSON with sorted keys. Fields a laptop does not keep
    (of a newer schema, or of a record from before the server checked the fields) are
    left out on both sides, or such a family would look drifted at every sync."""
    if "," not in text and text.startswith('{"*": '):
        return text  # a record as inserted: most of them, already in that form
    clocks: dict[str, str] = json.loads(text)
    keys = list(clocks)
    if keys == sorted(keys) and all(k in kept or k in _ALWAYS_CLOCKED for k in keys):
        return text  # json.dumps's text on both sides: already the form (the server's always)
    return json.dumps(
        {k: v for k, v in clocks.items() if k in kept or k in _ALWAYS_CLOCKED}, sort_keys=True
    )


_ALWAYS_CLOCKED = frozenset({"*", "deleted"})


def dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


# --- the team leader's figures (``GET /v1/team/...``) -----------------------------------
# Counts, hours, dates, codes and family names only: never a note's text, a contact's
# summary, a member's name or a BSN. Dates are ISO (YYYY-MM-DD), weeks ISO ("2026-W07").


class CaseworkerFigures(TypedDict):
    """One caseworker's figures over the period asked for (``end``: the figures' date)."""

    caseworker: str
    active: int  # families 'actief' now
    registered: int  # families 'aangemeld' now
    closed_in_period: int  # closed with an end date in the period
    minutes_in_period: int  # hours they booked, dated in the period
    minutes_this_week: int  # in the ISO week of the period's end
    minutes_mean_4_weeks: float  # per week, over the 4 ISO weeks before that one
    without_contact: int  # active families without a contact in the 14 days up to the end
    overdue_agreements: int  # open agreements due before the end
    overdue_evaluations: int  # families not closed whose evaluation date is before the end
    dropouts_in_period: int  # closures in the period with reason 'uitval'
    closures_goals_reached: int  # closures in the period with reason 'doelen_behaald'
    families_by_intensity: dict[str, int]  # intensity code: families (not closed)
    tariff_cents: int  # the tariffs of their families with a support profile
    paid_at_start_cents: int  # start milestones of trajectories started in the period
    due_at_completion_cents: int  # completion milestones of those closed in the period


class TeamFamily(TypedDict):
    """One family of the team, shown by its name and its caseworker."""

    family_id: str
    name: str
    caseworker: str
    status: str
    closure_reason: str | None
    start_date: str | None
    end_date: str | None
    days_since_contact: int | None  # up to the period's end; None: no contact yet
    parties_now: int  # involved on the period's end
    parties_at_intake: int | None  # involved on the start date; None: no start date
    goals_reached: int
    goals_open: int  # 'open' or 'lopend'
    goals_not_reached: int
    overdue_agreements: int
    evaluation_overdue: bool
    minutes_in_period: int
    support_profile: str | None
    intensity: str | None
    tariff_cents: int | None  # None: no (known) support profile and intensity
    at_start_cents: int | None  # the part paid at the start (70% in the example)
    at_completion_cents: int | None  # the part due at completion (30%)
    stand_ins: list[StandIn]


class StandIn(TypedDict):
    """A stand-in (waarneming): ``user`` holds the family from ``start`` to ``end``."""

    id: str
    family_id: str
    user: str
    start: str
    end: str


class Assignment(TypedDict):
    """The answer to registering a family and to a handover: who holds it now."""

    family_id: str
    caseworker: str


class StandInList(TypedDict):
    """``GET /v1/sync/stand-ins``: a caseworker's stand-ins, current and to come: for their
    own families (``user`` another) and for others' families they hold (``user`` them)."""

    stand_ins: list[StandIn]


class WeekMinutes(TypedDict):
    week: str
    monday: str
    minutes: int


class TeamTotals(TypedDict):
    closed_in_period: int
    closures_by_reason: dict[str, int]  # ClosureReason code: closures in the period
    dropout_rate: float | None  # 'uitval' among the closures; None without closures
    tariff_cents: int
    paid_at_start_cents: int
    due_at_completion_cents: int
    weeks: list[WeekMinutes]  # the team's hours per ISO week of the period


class TeamOverview(TypedDict):
    """``GET /v1/team/overview``: the caller's teams over a period, filtered or not."""

    teams: list[str]
    start: str
    end: str
    as_of: str  # when the server answered (UTC)
    caseworkers: list[CaseworkerFigures]
    families: list[TeamFamily]
    team: TeamTotals


class PartiesOn(TypedDict):
    day: str  # a Monday
    parties: int


class DomainScores(TypedDict):
    member: int | None  # None: the household; else the member's number (1, 2, ...)
    domain: str  # in the instrument the measurements map to
    first: int
    latest: int
    first_date: str
    latest_date: str


class FamilyPage(TypedDict):
    """``GET /v1/team/families/{id}``: one family's charts."""

    family: TeamFamily
    intensity: list[WeekMinutes]  # since the start (or the first hours), zero weeks too
    parties: list[PartiesOn]  # per Monday since the start
    domains: list[DomainScores]
