"""Faults between laptop and server: dropped requests, lost responses, duplicates, 5xx.

Three laptops edit fields, add hours and revise a note while every request may
fail in one of those ways. After the faults heal and every laptop syncs twice,
all laptops hold the same records, no hours entry is duplicated and no note
revision is lost.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import httpx
import pytest

from regiedesk.errors import SyncError
from regiedesk.ids import uuid7
from regiedesk.services import Services
from regiedesk.store import Store, create_profile
from regiedesk.sync.client import SyncClient, SyncEngine

from ..conftest import FAST_KDF, TODAY
from .conftest import PASSWORD, Running

FAULTS = [None, None, "drop", "lose", "dup", "5xx"]


class FaultyTransport(httpx.HTTPTransport):
    """Before or after the real request, something may go wrong."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng
        self.healed = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        fault = None if self.healed else self.rng.choice(FAULTS)
        if fault == "drop":
            raise httpx.ConnectError("dropped", request=request)
        if fault == "5xx":
            return httpx.Response(503, json={"detail": {"code": "busy"}}, request=request)
        response = super().handle_request(request)
        if fault in ("dup", "lose"):
            response.read()
            response.close()
            if fault == "lose":
                raise httpx.ReadError("response lost", request=request)
            response = super().handle_request(request)  # the same request arrives twice
        return response


def register(server: Running, user: str) -> str:
    server.add_user(user)
    client = SyncClient(server.url)
    try:
        return str(client.register(user, PASSWORD, "laptop", None)["token"])
    finally:
        client.close()


def snapshot(store: Store, table: str, *columns: str) -> list[tuple[object, ...]]:
    names = ", ".join(("id", *columns))
    return [tuple(r.values()) for r in store.query(f"SELECT {names} FROM {table} ORDER BY id")]


@pytest.mark.parametrize("seed", [1, 2])
def test_three_laptops_converge_under_faults(server: Running, tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    users = ["anna", "bert", "carla"]
    stores, engines, transports = [], [], []
    for user in users:
        token = register(server, user)
        store = create_profile(tmp_path / user, "laptop passphrase", user=user, kdf=FAST_KDF)
        transport = FaultyTransport(random.Random(rng.random()))
        stores.append(store)
        transports.append(transport)
        engines.append(SyncEngine(store, SyncClient(server.url, token, transport=transport)))
    services = [Services.over(s, today=lambda: TODAY) for s in stores]
    family = services[0].families.add_family(name="Gezin Storing", status="actief")
    note, first = services[0].notes.add_note(family.id, title="Verslag", body="begin")
    transports[0].healed = True  # the family reaches the server before the faults start
    engines[0].sync_once()
    transports[0].healed = False
    for user in users[1:]:
        server.db.execute(
            "INSERT INTO delegations (id, family_id, user_name, valid_from, valid_until)"
            " VALUES (?, ?, ?, ?, ?)",
            (uuid7(), family.id, user, "2000-01-01", "2100-01-01"),
        )
    added_hours: set[str] = set()
    revisions: set[str] = {first.id}
    for step in range(40):
        i = rng.randrange(3)
        s = services[i]
        try:
            if s.store.query("SELECT 1 AS x FROM families WHERE id = ?", (family.id,)):
                action = rng.choice(["name", "evaluation", "hours", "hours", "note"])
                if action == "name":
                    s.families.update_family(family.id, name=f"Gezin Storing {step}")
                elif action == "evaluation":
                    s.families.update_family(
                        family.id, evaluation_date=TODAY + dt.timedelta(days=step)
                    )
                elif action == "hours":
                    entry = s.hours.add_entry(
                        family.id, date=TODAY - dt.timedelta(days=step % 20), minutes=10,
                        activity="huisbezoek",
                    )  # fmt: skip
                    added_hours.add(entry.id)
                elif s.store.query("SELECT 1 AS x FROM notes WHERE id = ?", (note.id,)):
                    head = s.notes.latest_revision(note.id)
                    revisions.add(
                        s.notes.revise_note(
                            note.id, body=f"{head.body} +{step}", parent_id=head.id
                        ).id
                    )
            engines[i].sync_once()
        except SyncError:
            pass  # a fault: the next round tries again
    for transport in transports:
        transport.healed = True
    for _ in range(2):
        for engine in engines:
            engine.sync_once(verify_all=True)
    hours = [snapshot(s, "hours", "minutes", "deleted") for s in stores]
    assert hours[0] == hours[1] == hours[2]
    assert {row[0] for row in hours[0]} == added_hours  # none lost, none twice
    notes = [snapshot(s, "note_revisions", "body") for s in stores]
    assert notes[0] == notes[1] == notes[2]
    assert {row[0] for row in notes[0]} == revisions
    families = [snapshot(s, "families", "name", "evaluation_date") for s in stores]
    assert families[0] == families[1] == families[2]
    unique = server.db.query("SELECT count(DISTINCT mutation_id) AS n, count(*) AS t FROM changes")[
        0
    ]
    assert unique["n"] == unique["t"]
    for engine, store in zip(engines, stores, strict=True):
        assert store.query("SELECT count(*) AS n FROM outbox")[0]["n"] == 0
        engine.client.close()
        store.close()
