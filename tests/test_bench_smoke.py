"""The benchmark scripts run and print their figures (tiny sizes; the numbers are not judged)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def test_store_benchmark_prints_its_figures() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH / "store.py"), "--scale", "0.005", "--repeat", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    for key in (
        "write_ratio", "bulk_ratio", "query_ratio", "unlock_seconds", "cpu_probe_ms",
        "cpu_probe_end_ms", "write_plain_cpu_s", "bulk_encrypted_cpu_s", "write_plain_ms",
    ):  # fmt: skip
        assert figures[key] > 0, key
    assert figures["writes"] == 100
    for ratio in ("write_ratio", "bulk_ratio", "query_ratio", "query_cold_ratio"):
        assert figures[f"{ratio}_met"] is (figures[ratio] <= 1.3), ratio
    assert figures["unlock_seconds_met"] is (0.3 <= figures["unlock_seconds"] <= 1.0)


def test_store_benchmark_runs_only_the_parts_asked() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH / "store.py"), "--scale", "0.005", "--parts", "write"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["write_ratio"] > 0 and figures["cpu_probe_ms"] > 0
    assert not {"bulk_ratio", "query_ratio", "unlock_seconds"} & set(figures)


def test_sync_benchmark_prints_its_figures() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH / "sync.py"), "--changes", "600", "--families", "5"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    for key in (
        "initial_changes_per_s", "initial_ratio", "incremental_ms", "cpu_probe_ms",
        "initial_server_cpu_s", "initial_laptop_cpu_s",
    ):  # fmt: skip
        assert figures[key] > 0, key
    assert figures["repaired"] == 0  # the server's checksums agree: nothing fetched twice


def test_reports_benchmark_prints_its_figures() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH / "reports.py"), "--families", "2", "--caseworkers", "5",
         "--repeat", "1", "--reports", "4"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )  # fmt: skip
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    for key in ("baseline_s", "progress_s", "hours_s", "team_s", "progress_ratio"):
        assert figures[key] > 0, key
    for key in ("progress_s_met", "hours_s_met", "team_s_met", "memory_growth_mb_met"):
        assert isinstance(figures[key], bool), key
    assert figures["reports_in_a_row"] == 4
