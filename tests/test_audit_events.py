"""Accesses that change nothing are NEN 7513 events too: reads, searches (writes, prints
and exports are covered where they happen)."""

from __future__ import annotations

import json

from regiedesk.services import Services
from regiedesk.store import Store


def last_event(store: Store) -> dict[str, object]:
    return store.query("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1")[0]


def test_opening_a_part_of_a_family_is_a_read_event(store: Store, family_id: str) -> None:
    Services.over(store).audit.log_opened(family_id, "hours")
    event = last_event(store)
    assert event["event"] == "read" and event["client"] == family_id
    assert json.loads(str(event["objects"])) == [f"families/{family_id}", "view/hours"]
    assert event["user"] == event["responsible_user"] == "regisseur.anna"
    assert event["device"] == store.device_id and event["at"]


def test_reading_a_note_names_the_note(store: Store, family_id: str) -> None:
    services = Services.over(store)
    note, _ = services.notes.add_note(family_id, title="Huisbezoek", body="Alles rustig.")
    services.audit.log_note_read(family_id, note.id)
    event = last_event(store)
    assert (event["event"], event["client"]) == ("read", family_id)
    assert json.loads(str(event["objects"])) == [f"notes/{note.id}"]


def test_a_search_logs_who_was_listed_not_the_words(store: Store, family_id: str) -> None:
    Services.over(store).audit.log_search([family_id])
    event = last_event(store)
    assert event["event"] == "search" and event["client"] is None
    assert json.loads(str(event["objects"])) == [f"families/{family_id}"]
