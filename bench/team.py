#!/usr/bin/env python3
"""The team leader's answers on a seeded organisation, on PostgreSQL (issue 10, 5).

    .venv/bin/python bench/team.py [--caseworkers 50] [--teams 5] [--families 15]
                                   [--days 730] [--busy 3] [--requests 40]

Creates a uniquely named PostgreSQL database on 127.0.0.1:5432 (dropped at the end),
seeds the organisation straight into the change log through ``append_changes`` (which
folds the current state as a push does): ``--caseworkers`` in ``--teams``, ``--families``
each, ``--days`` of history (``regiedesk.team_demo``, ``--busy`` times its hours). Then,
over real HTTP against the server in this process, one team leader asks ``--requests``
times for the team overview and for random family pages of the team (p95 of each). The
history is then doubled (every hours entry edited once more: the log grows, the state
keeps its size) and the same is asked again: the growth is the ratio of the p95s.

Targets: overview p95 <= 200 ms, family page p95 <= 100 ms, growth <= 1.3. (The third
target of the issue, the workspace opening from the cache in at most twice a bare
window's start, is not measured here.) The last stdout line is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx
import psycopg
import uvicorn

from _common import emit, machine_state, progress
from regiedesk.clock import utc_text
from regiedesk.ids import uuid7
from regiedesk.sync import protocol as p
from regiedesk.sync.server import auth
from regiedesk.sync.server.app import create_app
from regiedesk.sync.server.db import ServerDB
from regiedesk.team_demo import Seeder, seed_caseworkers

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
TODAY = dt.date.today()
TARGET_OVERVIEW_MS, TARGET_FAMILY_MS, TARGET_GROWTH = 200.0, 100.0, 1.3


@contextmanager
def database() -> Iterator[str]:
    name = f"regiedesk_bench_team_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def seed(db: ServerDB, args: argparse.Namespace) -> tuple[dict[str, list[str]], int]:
    """Teams of caseworkers with their families in the log; (team: families), changes."""
    seeder = Seeder(seed=11, start_ms=int(time.time() * 1000) - 86_400_000)
    teams: dict[str, list[str]] = {}
    changes = 0
    hashed = auth.hash_password("bench wachtwoord")
    for number in range(args.caseworkers):
        team = f"team{number % args.teams}"
        person = f"regisseur{number:03d}"
        with db.transaction() as tx:
            tx.execute(
                "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                (person, "caseworker", hashed, utc_text()),
            )
            if team not in teams:
                tx.execute("INSERT INTO teams (name) VALUES (?)", (team,))
            tx.execute("INSERT INTO team_members (team, user_name) VALUES (?, ?)", (team, person))
        for _, family in seed_caseworkers(
            seeder, [person], args.families, TODAY, days=args.days, busy=args.busy
        ):
            teams.setdefault(team, []).append(family)
            with db.transaction() as tx:
                tx.execute(
                    "INSERT INTO families (id, caseworker, created_at) VALUES (?, ?, ?)",
                    (family, person, utc_text()),
                )
            append(db, seeder.mutations, person)
            changes += len(seeder.mutations)
            seeder.mutations.clear()
        progress(f"seeded {person} ({team}): {changes} changes so far")
    return teams, changes


def append(db: ServerDB, mutations: list[tuple[str, dict[str, Any]]], person: str) -> None:
    for start in range(0, len(mutations), 2000):
        with db.transaction() as tx:
            tx.append_changes(
                [
                    (
                        m["mutation_id"],
                        "bench",
                        person,
                        m["family_id"],
                        m["entity"],
                        m["record_id"],
                        m["op"],
                        p.dumps(m["data"]),
                        m["hlc"],
                        utc_text(),
                    )
                    for _, m in mutations[start : start + 2000]
                ]
            )


def double_history(db: ServerDB, seeder_ms: int) -> int:
    """Every hours entry edited once more (same minutes, a newer stamp)."""
    tick = 0
    rows = db.query("SELECT record_id, family_id, data FROM record_state WHERE entity = 'hours'")
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        tick += 1
        minutes = json.loads(row["data"]).get("minutes")
        stamp = f"{seeder_ms + tick:015d}-0000-again"
        batch.append(
            (
                uuid7(),
                "bench",
                "bench",
                row["family_id"],
                "hours",
                row["record_id"],
                "update",
                p.dumps({"minutes": minutes}),
                stamp,
                utc_text(),
            )
        )
        if len(batch) == 2000:
            with db.transaction() as tx:
                tx.append_changes(batch)
            batch = []
    if batch:
        with db.transaction() as tx:
            tx.append_changes(batch)
    return tick


@contextmanager
def serving(db: ServerDB) -> Iterator[str]:
    with socket_port() as port:
        config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.02)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=10)


@contextmanager
def socket_port() -> Iterator[int]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    yield port


def leader_token(url: str, db: ServerDB, team: str) -> str:
    secret = auth.new_totp_secret()
    db.execute(
        "INSERT INTO users (name, role, password_hash, totp_secret, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (
            f"leider-{team}",
            "teamleader",
            auth.hash_password("bench wachtwoord"),
            secret,
            utc_text(),
        ),
    )
    db.execute("INSERT INTO team_members (team, user_name) VALUES (?, ?)", (team, f"leider-{team}"))
    headers = {
        p.PROTOCOL_HEADER: str(p.PROTOCOL_VERSION),
        p.SCHEMA_HEADER: str(p.SUPPORTED_SCHEMAS[1]),
    }
    body = {
        "user": f"leider-{team}",
        "password": "bench wachtwoord",
        "device_name": "bench",
        "totp": auth.totp_code(secret),
    }
    answer = httpx.post(f"{url}/v1/devices", json=body, headers=headers)
    answer.raise_for_status()
    return str(answer.json()["token"])


def p95_ms(requests: int, ask: Callable[[], httpx.Response]) -> float:
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        answer = ask()
        times.append((time.perf_counter() - started) * 1000)
        answer.raise_for_status()
    return statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]


def measure(url: str, token: str, families: list[str], requests: int) -> tuple[float, float]:
    headers = {
        p.PROTOCOL_HEADER: str(p.PROTOCOL_VERSION),
        p.SCHEMA_HEADER: str(p.SUPPORTED_SCHEMAS[1]),
        "Authorization": f"Bearer {token}",
    }
    period = {"from": (TODAY - dt.timedelta(days=90)).isoformat(), "to": TODAY.isoformat()}
    pick = random.Random(5)
    with httpx.Client(base_url=url, headers=headers, timeout=120) as c:
        warm = c.get("/v1/team/overview", params=period)  # also: the families it holds now
        warm.raise_for_status()
        held = {f["family_id"] for f in warm.json()["families"]}
        families = [f for f in families if f in held]  # not those handed to another team
        overview = p95_ms(requests, lambda: c.get("/v1/team/overview", params=period))
        family = p95_ms(
            requests,
            lambda: c.get(f"/v1/team/families/{pick.choice(families)}", params=period),
        )
    return overview, family


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--caseworkers", type=int, default=50)
    parser.add_argument("--teams", type=int, default=5)
    parser.add_argument("--families", type=int, default=15)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--busy", type=int, default=3)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    with database() as db_url:
        db = ServerDB(db_url)
        try:
            started = time.perf_counter()
            teams, changes = seed(db, args)
            seeded_s = time.perf_counter() - started
            with serving(db) as url:
                token = leader_token(url, db, "team0")
                overview, family = measure(url, token, teams["team0"], args.requests)
                progress(f"overview p95 {overview:.1f} ms, family page p95 {family:.1f} ms")
                added = double_history(db, int(time.time() * 1000) - 3_600_000)
                overview2, family2 = measure(url, token, teams["team0"], args.requests)
                progress(f"twice the history: {overview2:.1f} ms, {family2:.1f} ms")
        finally:
            db.close()
    growth = max(overview2 / overview, family2 / family)
    emit(
        {
            **machine_state(),
            "caseworkers": args.caseworkers,
            "teams": args.teams,
            "families": args.caseworkers * args.families,
            "changes": changes,
            "changes_added_for_growth": added,
            "seed_s": seeded_s,
            "overview_p95_ms": overview,
            "family_p95_ms": family,
            "overview_p95_ms_twice_history": overview2,
            "family_p95_ms_twice_history": family2,
            "growth": growth,
            "overview_p95_ms_met": overview <= TARGET_OVERVIEW_MS,
            "family_p95_ms_met": family <= TARGET_FAMILY_MS,
            "growth_met": growth <= TARGET_GROWTH,
        }
    )


if __name__ == "__main__":
    main()
