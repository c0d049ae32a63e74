"""What a synced change may hold: each entity's fields, their kinds and the domain's ranges.

The server checks every pushed change against these rules and refuses one that
breaks them, with a reason; a laptop checks every pulled change the same way and
sets aside one that breaks them (a record from before the server checked), so a
bad value never reaches a table or a screen. The rules follow the local schema
(``store/schema.py``: a NOT NULL column without a default is required on insert)
and the services' own limits; ``tests/test_sync_rules.py`` holds them together.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..clock import is_stamp
from ..domain.bsn import is_valid_bsn
from ..domain.validate import MAX_LONG_TEXT, MAX_TEXT
from ..domain.vocabulary import (
    Activity,
    AgreementOwner,
    ClosureReason,
    ContactMode,
    CorrectionOutcome,
    FamilyStatus,
    GoalStatus,
    MemberRole,
    Moment,
    TimerState,
)
from ..entities import ENTITY_TABLES
from .protocol import Op, Reason

NAME = 200  # names, titles, organisations (the services' limits)
PHONE = 50
EMAIL = 254
USER = 100  # a server account name
SECONDS_LIMIT = 366 * 24 * 3600  # a visit timer of more than a year is not a visit
MINUTES_PER_DAY = 24 * 60
MAX_PARENTS = 100  # merge parents of one note revision

_UUID = re.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_DAY = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MOMENT = re.compile(
    "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.][0-9]{1,6})?(?:[+-][0-9]{2}:[0-9]{2}|Z)"
)

Check = Callable[[Any], Reason | None]


def is_id(value: object) -> bool:
    return isinstance(value, str) and _UUID.fullmatch(value) is not None


def clean_text(value: str) -> bool:
    """No NUL and no lone surrogate: text that SQLite, PostgreSQL and UTF-8 all keep."""
    if "\x00" in value:
        return False
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def text(limit: int, *, blank: bool = True) -> Check:
    def check(value: Any) -> Reason | None:
        if not isinstance(value, str):
            return Reason.INVALID_VALUE
        if not clean_text(value):
            return Reason.BAD_TEXT
        if len(value) > limit or (not blank and not value.strip()):
            return Reason.INVALID_VALUE
        return None

    return check


def choice(options: type[StrEnum] | tuple[str, ...]) -> Check:
    allowed = frozenset(str(o) for o in options)

    def check(value: Any) -> Reason | None:
        return None if isinstance(value, str) and value in allowed else Reason.INVALID_VALUE

    return check


def integer(low: int, high: int) -> Check:
    def check(value: Any) -> Reason | None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return Reason.INVALID_VALUE
        return None

    return check


def is_day(value: object) -> bool:
    """A calendar date as ``YYYY-MM-DD`` that exists (not 2026-02-30, not 'not-a-date')."""
    return isinstance(value, str) and _is_day_text(value)


@functools.lru_cache(maxsize=4096)  # a page of changes names the same few hundred days
def _is_day_text(value: str) -> bool:
    if not _DAY.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _day(value: Any) -> Reason | None:
    return None if is_day(value) else Reason.INVALID_VALUE


def _moment(value: Any) -> Reason | None:
    """A moment with its offset from UTC, as the services write them."""
    if not isinstance(value, str) or not _MOMENT.fullmatch(value):
        return Reason.INVALID_VALUE
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return Reason.INVALID_VALUE
    return None


def _flag(value: Any) -> Reason | None:
    return None if isinstance(value, bool | int) and value in (0, 1) else Reason.INVALID_VALUE


def _id(value: Any) -> Reason | None:
    return None if is_id(value) else Reason.INVALID_VALUE


def _bsn(value: Any) -> Reason | None:
    return None if isinstance(value, str) and is_valid_bsn(value) else Reason.INVALID_VALUE


def _parents(value: Any) -> Reason | None:
    """``merge_parents``: a JSON list of revision ids, kept as text."""
    if not isinstance(value, str) or len(value) > MAX_PARENTS * 40:
        return Reason.INVALID_VALUE
    try:
        parents = json.loads(value)
    except ValueError:
        return Reason.INVALID_VALUE
    if not isinstance(parents, list) or not all(is_id(p) for p in parents):
        return Reason.INVALID_VALUE
    return None


@dataclass(frozen=True)
class Field:
    check: Check
    required: bool = False  # on insert, and never set to null


def req(check: Check) -> Field:
    return Field(check, required=True)


def opt(check: Check) -> Field:
    return Field(check)


_FAMILY = req(_id)
# the records a correction may be about: every synced one but a correction itself
CORRECTABLE = tuple(t for t in ENTITY_TABLES if t != "corrections")

ENTITIES: dict[str, dict[str, Field]] = {
    "families": {
        "name": req(text(NAME, blank=False)),
        "status": req(choice(FamilyStatus)),
        "start_date": opt(_day),
        "end_date": opt(_day),
        "closure_reason": opt(choice(ClosureReason)),
        "caseworker": req(text(USER, blank=False)),
        "support_profile": opt(text(NAME)),
        "intensity": opt(text(NAME)),
        "evaluation_date": opt(_day),
    },
    "members": {
        "family_id": _FAMILY,
        "name": req(text(NAME, blank=False)),
        "role": req(choice(MemberRole)),
        "date_of_birth": opt(_day),
        "bsn": opt(_bsn),
    },
    "hours": {
        "family_id": _FAMILY,
        "date": req(_day),
        "minutes": req(integer(1, MINUTES_PER_DAY)),
        "activity": req(choice(Activity)),
        "domain": opt(text(NAME)),
        "goal_id": opt(_id),
        "caseworker": req(text(USER, blank=False)),
    },
    "timers": {
        "family_id": _FAMILY,
        "activity": req(choice(Activity)),
        "state": req(choice(TimerState)),
        "started_at": req(_moment),
        "segment_started_at": opt(_moment),
        "accumulated_seconds": opt(integer(0, SECONDS_LIMIT)),
        "stopped_at": opt(_moment),
        "hours_id": opt(_id),
        "caseworker": req(text(USER, blank=False)),
    },
    "assessments": {
        "family_id": _FAMILY,
        "member_id": opt(_id),
        "instrument": req(text(NAME, blank=False)),
        "moment": req(choice(Moment)),
        "date": req(_day),
        "assessor": req(text(USER, blank=False)),
    },
    "scores": {
        "assessment_id": req(_id),
        "family_id": _FAMILY,
        "domain": req(text(NAME, blank=False)),
        "score": req(integer(1, 5)),
        "note": opt(text(MAX_TEXT)),
    },
    "parties": {
        "family_id": _FAMILY,
        "organisation": req(text(NAME, blank=False)),
        "person": opt(text(NAME)),
        "role": req(text(NAME, blank=False)),
        "phone": opt(text(PHONE)),
        "email": opt(text(EMAIL)),
        "involved_from": req(_day),
        "involved_until": opt(_day),
    },
    "contacts": {
        "family_id": _FAMILY,
        "party_id": req(_id),
        "date": req(_day),
        "mode": req(choice(ContactMode)),
        "summary": opt(text(MAX_LONG_TEXT)),
    },
    "goals": {
        "family_id": _FAMILY,
        "domain": req(text(NAME, blank=False)),
        "member_id": opt(_id),
        "text": req(text(MAX_TEXT, blank=False)),
        "target_date": opt(_day),
        "status": req(choice(GoalStatus)),
        "attainment": opt(integer(0, 100)),
    },
    "agreements": {
        "family_id": _FAMILY,
        "goal_id": opt(_id),
        "text": req(text(MAX_TEXT, blank=False)),
        "owner": req(choice(AgreementOwner)),
        "party_id": opt(_id),
        "due_date": opt(_day),
        "done": opt(_flag),
        "done_date": opt(_day),
    },
    "notes": {
        "family_id": _FAMILY,
        "title": req(text(NAME, blank=False)),
        "visit_date": opt(_day),
    },
    "note_revisions": {
        "note_id": req(_id),
        "family_id": _FAMILY,
        "parent_id": opt(_id),
        "merge_parents": opt(_parents),
        "body": req(text(MAX_LONG_TEXT)),
        "author": req(text(USER, blank=False)),
        "created_at": req(_moment),
    },
    "corrections": {
        "family_id": _FAMILY,
        "target_entity": req(choice(CORRECTABLE)),
        "target_id": req(_id),
        "member_id": opt(_id),
        "requested_on": req(_day),
        "request": req(text(MAX_TEXT, blank=False)),
        "outcome": req(choice(CorrectionOutcome)),
        "explanation": opt(text(MAX_TEXT)),
        "statement": opt(text(MAX_LONG_TEXT)),
        "recorded_by": req(text(USER, blank=False)),
    },
}

OPS = frozenset(str(op) for op in Op)
# per entity, the fields an insert must carry (checked once per change, as a set)
_REQUIRED = {
    entity: frozenset(name for name, f in fields.items() if f.required)
    for entity, fields in ENTITIES.items()
}


def check_change(
    entity: str, op: str, record_id: str, family_id: str | None, data: Mapping[str, Any]
) -> Reason | None:
    """Why this change may not be stored or applied, or None when it may.

    ``family_id`` is the change's family (for a family record: the record itself).
    A delete carries no fields; an update only the fields it changes; an insert the
    whole record (``id`` may repeat ``record_id``).
    """
    return change_checker(entity, op, family_id)(record_id, data)


def _field_refusal(
    fields: Mapping[str, Field], name: str, value: Any, family_id: str | None
) -> Reason | None:
    """``check_change``'s answer for one field of a change (not ``id``, nor ``family_id``
    naming the change's own family)."""
    field = fields.get(name)
    if field is None:
        return Reason.UNKNOWN_FIELD
    if value is None:
        return Reason.MISSING_FIELD if field.required else None
    refused = field.check(value)
    if refused is not None:
        return refused
    if name == "family_id" and value != family_id:
        return Reason.WRONG_FAMILY
    return None


