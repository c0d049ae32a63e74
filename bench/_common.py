"""Helpers shared by the benchmarks: timing, progress on stderr, the JSON result line."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def median_of(runs: int, fn: Callable[[], Any]) -> float:
    return statistics.median(timed(fn) for _ in range(runs))


def emit(result: dict[str, Any]) -> None:
    """The benchmark's figures as one JSON object on the last stdout line."""
    rounded = {k: round(v, 4) if isinstance(v, float) else v for k, v in result.items()}
    print(json.dumps(rounded, sort_keys=True), flush=True)


def machine_state() -> dict[str, Any]:
    """How busy and how fast this machine is right now, so a slow day shows as one.

    ``cpu_probe_ms`` is the best of five runs of a fixed piece of pure-Python work (the
    kind the server and the sync engine do); it grows when the CPU is slower or shared."""
    best = min(timed(lambda: sum(i * i for i in range(300_000))) for _ in range(5))
    return {
        "cpus": os.cpu_count(),
        "load_average_1min": os.getloadavg()[0],
        "cpu_probe_ms": best * 1000,
    }
