"""Two server processes on one PostgreSQL database, as behind a load balancer: each
request of every laptop goes to one of them at random, with faults on the way, and every
laptop converges with nothing lost and nothing twice. The server keeps no state outside
its database, so this must hold."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from regiedesk.errors import SyncError
from regiedesk.sync.server.db import ServerDB

from .conftest import free_port
from .test_faults import FaultyTransport
from .world import TODAY, Laptop, assert_converged, enrol, share_family


class Spread(FaultyTransport):
    """Each request to one of the instances, picked at random (a load balancer)."""

    def __init__(self, rng: random.Random, ports: list[int], served: Counter[int]) -> None:
        super().__init__(rng)
        self.ports, self.served = ports, served

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        port = self.rng.choice(self.ports)
        self.served[port] += 1
        request.url = request.url.copy_with(port=port)
        return super().handle_request(request)


@pytest.fixture
def instances(db_url: str, tmp_path: Path) -> Iterator[list[int]]:
    ServerDB(db_url).close()  # migrated once, before the instances start
    ports, processes = [free_port(), free_port()], []
    for port in ports:
        log = (tmp_path / f"server-{port}.log").open("wb")
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "regiedesk.sync.server.cli", "--db", db_url,
                 "serve", "--port", str(port)],
                stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        )  # fmt: skip
        log.close()
    try:
        for port in ports:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, (tmp_path / f"server-{port}.log").read_text()
                time.sleep(0.1)
        yield ports
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
@pytest.mark.parametrize("seed", [7])
def test_laptops_converge_over_two_instances(
    db_url: str, instances: list[int], tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    db = ServerDB(db_url)
    served: Counter[int] = Counter()
    laptops, transports = [], []
    for user in ("anna", "bert", "carla", "daan"):
        transport = Spread(random.Random(rng.random()), instances, served)
        transport.healed = True
        transports.append(transport)
        url = f"http://127.0.0.1:{instances[0]}"
        laptops.append(Laptop(url, tmp_path / user, user, enrol(db, user), transport=transport))
    try:
        shared = share_family(db, laptops, name="Gezin Tweemaal", role="schuldhulp")
        own = laptops[3].services.families.add_family(name="Gezin Eigen", status="actief")
        families = [shared.family, own.id]
        hours: set[str] = set()
        revisions = {shared.first: "begin"}
        for transport in transports:
            transport.healed = False
        for step in range(48):
            laptop = rng.choice(laptops)
            family = own.id if laptop is laptops[3] and rng.random() < 0.5 else shared.family
            action = rng.choice(["hours", "hours", "name", "note"])
            s = laptop.services
            if action == "hours":
                entry = s.hours.add_entry(
                    family, date=TODAY - dt.timedelta(days=step % 10), minutes=15,
                    activity="huisbezoek",
                )  # fmt: skip
                hours.add(entry.id)
            elif action == "name":
                s.families.update_family(family, name=f"Gezin Tweemaal {step}")
            else:
                head = s.notes.latest_revision(shared.note)
                body = f"{head.body} +{laptop.user}{step}"
                revisions[s.notes.revise_note(shared.note, body=body, parent_id=head.id).id] = body
            with contextlib.suppress(SyncError):  # a fault on the way: the next sync retries
                laptop.sync()
        for transport in transports:
            transport.healed = True
        for _ in range(2):
            for laptop in laptops:
                laptop.sync(verify_all=True)
        assert min(served[port] for port in instances) > 20  # both served, at random
        assert_converged(db, laptops, [shared.family], revisions=revisions)
        assert_converged(db, laptops[3:], families)  # daan also holds a family of his own
        kept = {r for laptop in laptops for r in laptop.rows("hours", families)}
        assert kept == hours  # none lost
        counts = db.query("SELECT count(*) AS n, count(DISTINCT mutation_id) AS u FROM changes")
        assert counts[0]["n"] == counts[0]["u"]  # none twice
        seqs = [r["seq"] for r in db.query("SELECT seq FROM changes ORDER BY seq")]
        assert seqs == list(range(1, len(seqs) + 1))  # one sequence across both instances
    finally:
        for laptop in laptops:
            laptop.close()
        db.close()
