"""Tools of a hostile client: raw pushes, bodies sent as they are made, and a memory watch."""

from __future__ import annotations

import os
import select
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from regiedesk.clock import Stamp, wall_clock_ms
from regiedesk.ids import uuid7
from regiedesk.sync import protocol as p

from ..conftest import HEADERS, Running

MB = 1024 * 1024
_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes() -> int:
    """This process's resident memory now (the server under test runs in it)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * _PAGE


@dataclass
class Peak:
    growth: int = 0  # bytes above the start, at the highest sample

    @property
    def mb(self) -> float:
        return self.growth / MB


@contextmanager
def peak_memory(every: float = 0.002) -> Iterator[Peak]:
    """The highest resident memory while the block runs, sampled every 2 ms."""
    peak = Peak()
    start = rss_bytes()
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            peak.growth = max(peak.growth, rss_bytes() - start)
            time.sleep(every)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield peak
    finally:
        done.set()
        watcher.join()
        peak.growth = max(peak.growth, rss_bytes() - start)


def stamp(offset_ms: int = 0, node: str = "attacker") -> str:
    return Stamp(wall_clock_ms() + offset_ms, 0, node).encode()


def change(entity: str, family: str, *, record: str | None = None, op: str = "insert",
           hlc: str | None = None, **data: Any) -> dict[str, Any]:  # fmt: skip
    return {
        "mutation_id": uuid7(),
        "hlc": hlc or stamp(),
        "entity": entity,
        "record_id": record or (family if entity == "families" else uuid7()),
        "family_id": family,
        "op": op,
        "data": data,
    }


def push(server: Running, token: str, *changes: dict[str, Any]) -> list[dict[str, Any]]:
    with server.client(token) as c:
        response = c.post("/v1/sync/push", json={"mutations": list(changes)})
    assert response.status_code == 200, response.text
    return list(response.json()["results"])


def family_of(server: Running, token: str, user: str, name: str = "Gezin Aanval") -> str:
    family = uuid7()
    results = push(
        server, token, change("families", family, name=name, status="actief", caseworker=user)
    )
    assert results[0]["outcome"] == "accepted", results
    return family


def stored(server: Running, mutation_id: str) -> bool:
    rows = server.db.query("SELECT 1 AS x FROM changes WHERE mutation_id = ?", (mutation_id,))
    return bool(rows)


@dataclass
class Sent:
    status: int | None  # None: the server closed the connection without an answer
    body: bytes
    sent: int  # body bytes written before the server answered or closed


def send_chunked(
    server: Running, path: str, total: int, *, token: str | None = None, chunk: int = 64 * 1024
) -> Sent:
    """POST a body of ``total`` bytes (spaces) in chunks as it is made, stopping as soon as
    the server answers; the way to send more than any Content-Length would allow."""
    url = urlsplit(server.url)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    headers = {**HEADERS, "Content-Type": "application/json", "Transfer-Encoding": "chunked"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    head = f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n" + "".join(
        f"{k}: {v}\r\n" for k, v in headers.items()
    )
    piece = f"{chunk:x}\r\n".encode() + b" " * chunk + b"\r\n"
    sent = 0
    with socket.create_connection((host, port), timeout=60) as sock:
        try:
            sock.sendall(head.encode() + b"\r\n")
            while sent < total:
                if select.select([sock], [], [], 0)[0]:
                    break  # the server answered (or closed) before the end
                sock.sendall(piece)
                sent += chunk
            else:
                sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = b""
        try:
            while b"\r\n\r\n" not in answer or len(answer) < 16:
                data = sock.recv(65536)
                if not data:
                    break
                answer += data
        except (ConnectionResetError, TimeoutError):
            pass
    if not answer.startswith(b"HTTP/1.1 "):
        return Sent(None, answer, sent)
    return Sent(int(answer[9:12]), answer.split(b"\r\n\r\n", 1)[-1], sent)


def code(response: httpx.Response) -> str | None:
    try:
        detail = response.json().get("detail")
    except ValueError:
        return None
    return detail.get("code") if isinstance(detail, dict) else None


__all__ = ["MB", "p"]
