"""The migration that builds the server's current state from an existing change log."""

from __future__ import annotations

import json

from regiedesk.clock import utc_text
from regiedesk.ids import uuid7
from regiedesk.sync.server import state
from regiedesk.sync.server.db import MIGRATIONS, ServerDB

STATE_MIGRATION = next(i for i, steps in enumerate(MIGRATIONS) if state.rebuild in steps)
LATER_TABLES = (
    "audit_events",
    "audit_cuts",
    "destructions",
    "destroyed_records",
    "sign_in_failures",
)  # made by the later migrations


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
    db.execute("UPDATE schema_version SET version = ?", (STATE_MIGRATION,))
    db.close()
    db = ServerDB(db_url)  # migrates
    try:
        built = db.query("SELECT * FROM record_state ORDER BY entity, record_id")
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
