"""The simulated laptops of bench/server_load.py: a device, its one kept-alive connection,
its syncs (a push and the pulls after it) and the load of many of them at once."""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import random
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httptools

from regiedesk.ids import uuid7
from regiedesk.sync import protocol as p

HEADERS = {p.PROTOCOL_HEADER: str(p.PROTOCOL_VERSION), p.SCHEMA_HEADER: str(p.SUPPORTED_SCHEMAS[1])}


@dataclass
class Device:
    user: str
    family: str
    token: str = ""
    cursor: int = 0
    records: list[str] = field(default_factory=list)


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    pulled: int = 0
    pushed: int = 0


def hours_mutation(d: Device) -> dict[str, Any]:
    """A new hours entry, or now and then an edit of an earlier one."""
    stamp = f"{int(time.time() * 1000):015d}-0000-{d.user}"
    if d.records and random.random() < 0.3:
        record, op = random.choice(d.records), "update"
        data: dict[str, Any] = {"minutes": random.randint(5, 240)}
    else:
        record, op = uuid7(), "insert"
        d.records.append(record)
        data = {
            "id": record,
            "family_id": d.family,
            "date": "2026-11-24",
            "minutes": random.choice((15, 30, 45, 60)),
            "activity": "huisbezoek",
            "caseworker": d.user,
        }
    return {
        "mutation_id": uuid7(),
        "hlc": stamp,
        "entity": "hours",
        "record_id": record,
        "family_id": d.family,
        "op": op,
        "data": data,
    }


TIMEOUT_S = 30.0
TRANSPORT_ERRORS = (OSError, httptools.HttpParserError, ConnectionError)


class _Answer(asyncio.Protocol):
    """Reads HTTP/1.1 answers off one kept-alive connection with httptools (the parser
    uvicorn uses): the load generator shares this machine's two CPUs with the server, and
    httpx's, then httpcore's, request and response objects cost it 2.2 to 3.4 ms per
    sync, about as much as the server's own work."""

    def __init__(self) -> None:
        self.parser = httptools.HttpResponseParser(self)
        self.transport: asyncio.Transport | None = None
        self.waiting: asyncio.Future[tuple[int, bytes, bool]] | None = None
        self.body: list[bytes] = []
        self.gzipped = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(exc)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        self._fail(exc or ConnectionResetError("the server closed the connection"))

    def on_header(self, name: bytes, value: bytes) -> None:
        if name.lower() == b"content-encoding" and value.lower() == b"gzip":
            self.gzipped = True

    def on_body(self, body: bytes) -> None:
        self.body.append(body)

    def on_message_complete(self) -> None:
        answer = (self.parser.get_status_code(), b"".join(self.body), self.gzipped)
        self.body, self.gzipped = [], False
        if self.waiting is not None and not self.waiting.done():
            self.waiting.set_result(answer)

    def _fail(self, exc: Exception) -> None:
        if self.waiting is not None and not self.waiting.done():
            self.waiting.set_exception(exc)


class Connection:
    """A device's one kept-alive HTTP/1.1 connection to one server instance."""

    def __init__(self, url: str) -> None:
        host, port = url.removeprefix("http://").split(":")
        self.host, self.port = host, int(port)
        fixed = {**HEADERS, "host": f"{host}:{port}", "accept-encoding": "gzip"}
        self.fixed = "".join(f"{k}: {v}\r\n" for k, v in fixed.items())
        self.answer: _Answer | None = None

    async def call(
        self, method: str, path: str, headers: dict[str, str], body: bytes = b""
    ) -> tuple[int, Any]:
        loop = asyncio.get_running_loop()
        if self.answer is None or self.answer.transport is None:
            _, self.answer = await asyncio.wait_for(
                loop.create_connection(_Answer, self.host, self.port), TIMEOUT_S
            )
        answer = self.answer
        assert answer.transport is not None
        extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        head = f"{method} {path} HTTP/1.1\r\n{self.fixed}{extra}content-length: {len(body)}\r\n\r\n"
        waiting = answer.waiting = loop.create_future()
        timer = loop.call_later(TIMEOUT_S, answer._fail, TimeoutError("no answer in time"))
        answer.transport.write(head.encode() + body)
        try:
            status, raw, gzipped = await waiting
        except BaseException:
            await self.close()  # a late or half answer must not be read as the next one
            raise
        finally:
            timer.cancel()
        if gzipped:
            raw = gzip.decompress(raw)
        return status, json.loads(raw) if status == 200 else None

    async def close(self) -> None:
        if self.answer is not None and self.answer.transport is not None:
            self.answer.transport.close()
        self.answer = None


