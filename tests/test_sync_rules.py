"""The sync rules against the local schema, against what the app writes, and at their edges."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regiedesk.clock import HybridLogicalClock, Stamp, is_stamp
from regiedesk.demo import generate_demo
from regiedesk.domain.vocabulary import TimerState
from regiedesk.entities import ENTITY_TABLES
from regiedesk.ids import uuid7
from regiedesk.services import Services
from regiedesk.store import Store
from regiedesk.store.database import SYNC_COLUMNS
from regiedesk.sync.protocol import Reason
from regiedesk.sync.rules import ENTITIES, change_checker, check_change, insert_checker

from .conftest import TODAY, FakeClock

FAMILY = uuid7()


def test_the_rules_name_every_column_of_the_local_schema(store: Store) -> None:
    assert set(ENTITIES) == set(ENTITY_TABLES)
    for table in ENTITY_TABLES:
        columns = {
            str(r[1]): (bool(r[3]), r[4] is not None)  # NOT NULL, has a default
            for r in store.conn.execute(f"PRAGMA table_info({table})")
            if r[1] not in SYNC_COLUMNS and r[1] != "id"
        }
        assert set(ENTITIES[table]) == set(columns), table
        for name, (not_null, has_default) in columns.items():
            assert ENTITIES[table][name].required == (not_null and not has_default), (table, name)


def test_everything_the_app_writes_passes(store: Store, clock: FakeClock) -> None:
    generate_demo(store, families=3, today=TODAY)
    services = Services.over(store, today=lambda: TODAY, now=clock)
    family = services.families.add_family(name="Gezin Timer", status="actief")
    timer = services.timer.start(family.id, activity="huisbezoek")
    clock.advance(minutes=20)
    services.timer.stop(timer.id)
    note, first = services.notes.add_note(family.id, title="Bezoek", body="een")
    a = services.notes.revise_note(note.id, body="twee", parent_id=first.id)
    b = services.notes.revise_note(note.id, body="drie", parent_id=first.id)
    services.notes.merge_revisions(note.id, body="twee en drie", parent_ids=[a.id, b.id])
    asked = services.corrections.add_correction(
        family.id, target_entity="notes", target_id=note.id, request="Dat zei ik niet",
        outcome="niet_gewijzigd", statement="Mijn eigen woorden.",
    )  # fmt: skip
    services.corrections.update_correction(asked.id, statement="Mijn eigen woorden, beter.")
    outbox = store.query("SELECT entity, record_id, family_id, op, data FROM outbox")
    assert {r["entity"] for r in outbox} == set(ENTITY_TABLES)  # every kind was written
    for row in outbox:
        data = json.loads(row["data"])
        refused = check_change(row["entity"], row["op"], row["record_id"], row["family_id"], data)
        assert refused is None, (row["entity"], row["op"], refused, data)


def hours(**fields: Any) -> dict[str, Any]:
    record = {
        "id": RECORD,
        "family_id": FAMILY,
        "date": "2026-11-24",
        "minutes": 60,
        "activity": "huisbezoek",
        "caseworker": "anna",
    }
    record.update(fields)
    return {k: v for k, v in record.items() if v is not ...}


RECORD = uuid7()


@pytest.mark.parametrize(
    ("entity", "op", "data", "reason"),
    [
        ("hours", "insert", hours(), None),
        ("hours", "insert", hours(activity=...), Reason.MISSING_FIELD),
        ("hours", "insert", hours(family_id=...), Reason.MISSING_FIELD),
        ("hours", "insert", hours(activity=None), Reason.MISSING_FIELD),
        ("hours", "update", {"activity": None}, Reason.MISSING_FIELD),
        ("hours", "update", {"minutes": 30}, None),
        ("hours", "insert", hours(minutes=0), Reason.INVALID_VALUE),
        ("hours", "insert", hours(minutes=-80_221), Reason.INVALID_VALUE),
        ("hours", "insert", hours(minutes=1441), Reason.INVALID_VALUE),
        ("hours", "insert", hours(minutes=1440), None),
        ("hours", "insert", hours(minutes=float("inf")), Reason.INVALID_VALUE),
        ("hours", "insert", hours(minutes=float("nan")), Reason.INVALID_VALUE),
        ("hours", "insert", hours(minutes=60.0), Reason.INVALID_VALUE),
        ("hours", "insert", hours(minutes=True), Reason.INVALID_VALUE),
        ("hours", "insert", hours(minutes="60"), Reason.INVALID_VALUE),
        ("hours", "insert", hours(date="not-a-date"), Reason.INVALID_VALUE),
        ("hours", "insert", hours(date="2026-02-30"), Reason.INVALID_VALUE),
        ("hours", "insert", hours(date="20261124"), Reason.INVALID_VALUE),
        ("hours", "insert", hours(date="2026-W48-2"), Reason.INVALID_VALUE),
        ("hours", "insert", hours(date="٢٠٢٦-١١-٢٤"), Reason.INVALID_VALUE),
        ("hours", "insert", hours(activity="feest"), Reason.INVALID_VALUE),
        ("hours", "insert", hours(caseworker="a" * 101), Reason.INVALID_VALUE),
        ("hours", "insert", hours(caseworker="ann\x00a"), Reason.BAD_TEXT),
        ("hours", "insert", hours(domain="\ud800"), Reason.BAD_TEXT),
        ("hours", "insert", hours(family_id=uuid7()), Reason.WRONG_FAMILY),
        ("hours", "insert", hours(id=uuid7()), Reason.BAD_ID),
        ("hours", "insert", hours(updated_hlc="9-0-x"), Reason.UNKNOWN_FIELD),
        ("hours", "insert", hours(evil=1), Reason.UNKNOWN_FIELD),
        ("hours", "delete", {}, None),
        ("hours", "drop", {}, Reason.BAD_OP),
        ("payments", "insert", {}, Reason.UNKNOWN_ENTITY),
        ("notes", "insert", {"id": RECORD, "title": "Bezoek"}, Reason.MISSING_FIELD),
        ("members", "update", {"bsn": "123456782"}, None),
        ("members", "update", {"bsn": "123456789"}, Reason.INVALID_VALUE),
        ("members", "update", {"bsn": None}, None),
        ("scores", "update", {"score": 6}, Reason.INVALID_VALUE),
        ("goals", "update", {"attainment": 101}, Reason.INVALID_VALUE),
        ("agreements", "update", {"done": 2}, Reason.INVALID_VALUE),
        ("note_revisions", "update", {"merge_parents": json.dumps([RECORD])}, None),
        ("note_revisions", "update", {"merge_parents": "[1, 2]"}, Reason.INVALID_VALUE),
        ("note_revisions", "update", {"created_at": "2026-11-24T10:00:00"}, Reason.INVALID_VALUE),
        ("note_revisions", "update", {"created_at": "2026-11-24T10:00:00+00:00"}, None),
        ("families", "update", {"status": "weg"}, Reason.INVALID_VALUE),
        ("families", "update", {"name": "  "}, Reason.INVALID_VALUE),
        *[("timers", "update", {"state": state.value}, None) for state in TimerState],
        ("timers", "update", {"state": "gepauzeerd"}, Reason.INVALID_VALUE),
    ],
)
def test_a_change_is_refused_for_its_reason(
    entity: str, op: str, data: dict[str, Any], reason: Reason | None
) -> None:
    record = FAMILY if entity == "families" else RECORD
    assert check_change(entity, op, record, FAMILY, data) == reason


def test_ids_and_the_family_of_a_family_record() -> None:
    assert check_change("hours", "update", "42", FAMILY, {}) == Reason.BAD_ID
    assert check_change("hours", "update", RECORD, None, {}) == Reason.BAD_ID
    assert check_change("hours", "update", RECORD.upper(), FAMILY, {}) == Reason.BAD_ID
    assert check_change("families", "update", RECORD, FAMILY, {}) == Reason.WRONG_FAMILY
    assert check_change("families", "update", FAMILY, FAMILY, {"name": "Gezin"}) is None


@pytest.mark.parametrize(
    "text",
    ["9-0-x", "123", "1_000-0-x", " 42 -0-x", "٠٠٠٠٠٠٠٠٠٠٠٠٠٠١-0000-x", "000000000000001-0000-",
     "000000000000001-00G0-x", "000000000000001-0000-X", "000000000000001-0000-x\n",
     "0000000000000001-0000-x", "00000000000001-0000-x", "000000000000001-0000-x-y", ""],
)  # fmt: skip
def test_only_the_strict_stamp_form_is_a_stamp(text: str) -> None:
    assert not is_stamp(text)
    with pytest.raises(ValueError, match="not a clock stamp") as refused:
        Stamp.decode(text)
    assert text not in str(refused.value) or not text  # the refused text is not repeated


def test_the_stamps_a_clock_makes_are_strict_and_sort_as_numbers() -> None:
    clock = HybridLogicalClock(uuid7().replace("-", ""), now_ms=lambda: 1_700_000_000_000)
    stamps = [clock.tick().encode() for _ in range(3)]
    assert all(is_stamp(s) for s in stamps) and stamps == sorted(stamps)
    assert re.fullmatch(r"[0-9]{15}-[0-9a-f]{4}-[0-9a-f]{32}", stamps[0])
    assert Stamp(9, 0, "x").encode() < Stamp(10, 0, "x").encode()  # "9" no longer sorts high
    with pytest.raises(ValueError):
        Stamp(10**15, 0, "x").encode()
    with pytest.raises(ValueError):
        HybridLogicalClock("Node-1")


def test_date_edges() -> None:
    leap = dt.date(2028, 2, 29).isoformat()
    assert check_change("hours", "update", RECORD, FAMILY, {"date": leap}) is None
    assert check_change("hours", "update", RECORD, FAMILY, {"date": "2027-02-29"}) is not None


# values that repeat within a page (so the checker's memory answers), True beside 1 and
# 1.0 (equal keys of a dict, other answers), text that breaks the rules
_VALUE = st.sampled_from(
    [None, True, False, 0, 1, 1.0, 60, 1441, -1, 2**70, "", "  ", "anna", "huisbezoek",
     "feest", "2026-11-24", "2026-02-30", "\x00", "\ud800", "a" * 201, RECORD, FAMILY,
     "[]", "2026-11-24T10:00:00+00:00", "123456782", [], {}]
)  # fmt: skip
_NAME = st.sampled_from(sorted({f for fields in ENTITIES.values() for f in fields} | {"id", "x"}))


_LOWER_UUID = re.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def plain_rules(
    entity: str, op: str, record: str, family: str | None, data: dict[str, Any]
) -> Reason | None:
    """The rules' text, written out plainly (no memory, no shortcuts), with only each
    field's own value check taken from ``ENTITIES``: what both checkers must answer."""
    if entity not in ENTITIES:
        return Reason.UNKNOWN_ENTITY
    if op not in ("insert", "update", "delete"):
        return Reason.BAD_OP
    for value in (record, family):
        if not isinstance(value, str) or _LOWER_UUID.fullmatch(value) is None:
            return Reason.BAD_ID
    if entity == "families" and record != family:
        return Reason.WRONG_FAMILY
    if op == "delete":
        return None  # a delete's data is not looked at
    fields = ENTITIES[entity]
    for name, value in data.items():  # the first field that is wrong gives the answer
        if name == "id":
            if value != record:
                return Reason.BAD_ID
        elif name not in fields:
            return Reason.UNKNOWN_FIELD
        elif value is None:
            if fields[name].required:
                return Reason.MISSING_FIELD
        elif fields[name].check(value) is not None:
            return fields[name].check(value)
        elif name == "family_id" and value != family:
            return Reason.WRONG_FAMILY
    required = {name for name, field in fields.items() if field.required}
    if op == "insert" and not required <= set(data):
        return Reason.MISSING_FIELD
    return None


