"""Many devices syncing small changes at once against the sync server on PostgreSQL.

    .venv/bin/python bench/server_load.py [--devices 200] [--seconds 60] [--workers 2]
    .venv/bin/python bench/server_load.py --instances 2 --workers 1

Creates a uniquely named PostgreSQL database on 127.0.0.1:5432 (dropped at the
end; or give --db-url), one caseworker with one family per simulated device,
starts `regiedesk-server serve` as its own process (--instances N: N of them on
their own ports over the one database, each device bound to one at random, as
behind a load balancer), registers a device per
user over HTTP (outside the measured window), then lets every device sync for
--seconds: a push of --mutations small hours changes (gzip, with the clock
header, as `SyncClient.push` sends them) followed by pulls from the device's
cursor until `has_more` is false. Each device starts a sync every --interval
seconds (first one at a random offset); with --interval 0 every device syncs
back to back. The latency of a sync is push plus all its pulls, measured in the
benchmark process (asyncio + httpx, one client and connection per device).

An error is a transport failure, a status other than 200, a mutation not
answered `accepted`, or a pull that does not return the device's own pushed
changes. Figures go to stdout; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx

from _common import emit, machine_state, progress
from _devices import HEADERS, Device, Tally, load, percentile, run_async
from regiedesk.clock import utc_text
from regiedesk.ids import uuid7
from regiedesk.sync import protocol as p
from regiedesk.sync.server import auth
from regiedesk.sync.server.db import ServerDB

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PASSWORD = "benchmark wachtwoord"
TARGET_P99_MS = 300.0
TARGET_ERRORS = 0
TARGET_CAPACITY = 300.0  # syncs/s on 2 vCPUs: 200 devices at 1 sync/s with a third to spare
KEPT_UP = 0.97  # a step holds only if the server answered at least this share of the offered rate


TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of one process (Linux /proc; 0 elsewhere or when gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError):
        return 0.0


def tree_cpu_seconds(pid: int) -> float:
    """The CPU time of a process and its children."""
    total = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        total += cpu_seconds(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        pending += [int(c) for c in children]
    return total


def postgres_cpu(db_url: str) -> dict[int, float]:
    """CPU seconds per PostgreSQL process working for this benchmark: the backends of its
    database and the cluster's background processes (WAL writer, checkpointer, ...; those
    also serve the other databases on the cluster). Other databases' backends are left out:
    the cluster is shared with other work on this machine. Empty when PostgreSQL is not
    on this machine's /proc."""
    import psycopg

    with psycopg.connect(db_url, autocommit=True, connect_timeout=5) as conn:
        pids = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
            " AND (datname = current_database() OR datname IS NULL)"
        ).fetchall()
    return {pid: cpu_seconds(pid) for (pid,) in pids}


def postgres_cpu_since(db_url: str, before: dict[int, float]) -> float:
    """PostgreSQL's CPU seconds since ``before`` (a backend that ended in between is lost:
    the server's pool keeps its connections, so that is rare)."""
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in postgres_cpu(db_url).items())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def create_database() -> str:
    import psycopg

    name = f"regiedesk_load_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return name


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def fill(db_url: str, count: int) -> list[Device]:
    """One caseworker per device, each with one family of its own (and its first change)."""
    db = ServerDB(db_url)
    password_hash = auth.hash_password(PASSWORD)  # one Argon2id hash, salted once, for all
    devices = [Device(user=f"cw{i:04d}", family=uuid7()) for i in range(count)]
    try:
        with db.transaction() as tx:
            for d in devices:
                tx.execute(
                    "INSERT INTO users (name, role, password_hash, created_at)"
                    " VALUES (?, 'caseworker', ?, ?)",
                    (d.user, password_hash, utc_text()),
                )
                tx.execute(
                    "INSERT INTO families (id, caseworker, created_at) VALUES (?, ?, ?)",
                    (d.family, d.user, utc_text()),
                )
            tx.append_changes(
                [
                    (
                        uuid7(),
                        "setup",
                        d.user,
                        d.family,
                        "families",
                        d.family,
                        "insert",
                        p.dumps(
                            {
                                "id": d.family,
                                "name": "Gezin",
                                "status": "actief",
                                "caseworker": d.user,
                            }
                        ),
                        f"{int(time.time() * 1000):015d}-0000-setup",
                        utc_text(),
                    )
                    for d in devices
                ]
            )
    finally:
        db.close()
    return devices


