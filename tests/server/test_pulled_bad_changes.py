"""A laptop never dies on a pulled change: one it cannot apply is set aside with its reason.

The bad records are written straight into the server's change log, as records from
before the server checked pushes are there; every laptop in scope pulls them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from regiedesk.clock import Stamp, utc_text, wall_clock_ms
from regiedesk.ids import uuid7
from regiedesk.sync.apply import apply_page
from regiedesk.sync.server.db import ServerDB

from .conftest import Running
from .world import Laptop


def stamp(offset_ms: int = 0) -> str:
    return Stamp(wall_clock_ms() + offset_ms, 0, "oldserver").encode()


def inject(
    db: ServerDB,
    family: str,
    entity: str,
    data: dict[str, Any],
    *,
    record: str | None = None,
    op: str = "insert",
    hlc: str | None = None,
) -> str:
    """A change in the server's log as an old server stored it, unchecked; its mutation id."""
    mutation = uuid7()
    record = record or (family if entity == "families" else uuid7())
    with db.transaction() as tx:
        tx.append_changes(
            [
                (
                    mutation, "old-device", "anna", family, entity, record, op,
                    json.dumps(data, sort_keys=True), hlc or stamp(), utc_text(),
                )
            ]
        )  # fmt: skip
    return mutation


def hours(family: str, **fields: Any) -> dict[str, Any]:
    record = {
        "family_id": family,
        "date": "2026-11-24",
        "minutes": 60,
        "activity": "huisbezoek",
        "caseworker": "anna",
    }
    record.update(fields)
    return {k: v for k, v in record.items() if v is not ...}


def test_bad_pulled_changes_are_set_aside_and_the_rest_goes_on(
    server: Running, laptop: Callable[[str], Laptop]
) -> None:
    anna = laptop("anna")
    family = anna.services.families.add_family(name="Gezin Oud", status="actief").id
    anna.sync()
    db = server.db
    good = inject(db, family, "hours", hours(family, minutes=45))
    bad = {
        inject(db, family, "notes", {"title": "Zonder gezin"}): "missing_field",
        inject(db, family, "hours", hours(family, activity=...)): "missing_field",
        inject(db, family, "hours", hours(family, minutes=float("inf"))): "invalid_value",
        inject(db, family, "hours", hours(family, minutes=-80_221)): "invalid_value",
        inject(db, family, "hours", hours(family, date="not-a-date")): "invalid_value",
        inject(db, family, "hours", hours(family, family_id=uuid7())): "wrong_family",
        inject(db, family, "hours", hours(family, caseworker="anna\ud800")): "bad_text",
    }
    inject(db, family, "families", {"name": "Gezin Oud (later)"}, op="update")
    note = uuid7()  # a note whose insert is refused, and a revision that needs it
    bad[inject(db, family, "notes", {"family_id": family}, record=note)] = "missing_field"
    revision = {
        "note_id": note,
        "family_id": family,
        "body": "Tekst bij een verslag dat er niet is",
        "author": "anna",
        "created_at": "2026-11-24T10:00:00+00:00",
    }
    bad[inject(db, family, "note_revisions", revision)] = "store_refused"
    broken = uuid7()  # a family of anna's without a status
    db.execute(
        "INSERT INTO families (id, caseworker, created_at) VALUES (?, 'anna', ?)",
        (broken, utc_text()),
    )
    bad[inject(db, broken, "families", {"name": "Gezin Zonder Status", "caseworker": "anna"})] = (
        "missing_field"
    )
    after = inject(db, family, "hours", hours(family, minutes=30))

    report = anna.sync(verify_all=True)

    applied = {
        r["minutes"]
        for r in anna.store.query("SELECT minutes FROM hours WHERE family_id = ?", (family,))
    }
    assert applied == {45, 30}  # before and after the bad ones
    assert anna.services.families.get_family(family).name == "Gezin Oud (later)"  # a good update
    kept = {r["mutation_id"]: r["reason"] for r in anna.store.set_aside.all()}
    expected = {m: f"pulled:{reason}" for m, reason in bad.items()}
    assert kept == expected
    assert good not in kept and after not in kept
    assert report.set_aside == len(expected)
    assert report.repaired == 0  # the set-aside changes count as seen: no drift, no re-fetch
    assert not anna.store.query("SELECT 1 AS x FROM families WHERE id = ?", (broken,))

    again = anna.sync(verify_all=True)  # nothing new, nothing fetched again
    assert (again.pulled, again.backfilled, again.repaired, again.set_aside) == (
        0, 0, 0, len(expected),
    )  # fmt: skip


def test_a_bad_stamp_is_set_aside_and_a_poisoned_stored_one_can_be_corrected(
    server: Running, laptop: Callable[[str], Laptop]
) -> None:
    anna = laptop("anna")
    family = anna.services.families.add_family(name="Gezin Stempel", status="actief").id
    anna.sync()
    for text in ("9-0-x", "123", "1_000-0-x", " 42 -0-x", "٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩-0000-x"):
        inject(server.db, family, "families", {"name": "Gezin Eeuwig"}, op="update", hlc=text)
    anna.sync()
    assert anna.services.families.get_family(family).name == "Gezin Stempel"
    reasons = {r["reason"] for r in anna.store.set_aside.all()}
    assert reasons == {"pulled:bad_stamp"} and anna.store.set_aside.count() == 5

    # a stamp left in the profile by such a record before this laptop checked them
    anna.store.conn.execute(
        "UPDATE families SET field_hlc = ?, updated_hlc = ? WHERE id = ?",
        (json.dumps({"*": "9-0-x", "name": "9-0-x"}), "9-0-x", family),
    )
    change = {
        "seq": 0, "mutation_id": uuid7(), "hlc": stamp(), "entity": "families",
        "record_id": family, "family_id": family, "op": "update", "device_id": "other",
        "data": {"name": "Gezin Gecorrigeerd"},
    }  # fmt: skip
    assert apply_page(anna.store, [change], cursor_key=None, cursor=0) == 1
    row = anna.store.get("families", family)
    assert row["name"] == "Gezin Gecorrigeerd" and row["updated_hlc"] == change["hlc"]
