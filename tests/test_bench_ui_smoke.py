"""bench/ui.py runs and prints its figures (one start-up run, offscreen)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "ui.py"


def test_ui_benchmark_prints_its_figures() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [sys.executable, str(BENCH), "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        env=env,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["startup_ratio"] > 1.0
    assert figures["passphrase_startup_ratio"] > figures["startup_ratio"]  # Argon2id costs
    assert figures["max_stall_ms"] >= 0
    # the CPU the processes spent: the app's start does more than a bare window's
    assert 0 < figures["bare_window_cpu_s"] < figures["startup_cpu_s"]
    assert figures["startup_cpu_ratio"] > 1.0
    assert figures["cpu_probe_ms"] > 0
    assert figures["startup_ratio_met"] is (figures["startup_ratio"] <= 2.0)
    assert figures["max_stall_ms_met"] is (figures["max_stall_ms"] <= 50)
