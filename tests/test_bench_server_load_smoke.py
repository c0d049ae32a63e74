"""The server load benchmark runs end to end against PostgreSQL, over two server instances
(tiny sizes, figures not judged)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .server.conftest import postgres_available

BENCH = Path(__file__).resolve().parents[1] / "bench"
KEYS = (
    "devices", "instances", "duration_s", "syncs", "syncs_per_s", "p50_ms", "p99_ms", "errors",
    "target_p99_ms", "target_errors", "p99_met", "errors_met", "cpu_probe_ms",
    "capacity_syncs_per_s", "capacity_syncs_per_s_met", "server_cpu_ms_per_sync",
    "postgres_cpu_ms_per_sync", "capacity_achieved_syncs_per_s",
)  # fmt: skip


def test_server_load_benchmark_prints_its_figures() -> None:
    if not postgres_available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL on 127.0.0.1:5432 is not running (.ci/run starts it)")
        pytest.skip("PostgreSQL on 127.0.0.1:5432 is not running")
    # two instances on one database: the one-instance run is the same code with one URL
    command = [
        str(BENCH / "server_load.py"),
        "--devices",
        "5",
        "--seconds",
        "2",
        "--instances",
        "2",
        "--capacity-seconds",
        "1",
        "--capacity-max",
        "200",
    ]
    result = subprocess.run([sys.executable, *command], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    for key in KEYS:
        assert key in figures, key
    assert figures["devices"] == 5 and figures["instances"] == 2
    assert "2 server instance(s) up on" in result.stderr
    assert figures["errors"] == 0, result.stdout
    assert figures["syncs"] > 0
    assert figures["target_p99_ms"] == 300
    assert figures["target_errors"] == 0
    assert [step[0] for step in figures["capacity_steps"]][:1] == [150]  # the search ran
