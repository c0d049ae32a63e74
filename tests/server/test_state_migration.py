"""The migration that builds the server's current state from an existing change log."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from regiedesk.clock import utc_text
from regiedesk.ids import uuid7
from regiedesk.sync.server import facts, first_pull, hours_weeks, state
from regiedesk.sync.server.db import MIGRATIONS, ServerDB

STATE_MIGRATION = next(
    i for i, steps in enumerate(MIGRATIONS) if state.rebuild_before_typed_columns in steps
)
TYPED_MIGRATION = next(i for i, steps in enumerate(MIGRATIONS) if facts.derive_all in steps)
LOG_ONLY_MIGRATION = next(
    i for i, steps in enumerate(MIGRATIONS) if first_pull.find_log_only in steps
)
WEEKS_MIGRATION = next(i for i, steps in enumerate(MIGRATIONS) if hours_weeks.build in steps)
LATER_TABLES = (
    "audit_events",
    "audit_cuts",
    "destructions",
    "destroyed_records",
    "sign_in_failures",
    "log_only_families",
    "hours_weeks",
)  # made by the later migrations


def migrated_from(db: ServerDB, version: int) -> tuple[ServerDB, list[dict[str, Any]]]:
    """The server reopened as one of schema ``version`` (which it migrates from), and its
    state afterwards."""
    db.execute("UPDATE schema_version SET version = ?", (version,))
    db.close()
    db = ServerDB(db.url)
    return db, db.query("SELECT * FROM record_state ORDER BY entity, record_id")


def without_hours_weeks(db: ServerDB) -> None:
    """The table and its triggers dropped, as a server of the schema before them."""
    for event in ("insert", "update", "delete"):
        on = " ON record_state" if db.postgres else ""
        db.execute(f"DROP TRIGGER hours_weeks_{event}{on}")
    db.execute("DROP TABLE hours_weeks")


def stamp(ms: int, device: str = "a") -> str:
    return f"{ms:015d}-0000-{device * 16}"


def test_migrating_a_server_with_a_log_builds_its_state(db_url: str) -> None:
    db = ServerDB(db_url)
    family, party, stray = uuid7(), uuid7(), uuid7()
    log = [  # (family, entity, record, op, data, stamp), in arrival order
        (family, "families", family, "insert", {"name": "Gezin A", "status": "actief"}, 10),
        (family, "parties", party, "insert", {"family_id": family, "role": "arts"}, 20),
        (family, "parties", party, "update", {"role": "coach"}, 40),
        (family, "parties", party, "update", {"role": "mentor"}, 30),  # older: loses
        (family, "families", family, "update", {"status": "afgesloten"}, 50),
        (family, "parties", party, "delete", {}, 60),
        (family, "hours", stray, "update", {"minutes": 5}, 70),  # no insert: no record
    ]
    with db.transaction() as tx:
        tx.append_changes(
            [
                (uuid7(), "dev", "anna", f, e, r, op, json.dumps(d), stamp(ms), utc_text())
                for f, e, r, op, d, ms in log
            ]
        )
    kept = db.query("SELECT * FROM record_state ORDER BY entity, record_id")
    db.execute("DROP TABLE record_state")  # as a server of the schema before it
    for later in LATER_TABLES:  # and without what later migrations made
        db.execute(f"DROP TABLE {later}")
    db.execute("ALTER TABLE users DROP COLUMN totp_last_step")
    db.execute("DELETE FROM counters WHERE name = 'audit'")
    db, built = migrated_from(db, STATE_MIGRATION)
    try:
        assert built == kept
        records = {(r["entity"], r["record_id"]): r for r in built}
        assert set(records) == {("families", family), ("parties", party)}
        the_party = records[("parties", party)]
        assert json.loads(the_party["data"]) == {"family_id": family, "role": "coach", "deleted": 1}
        assert json.loads(the_party["field_hlc"]) == {
            "*": stamp(20),
            "role": stamp(40),
            "deleted": stamp(60),
        }
        assert the_party["hlc"] == stamp(60) and the_party["family_id"] == family
        assert json.loads(records[("families", family)]["data"])["status"] == "afgesloten"
    finally:
        db.close()


def test_migrating_a_server_with_a_state_derives_its_typed_columns(db_url: str) -> None:
    """A state from before the typed columns, old bad records among it: the migration
    derives every column as a push writes it, and leaves what is not a value NULL."""
    db = ServerDB(db_url)
    family = uuid7()
    ids = {name: uuid7() for name in ("good", "inf", "date", "nul", "gone", "list")}
    ids |= {name: uuid7() for name in ("contact", "party", "goal", "agreement")}
    hours = '{"family_id": "%s", "date": "2026-11-24", "minutes": 60, "caseworker": "anna"}'
    log = [  # (entity, record, op, data as stored)
        ("families", family, "insert", json.dumps({"name": "Gezin A", "status": "actief"})),
        ("hours", ids["good"], "insert", hours % family),
        ("hours", ids["inf"], "insert", (hours % family).replace("60", "Infinity")),
        ("hours", ids["date"], "insert", (hours % family).replace("2026-11-24", "2026-02-30")),
        ("hours", ids["nul"], "insert", (hours % family).replace("anna", "an\\u0000na\\ud800")),
        ("hours", ids["gone"], "insert", hours % family),
        ("hours", ids["gone"], "delete", "{}"),
        ("hours", ids["list"], "insert", "[1, 2, 3]"),
        ("contacts", ids["contact"], "insert", json.dumps({"date": "2026-11-20"})),
        (
            "parties",
            ids["party"],
            "insert",
            json.dumps({"involved_from": "2026-01-05", "involved_until": "nooit"}),
        ),
        ("goals", ids["goal"], "insert", json.dumps({"status": "behaald"})),
        ("agreements", ids["agreement"], "insert", '{"done": true, "due_date": "2026-12-01"}'),
    ]
    with db.transaction() as tx:
        tx.append_changes(
            [
                (uuid7(), "dev", "anna", family, e, r, op, d, stamp(10 + i), utc_text())
                for i, (e, r, op, d) in enumerate(log)
            ]
        )
    kept = db.query("SELECT * FROM record_state ORDER BY entity, record_id")
    db.execute("DROP INDEX record_state_day")  # as a server of the schema before them
    db.execute("DROP TABLE log_only_families")
    without_hours_weeks(db)
    for column in facts.COLUMNS:
        db.execute(f"ALTER TABLE record_state DROP COLUMN {column}")
    db, built = migrated_from(db, TYPED_MIGRATION)
    try:
        assert built == kept
        typed = {r["record_id"]: tuple(r[c] for c in facts.COLUMNS) for r in built}
        nov24, nov20 = dt.date(2026, 11, 24).toordinal(), dt.date(2026, 11, 20).toordinal()
        assert typed[ids["good"]] == (1, nov24, None, 60, "anna", None, None)
        assert typed[ids["inf"]] == (1, nov24, None, None, "anna", None, None)
        assert typed[ids["date"]] == (1, None, None, 60, "anna", None, None)
        assert typed[ids["nul"]] == (1, nov24, None, 60, "an\ufffdna?", None, None)
        assert typed[ids["gone"]][0] == 0
        assert typed[ids["list"]] == (1, None, None, None, "", None, None)
        assert typed[ids["contact"]] == (1, nov20, None, None, None, None, None)
        assert typed[ids["party"]] == (1, dt.date(2026, 1, 5).toordinal(), *[None] * 5)
        assert typed[ids["goal"]] == (1, None, None, None, None, "behaald", None)
        assert typed[ids["agreement"]] == (1, dt.date(2026, 12, 1).toordinal(), *[None] * 4, 1)
        assert typed[family] == (1, *[None] * 6)
    finally:
        db.close()


def test_migrating_names_the_families_whose_log_a_laptop_would_not_take_whole(
    db_url: str,
) -> None:
    """A first pull replays their log instead of reading their state (``first_pull``):
    a stamp not in the strict form, data that is not an object, a value the sync rules
    refuse, a record of another family; a family of good changes only is not named."""
    db = ServerDB(db_url)
    good, stamped, listed, refused, moved, home = (uuid7() for _ in range(6))
    hours = {"date": "2026-11-24", "minutes": 60, "activity": "huisbezoek", "caseworker": "a"}
    record = uuid7()
    log = [  # (family, entity, record, op, data as stored, stamp)
        (good, "families", good, "insert", {"name": "A", "status": "actief", "caseworker": "a"},
         stamp(1)),
        (good, "hours", uuid7(), "insert", {**hours, "family_id": good}, stamp(2)),
        (good, "hours", uuid7(), "insert", {**hours, "family_id": good, "later": 1}, stamp(3)),
        (stamped, "families", stamped, "update", {"name": "Gezin B"}, "9-0-x"),
        (listed, "hours", uuid7(), "insert", [1, 2], stamp(4)),
        (refused, "hours", uuid7(), "insert", {**hours, "family_id": refused, "minutes": -5},
         stamp(5)),
        (home, "hours", record, "insert", {**hours, "family_id": home}, stamp(6)),
        (moved, "hours", record, "update", {"minutes": 5}, stamp(7)),
    ]  # fmt: skip
    with db.transaction() as tx:
        tx.append_changes(
            [
                (uuid7(), "dev", "a", f, e, r, op, json.dumps(d), ms, utc_text())
                for f, e, r, op, d, ms in log
            ]
        )
    db.execute("DROP TABLE log_only_families")  # as a server of the schema before it
    without_hours_weeks(db)
    db, _ = migrated_from(db, LOG_ONLY_MIGRATION)
    try:
        named = {r["family_id"] for r in db.query("SELECT family_id FROM log_only_families")}
        assert named == {stamped, listed, refused, moved, home}
    finally:
        db.close()


def test_migrating_a_server_with_a_state_builds_its_hours_per_week(db_url: str) -> None:
    """The minutes per family, person and week of the live hours with a day and minutes;
    from then on the triggers keep them as a rebuild would make them."""
    db = ServerDB(db_url)
    family, other = uuid7(), uuid7()
    ids = [uuid7() for _ in range(7)]

    def hours(day: str, minutes: Any = 30, who: str = "anna", of: str = family) -> str:
        return json.dumps({"family_id": of, "date": day, "minutes": minutes, "caseworker": who})

    log = [  # (family, record, op, data as stored)
        (family, ids[0], "insert", hours("2026-11-23")),  # a Monday
        (family, ids[1], "insert", hours("2026-11-29", 45)),  # its Sunday
        (family, ids[2], "insert", hours("2026-11-30", 15)),  # the next week
        (family, ids[3], "insert", hours("2026-11-24", 20, "bert")),
        (family, ids[4], "insert", hours("2026-11-25", "veel")),  # no minutes: not counted
        (family, ids[5], "insert", hours("2026-11-26")),
        (family, ids[5], "delete", "{}"),  # a tombstone: not counted
        (other, ids[6], "insert", hours("2026-11-24", 60, of=other)),
    ]
    with db.transaction() as tx:
        tx.append_changes(
            [
                (uuid7(), "dev", "anna", f, "hours", r, op, d, stamp(10 + i), utc_text())
                for i, (f, r, op, d) in enumerate(log)
            ]
        )
    kept = db.query("SELECT * FROM hours_weeks ORDER BY family_id, monday, person")
    without_hours_weeks(db)
    db, _ = migrated_from(db, WEEKS_MIGRATION)
    try:
        built = db.query("SELECT * FROM hours_weeks ORDER BY family_id, monday, person")
        assert built == kept
        monday, next_monday = dt.date(2026, 11, 23).toordinal(), dt.date(2026, 11, 30).toordinal()
        assert sorted((r["family_id"], r["monday"], r["person"], r["minutes"], r["entries"])
                      for r in built) == sorted([
            (family, monday, "anna", 75, 2),
            (family, monday, "bert", 20, 1),
            (family, next_monday, "anna", 15, 1),
            (other, monday, "anna", 60, 1),
        ])  # fmt: skip
        with db.transaction() as tx:  # an edit moves minutes to another week, a delete drops
            tx.append_changes(
                [
                    (uuid7(), "dev", "anna", family, "hours", ids[2], "update",
                     json.dumps({"date": "2026-11-27"}), stamp(30), utc_text()),
                    (uuid7(), "dev", "anna", family, "hours", ids[3], "delete", "{}",
                     stamp(31), utc_text()),
                    (uuid7(), "dev", "anna", family, "hours", ids[4], "update",
                     json.dumps({"minutes": 10}), stamp(32), utc_text()),
                ]
            )  # fmt: skip
        kept = db.query("SELECT * FROM hours_weeks ORDER BY family_id, monday, person")
        assert [(r["family_id"], r["monday"], r["person"], r["minutes"]) for r in kept] == sorted(
            [(family, monday, "anna", 100), (other, monday, "anna", 60)]
        )
        with db.transaction() as tx:
            hours_weeks.build(tx)
        assert db.query("SELECT * FROM hours_weeks ORDER BY family_id, monday, person") == kept
        with db.transaction() as tx:  # a rebuild (PostgreSQL's without the triggers) ...
            state.rebuild(tx)
        assert db.query("SELECT * FROM hours_weeks ORDER BY family_id, monday, person") == kept
        with db.transaction() as tx:  # ... leaves them on for the pushes after it
            tx.append_changes(
                [
                    (uuid7(), "dev", "anna", other, "hours", ids[6], "update",
                     json.dumps({"minutes": 90}), stamp(40), utc_text()),
                ]
            )  # fmt: skip
        weeks = db.query("SELECT family_id, minutes FROM hours_weeks WHERE family_id = ?", (other,))
        assert weeks == [{"family_id": other, "minutes": 90}]
    finally:
        db.close()
