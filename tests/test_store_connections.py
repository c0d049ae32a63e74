"""A second connection to an open profile (the network thread's): same data, one clock."""

from __future__ import annotations

import json

from regiedesk.clock import Stamp
from regiedesk.services.families import FamilyService
from regiedesk.store import Store
from regiedesk.store.database import field_clocks
from regiedesk.sync.apply import apply_page

from .conftest import TODAY


def test_the_second_connection_reads_and_writes_the_same_profile(
    store: Store, family_id: str
) -> None:
    other = store.another_connection()
    try:
        assert other.get("families", family_id)["name"] == "Gezin Test"
        other.set_metas({"server_url": "https://example.org", "device_token": "t"})
        assert (store.meta("server_url"), store.meta("device_token")) == (
            "https://example.org",
            "t",
        )
    finally:
        other.close()


def test_an_edit_after_a_pull_on_the_other_connection_gets_a_later_stamp(
    store: Store, family_id: str
) -> None:
    """Otherwise the caseworker's newer edit would lose the field merge to an older one."""
    other = store.another_connection()
    try:
        ahead = Stamp(store.clock.last.wall_ms + 120_000, 5, "f" * 32)  # a laptop 2 min ahead
        change = {
            "entity": "families",
            "record_id": family_id,
            "family_id": family_id,
            "op": "update",
            "hlc": ahead.encode(),
            "data": {"name": "Gezin Van Server"},
        }
        assert apply_page(other, [change], cursor_key="pull_cursor", cursor=1) == 1
    finally:
        other.close()
    FamilyService(store, today=lambda: TODAY).update_family(family_id, name="Gezin Van Anna")
    clocks = field_clocks(store.get("families", family_id))
    assert clocks["name"] > ahead.encode()
    stamp = store.query("SELECT hlc FROM outbox ORDER BY seq DESC LIMIT 1")[0]["hlc"]
    assert stamp > ahead.encode()


def test_a_commit_with_outbox_rows_is_announced(store: Store, family_id: str) -> None:
    calls: list[int] = []
    store.on_change = lambda: calls.append(1)
    FamilyService(store, today=lambda: TODAY).update_family(family_id, name="Gezin Gewijzigd")
    assert calls == [1]
    store.set_meta("anything", json.dumps({}))  # local state only: no sync needed
    store.record_access("read", client=family_id, objects=[])
    assert calls == [1]
