"""The desktop .deb: its size, and the installed app's cold start against the development one.

    sudo xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python bench/installed_app.py \\
        --deb dist/regiedesk_0.1.0_amd64.deb [--runs 5]

Installs the package with dpkg (and removes it again at the end, unless it was already
installed). A start is measured from the process start until the app's log says
"window shown" (the start page of an empty data directory), for the installed
`/usr/bin/regiedesk` (PyInstaller's folder, no Python on PATH) and for the development
`.venv/bin/regiedesk`, alternating. Cold: the page cache is dropped before each start
(`/proc/sys/vm/drop_caches`, root); warm: straight after a start of the same program.

deb_size_mb: the .deb's size in MB (goal at most 120).
cold_start_ratio: median installed cold start / median development cold start (goal at
most 1.2). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import emit, progress

ROOT = Path(__file__).resolve().parents[1]
DEB_GOAL_MB = 120.0
RATIO_GOAL = 1.2
DEVELOPMENT = ROOT / ".venv" / "bin" / "regiedesk"
INSTALLED = Path("/usr/bin/regiedesk")


def drop_caches() -> bool:
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def start_seconds(program: Path, env: dict[str, str]) -> float:
    """Seconds from spawning ``program`` until its log says the window is shown."""
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "logs" / "regiedesk.log"
        args = [str(program), "--data-dir", f"{folder}/data", "--log-dir", f"{folder}/logs"]
        started = time.perf_counter()
        process = subprocess.Popen(
            args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            while True:
                if log.exists() and "window shown" in log.read_text(errors="replace"):
                    return time.perf_counter() - started
                if process.poll() is not None:
                    raise RuntimeError(f"{program} ended with {process.returncode}")
                if time.perf_counter() - started > 120:
                    raise RuntimeError(f"{program}: no window after 120 s")
                time.sleep(0.002)
        finally:
            process.terminate()
            process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deb", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if "DISPLAY" not in os.environ:
        raise SystemExit("needs a display: run under xvfb-run")
    size_mb = args.deb.stat().st_size / 1e6
    was_installed = INSTALLED.exists()
    subprocess.run(["dpkg", "-i", str(args.deb)], check=True, capture_output=True)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": tempfile.mkdtemp(prefix="regiedesk-bench-home-"),
        "DISPLAY": os.environ["DISPLAY"],
        **({"XAUTHORITY": os.environ["XAUTHORITY"]} if "XAUTHORITY" in os.environ else {}),
        "LANG": "C.UTF-8",
        "REGIEDESK_ORGANISATION_FILE": "/nonexistent/organisation.toml",
    }
    times: dict[str, list[float]] = {"installed_cold": [], "dev_cold": [], "installed_warm": [],
                                     "dev_warm": []}  # fmt: skip
    cold = True
    try:
        for run in range(args.runs):
            for name, program in (("installed", INSTALLED), ("dev", DEVELOPMENT)):
                cold = drop_caches() and cold
                times[f"{name}_cold"].append(start_seconds(program, env))
                times[f"{name}_warm"].append(start_seconds(program, env))
            progress(f"run {run + 1}: " + ", ".join(f"{k} {v[-1]:.3f} s" for k, v in times.items()))
    finally:
        if not was_installed:
            subprocess.run(["dpkg", "-r", "regiedesk"], check=True, capture_output=True)
        shutil.rmtree(env["HOME"], ignore_errors=True)
    medians = {k: statistics.median(v) for k, v in times.items()}
    ratio = medians["installed_cold"] / medians["dev_cold"]
    for name, value in medians.items():
        print(f"{name:16} {value:.3f} s (median of {args.runs})")
    print(f".deb size        {size_mb:.1f} MB (goal {DEB_GOAL_MB:g})")
    print(f"cold start ratio {ratio:.2f} (goal {RATIO_GOAL:g}; caches dropped: {cold})")
    emit(
        {
            "deb_size_mb": size_mb,
            "deb_size_met": size_mb <= DEB_GOAL_MB,
            **{f"{k}_s": v for k, v in medians.items()},
            "cold_start_ratio": ratio,
            "cold_start_met": ratio <= RATIO_GOAL,
            "warm_start_ratio": medians["installed_warm"] / medians["dev_warm"],
            "caches_dropped": cold,
            "runs": args.runs,
            "cpus": os.cpu_count(),
            "load_average_1min": os.getloadavg()[0],
        }
    )


if __name__ == "__main__":
    main()
