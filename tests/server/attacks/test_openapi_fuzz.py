"""Issue 13, 4: schemathesis over the server's published OpenAPI description, with valid
tokens, against a real server process over HTTP, on SQLite and PostgreSQL. Every
operation gets requests that fit its description and requests that do not; no answer
may be a server error (5xx) or carry a stack trace, and the server's log may not record
an internal error."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy
from schemathesis import Case, GenerationMode
from schemathesis.schemas import APIOperation

from regiedesk.sync.server.db import ServerDB

from ..conftest import HEADERS, Running, free_port
from ..demo_team import demo_team

# cases per operation and mode (19 operations, 2 modes): over 1,000 per database; fewer
# for sign-in (an Argon2id check each) and the two pushes (large bodies to make)
EXAMPLES = {"/v1/devices": 10, "/v1/sync/push": 25, "/v1/audit/push": 20}
EXAMPLES_ELSE = 42
TRACE_MARKS = ("Traceback", 'File "', '.py", line')


@dataclass
class Live:
    url: str
    tokens: dict[str, str]  # a device token per role
    log: Path
    families: list[str] = field(default_factory=list)


def role_for(path: str) -> str:
    """The role whose token reaches the operation's own checks (another role's stops at
    the role check)."""
    for prefix, role in (
        ("/v1/team/", "teamleader"),
        ("/v1/admin/", "admin"),
        ("/v1/privacy/", "privacy_officer"),
    ):
        if path.startswith(prefix):
            return role
    return "caseworker"


@pytest.fixture
def live(db_url: str, tmp_path: Path) -> Iterator[Live]:
    """`regiedesk-server serve` as its own process, with a team, two demo families and a
    device for each role."""
    db = ServerDB(db_url)  # migrated before the server starts
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "regiedesk.sync.server.cli", "--db", db_url,
             "serve", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        running = Running(url, db)
        leader = demo_team(running, ["anna"], families=2, today=dt.date.today(), days=60, seed=13)
        tokens = {
            "caseworker": running.device("bart"),
            "teamleader": leader,
            "admin": running.device("ada", "admin"),
            "privacy_officer": running.device("pim", "privacy_officer"),
        }
        families = [r["record_id"] for r in db.query("SELECT record_id FROM record_state"
                                                     " WHERE entity = 'families'")]  # fmt: skip
        yield Live(url, tokens, log, families)
    finally:
        process.terminate()
        process.wait(timeout=30)
        db.close()


def server_error(response: requests.Response) -> str | None:
    if response.status_code >= 500:
        return f"{response.status_code} {response.text[:300]}"
    if any(mark in response.text for mark in TRACE_MARKS):
        return f"a stack trace in a {response.status_code}: {response.text[:300]}"
    return None


def strategies(operation: APIOperation, mode: GenerationMode, live: Live) -> SearchStrategy[Case]:
    """Cases of any ids, and cases about a family the server holds (which reach further
    than a 404)."""
    fitting = [operation.as_strategy(generation_mode=mode)]
    names = {param.name for param in operation.iter_parameters()}
    for family in live.families:
        if "family_id" in names:
            fitting.append(
                operation.as_strategy(generation_mode=mode, path_parameters={"family_id": family})
            )
        if "client" in names:
            fitting.append(operation.as_strategy(generation_mode=mode, query={"client": family}))
    return st.one_of(fitting)


def modes(operation: APIOperation) -> list[GenerationMode]:
    """Cases that fit, and cases that do not where something can be wrong: not where
    the only parameter is a text in the path (every text fits)."""
    can_be_wrong = operation.body or any(
        param.location != "path" for param in operation.iter_parameters()
    )
    return [GenerationMode.POSITIVE, *([GenerationMode.NEGATIVE] if can_be_wrong else [])]


@dataclass
class Run:
    """What the cases of all operations met."""

    url: str
    session: requests.Session
    cases: int = 0
    found: list[str] = field(default_factory=list)  # every server error, as it came

    def fuzz(self, operation: APIOperation, mode: GenerationMode, live: Live) -> None:
        headers = {**HEADERS, "Authorization": f"Bearer {live.tokens[role_for(operation.path)]}"}

        @given(case=strategies(operation, mode, live))
        @settings(
            max_examples=EXAMPLES.get(operation.path, EXAMPLES_ELSE),
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def one(case: Case) -> None:
            self.cases += 1
            try:
                response = case.call(base_url=self.url, session=self.session, headers=headers)
            except Exception as error:  # the server closed the connection, or never answered
                self.found.append(f"{case.as_curl_command(headers)[:3000]}\n{error!r}")
                raise
            problem = server_error(response)
            if problem is not None:  # kept here too: one that happens once is reported
                self.found.append(f"{case.as_curl_command(headers)[:3000]}\n{problem}")
            assert problem is None, problem

        one()


@pytest.mark.slow
def test_schemathesis_finds_no_server_error(live: Live) -> None:
    schema = schemathesis.openapi.from_url(f"{live.url}/openapi.json")
    failures = []
    with requests.Session() as session:
        run = Run(live.url, session)
        for result in schema.get_all_operations():
            operation = result.ok()
            for mode in modes(operation):
                try:
                    run.fuzz(operation, mode, live)
                except Exception as error:
                    failures.append(f"{operation.label} ({mode.value}): {error}")
    logged = [line for line in live.log.read_text(errors="replace").splitlines() if "ERROR" in line]
    assert not failures, "\n\n".join(failures + run.found)
    assert not run.found, "\n\n".join(run.found)
    assert not logged, "\n".join(logged)
    assert run.cases >= 1000, run.cases