@settings(max_examples=300, deadline=None)
@given(
    entity=st.sampled_from([*sorted(ENTITIES), "payments"]),
    op=st.sampled_from(["insert", "update", "delete", "drop"]),
    family=st.sampled_from([FAMILY, RECORD, "42", None]),
    changes=st.lists(
        st.tuples(
            st.sampled_from([RECORD, FAMILY, uuid7(), "42"]),
            st.dictionaries(_NAME, _VALUE, max_size=8),
        ),
        max_size=12,
    ),
)
def test_a_checker_for_a_page_answers_as_check_change(
    entity: str, op: str, family: str | None, changes: list[tuple[str, dict[str, Any]]]
) -> None:
    check = change_checker(entity, op, family)
    for record, data in changes:
        assert check(record, data) == check_change(entity, op, record, family, data), data
        assert check_change(entity, op, record, family, data) == plain_rules(
            entity, op, record, family, data
        ), data


@settings(max_examples=300, deadline=None)
@given(
    entity=st.sampled_from([*sorted(ENTITIES), "payments"]),
    family=st.sampled_from([FAMILY, RECORD, "42", None]),
    names=st.lists(_NAME, unique=True, max_size=8),
    records=st.lists(
        st.tuples(st.sampled_from([RECORD, FAMILY, uuid7(), "42"]), st.lists(_VALUE, max_size=8)),
        max_size=12,
    ),
)
def test_an_insert_checker_for_a_run_answers_as_check_change(
    entity: str, family: str | None, names: list[str], records: list[tuple[str, list[Any]]]
) -> None:
    ok = insert_checker(entity, family, names)
    for record, values in records:
        values = (values + [RECORD] * len(names))[: len(names)]  # one value per name
        data = dict(zip(names, values, strict=True))
        assert ok(record, values) == (check_change(entity, "insert", record, family, data) is None)


