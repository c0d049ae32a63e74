"""Dismissing changes the server refused: gone from the profile, with an audit event."""

from __future__ import annotations

import datetime as dt
import json

from regiedesk.services.families import FamilyService
from regiedesk.services.hours import HoursService
from regiedesk.store import Store
from regiedesk.sync.protocol import Reason

from .conftest import TODAY
from .refusing import sync_with


def three_refused(store: Store) -> str:
    families = FamilyService(store, today=lambda: TODAY)
    family = families.add_family(name="Gezin Weg", status="actief")
    sync_with(store, lambda m: None, [family.id])
    hours = HoursService(store, today=lambda: TODAY)
    for minutes in (30, 45, 60):
        hours.add_entry(
            family.id, date=dt.date(2026, 11, 23), minutes=minutes, activity="huisbezoek"
        )
    report = sync_with(store, lambda m: Reason.OUT_OF_SCOPE, [family.id])
    assert report.set_aside == 3
    return family.id


def audit(store: Store) -> list[dict[str, object]]:
    return store.query("SELECT event, client, objects FROM audit_log ORDER BY seq")


def test_dismissing_deletes_only_the_chosen_changes_and_audits_it(store: Store) -> None:
    family_id = three_refused(store)
    kept = store.set_aside.all()
    before = len(audit(store))

    assert store.set_aside.dismiss([kept[0]["mutation_id"], kept[2]["mutation_id"]]) == 2

    assert store.set_aside.all() == [kept[1]]
    assert store.set_aside.count() == 1
    events = audit(store)
    assert len(events) == before + 1
    event = events[-1]
    assert event["event"] == "delete"
    objects = json.loads(str(event["objects"]))
    assert f"hours/{kept[0]['record_id']}" in objects
    assert f"hours/{kept[2]['record_id']}" in objects
    assert f"hours/{kept[1]['record_id']}" not in objects
    assert f"families/{family_id}" in objects
    assert store.query("SELECT count(*) AS n FROM outbox")[0]["n"] == 0  # nothing to sync


def test_unknown_ids_are_harmless(store: Store) -> None:
    three_refused(store)
    kept = store.set_aside.all()
    before = len(audit(store))

    assert store.set_aside.dismiss(["no-such-id"]) == 0
    assert store.set_aside.dismiss([]) == 0
    assert store.set_aside.all() == kept
    assert len(audit(store)) == before  # nothing happened, nothing to log

    assert store.set_aside.dismiss([kept[1]["mutation_id"], "no-such-id"]) == 1
    assert [r["mutation_id"] for r in store.set_aside.all()] == [
        kept[0]["mutation_id"],
        kept[2]["mutation_id"],
    ]


def test_a_refusal_is_dated_by_the_engine_clock(store: Store) -> None:
    families = FamilyService(store, today=lambda: TODAY)
    family = families.add_family(name="Gezin Klok", status="actief")
    sync_with(store, lambda m: None, [family.id])
    HoursService(store, today=lambda: TODAY).add_entry(
        family.id, date=TODAY, minutes=30, activity="huisbezoek"
    )
    sync_with(
        store,
        lambda m: Reason.OUT_OF_SCOPE,
        [family.id],
        now=lambda: "2026-11-24T10:12:00.000+00:00",
    )
    assert [c["rejected_at"] for c in store.set_aside.all()] == ["2026-11-24T10:12:00.000+00:00"]
