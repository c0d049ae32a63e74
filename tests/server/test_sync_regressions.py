"""Regression tests for sync bugs known from other systems (each named after the bug)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import httpx
import pytest

from regiedesk.errors import Offline
from regiedesk.sync.apply import local_checksums

from .conftest import Running
from .world import TODAY, Laptop, delegate

Make = Callable[..., Laptop]


class Cable(httpx.HTTPTransport):
    """Pulled out after a given number of requests."""

    def __init__(self) -> None:
        super().__init__()
        self.cut_after: int | None = None
        self.requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if self.cut_after is not None and self.requests > self.cut_after:
            raise httpx.ConnectError("cable pulled", request=request)
        return super().handle_request(request)


def test_three_devices_writing_the_same_value_converge(server: Running, laptop: Make) -> None:
    anna, bert, carla = laptop("anna"), laptop("bert"), laptop("carla")
    family = anna.services.families.add_family(name="Gezin Drie", status="actief")
    anna.sync(verify_all=True)
    for user in ("bert", "carla"):
        delegate(server.db, family.id, user)
    for device in (bert, carla):
        device.sync(verify_all=True)
    for device in (anna, bert, carla):  # the same value, each with its own clock stamp
        device.services.families.update_family(family.id, name="Gezin Drie-Zelfde")
    for _ in range(2):
        for device in (anna, bert, carla):
            device.sync(verify_all=True)
    rows = [device.store.get("families", family.id) for device in (anna, bert, carla)]
    assert {r["name"] for r in rows} == {"Gezin Drie-Zelfde"}
    assert len({(r["updated_hlc"], r["field_hlc"]) for r in rows}) == 1  # not only the value
    remote = anna.client.checksums([family.id])[family.id]
    assert {local_checksums(d.store, [family.id])[family.id] for d in (anna, bert, carla)} == {
        remote
    }


def test_a_drop_right_after_the_sync_started_loses_nothing(server: Running, laptop: Make) -> None:
    cable = Cable()
    anna, bert = laptop("anna", transport=cable), laptop("bert")
    family = anna.services.families.add_family(name="Gezin Kabel", status="actief")
    anna.sync(verify_all=True)
    delegate(server.db, family.id, "bert")
    bert.sync(verify_all=True)
    for minute in range(2500):  # three pages for anna to pull
        day = TODAY - dt.timedelta(days=minute // 20)
        bert.services.hours.add_entry(family.id, date=day, minutes=30, activity="huisbezoek")
    bert.sync(verify_all=True)
    entry = anna.services.hours.add_entry(family.id, date=TODAY, minutes=45, activity="reistijd")
    for cut in (0, 1, 2):  # before the push, after the push, after the first page
        cable.requests, cable.cut_after = 0, cut
        with pytest.raises(Offline):
            anna.sync(verify_all=True)
        assert anna.store.get("hours", entry.id)["minutes"] == 45
    pushed = "SELECT count(*) AS n FROM changes WHERE record_id = ?"
    assert server.db.query(pushed, (entry.id,))[0]["n"] == 1
    cable.cut_after = None
    anna.sync(verify_all=True)
    anna.sync(verify_all=True)
    assert anna.outbox() == 0
    assert anna.count("hours") == 2501
    ids = [r["id"] for r in anna.store.query("SELECT id FROM hours")]
    assert len(ids) == len(set(ids))
    bert.sync(verify_all=True)
    assert bert.count("hours") == 2501
