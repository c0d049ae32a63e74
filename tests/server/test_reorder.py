"""Requests that arrive in another order than they were sent.

A push held back in the network reaches the server after a later push of another
laptop (so the server's sequence order contradicts the clock order), and a push the
laptop gave up on arrives after its own retry has overtaken it. Afterwards every
laptop equals the server, the merge followed the clock stamps (not the arrival
order), no note revision is lost and no hours entry is there twice.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from regiedesk.errors import Offline

from .conftest import Running
from .world import TODAY, Laptop, SharedFamily, assert_converged, share_family


class ReorderingTransport(httpx.HTTPTransport):
    """``delay``: the next push waits until ``release`` is set, then arrives (and is
    answered). ``strand``: the next push gets no answer (the laptop times out) but stays
    in the network; ``deliver_stranded`` lets it arrive later."""

    def __init__(self) -> None:
        super().__init__()
        self.mode: str | None = None
        self.arrived = threading.Event()
        self.release = threading.Event()
        self.stranded: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/sync/push" and self.mode is not None:
            mode, self.mode = self.mode, None
            if mode == "delay":
                self.arrived.set()
                assert self.release.wait(30), "never released"
            else:
                request.read()
                self.stranded.append(request)
                raise httpx.ReadTimeout("no answer in time", request=request)
        return super().handle_request(request)

    def deliver_stranded(self) -> list[dict[str, Any]]:
        answers = []
        for request in self.stranded:
            response = super().handle_request(request)
            response.read()
            assert response.status_code == 200, response.text
            answers += response.json()["results"]
        self.stranded.clear()
        return answers


Trio = tuple[list[Laptop], ReorderingTransport, SharedFamily]


@pytest.fixture
def trio(server: Running, laptop: Callable[..., Laptop]) -> Trio:
    """Three laptops on one family (anna's, with bert and carla standing in), all synced;
    anna's requests go through a reordering transport."""
    reordering = ReorderingTransport()
    laptops = [laptop("anna", transport=reordering), laptop("bert"), laptop("carla")]
    shared = share_family(server.db, laptops, name="Gezin Volgorde", role="jeugdarts")
    return laptops, reordering, shared


def tick() -> None:
    time.sleep(0.003)  # the next edit gets a later wall-clock millisecond


def test_a_held_back_push_arrives_after_a_later_one(server: Running, trio: Trio) -> None:
    laptops, reordering, (family, party, note, first) = trio
    anna, bert, carla = laptops
    revisions = {first: "begin"}
    hours: set[str] = set()

    anna.services.families.update_family(family, name="Gezin Anna")
    anna.services.network.update_party(party, organisation="GGD Anna")
    revisions[anna.services.notes.revise_note(note, body="anna", parent_id=first).id] = "anna"
    hours.add(
        anna.services.hours.add_entry(family, date=TODAY, minutes=30, activity="huisbezoek").id
    )
    tick()
    bert.services.families.update_family(family, name="Gezin Bert", evaluation_date=TODAY)
    bert.services.network.update_party(party, organisation="GGD Bert", role="arts")
    revisions[bert.services.notes.revise_note(note, body="bert", parent_id=first).id] = "bert"
    hours.add(
        bert.services.hours.add_entry(family, date=TODAY, minutes=45, activity="netwerkoverleg").id
    )
    tick()
    later = TODAY + dt.timedelta(days=30)
    anna.services.families.update_family(family, evaluation_date=later)
    anna.services.network.update_party(party, role="jeugdarts GGD")

    reordering.mode = "delay"
    failure: list[BaseException] = []

    def anna_syncs() -> None:
        try:
            anna.sync()
        except BaseException as exc:  # reported to the test below
            failure.append(exc)

    thread = threading.Thread(target=anna_syncs)
    thread.start()
    assert reordering.arrived.wait(10)
    bert.sync()  # sent after anna's push, arrives before it
    carla.sync()
    reordering.release.set()
    thread.join(30)
    assert not thread.is_alive() and not failure, failure

    def seq_of(name: str) -> int:
        rows = server.db.query(
            "SELECT seq FROM changes WHERE entity = 'families' AND data LIKE ?", (f"%{name}%",)
        )
        return int(rows[0]["seq"])

    assert seq_of("Gezin Bert") < seq_of("Gezin Anna")  # arrival order against clock order

    for _ in range(2):
        for laptop in laptops:
            laptop.sync(verify_all=True)
    assert_converged(server.db, laptops, [family], revisions=revisions, hours=hours)
    for laptop in laptops:
        merged = laptop.services.families.get_family(family)
        assert (merged.name, merged.evaluation_date) == ("Gezin Bert", later)
        kept = laptop.services.network.get_party(party)
        assert (kept.organisation, kept.role) == ("GGD Bert", "jeugdarts GGD")
        assert {r.body for r in laptop.services.notes.list_heads(note)} == {"anna", "bert"}


def test_a_retry_overtakes_the_push_it_repeats(server: Running, trio: Trio) -> None:
    laptops, reordering, (family, party, note, first) = trio
    anna, bert, _ = laptops
    revisions = {first: "begin"}
    hours: set[str] = set()

    anna.services.families.update_family(family, name="Gezin A1")
    entry = anna.services.hours.add_entry(family, date=TODAY, minutes=30, activity="huisbezoek")
    hours.add(entry.id)
    revision = anna.services.notes.revise_note(note, body="anna 1", parent_id=first)
    revisions[revision.id] = "anna 1"
    doomed = anna.services.network.add_party(
        family, organisation="Wijkteam", role="coach", involved_from=TODAY
    )
    reordering.mode = "strand"
    with pytest.raises(Offline):
        anna.sync()
    assert anna.outbox() == 4 and len(reordering.stranded) == 1

    tick()
    anna.services.families.update_family(family, name="Gezin A2")
    anna.services.network.remove_party(doomed.id)
    hours.add(anna.services.hours.add_entry(family, date=TODAY, minutes=10, activity="reistijd").id)
    anna.services.hours.update_entry(entry.id, minutes=35)
    anna.sync()  # the retry: the four stranded mutations again, and the new ones
    tick()
    bert.services.families.update_family(family, name="Gezin B")
    bert.sync()
    count = server.db.query("SELECT count(*) AS n FROM changes")[0]["n"]

    late = reordering.deliver_stranded()  # the original push finally arrives
    assert [a["outcome"] for a in late] == ["accepted"] * 4
    assert server.db.query("SELECT count(*) AS n FROM changes")[0]["n"] == count

    for _ in range(2):
        for laptop in laptops:
            laptop.sync(verify_all=True)
    assert_converged(server.db, laptops, [family], revisions=revisions, hours=hours)
    for laptop in laptops:
        assert laptop.services.families.get_family(family).name == "Gezin B"
        assert laptop.services.hours.get_entry(entry.id).minutes == 35
        assert [p.id for p in laptop.services.network.list_parties(family)] == [party]


def test_the_same_push_twice_at_the_same_time_is_answered_twice(
    server: Running, trio: Trio
) -> None:
    """A retry that arrives while the original is still being processed (two server
    threads, both before either commits): both are answered, one copy is stored."""
    laptops, _, (family, _, _, _) = trio
    anna = laptops[0]
    with anna.store.transaction(event="create", client=family) as tx:
        for i in range(2000):
            tx.insert(
                "hours",
                {
                    "family_id": family,
                    "caseworker": "anna",
                    "date": (TODAY - dt.timedelta(days=i % 300)).isoformat(),
                    "minutes": 1,
                    "activity": "huisbezoek",
                },
            )
    rows = anna.store.query(
        "SELECT mutation_id, hlc, entity, record_id, family_id, op, data FROM outbox ORDER BY seq"
    )
    body = gzip.compress(
        json.dumps({"mutations": [{**r, "data": json.loads(r["data"])} for r in rows]}).encode()
    )
    token = anna.client._http.headers["Authorization"].removeprefix("Bearer ")
    answers: list[httpx.Response] = []
    start = threading.Barrier(3)

    def push() -> None:
        with server.client(token) as http:
            start.wait()
            answers.append(
                http.post(
                    "/v1/sync/push",
                    content=body,
                    headers={"content-type": "application/json", "content-encoding": "gzip"},
                )
            )

    threads = [threading.Thread(target=push) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [a.status_code for a in answers] == [200] * 3, [a.text[:200] for a in answers]
    for answer in answers:
        assert {r["outcome"] for r in answer.json()["results"]} == {"accepted"}
    stored = server.db.query(
        "SELECT count(*) AS n FROM changes WHERE entity = 'hours' AND family_id = ?", (family,)
    )
    assert stored[0]["n"] == 2000
    anna.sync()
    assert anna.outbox() == 0
