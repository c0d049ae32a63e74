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

import httpcore

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


TIMEOUTS = {"connect": 30.0, "read": 30.0, "write": 30.0, "pool": 30.0}
TRANSPORT_ERRORS = (
    OSError,
    httpcore.NetworkError,
    httpcore.TimeoutException,
    httpcore.ProtocolError,
)


class Connection:
    """A device's one kept-alive HTTP/1.1 connection, through httpcore (the layer under
    httpx): httpx's request and response objects made the load generator, which shares
    this machine's CPUs with the server, spend more per sync than the server itself."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.pool = httpcore.AsyncConnectionPool(max_connections=1)
        self.fixed = [(k.encode(), v.encode()) for k, v in HEADERS.items()]
        self.fixed.append((b"accept-encoding", b"gzip"))

    async def call(
        self, method: str, path: str, headers: dict[str, str], body: bytes = b""
    ) -> tuple[int, Any]:
        sent = self.fixed + [(k.encode(), v.encode()) for k, v in headers.items()]
        response = await self.pool.request(
            method, self.url + path, headers=sent, content=body, extensions={"timeout": TIMEOUTS}
        )
        raw = response.content
        if (b"content-encoding", b"gzip") in response.headers:
            raw = gzip.decompress(raw)
        return response.status, json.loads(raw) if response.status == 200 else None

    async def close(self) -> None:
        await self.pool.aclose()


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
    while True:
        await asyncio.sleep(max(0.0, next_start - loop.time()))
        if loop.time() >= deadline:
            return
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
