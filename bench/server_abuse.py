"""The sync server under the abuse of issue 16: its peak memory, and whether /health answers.

    .venv/bin/python bench/server_abuse.py [--db-url URL] [--bomb-mb 1024] [--chunked-mb 300]

Starts `regiedesk-server serve` as its own process over a fresh SQLite file (or the
PostgreSQL database of --db-url), with one caseworker and a device token written into
it, and measures the resident memory of the server process (sampled every 10 ms) and
the time /health takes (asked every 50 ms from another connection) while it is idle and
during each attack:

- bomb_anonymous: an anonymous push of gzip that unpacks to --bomb-mb MiB (1 MB sent);
- bomb_signed_in: the same with a valid device token;
- chunked: an anonymous sign-in body of --chunked-mb MiB sent chunked, with no length;
- guesses: 40 sign-ins with wrong passwords at once (Argon2id costs 64 MiB per check).

Targets: at most 200 MB above idle, /health within 100 ms throughout, per attack. The
baseline is the same server idle in the same run. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import os
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx

from _common import emit, progress
from regiedesk.clock import utc_text
from regiedesk.ids import uuid7
from regiedesk.sync import protocol as p
from regiedesk.sync.server import auth
from regiedesk.sync.server.db import ServerDB
from server_load import wait_until_healthy

MB = 1024 * 1024
TARGET_MB = 200.0
TARGET_HEALTH_MS = 100.0
HEADERS = {p.PROTOCOL_HEADER: str(p.PROTOCOL_VERSION), p.SCHEMA_HEADER: str(p.SUPPORTED_SCHEMAS[1])}


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and its children (uvicorn workers), from /proc."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
        pending += [int(c) for c in children]
    return total


@dataclass
class Watch:
    """Memory and /health latency, sampled in the background until stopped."""

    pid: int
    url: str
    rss: list[int] = field(default_factory=list)
    health_ms: list[float] = field(default_factory=list)
    failures: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    def _memory(self) -> None:
        while not self._stop.is_set():
            self.rss.append(tree_rss(self.pid))
            time.sleep(0.01)

    def _health(self) -> None:
        with httpx.Client(base_url=self.url, timeout=30) as client:
            while not self._stop.is_set():
                started = time.perf_counter()
                try:
                    ok = client.get("/health").status_code == 200
                except httpx.TransportError:
                    ok = False
                self.health_ms.append((time.perf_counter() - started) * 1000)
                self.failures += not ok
                time.sleep(0.05)

    def __enter__(self) -> Watch:
        self._threads = [
            threading.Thread(target=t, daemon=True) for t in (self._memory, self._health)
        ]
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join()


def gzip_bomb(megabytes: int) -> bytes:
    """gzip of ``megabytes`` MiB of JSON white space, made a MiB at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b" " * MB
    out = [packer.compress(block) for _ in range(megabytes)]
    out.append(packer.flush())
    return b"".join(out)


def send_chunked(url: str, path: str, total: int, chunk: int = 256 * 1024) -> int | None:
    """POST ``total`` bytes chunked, stopping when the server answers; its status."""
    host, port = url.removeprefix("http://").split(":")
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n" + "".join(f"{k}: {v}\r\n" for k, v in HEADERS.items())
    )
    piece = f"{chunk:x}\r\n".encode() + b" " * chunk + b"\r\n"
    with socket.create_connection((host, int(port)), timeout=120) as sock:
        sent = 0
        try:
            sock.sendall(head.encode() + b"\r\n")
            while sent < total and not select.select([sock], [], [], 0)[0]:
                sock.sendall(piece)
                sent += chunk
            if sent >= total:
                sock.sendall(b"0\r\n\r\n")
            answer = sock.recv(64)
        except OSError:
            return None
    return int(answer[9:12]) if answer.startswith(b"HTTP/1.1 ") else None


def prepare(db_url: str) -> str:
    """One caseworker with a device; returns its token."""
    db = ServerDB(db_url)
    token = auth.new_token()
    try:
        db.execute(
            "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
            ("anna", "caseworker", auth.hash_password("een lang wachtwoord"), utc_text()),
        )
        db.execute(
            "INSERT INTO devices (id, user_name, name, token_hash, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (uuid7(), "anna", "laptop", auth.token_hash(token), utc_text()),
        )
    finally:
        db.close()
    return token


