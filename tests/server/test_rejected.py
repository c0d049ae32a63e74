"""Work the server rejects is kept aside on the laptop, also after its family is purged."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from regiedesk.errors import UpgradeRequired
from regiedesk.export import export_json
from regiedesk.store import open_profile
from regiedesk.store.schema import SCHEMA_VERSION
from regiedesk.sync import protocol as p
from regiedesk.sync.client import SyncClient

from ..conftest import TODAY
from ..test_no_plaintext import leaks
from .conftest import Running
from .world import Laptop, delegate

SECRET = "Afspraak met de schuldhulpverlener Vlietstra-Bakkum"


def test_rejected_work_survives_the_purge_of_its_family(
    server: Running, laptop: Callable[[str], Laptop]
) -> None:
    anna = laptop("anna")
    family = anna.services.families.add_family(name="Gezin Vlietstra", status="actief")
    anna.sync()
    bert = laptop("bert")
    delegate(server.db, family.id, "bert")
    bert.sync()
    assert bert.services.families.get_family(family.id).name == "Gezin Vlietstra"
    # the stand-in ends while bert's laptop is offline; he still writes in the family
    server.db.execute("DELETE FROM delegations")
    entry = bert.services.hours.add_entry(family.id, date=TODAY, minutes=45, activity="huisbezoek")
    note, _ = bert.services.notes.add_note(family.id, title="Bezoek", body=SECRET)

    report = bert.sync()
    assert report.rejected == 3  # hours entry, note, its revision: out of scope; and ...
    assert report.pushed == 0
    assert report.purged == 1  # ... the family has left bert's scope and is removed
    assert report.set_aside == 3
    for name in ("families", "hours", "notes", "note_revisions", "outbox"):
        assert bert.store.query(f"SELECT count(*) AS n FROM {name}")[0]["n"] == 0, name
    kept = bert.store.set_aside.all()
    assert {(r["entity"], r["op"], r["reason"]) for r in kept} == {
        ("hours", "insert", "out_of_scope"),
        ("notes", "insert", "out_of_scope"),
        ("note_revisions", "insert", "out_of_scope"),
    }
    hours = next(r for r in kept if r["entity"] == "hours")
    assert hours["record_id"] == entry.id and hours["family_id"] == family.id
    assert hours["data"]["minutes"] == 45 and hours["rejected_at"]
    revision = next(r for r in kept if r["entity"] == "note_revisions")
    assert revision["data"]["body"] == SECRET and revision["data"]["note_id"] == note.id
    assert (
        server.db.query("SELECT count(*) AS n FROM changes WHERE family_id = ?", (family.id,))[0][
            "n"
        ]
        == 1
    )  # only anna's family record: nothing of bert's arrived

    # a later round neither pushes nor loses them; they outlive closing the profile
    again = bert.sync()
    assert (again.rejected, again.set_aside) == (0, 3)
    bert.close()
    assert leaks(bert.folder, [SECRET]) == []  # kept encrypted, like everything else
    reopened = open_profile(bert.folder, "laptop passphrase")
    try:
        assert reopened.set_aside.all() == kept
        # the export hands the kept work on, and the audit log says whose data left
        out = bert.folder.parent / "bert-export.json"
        export_json(reopened, out)
        exported = json.loads(out.read_text())["rejected_changes"]
        assert {r["record_id"] for r in exported} == {r["record_id"] for r in kept}
        audit = reopened.query("SELECT event, objects FROM audit_log ORDER BY seq DESC LIMIT 1")
        assert audit[0]["event"] == "export" and family.id in audit[0]["objects"]
    finally:
        reopened.close()


def test_a_rejected_family_record_is_kept_too(
    server: Running, laptop: Callable[[str], Laptop]
) -> None:
    anna = laptop("anna")
    family = anna.services.families.add_family(name="Gezin Eigen", status="actief")
    anna.sync()
    bert = laptop("bert")
    # bert's laptop got the family through a stand-in that has ended since
    delegate(server.db, family.id, "bert")
    bert.sync()
    server.db.execute("DELETE FROM delegations")
    bert.services.families.update_family(family.id, name="Gezin Eigen (Bert)")
    report = bert.sync()
    assert (report.rejected, report.purged, report.set_aside) == (1, 1, 1)
    (kept,) = bert.store.set_aside.all()
    assert (kept["entity"], kept["op"], kept["record_id"]) == ("families", "update", family.id)
    assert kept["data"] == {"name": "Gezin Eigen (Bert)"}
    anna.sync()
    assert anna.services.families.get_family(family.id).name == "Gezin Eigen"


def test_clients_on_the_previous_schema_still_sync(server: Running) -> None:
    token = server.device("anna")
    low, high = p.SUPPORTED_SCHEMAS
    assert (low, high) == (3, 9)
    for schema in (low, high):
        client = SyncClient(server.url, token, schema=schema)
        assert client.pull(0)["changes"] == []
        client.close()
    old = SyncClient(server.url, token, schema=low - 1)
    with pytest.raises(UpgradeRequired):
        old.pull(0)
    old.close()
    assert low <= SCHEMA_VERSION <= high
    client = SyncClient(server.url, token)  # as the engine has it: the profile's schema
    assert client._http.headers[p.SCHEMA_HEADER] == str(SCHEMA_VERSION)
    client.close()
