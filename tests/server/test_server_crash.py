"""The server process killed (SIGKILL) in the middle of a large push, and restarted.

`regiedesk-server --db URL serve` runs as a real subprocess on SQLite and PostgreSQL.
One laptop pushes thousands of outbox rows in batches; the server is killed once
while a batch is being processed (timed from the batches before it) and once after it
committed a batch but before the answer arrived. Each time it is restarted on the
same database and port. The other two laptops keep working. After every laptop has
synced twice, all laptops equal the server, no note revision is lost, no hours entry
is there twice and every outbox is empty; a batch is on the server whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import httpx
import pytest

from regiedesk.errors import Offline
from regiedesk.sync import engine as sync_engine
from regiedesk.sync.server.db import ServerDB

from .conftest import free_port
from .world import TODAY, Laptop, assert_converged, delegate, enrol

BATCH = 1500  # mutations per push: a transaction that takes long enough to be killed inside


class ServerProcess:
    """`regiedesk-server serve` as a child process that can be killed and started again."""

    def __init__(self, db_url: str, port: int, log: Path) -> None:
        self.db_url, self.port, self.log_path = db_url, port, log
        self.url = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.log: IO[bytes] | None = None
        self.kills = 0

    def start(self) -> None:
        script = Path(sys.executable).with_name("regiedesk-server")
        command = (
            [str(script)]
            if script.exists()
            else [sys.executable, "-m", "regiedesk.sync.server.cli"]
        )
        self.log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [*command, "--db", self.db_url, "serve", "--port", str(self.port)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while True:
            assert self.proc.poll() is None, self.log_path.read_text(errors="replace")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL: no shutdown handler, no rollback by the server itself."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.kills += 1
        self.stop()

    def stop(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.terminate()
            self.proc.wait(timeout=15)
            self.proc = None
        if self.log is not None:
            self.log.close()
            self.log = None


class KillingTransport(httpx.HTTPTransport):
    """Kills the server during chosen pushes: ``in_flight`` while the server works on the
    batch (after half the time earlier batches took), ``after_commit`` once the server
    answered (the answer is lost with the process). Pushes are numbered from 1."""

    def __init__(self, server: ServerProcess) -> None:
        super().__init__()
        self.server = server
        self.arm({})

    def arm(self, plan: dict[int, str]) -> None:
        self.plan = plan
        self.pushes = 0
        self.durations: list[float] = []
        self.outcomes: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path != "/v1/sync/push":
            return super().handle_request(request)
        self.pushes += 1
        fault = self.plan.get(self.pushes)
        if fault == "in_flight":
            delay = 0.5 * (sum(self.durations) / len(self.durations)) if self.durations else 0.05
            timer = threading.Timer(delay, self.server.kill)
            timer.start()
            try:
                response = super().handle_request(request)
                response.read()
            except httpx.TransportError:
                self.outcomes.append("killed in flight")
                raise
            finally:
                timer.join()
            self.outcomes.append("answered before the kill")
            raise httpx.ReadError("the server died", request=request)
        started = time.monotonic()
        response = super().handle_request(request)
        response.read()
        self.durations.append(time.monotonic() - started)
        if fault == "after_commit":
            self.server.kill()
            self.outcomes.append("killed after commit")
            raise httpx.ReadError("the server died before answering", request=request)
        return response


def changes_on_server(db: ServerDB) -> int:
    return int(db.query("SELECT count(*) AS n FROM changes")[0]["n"])


@pytest.fixture
def process(db_url: str, tmp_path: Path) -> Iterator[ServerProcess]:
    ServerDB(db_url).close()  # migrated before the server starts
    server = ServerProcess(db_url, free_port(), tmp_path / "server.log")
    server.start()
    yield server
    server.stop()


def test_server_killed_during_a_large_push_loses_and_doubles_nothing(
    process: ServerProcess, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync_engine, "PUSH_BATCH", BATCH)
    db = ServerDB(db_url)
    users = ["anna", "bert", "carla"]
    transport = KillingTransport(process)
    laptops = [
        Laptop(
            process.url,
            tmp_path / user,
            user,
            enrol(db, user),
            transport=transport if user == "anna" else None,
        )
        for user in users
    ]
    anna, bert, carla = laptops
    try:
        family = anna.services.families.add_family(name="Gezin Crash", status="actief")
        note, first = anna.services.notes.add_note(family.id, title="Verslag", body="begin")
        anna.sync()
        for user in users[1:]:
            delegate(db, family.id, user)
        bert.sync()
        carla.sync()
        revisions = {first.id: "begin"}
        hours: set[str] = set()

        # anna's big offline batch: thousands of hours entries and note revisions
        head = first.id
        with anna.store.transaction(event="create", client=family.id) as tx:
            for i in range(5000):
                hours.add(
                    tx.insert(
                        "hours",
                        {
                            "family_id": family.id,
                            "caseworker": "anna",
                            "date": (TODAY - dt.timedelta(days=i % 300)).isoformat(),
                            "minutes": 1 + i % 7,
                            "activity": "huisbezoek",
                        },
                    )
                )
                if i % 50 == 0:
                    body = f"anna {i}"
                    head = tx.insert(
                        "note_revisions",
                        {
                            "note_id": note.id,
                            "family_id": family.id,
                            "parent_id": head,
                            "body": body,
                            "author": "anna",
                            "created_at": anna.now().isoformat(),
                        },
                    )
                    revisions[head] = body
        anna.services.families.update_family(family.id, name="Gezin Crash (anna)")
        assert anna.outbox() > 2 * BATCH

        def work(laptop: Laptop, step: int) -> None:
            laptop.services.families.update_family(
                family.id, evaluation_date=TODAY + dt.timedelta(step)
            )
            entry = laptop.services.hours.add_entry(
                family.id, date=TODAY, minutes=5, activity="reistijd"
            )
            hours.add(entry.id)
            parent = laptop.services.notes.latest_revision(note.id)
            body = f"{laptop.user} {step}"
            revisions[
                laptop.services.notes.revise_note(note.id, body=body, parent_id=parent.id).id
            ] = body

        for laptop in (bert, carla):
            work(laptop, 1)
            laptop.sync()

        before = changes_on_server(db)
        transport.arm({2: "in_flight", 4: "after_commit"})
        with pytest.raises(Offline):
            anna.sync()  # push 1 arrives, push 2 is killed while the server works on it
        assert transport.pushes == 2 and transport.durations
        process.start()
        after = changes_on_server(db)
        assert after in (before + BATCH, before + 2 * BATCH)  # a batch whole or not at all

        for laptop in (bert, carla):
            work(laptop, 2)
            laptop.sync()  # the others carry on against the restarted server
        with pytest.raises(Offline):
            anna.sync()  # push 3 (push 2 again) is answered, push 4 committed, answer lost
        process.start()
        for laptop in (bert, carla):
            work(laptop, 3)

        for _ in range(2):
            for laptop in laptops:
                laptop.sync(verify_all=True)
        assert process.kills == 2
        assert transport.outcomes[-1] == "killed after commit"
        assert_converged(db, laptops, [family.id], revisions=revisions, hours=hours)
        heads = {r.body for r in bert.services.notes.list_heads(note.id)}
        assert heads >= {"bert 3", "carla 3"}  # concurrent revisions stay as separate heads
    finally:
        for laptop in laptops:
            laptop.close()
        db.close()
