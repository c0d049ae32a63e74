#!/usr/bin/env python3
"""The team leader's answers on a seeded organisation, on PostgreSQL (issue 10, 5).

    .venv/bin/python bench/team.py [--caseworkers 50] [--teams 5] [--families 15]
                                   [--days 730] [--busy 9] [--requests 40]
                                   [--ui-runs 7] [--profile DIR] [--seeded NAME]

Creates a uniquely named PostgreSQL database on 127.0.0.1:5432 (dropped at the end),
seeds the organisation straight into the change log in bulk (COPY) and folds the
current state from it as the migration does (``state.rebuild``, the fold a push makes),
then VACUUM ANALYZE: ``--caseworkers`` in ``--teams``, ``--families`` each, ``--days`` of
history (``regiedesk.team_demo``, ``--busy`` times its hours; the defaults make the
issue's organisation of about a million changes: 1,064,637). Then,
over real HTTP against the server in this process, one team leader asks ``--requests``
times for the team overview and for random family pages of the team (p95 of each). The
history is then doubled (every hours entry edited once more: the log grows, the state
keeps its size) and the same is asked again: the growth is the ratio of the p95s.

Then the team workspace's start, the bench/ui.py way: the team leader's profile caches
the team's figures as the app does (``fetch_team``, ``TeamService.keep``), and
``workspace_startup_ratio`` is process start until the workspace has painted its team
table from that cache (unlocked with the passphrase, the server out of reach: offline;
the key derivation at the practice profile's cost, as bench/ui.py's startup_ratio, so
that Argon2id does not count) divided by process start until a bare QMainWindow has
painted, medians of ``--ui-runs`` each (0: not measured). ``--profile DIR`` keeps that
profile in DIR; run again with a DIR that holds one, the bench measures only the start
from it (its cache written again in the current layout first), without seeding or server.

Targets: overview p95 <= 200 ms, family page p95 <= 100 ms, growth <= 1.3, workspace
start <= 2 times a bare window's. The last stdout line is one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
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
from regiedesk.sync.server import auth, state
from regiedesk.sync.server.app import create_app
from regiedesk.sync.server.db import ServerDB
from regiedesk.team_demo import Seeder, seed_caseworkers

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
TODAY = dt.date.today()
TARGET_OVERVIEW_MS, TARGET_FAMILY_MS, TARGET_GROWTH = 200.0, 100.0, 1.3
TARGET_STARTUP_RATIO = 2.0


def db_url_of(name: str) -> str:
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


@contextmanager
def database(template: str | None = None) -> Iterator[str]:
    """A new database, dropped at the end; a copy of ``template`` when given."""
    name = f"regiedesk_bench_team_{uuid.uuid4().hex[:10]}"
    copy = f" TEMPLATE {template}" if template else ""
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}{copy}")
    try:
        yield db_url_of(name)
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


CHANGE_COLUMNS = (
    "seq, mutation_id, device_id, user_name, family_id, entity, record_id, op, data, hlc,"
    " received_at"
)


def append(db: ServerDB, mutations: list[tuple[str, dict[str, Any]]], person: str) -> None:
    copy_changes(
        db,
        [
            (
                m["mutation_id"], "bench", person, m["family_id"], m["entity"], m["record_id"],
                m["op"], p.dumps(m["data"]), m["hlc"], utc_text(),
            )
            for _, m in mutations
        ],
    )  # fmt: skip


def copy_changes(db: ServerDB, rows: list[tuple[Any, ...]]) -> None:
    """Changes into the log in bulk (COPY) under the next sequence numbers; the current
    state is folded from the whole log afterwards (``fold_state``), as the migration does:
    through ``append_changes`` a million changes took more than 25 minutes."""
    with db.transaction() as tx:
        high = int(tx.rows("SELECT value FROM counters WHERE name = 'changes'")[0][0])
        sql = f"COPY changes ({CHANGE_COLUMNS}) FROM STDIN"
        with tx.conn.cursor() as cursor, cursor.copy(sql) as copy:
            for seq, row in enumerate(rows, start=high + 1):
                copy.write_row((seq, *row))
        tx.execute("UPDATE counters SET value = ? WHERE name = 'changes'", (high + len(rows),))


def fold_state(db: ServerDB) -> None:
    """The current state folded from the log (``state.rebuild``: the same fold as a push's,
    the stateful sync test checks they agree), then VACUUM ANALYZE, as autovacuum does
    after the pushes that write so much (the rebuild leaves every old row dead)."""
    started = time.perf_counter()
    with db.transaction() as tx:
        state.rebuild(tx)
    folded = time.perf_counter()
    with psycopg.connect(db.url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    progress(
        f"folded in {folded - started:.1f} s, VACUUM ANALYZE {time.perf_counter() - folded:.1f} s"
    )


def double_history(db: ServerDB, seeder_ms: int) -> int:
    """Every hours entry edited once more (same minutes, a newer stamp)."""
    rows = db.query("SELECT record_id, family_id, data FROM record_state WHERE entity = 'hours'")
    edits = [
        (
            uuid7(), "bench", "bench", row["family_id"], "hours", row["record_id"], "update",
            p.dumps({"minutes": json.loads(row["data"]).get("minutes")}),
            f"{seeder_ms + tick:015d}-0000-again", utc_text(),
        )
        for tick, row in enumerate(rows, start=1)
    ]  # fmt: skip
    copy_changes(db, edits)
    fold_state(db)
    return len(edits)


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


PASSPHRASE = "benchmark passphrase"


def cache_profile(url: str, token: str, data_dir: Path) -> None:
    """The team leader's profile in ``data_dir``, its cache filled as the app fills it."""
    from regiedesk.services import Services
    from regiedesk.services.team import fetch_team
    from regiedesk.store import create_profile
    from regiedesk.sync.client import TeamClient
    from regiedesk.ui.context import PRACTICE_KDF

    client = TeamClient(url, token, timeout=120)
    try:
        snapshot = fetch_team(client, TODAY - dt.timedelta(days=90), TODAY)
    finally:
        client.close()
    with create_profile(data_dir, PASSPHRASE, user="leider", kdf=PRACTICE_KDF) as store:
        Services.over(store).team.keep(snapshot)
        store.set_metas({"device_token": token, "server_role": p.Role.TEAMLEADER})


