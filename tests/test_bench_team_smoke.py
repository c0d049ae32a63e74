"""bench/team.py runs end to end on PostgreSQL at a tiny size (figures not judged)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .server.conftest import postgres_available

BENCH = Path(__file__).resolve().parents[1] / "bench" / "team.py"


def test_the_team_benchmark_prints_its_figures() -> None:
    if not postgres_available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL on 127.0.0.1:5432 is not running (.ci/run starts it)")
        pytest.skip("PostgreSQL on 127.0.0.1:5432 is not running")
    command = [
        sys.executable,
        str(BENCH),
        "--caseworkers",
        "4",
        "--teams",
        "2",
        "--families",
        "2",
        "--days",
        "60",
        "--busy",
        "1",
        "--requests",
        "3",
        "--ui-runs",
        "1",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    for name in ("overview_p95_ms", "family_p95_ms", "growth"):
        assert figures[name] > 0 and isinstance(figures[f"{name}_met"], bool)
    assert figures["families"] == 8 and figures["changes"] > 100
    assert figures["workspace_startup_s"] > 0 and figures["cached_families"] > 0
    assert isinstance(figures["workspace_startup_ratio_met"], bool)
    assert 0 < figures["bare_window_cpu_s"] < figures["workspace_startup_cpu_s"]