def start_server(db_url: str, port: int, log: Any) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "regiedesk.sync.server.cli", "--db", db_url,
        "serve", "--host", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def measure(name: str, pid: int, url: str, idle: int, attack: Callable[[], Any]) -> dict[str, Any]:
    with Watch(pid, url) as watch:
        time.sleep(0.3)
        started = time.perf_counter()
        outcome = attack()
        seconds = time.perf_counter() - started
        time.sleep(0.5)  # what the attack leaves behind counts too
    peak = (max(watch.rss) - idle) / MB
    health = max(watch.health_ms)
    progress(
        f"{name}: {outcome}, {seconds:.1f} s, peak +{peak:.0f} MB, /health max {health:.0f} ms"
    )
    return {
        f"{name}_outcome": str(outcome),
        f"{name}_seconds": seconds,
        f"{name}_peak_mb_above_idle": peak,
        f"{name}_health_max_ms": health,
        f"{name}_health_failures": watch.failures,
        f"{name}_memory_met": peak <= TARGET_MB,
        f"{name}_health_met": health <= TARGET_HEALTH_MS and watch.failures == 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db-url", help="an existing, empty server database (default: SQLite)")
    parser.add_argument("--bomb-mb", type=int, default=1024, help="MiB a gzip bomb unpacks to")
    parser.add_argument("--chunked-mb", type=int, default=300, help="MiB of the chunked body")
    parser.add_argument("--guesses", type=int, default=40, help="sign-ins at once")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="regiedesk-abuse-"))
    db_url = args.db_url or f"sqlite:///{folder / 'server.db'}"
    token = prepare(db_url)
    bomb = gzip_bomb(args.bomb_mb)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    result: dict[str, Any] = {"bomb_sent_bytes": len(bomb), "bomb_unpacked_mb": args.bomb_mb}
    with (folder / "server.log").open("wb") as log:
        server = start_server(db_url, port, log)
        try:
            wait_until_healthy(url, server)
            with Watch(server.pid, url) as idle_watch:
                time.sleep(2)
            idle = max(idle_watch.rss)
            result["idle_mb"] = idle / MB
            result["idle_health_max_ms"] = max(idle_watch.health_ms)
            progress(f"server idle: {idle / MB:.0f} MB, /health {max(idle_watch.health_ms):.1f} ms")
            gz = {"content-type": "application/json", "content-encoding": "gzip", **HEADERS}

            def push(headers: dict[str, str]) -> int:
                with httpx.Client(base_url=url, timeout=120) as client:
                    return client.post("/v1/sync/push", content=bomb, headers=headers).status_code

            result |= measure("bomb_anonymous", server.pid, url, idle, lambda: push(gz))
            signed = {**gz, "authorization": f"Bearer {token}"}
            result |= measure("bomb_signed_in", server.pid, url, idle, lambda: push(signed))
            total = args.chunked_mb * MB
            result |= measure(
                "chunked", server.pid, url, idle, lambda: send_chunked(url, "/v1/devices", total)
            )

            # made before the watch starts: 40 clients made at once (an SSL context each)
            # took this process 1.8 s of CPU, and its /health watch waited with them
            clients = [
                httpx.Client(base_url=url, headers=HEADERS, timeout=120)
                for _ in range(args.guesses)
            ]

            def guesses() -> list[int]:
                answers: list[int] = []

                def guess(i: int) -> None:
                    body = {"user": f"gok{i}", "password": "fout", "device_name": "x"}
                    answers.append(clients[i].post("/v1/devices", json=body).status_code)

                threads = [threading.Thread(target=guess, args=(i,)) for i in range(args.guesses)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                return sorted(set(answers))

            result |= measure("guesses", server.pid, url, idle, guesses)
            for client in clients:
                client.close()
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            if server.returncode in (0, -15):
                shutil.rmtree(folder, ignore_errors=True)
            else:
                progress(
                    f"server exited with {server.returncode}; its log: {folder / 'server.log'}"
                )
    result |= {
        "target_mb_above_idle": TARGET_MB,
        "target_health_ms": TARGET_HEALTH_MS,
        "cpus": os.cpu_count(),
        "load_average_1min": os.getloadavg()[0],
        "database": db_url.split(":", 1)[0],
    }
    emit(result)


if __name__ == "__main__":
    main()