_MEMO_KINDS = (str, int)  # exact types: True and 1 are equal keys, so the type is in the key


def change_checker(
    entity: str, op: str, family_id: str | None
) -> Callable[[str, Mapping[str, Any]], Reason | None]:
    """``check_change`` for many changes of one entity, op and family (a page of them):
    ``checker(record_id, data)`` gives the same answer as ``check_change(entity, op,
    record_id, family_id, data)``, every field checked as there, but the entity, op and
    family id once, and each field's value once per distinct value (a page names the same
    few days, activities and caseworkers over and over). Keep one per page: it remembers
    the values it saw."""
    fields = ENTITIES.get(entity)
    head = Reason.UNKNOWN_ENTITY if fields is None else Reason.BAD_OP if op not in OPS else None
    family_ok = is_id(family_id)
    required = _REQUIRED.get(entity, frozenset())
    whole = op == "insert"
    memo: dict[tuple[str, type, Any], Reason | None] = {}
    match = _UUID.fullmatch

    def check(record_id: str, data: Mapping[str, Any]) -> Reason | None:
        if head is not None:
            return head
        assert fields is not None
        if not family_ok or not isinstance(record_id, str) or match(record_id) is None:
            return Reason.BAD_ID
        if entity == "families" and family_id != record_id:
            return Reason.WRONG_FAMILY
        if op == "delete":
            return None
        for name, value in data.items():
            if name == "id":
                if value != record_id:
                    return Reason.BAD_ID
                continue
            if name == "family_id" and value == family_id:
                continue  # the change's own family, checked above
            kind = type(value)
            if kind in _MEMO_KINDS:
                key = (name, kind, value)
                try:
                    refused = memo[key]
                except KeyError:
                    refused = memo[key] = _field_refusal(fields, name, value, family_id)
            else:
                refused = _field_refusal(fields, name, value, family_id)
            if refused is not None:
                return refused
        if whole and not required <= data.keys():
            return Reason.MISSING_FIELD
        return None

    return check