def recache_profile(data_dir: Path) -> None:
    """A profile kept by an earlier run (``--profile``): its cache written again in the
    current code's layout, as the app's next fetch would write it."""
    from regiedesk.services import Services
    from regiedesk.store import open_profile

    with open_profile(data_dir, PASSPHRASE) as store:
        team = Services.over(store).team
        snapshot = team.cached()
        if snapshot is None:
            raise SystemExit(f"{data_dir}: no cached team figures to start from")
        team.keep(snapshot)


def workspace_startup(data_dir: Path, runs: int) -> dict[str, Any]:
    """The team workspace's start from the cache against a bare window's (bench/ui.py)."""
    import os
    import tempfile

    from regiedesk.services import Services
    from regiedesk.store import open_profile
    from ui import BARE, median, shown_wall_and_cpu

    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import compileall

    import regiedesk

    # as bench/ui.py: an installed app ships compiled bytecode
    compileall.compile_dir(str(Path(regiedesk.__file__).parent), quiet=1)
    with open_profile(data_dir, PASSPHRASE) as store:
        # offline: the workspace starts from the cache
        store.set_meta("server_url", f"http://127.0.0.1:{closed_port()}")
        snapshot = Services.over(store).team.cached()
        assert snapshot is not None
        families = len(snapshot.pages)
    with tempfile.TemporaryDirectory(prefix="regiedesk-teamui-") as tmp:
        env = {
            **os.environ,
            "XDG_CONFIG_HOME": str(Path(tmp) / "config"),
            "XDG_STATE_HOME": str(Path(tmp) / "state"),
        }
        bare, ours = [], []
        child = [sys.executable, str(Path(__file__).with_name("team_child.py"))]
        for run in range(runs):
            progress(f"workspace start-up run {run + 1}/{runs}")
            bare.append(shown_wall_and_cpu([sys.executable, "-c", BARE], env))
            ours.append(shown_wall_and_cpu([*child, str(data_dir), PASSPHRASE], env))
    ratio = median(ours, 0) / median(bare, 0)
    return {
        "bare_window_s": median(bare, 0),
        "workspace_startup_s": median(ours, 0),
        "workspace_startup_ratio": ratio,
        # CPU seconds of each process, to its exit (bench/ui.py): steadier on a busy day
        "bare_window_cpu_s": median(bare, 1),
        "workspace_startup_cpu_s": median(ours, 1),
        "workspace_startup_cpu_ratio": median(ours, 1) / median(bare, 1),
        "workspace_startup_ratio_met": ratio <= TARGET_STARTUP_RATIO,
        "cached_families": families,
        "ui_runs": runs,
    }


