"""Regression tests for sync bugs known from other systems (each named after the bug)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx
import pytest

from regiedesk.ids import uuid7
from regiedesk.services import Services
from regiedesk.store import Store, create_profile
from regiedesk.sync.apply import local_checksums
from regiedesk.sync.client import Offline, SyncClient, SyncEngine

from ..conftest import FAST_KDF
from .conftest import PASSWORD, Running

TODAY = dt.date(2026, 11, 24)


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


class Device:
    def __init__(self, server: Running, folder: Path, user: str) -> None:
        if not server.db.query("SELECT 1 AS x FROM users WHERE name = ?", (user,)):
            server.add_user(user)
        self.store: Store = create_profile(folder, "laptop passphrase", user=user, kdf=FAST_KDF)
        self.services = Services.over(self.store, today=lambda: TODAY)
        registrar = SyncClient(server.url)
        token = registrar.register(user, PASSWORD, folder.name, None)["token"]
        registrar.close()
        self.cable = Cable()
        self.client = SyncClient(server.url, token, transport=self.cable)

    def sync(self):  # type: ignore[no-untyped-def]
        return SyncEngine(self.store, self.client).sync_once(verify_all=True)

    def count(self, table: str) -> int:
        return int(self.store.query(f"SELECT count(*) AS n FROM {table}")[0]["n"])

    def close(self) -> None:
        self.client.close()
        self.store.close()


@pytest.fixture
def devices(server: Running, tmp_path: Path):  # type: ignore[no-untyped-def]
    made: list[Device] = []

    def make(user: str) -> Device:
        device = Device(server, tmp_path / f"{user}-{len(made)}", user)
        made.append(device)
        return device

    yield make
    for device in made:
        device.close()


def stand_in(server: Running, family_id: str, user: str) -> None:
    server.db.execute(
        "INSERT INTO delegations (id, family_id, user_name, valid_from, valid_until)"
        " VALUES (?, ?, ?, '2000-01-01', '2100-01-01')",
        (uuid7(), family_id, user),
    )


def test_three_devices_writing_the_same_value_converge(server: Running, devices) -> None:  # type: ignore[no-untyped-def]
    anna, bert, carla = devices("anna"), devices("bert"), devices("carla")
    family = anna.services.families.create(name="Gezin Drie", status="actief")
    anna.sync()
    for user in ("bert", "carla"):
        stand_in(server, family.id, user)
    bert.sync(), carla.sync()
    for device in (anna, bert, carla):  # the same value, each with its own clock stamp
        device.services.families.update(family.id, name="Gezin Drie-Zelfde")
    for _ in range(2):
        for device in (anna, bert, carla):
            device.sync()
    rows = [device.store.get("families", family.id) for device in (anna, bert, carla)]
    assert {r["name"] for r in rows} == {"Gezin Drie-Zelfde"}
    assert len({(r["updated_hlc"], r["field_hlc"]) for r in rows}) == 1  # not only the value
    remote = anna.client.checksums([family.id])[family.id]
    assert {local_checksums(d.store, [family.id])[family.id] for d in (anna, bert, carla)} == {
        remote
    }


def test_a_drop_right_after_the_sync_started_loses_nothing(server: Running, devices) -> None:  # type: ignore[no-untyped-def]
    anna, bert = devices("anna"), devices("bert")
    family = anna.services.families.create(name="Gezin Kabel", status="actief")
    anna.sync()
    stand_in(server, family.id, "bert")
    bert.sync()
    for minute in range(2500):  # three pages for anna to pull
        day = TODAY - dt.timedelta(days=minute // 20)
        bert.services.hours.add(family.id, date=day, minutes=30, activity="huisbezoek")
    bert.sync()
    entry = anna.services.hours.add(family.id, date=TODAY, minutes=45, activity="reistijd")
    for cut in (0, 1, 2):  # before the push, after the push, after the first page
        anna.cable.requests, anna.cable.cut_after = 0, cut
        with pytest.raises(Offline):
            anna.sync()
        assert anna.store.get("hours", entry.id)["minutes"] == 45
    assert server.db.query("SELECT count(*) AS n FROM changes WHERE record_id = ?", (entry.id,))
    anna.cable.cut_after = None
    anna.sync()
    anna.sync()
    assert anna.count("outbox") == 0
    assert anna.count("hours") == 2501
    ids = [r["id"] for r in anna.store.query("SELECT id FROM hours")]
    assert len(ids) == len(set(ids))
    bert.sync()
    assert bert.count("hours") == 2501