def test_an_insert_checker_passes_a_whole_record_and_keeps_true_apart_from_one() -> None:
    names = ["id", "family_id", "date", "minutes", "activity", "caseworker"]
    ok = insert_checker("hours", FAMILY, names)
    assert ok(RECORD, [RECORD, FAMILY, "2026-11-24", 1, "huisbezoek", "anna"])
    assert not ok(RECORD, [RECORD, FAMILY, "2026-11-24", True, "huisbezoek", "anna"])
    assert not ok(RECORD, [RECORD, FAMILY, "2026-11-24", 1.0, "huisbezoek", "anna"])
    assert not ok(RECORD, [FAMILY, FAMILY, "2026-11-24", 1, "huisbezoek", "anna"])  # its id
    assert not ok(RECORD, [RECORD, RECORD, "2026-11-24", 1, "huisbezoek", "anna"])  # family
    assert not ok(RECORD, [RECORD, FAMILY, "2026-02-30", 1, "huisbezoek", "anna"])
    assert ok(RECORD, [RECORD, FAMILY, "2026-11-24", 1, "huisbezoek", "anna"])  # seen: still
    five = [RECORD, FAMILY, "2026-11-24", 1, "huisbezoek"]
    assert not insert_checker("hours", FAMILY, names[:-1])(RECORD, five)  # caseworker: required


def test_a_checker_keeps_true_apart_from_one() -> None:
    check = change_checker("agreements", "update", FAMILY)
    assert check(RECORD, {"done": 1}) is None
    assert check(RECORD, {"done": True}) is None  # a flag takes both
    check = change_checker("hours", "update", FAMILY)
    assert check(RECORD, {"minutes": 1}) is None
    assert check(RECORD, {"minutes": True}) == Reason.INVALID_VALUE  # seen 1 before: not it
    assert check(RECORD, {"minutes": 1.0}) == Reason.INVALID_VALUE
    assert check(RECORD, {"minutes": 1}) is None