def closed_port() -> int:
    with socket_port() as port:
        return port


SIZES = ("caseworkers", "teams", "families", "days", "busy")


def exists(name: str) -> bool:
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        rows = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        return rows.fetchone() is not None


def keep_seeded(name: str, args: argparse.Namespace) -> dict[str, Any]:
    """NAME and NAME_twice seeded (by this run when they are not there yet); what the
    seeding run recorded in NAME's ``bench_seed``."""
    if not exists(name):
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        db = ServerDB(db_url_of(name))
        try:
            started = time.perf_counter()
            teams, changes = seed(db, args)
            fold_state(db)
            seeded_s = time.perf_counter() - started
            kept = {
                "sizes": {k: getattr(args, k) for k in SIZES},
                "teams": teams,
                "changes": changes,
                "seed_s": seeded_s,
                "seeded_on": TODAY.isoformat(),
            }
            db.execute("CREATE TABLE bench_seed (kept TEXT NOT NULL)")
            db.execute("INSERT INTO bench_seed (kept) VALUES (?)", (json.dumps(kept),))
        finally:
            db.close()
        twice = f"{name}_twice"
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {twice}")
            admin.execute(f"CREATE DATABASE {twice} TEMPLATE {name}")
        db = ServerDB(db_url_of(twice))
        try:
            started = time.perf_counter()
            added = double_history(db, int(time.time() * 1000) - 3_600_000)
            kept = {**kept, "changes_added_for_growth": added}
            kept["double_history_s"] = time.perf_counter() - started
            db.execute("UPDATE bench_seed SET kept = ?", (json.dumps(kept),))
        finally:
            db.close()
    with psycopg.connect(db_url_of(f"{name}_twice")) as conn:
        row = conn.execute("SELECT kept FROM bench_seed").fetchone()
    assert row is not None
    kept = dict(json.loads(row[0]))
    if kept["sizes"] != {k: getattr(args, k) for k in SIZES}:
        raise SystemExit(f"{name} was seeded with {kept['sizes']}: give those sizes")
    return kept


def measure_copy(
    template: str, args: argparse.Namespace, families: list[str]
) -> tuple[float, float, float]:
    """Overview and family page p95 on a fresh copy of ``template`` (migrated by this
    code: the seconds that took are the third value)."""
    with database(template) as db_url:
        started = time.perf_counter()
        db = ServerDB(db_url)
        migrated_s = time.perf_counter() - started
        try:
            with serving(db) as url:
                token = leader_token(url, db, "team0")
                progress(f"{template}: CPU probe {machine_state()}")
                overview, family = measure(url, token, families, args.requests)
        finally:
            db.close()
    return overview, family, migrated_s