def start_server(
    db_url: str, port: int, workers: int, log: Any = subprocess.DEVNULL
) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "regiedesk.sync.server.cli", "--db", db_url,
        "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
    ]  # fmt: skip
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def wait_until_healthy(url: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError("the server did not become healthy")


async def register_all(url: str, devices: list[Device]) -> None:
    gate = asyncio.Semaphore(8)
    async with httpx.AsyncClient(base_url=url, headers=HEADERS, timeout=60) as client:

        async def one(d: Device) -> None:
            body = {"user": d.user, "password": PASSWORD, "device_name": "laptop"}
            async with gate:
                response = await client.post("/v1/devices", json=body)
                while response.status_code == 503:  # two password checks at a time: wait
                    await asyncio.sleep(float(response.headers.get("retry-after", "1")))
                    response = await client.post("/v1/devices", json=body)
            response.raise_for_status()
            d.token = response.json()["token"]

        await asyncio.gather(*(one(d) for d in devices))


@dataclass
class LoadPoint:
    offered_per_s: float
    tally: Tally
    elapsed: float
    server_cpu: float
    client_cpu: float
    postgres_cpu: float

    @property
    def achieved_per_s(self) -> float:
        return self.syncs / self.elapsed if self.elapsed else 0.0

    @property
    def latencies_ms(self) -> list[float]:
        return sorted(v * 1000 for v in self.tally.latencies)

    @property
    def errors(self) -> int:
        return sum(self.tally.errors.values())

    @property
    def syncs(self) -> int:
        return len(self.tally.latencies) + self.errors

    @property
    def p99_ms(self) -> float:
        return percentile(self.latencies_ms, 0.99)

    def holds(self) -> bool:
        """p99 and errors within the targets, and the server kept up with the offered rate."""
        kept_up = self.achieved_per_s >= KEPT_UP * self.offered_per_s
        return (
            bool(self.tally.latencies)
            and self.p99_ms <= TARGET_P99_MS
            and not self.errors
            and kept_up
        )

    def cpu_ms_per_sync(self) -> tuple[float, float, float]:
        """Server, PostgreSQL and load generator CPU milliseconds per sync."""
        n = max(self.syncs, 1)
        return tuple(
            cpu / n * 1000 for cpu in (self.server_cpu, self.postgres_cpu, self.client_cpu)
        )  # type: ignore[return-value]

    def line(self) -> str:
        server_ms, postgres_ms, client_ms = self.cpu_ms_per_sync()
        return (
            f"offered {self.offered_per_s:5.0f}/s: achieved {self.achieved_per_s:6.1f}/s,"
            f" p99 {self.p99_ms:7.1f} ms, {self.errors} errors, CPU/sync server"
            f" {server_ms:.2f} ms, PostgreSQL {postgres_ms:.2f} ms, generator {client_ms:.2f} ms"
        )

    def step(self) -> list[float]:
        """One capacity step in the JSON, in the order of STEP_COLUMNS."""
        cpu = [round(ms, 3) for ms in self.cpu_ms_per_sync()]
        return [
            round(self.offered_per_s),
            round(self.achieved_per_s, 1),
            round(self.p99_ms, 1),
            self.errors,
            *cpu,
        ]


STEP_COLUMNS = [
    "offered_per_s",
    "achieved_per_s",
    "p99_ms",
    "errors",
    "server_cpu_ms_per_sync",
    "postgres_cpu_ms_per_sync",
    "client_cpu_ms_per_sync",
]


def measure(
    urls: list[str],
    devices: list[Device],
    servers: list[subprocess.Popen[bytes]],
    args: argparse.Namespace,
) -> LoadPoint:
    postgres_before = postgres_cpu(args.db_url)
    server_cpu = sum(tree_cpu_seconds(server.pid) for server in servers)
    client_cpu = time.process_time()
    tally, elapsed = run_async(load(urls, devices, args))
    server_cpu = sum(tree_cpu_seconds(server.pid) for server in servers) - server_cpu
    client_cpu = time.process_time() - client_cpu
    postgres = postgres_cpu_since(args.db_url, postgres_before)
    offered = len(devices) / args.interval if args.interval else 0.0
    return LoadPoint(offered, tally, elapsed, server_cpu, client_cpu, postgres)


def find_capacity(
    urls: list[str],
    devices: list[Device],
    servers: list[subprocess.Popen[bytes]],
    args: argparse.Namespace,
) -> tuple[float, list[LoadPoint]]:
    """The highest offered rate that holds (p99 within the target, no errors, the server
    keeping up): up from 150/s in steps of --capacity-step, of --capacity-fine-step from
    --capacity-fine-from on, to the first rate that fails (down from 150/s when it fails)."""
    points: list[LoadPoint] = []
    best = 0.0
    rate = 150.0
    going_up = True
    while 0 < rate <= args.capacity_max:
        step = argparse.Namespace(**{**vars(args), "interval": len(devices) / rate})
        step.seconds = args.capacity_seconds
        point = measure(urls, devices, servers, step)
        points.append(point)
        progress(f"  {point.line()}{'' if point.holds() else '  (fails)'}")
        fine = rate >= args.capacity_fine_from
        if point.holds():
            best = max(best, rate)
            if not going_up:
                break
            rate += args.capacity_fine_step if fine else args.capacity_step
        elif going_up and not points[:-1]:
            going_up = False  # the first rate failed: look below it
            rate -= args.capacity_step
        elif going_up:
            break
        else:
            rate -= args.capacity_step
    return best, points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devices", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--db-url", help="an existing, empty PostgreSQL database (default: new)")
    parser.add_argument(
        "--instances", type=int, default=1, help="server processes on one database (ports)"
    )
    parser.add_argument(
        "--workers", type=int, default=None, help="uvicorn workers per instance (default: 2 in all)"
    )
    parser.add_argument(
        "--interval", type=float, default=1.0, help="seconds between a device's syncs (0: none)"
    )
    parser.add_argument("--mutations", type=int, default=3, help="changes pushed per sync")
    parser.add_argument(
        "--capacity-seconds",
        type=float,
        default=20,
        help="seconds per step of the capacity search after the load point (0: no search)",
    )
    parser.add_argument("--capacity-step", type=float, default=50, help="syncs/s per step")
    parser.add_argument(
        "--capacity-fine-step", type=float, default=25, help="syncs/s per step near the edge"
    )
    parser.add_argument(
        "--capacity-fine-from", type=float, default=250, help="rate where the fine steps start"
    )
    parser.add_argument("--capacity-max", type=float, default=800, help="highest rate tried")
    args = parser.parse_args()
    if args.workers is None:
        args.workers = max(1, min(2, os.cpu_count() or 1) // args.instances)

    state = machine_state()
    created = None if args.db_url else create_database()
    db_url = args.db_url = args.db_url or f"postgresql://postgres@127.0.0.1:5432/{created}"
    servers: list[subprocess.Popen[bytes]] = []
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"regiedesk-load-{os.getpid()}.log"
    capacity, steps = 0.0, list[LoadPoint]()
    try:
        progress(f"database {db_url.rsplit('/', 1)[-1]}: {args.devices} users and families")
        devices = fill(db_url, args.devices)  # migrated once, before any instance starts
        urls = []
        with log_path.open("wb") as log:
            for _ in range(args.instances):
                port = free_port()
                urls.append(f"http://127.0.0.1:{port}")
                servers.append(start_server(db_url, port, args.workers, log))
            for url, server in zip(urls, servers, strict=True):
                wait_until_healthy(url, server)
            progress(
                f"{args.instances} server instance(s) up on {', '.join(urls)}"
                f" ({args.workers} workers each); registering devices"
            )
            asyncio.run(register_all(urls[0], devices))
            progress(
                f"{args.devices} devices syncing for {args.seconds:g} s"
                f" (every {args.interval:g} s, {args.mutations} changes each)"
            )
            point = measure(urls, devices, servers, args)
            if args.capacity_seconds > 0:
                progress(f"capacity search, {args.capacity_seconds:g} s per rate")
                capacity, steps = find_capacity(urls, devices, servers, args)
    finally:
        for server in servers:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if created:
            drop_database(created)
    failed = [server.returncode for server in servers if server.returncode not in (0, -15)]
    if failed:
        progress(f"a server exited with {failed[0]}; log in {log_path}")
    else:
        log_path.unlink(missing_ok=True)

    tally, elapsed = point.tally, point.elapsed
    latencies_ms = point.latencies_ms
    errors, syncs = point.errors, point.syncs
    p50, p99 = percentile(latencies_ms, 0.5), point.p99_ms
    server_ms, postgres_ms, client_ms = point.cpu_ms_per_sync()
    print(
        f"devices:            {args.devices}"
        f" ({args.instances} instance(s) x {args.workers} server workers)"
    )
    print(f"duration:           {elapsed:.1f} s")
    print(f"syncs:              {syncs} ({syncs / elapsed:.1f}/s)")
    print(f"changes pushed:     {tally.pushed}, pulled {tally.pulled}")
    print(f"latency p50:        {p50:.1f} ms")
    print(f"latency p99:        {p99:.1f} ms (target {TARGET_P99_MS:g})")
    if latencies_ms:
        print(f"latency max:        {latencies_ms[-1]:.1f} ms")
    print(
        f"CPU per sync:       server {server_ms:.2f} ms, PostgreSQL {postgres_ms:.2f} ms,"
        f" this load generator {client_ms:.2f} ms"
        f" ({state['cpus']} CPUs, load average {state['load_average_1min']:.1f} before,"
        f" CPU probe {state['cpu_probe_ms']:.1f} ms)"
    )
    print(f"errors:             {errors} {dict(tally.errors) if errors else ''}".rstrip())
    if args.capacity_seconds > 0:
        held = [s for s in steps if s.offered_per_s == capacity]
        achieved = f", achieved {held[0].achieved_per_s:.1f}/s" if held else ""
        print(
            f"capacity:           offered {capacity:.0f} syncs/s held{achieved}"
            f" (target {TARGET_CAPACITY:g})"
        )
        for s in steps:
            print(f"  {s.line()}{'' if s.holds() else '  (fails)'}")
    result: dict[str, Any] = {
        "devices": args.devices,
        "instances": args.instances,
        "workers": args.workers,
        "interval_s": args.interval,
        "mutations_per_sync": args.mutations,
        "duration_s": elapsed,
        "syncs": syncs,
        "syncs_per_s": syncs / elapsed,
        "p50_ms": p50,
        "p99_ms": p99,
        "max_ms": latencies_ms[-1] if latencies_ms else 0.0,
        "errors": errors,
        "server_cpu_ms_per_sync": server_ms,
        "client_cpu_ms_per_sync": client_ms,
        "postgres_cpu_ms_per_sync": postgres_ms,
        **state,
        "load_average_1min_after": os.getloadavg()[0],
        "target_p99_ms": TARGET_P99_MS,
        "target_errors": TARGET_ERRORS,
        "p99_met": bool(latencies_ms) and p99 <= TARGET_P99_MS,
        "errors_met": errors <= TARGET_ERRORS,
    }
    if args.capacity_seconds > 0:
        result["capacity_syncs_per_s"] = capacity
        result["capacity_steps"] = [s.step() for s in steps]
        result["capacity_steps_columns"] = STEP_COLUMNS
        held = [s for s in steps if s.offered_per_s == capacity]
        result["capacity_achieved_syncs_per_s"] = held[0].achieved_per_s if held else 0.0
        result["target_capacity_syncs_per_s"] = TARGET_CAPACITY
        result["capacity_syncs_per_s_met"] = capacity >= TARGET_CAPACITY
    emit(result)


if __name__ == "__main__":
    main()