def _never(record_id: str, values: Sequence[Any]) -> bool:
    return False


def insert_checker(
    entity: str, family_id: str | None, names: Sequence[str]
) -> Callable[[str, Sequence[Any]], bool]:
    """Whether inserts of one entity and family whose data hold the fields ``names``
    (distinct, as a dict's keys) pass the rules: ``ok(record_id, values)`` is
    ``check_change(entity, "insert", record_id, family_id, dict(zip(names, values))) is
    None``. For a first pull's run of records of one family: the entity, the family id, the
    fields' names and the required ones are checked once, and each field's value once per
    distinct value (of its exact type: True is never taken for 1). Keep one per run."""
    fields = ENTITIES.get(entity)
    if fields is None or not is_id(family_id) or not _REQUIRED[entity] <= set(names):
        return _never
    assert fields is not None and isinstance(family_id, str)
    ids = tuple(i for i, name in enumerate(names) if name == "id")
    # per other field: its place, its name, the str and the int values seen to pass
    checked: list[tuple[int, str, set[str], set[int]]] = []
    for i, name in enumerate(names):
        if name == "id":
            continue
        if name not in fields and name != "family_id":
            return _never  # an unknown field: every such insert is refused
        checked.append((i, name, {family_id} if name == "family_id" else set(), set()))
    whole_family = entity == "families"
    match = _UUID.fullmatch

    def ok(record_id: str, values: Sequence[Any]) -> bool:
        if not isinstance(record_id, str) or match(record_id) is None:
            return False
        if whole_family and record_id != family_id:
            return False
        for i in ids:
            if values[i] != record_id:
                return False
        for i, name, strs, ints in checked:
            value = values[i]
            kind = type(value)
            seen: set[Any] | None
            if kind is str:
                if value in strs:
                    continue
                seen = strs
            elif kind is int:
                if value in ints:
                    continue
                seen = ints
            else:
                seen = None
            if _field_refusal(fields, name, value, family_id) is not None:
                return False
            if seen is not None:
                seen.add(value)
        return True

    return ok


def check_stamp(stamp: object) -> Reason | None:
    return None if is_stamp(stamp) else Reason.BAD_STAMP