def measure_seeded(args: argparse.Namespace) -> None:
    kept = keep_seeded(args.seeded, args)
    families = kept["teams"]["team0"]
    overview, family, migrated = measure_copy(args.seeded, args, families)
    progress(f"overview p95 {overview:.1f} ms, family page p95 {family:.1f} ms")
    overview2, family2, migrated2 = measure_copy(f"{args.seeded}_twice", args, families)
    progress(f"twice the history: {overview2:.1f} ms, {family2:.1f} ms")
    emit(
        {
            **machine_state(),
            **kept["sizes"],
            "families": args.caseworkers * args.families,
            "seeded": args.seeded,
            "seeded_on": kept["seeded_on"],
            "changes": kept["changes"],
            "changes_added_for_growth": kept["changes_added_for_growth"],
            "seed_s": kept["seed_s"],
            "double_history_s": kept["double_history_s"],
            "migrate_copy_s": migrated,
            "migrate_copy_twice_s": migrated2,
            **figures(overview, family, overview2, family2),
        }
    )


def figures(overview: float, family: float, overview2: float, family2: float) -> dict[str, Any]:
    growth = max(overview2 / overview, family2 / family)
    return {
        "overview_p95_ms": overview,
        "family_p95_ms": family,
        "overview_p95_ms_twice_history": overview2,
        "family_p95_ms_twice_history": family2,
        "growth": growth,
        "overview_p95_ms_met": overview <= TARGET_OVERVIEW_MS,
        "family_p95_ms_met": family <= TARGET_FAMILY_MS,
        "growth_met": growth <= TARGET_GROWTH,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--caseworkers", type=int, default=50)
    parser.add_argument("--teams", type=int, default=5)
    parser.add_argument("--families", type=int, default=15)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--busy", type=int, default=9)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--ui-runs", type=int, default=7)
    parser.add_argument(
        "--profile",
        type=Path,
        help="keep the team leader's profile here; when it is already there, measure only"
        " the workspace's start from it (no seeding, no server)",
    )
    parser.add_argument(
        "--seeded",
        metavar="NAME",
        help="keep the seeded organisation in PostgreSQL databases NAME and NAME_twice"
        " (seeded by the first run) and measure copies of them; no workspace start",
    )
    args = parser.parse_args()
    if args.seeded is not None:
        measure_seeded(args)
        return
    if args.profile is not None and (args.profile / "profile.key").exists():
        recache_profile(args.profile)
        emit({**machine_state(), **workspace_startup(args.profile, args.ui_runs or 7)})
        return
    startup: dict[str, Any] = {}
    with database() as db_url:
        db = ServerDB(db_url)
        try:
            started = time.perf_counter()
            teams, changes = seed(db, args)
            fold_state(db)
            seeded_s = time.perf_counter() - started
            with serving(db) as url:
                token = leader_token(url, db, "team0")
                overview, family = measure(url, token, teams["team0"], args.requests)
                progress(f"overview p95 {overview:.1f} ms, family page p95 {family:.1f} ms")
                started = time.perf_counter()
                added = double_history(db, int(time.time() * 1000) - 3_600_000)
                doubled_s = time.perf_counter() - started
                overview2, family2 = measure(url, token, teams["team0"], args.requests)
                progress(f"twice the history: {overview2:.1f} ms, {family2:.1f} ms")
                if args.ui_runs or args.profile is not None:
                    with contextlib.ExitStack() as stack:
                        if args.profile is not None:
                            data_dir = args.profile
                        else:
                            tmp = stack.enter_context(tempfile.TemporaryDirectory())
                            data_dir = Path(tmp) / "data"
                        cache_profile(url, token, data_dir)
                        if args.ui_runs:
                            startup = workspace_startup(data_dir, args.ui_runs)
        finally:
            db.close()
    emit(
        {
            **machine_state(),
            "caseworkers": args.caseworkers,
            "teams": args.teams,
            "families": args.caseworkers * args.families,
            "changes": changes,
            "changes_added_for_growth": added,
            "seed_s": seeded_s,
            "double_history_s": doubled_s,
            **figures(overview, family, overview2, family2),
            **startup,
        }
    )


if __name__ == "__main__":
    main()
