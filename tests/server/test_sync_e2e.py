"""Laptops syncing through the real server: the engine, the merge, handover, revocation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from regiedesk.errors import DeviceRevoked, Offline
from regiedesk.services import Services
from regiedesk.store import Store, create_profile, open_profile
from regiedesk.store.profile import KEY_FILE
from regiedesk.sync.client import SyncClient, SyncEngine
from regiedesk.sync.server import auth

from ..conftest import FAST_KDF
from .conftest import Running
from .world import TODAY, Laptop, delegate

Make = Callable[[str], Laptop]


def table(store: Store, name: str) -> list[dict]:  # type: ignore[type-arg]
    return store.query(f"SELECT * FROM {name} ORDER BY id")


def test_offline_work_arrives_once_and_a_standin_gets_the_history(
    server: Running, laptop: Make
) -> None:
    anna = laptop("anna")
    family = anna.services.families.add_family(name="Gezin Sync", status="actief")
    for day in range(5):
        anna.services.hours.add_entry(
            family.id, date=TODAY - dt.timedelta(days=day), minutes=60, activity="huisbezoek"
        )
    note, first = anna.services.notes.add_note(family.id, title="Bezoek", body="Eerste")
    report = anna.sync()
    assert report.pushed == 8 and report.rejected == 0
    assert anna.outbox() == 0
    assert anna.sync().pushed == 0  # nothing twice
    assert server.db.query("SELECT count(*) AS n FROM changes")[0]["n"] == 8

    bert = laptop("bert")
    assert bert.sync().backfilled == 0
    delegate(server.db, family.id, "bert")
    bert.sync()
    assert len(table(bert.store, "hours")) == 5
    assert bert.services.notes.latest_revision(note.id).body == "Eerste"

    # concurrent edits: a field each on the family, and the same note on both laptops
    anna.services.families.update_family(family.id, name="Gezin Sync-Anna")
    bert.services.families.update_family(family.id, evaluation_date=dt.date(2027, 1, 15))
    anna.services.notes.revise_note(note.id, body="Eerste + Anna", parent_id=first.id)
    bert.services.notes.revise_note(note.id, body="Eerste + Bert", parent_id=first.id)
    for laptop in (anna, bert, anna, bert):
        laptop.sync()
    for laptop in (anna, bert):
        merged = laptop.services.families.get_family(family.id)
        assert merged.name == "Gezin Sync-Anna"
        assert merged.evaluation_date == dt.date(2027, 1, 15)
        heads = {r.body for r in laptop.services.notes.list_heads(note.id)}
        assert heads == {"Eerste + Anna", "Eerste + Bert"}  # both kept: the user merges
    keys = ("id", "minutes", "deleted", "updated_hlc")
    assert [{k: r[k] for k in keys} for r in table(anna.store, "hours")] == [
        {k: r[k] for k in keys} for r in table(bert.store, "hours")
    ]

    # the delegation ends: bert's laptop removes the family, once what it had is pushed
    bert.services.hours.add_entry(family.id, date=TODAY, minutes=15, activity="reistijd")
    bert.sync()
    server.db.execute("DELETE FROM delegations")
    report = bert.sync()
    assert report.purged == 1
    assert table(bert.store, "hours") == [] and table(bert.store, "families") == []
    anna.sync()
    assert len(table(anna.store, "hours")) == 6


def test_lost_response_is_retried_without_a_new_change(
    server: Running, laptop: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna = laptop("anna")
    family = anna.services.families.add_family(name="Gezin Retry")
    anna.services.hours.add_entry(family.id, date=TODAY, minutes=30, activity="huisbezoek")
    real_push = anna.client.push

    def push_then_drop(mutations):  # type: ignore[no-untyped-def]
        real_push(mutations)  # the server commits ...
        raise Offline()  # ... and the answer never arrives

    monkeypatch.setattr(anna.client, "push", push_then_drop)
    with pytest.raises(Offline):
        anna.sync()
    assert anna.outbox() == 2  # kept
    monkeypatch.setattr(anna.client, "push", real_push)
    assert anna.sync().pushed == 2  # the same mutation ids again, no new local change
    assert server.db.query("SELECT count(*) AS n FROM changes")[0]["n"] == 2


def test_a_delete_the_server_rejects_is_restored(server: Running, laptop: Make) -> None:
    anna = laptop("anna")
    family = anna.services.families.add_family(name="Gezin Weigering")
    entry = anna.services.hours.add_entry(family.id, date=TODAY, minutes=30, activity="huisbezoek")
    anna.sync()
    anna.services.hours.remove_entry(entry.id)
    # the server refuses this delete (here: a family the server does not know)
    anna.store.conn.execute("UPDATE outbox SET family_id = 'onbekend-gezin'")
    report = anna.sync()
    assert report.rejected == 1
    assert anna.store.get("hours", entry.id)["deleted"] == 0  # restored, not lost
    # with the stamps it had before the delete: the same as the server's, so the next
    # sync finds no drift (a kept delete stamp made it re-fetch the family every time)
    assert anna.sync(verify_all=True).repaired == 0


def test_a_revoked_device_is_told_so_at_its_next_contact(server: Running, laptop: Make) -> None:
    anna = laptop("anna")
    anna.services.families.add_family(name="Gezin Weg")
    anna.sync()
    server.db.execute("UPDATE devices SET revoked = 1")
    with pytest.raises(DeviceRevoked):
        anna.sync()
    # the engine reports it; the caller wipes (test_cli_sync; ui/test_sync_ui for the window)
    assert (anna.folder / KEY_FILE).exists()


def test_a_caseworkers_second_laptop_gets_her_work_and_is_revoked_on_its_own(
    server: Running, laptop: Make
) -> None:
    old, new = laptop("anna"), laptop("anna")
    family = old.services.families.add_family(name="Gezin Nieuwe Laptop", status="actief")
    old.services.hours.add_entry(family.id, date=TODAY, minutes=45, activity="huisbezoek")
    old.sync()
    new.sync()
    assert [f.name for f in new.services.families.list_families()] == ["Gezin Nieuwe Laptop"]
    assert new.count("hours") == 1
    server.db.execute(
        "UPDATE devices SET revoked = 1 WHERE token_hash = ?", (auth.token_hash(old.token),)
    )
    with pytest.raises(DeviceRevoked):
        old.sync()
    new.services.hours.add_entry(family.id, date=TODAY, minutes=30, activity="telefonisch_contact")
    assert new.sync().pushed == 1


def test_unreachable_server_is_offline_not_an_error(tmp_path: Path) -> None:
    store = create_profile(tmp_path / "p", "laptop passphrase", user="anna", kdf=FAST_KDF)
    try:
        Services.over(store).families.add_family(name="Gezin Offline")
        client = SyncClient("http://127.0.0.1:9", "token", timeout=2)
        with pytest.raises(Offline) as err:
            SyncEngine(store, client).sync_once()
        assert "doorwerken" in err.value.nl
        assert store.query("SELECT count(*) AS n FROM outbox")[0]["n"] == 1
        client.close()
    finally:
        store.close()
    again = open_profile(tmp_path / "p", "laptop passphrase")  # nothing broke offline
    assert again.query("SELECT count(*) AS n FROM outbox")[0]["n"] == 1
    again.close()


def test_a_drifted_family_is_detected_and_fetched_again(server: Running, laptop: Make) -> None:
    anna = laptop("anna")
    family = anna.services.families.add_family(name="Gezin Drift")
    entry = anna.services.hours.add_entry(family.id, date=TODAY, minutes=30, activity="huisbezoek")
    anna.sync()
    # damage the local copy behind the engine's back (as a bug or a bad restore would)
    anna.store.conn.execute("DELETE FROM hours WHERE id = ?", (entry.id,))
    assert anna.sync().repaired == 0  # an ordinary round only checks families it touched
    report = anna.sync(verify_all=True)
    assert report.repaired == 1
    assert anna.store.get("hours", entry.id)["minutes"] == 30