async def sync(client: Connection, d: Device, mutations: int, tally: Tally) -> bool:
    """One push and the pulls after it; False (and a counted error) when anything failed."""
    auth_header = {"authorization": f"Bearer {d.token}"}
    batch = [hours_mutation(d) for _ in range(mutations)]
    body = gzip.compress(json.dumps({"mutations": batch}).encode())
    headers = {
        **auth_header,
        "content-type": "application/json",
        "content-encoding": "gzip",
        p.CLOCK_HEADER: str(int(time.time() * 1000)),
    }
    status, answer = await client.call("POST", "/v1/sync/push", headers, body)
    if status != 200:
        tally.errors[f"push {status}"] += 1
        return False
    outcomes = {r["outcome"] for r in answer["results"]}
    if outcomes != {"accepted"}:
        tally.errors[f"push outcome {sorted(outcomes)}"] += 1
        return False
    tally.pushed += len(batch)
    expected = {m["mutation_id"] for m in batch}
    while True:
        status, page = await client.call("GET", f"/v1/sync/pull?since={d.cursor}", auth_header)
        if status != 200:
            tally.errors[f"pull {status}"] += 1
            return False
        tally.pulled += len(page["changes"])
        expected -= {c["mutation_id"] for c in page["changes"]}
        d.cursor = int(page["cursor"])
        if not page["has_more"]:
            break
    if expected:
        tally.errors["pull missed own changes"] += 1
        return False
    return True


async def run_device(
    client: Connection, d: Device, args: argparse.Namespace, deadline: float, tally: Tally
) -> None:
    loop = asyncio.get_running_loop()
    next_start = loop.time() + random.uniform(0, args.interval)
    # no sync is due at or past the deadline: stop without sleeping until it, so the
    # window ends with the last answer, not one idle interval after it
    while next_start < deadline:
        await asyncio.sleep(max(0.0, next_start - loop.time()))
        started = time.perf_counter()
        try:
            ok = await sync(client, d, args.mutations, tally)
        except (*TRANSPORT_ERRORS, ValueError, KeyError) as exc:
            tally.errors[type(exc).__name__] += 1
            ok = False
        if ok:
            tally.latencies.append(time.perf_counter() - started)
        next_start += args.interval  # a fixed rate: a slow sync does not lower the load
        if args.interval == 0:
            next_start = loop.time()


async def load(
    urls: list[str], devices: list[Device], args: argparse.Namespace
) -> tuple[Tally, float]:
    """Every device with a connection of its own, as every laptop has, to one instance."""
    tally = Tally()
    clients = [Connection(random.choice(urls)) for _ in devices]
    try:
        loop = asyncio.get_running_loop()
        started = loop.time()
        deadline = started + args.seconds
        pairs = zip(clients, devices, strict=True)
        await asyncio.gather(*(run_device(c, d, args, deadline, tally) for c, d in pairs))
        elapsed = loop.time() - started
    finally:
        for client in clients:
            await client.close()
    return tally, elapsed


def run_async(work: Any) -> Any:
    """On uvloop where it is installed (the server runs on it too): less CPU per request."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(work)
    return uvloop.run(work)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=1000, method="inclusive")[int(q * 1000) - 1]
