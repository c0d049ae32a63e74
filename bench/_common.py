"""Helpers shared by the benchmarks: timing, progress on stderr, the JSON result line."""

from __future__ import annotations

import json
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
