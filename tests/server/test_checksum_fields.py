"""The checksum covers every field's stamp (version 2): a copy that missed an older field's
change under the same newest stamp is found and repaired; version 1 still answers."""

from __future__ import annotations

import json
from collections.abc import Callable

from regiedesk.sync import protocol as p
from regiedesk.sync.apply import local_checksums
from regiedesk.sync.server import state

from .conftest import Running
from .world import Laptop


def _drifted(laptop: Callable[..., Laptop]) -> tuple[Laptop, str]:
    """anna's family with two later changes (status, then name), synced; then her copy loses
    the older one (status and its stamp) as a laptop that missed it would, the row's newest
    stamp (the name's) unchanged."""
    anna = laptop("anna")
    family = anna.services.families.add_family(name="Gezin Veld", status="aangemeld")
    anna.sync()
    anna.services.families.update_family(family.id, status="actief")
    anna.sync()
    anna.services.families.update_family(family.id, name="Gezin Veld-Nieuw")
    anna.sync()
    row = anna.store.get("families", family.id)
    clocks = json.loads(row["field_hlc"])
    assert clocks["status"] < clocks["name"] == row["updated_hlc"]
    del clocks["status"]  # back to the insert's stamp, and its value
    anna.store.write_local(
        "UPDATE families SET status = 'aangemeld', field_hlc = ? WHERE id = ?",
        (json.dumps(clocks), family.id),
    )
    return anna, family.id


def test_a_copy_missing_an_older_fields_change_is_found_and_repaired(
    server: Running, laptop: Callable[..., Laptop]
) -> None:
    anna, family = _drifted(laptop)
    # the newest stamps agree: version 1 cannot see it (the gap this version closes)
    assert anna.client.checksums([family], version=1) == local_checksums(
        anna.store, [family], version=1
    )
    assert anna.client.checksums([family]) != local_checksums(anna.store, [family])

    report = anna.sync(verify_all=True)
    assert report.repaired == 1
    row = anna.store.get("families", family)
    assert (row["status"], row["name"]) == ("actief", "Gezin Veld-Nieuw")
    assert anna.client.checksums([family]) == local_checksums(anna.store, [family])
    assert anna.sync(verify_all=True).repaired == 0  # repaired for good


def test_a_request_without_a_version_is_answered_the_old_digest(
    server: Running, laptop: Callable[..., Laptop]
) -> None:
    anna, family = _drifted(laptop)
    with server.db.reading() as tx:
        old = p.family_checksum(state.record_stamps(tx, family))
    with server.client(anna.token) as c:
        plain = c.get("/v1/sync/checksum", params={"families": family})
        newer = c.get("/v1/sync/checksum", params={"families": family, "version": 9})
        bad = c.get("/v1/sync/checksum", params={"families": family, "version": 0})
    assert plain.status_code == 200, plain.text
    assert plain.json() == {"families": {family: old}, "version": 1}
    assert {family: old} == local_checksums(anna.store, [family], version=1)  # an old one: no drift
    # a later laptop's version: the newest this server has, named
    assert newer.json() == {"families": anna.client.checksums([family]), "version": 2}
    assert newer.json()["families"][family] != old
    assert bad.status_code == 422
