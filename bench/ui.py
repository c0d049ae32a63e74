"""Start-up and responsiveness of the window, against a bare PySide6 window in the same run.

    .venv/bin/python bench/ui.py            (uses $DISPLAY, else the offscreen platform)

startup_ratio: process start until the caseload of the demo profile (the
practice environment, opened from the start page as a user does) is on screen,
divided by process start until a bare QMainWindow is on screen.
passphrase_startup_ratio: the same for a real profile holding the same demo
data, unlocked with its passphrase, so it includes Argon2id at the default cost.
max_stall_ms: the longest the GUI thread went without running its 5 ms
heartbeat timer during a scripted session through every tab of three families.
startup_cpu_ratio: the CPU seconds of the practice start's process (to its exit) over the
bare window's, medians: what the start costs, steadier than the wall times when other
work shares the machine (the targets are on the wall times).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import emit, machine_state, progress

PASSPHRASE = "benchmark passphrase"
TARGET_STARTUP_RATIO, TARGET_MAX_STALL_MS = 2.0, 50.0
TODAY = dt.date(2026, 11, 24)

BARE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: (print("SHOWN", flush=True), app.quit()))
        return False
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1200, 780)
w.installEventFilter(FirstPaint(w)); w.show()
app.exec()
"""


def time_to_shown(args: list[str], env: dict[str, str]) -> float:
    return shown_wall_and_cpu(args, env)[0]


def shown_wall_and_cpu(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from process start until it prints SHOWN, and the CPU seconds (user and
    system) the process spent in all, its exit included: steadier than the wall time on a
    machine other work shares, since waiting for a CPU does not count."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "SHOWN":
            elapsed = time.perf_counter() - started
            break
    else:
        proc.kill()
        raise RuntimeError("the window never appeared")
    try:
        _, _, usage = os.wait4(proc.pid, 0)
    finally:
        proc.returncode = 0  # reaped by wait4
        proc.stdout.close()
    return elapsed, usage.ru_utime + usage.ru_stime


def stall_session(data_dir: Path) -> float:
    """Click through every tab of three families while a heartbeat measures GUI stalls."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from regiedesk.ui.context import AppContext
    from regiedesk.ui.main_window import MainWindow
    from regiedesk.ui.settings import Settings
    from regiedesk.ui.worker import DbWorker

    app = QApplication.instance() or QApplication(sys.argv)
    settings = Settings(QSettings(str(data_dir / "s.ini"), QSettings.Format.IniFormat))
    worker = DbWorker()
    window = MainWindow(
        AppContext(data_dir=data_dir, settings=settings, worker=worker, today=lambda: TODAY)
    )
    window.show()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(beat)

    def pump(until: float) -> None:
        while time.perf_counter() < until:
            app.processEvents()
            time.sleep(0.001)

    def settle() -> None:
        deadline = time.perf_counter() + 60
        while not worker.idle and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.001)
        pump(time.perf_counter() + 0.05)

    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.button.click()
    settle()
    heartbeat.start()
    last[0] = time.perf_counter()
    for row in window.caseload.model.rows[:3]:
        window.open_family(row.family_id)
        settle()
        assert window.workspace is not None
        for index in range(window.workspace.count()):
            window.workspace.setCurrentIndex(index)
            settle()
        window.show_caseload()
        settle()
    heartbeat.stop()
    window.close()
    worker.shutdown()
    # a gap is how long the GUI thread could not run the timer, minus the timer's own period
    return max(0.0, (max(gaps) - 0.005) * 1000)


def median(runs: list[tuple[float, float]], which: int) -> float:
    """The median wall (0) or CPU (1) seconds of ``runs``."""
    return statistics.median(run[which] for run in runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import regiedesk
    from regiedesk.demo import generate_demo
    from regiedesk.store import create_profile
    from regiedesk.ui.context import PRACTICE_FOLDER, PRACTICE_KDF, PRACTICE_PASSPHRASE

    # An installed app ships compiled bytecode; an editable checkout (or a shell with
    # PYTHONDONTWRITEBYTECODE) would otherwise compile every module again in every run.
    compileall.compile_dir(str(Path(regiedesk.__file__).parent), quiet=1)
    with tempfile.TemporaryDirectory(prefix="regiedesk-uibench-") as tmp:
        # the app's settings (QSettings, user scope) and log go into the temporary folder
        env = {
            **os.environ,
            "XDG_CONFIG_HOME": str(Path(tmp) / "config"),
            "XDG_STATE_HOME": str(Path(tmp) / "state"),
        }
        data_dir = Path(tmp) / "data"
        progress("making the demo profile")
        with create_profile(data_dir, PASSPHRASE, user="bench") as store:
            generate_demo(store, today=TODAY)
        practice_home = Path(tmp) / "practice-only"  # as the app makes it on first use
        with create_profile(
            practice_home / PRACTICE_FOLDER, PRACTICE_PASSPHRASE, user="bench", kdf=PRACTICE_KDF
        ) as store:
            generate_demo(store, today=TODAY)
        bare, ours, locked = [], [], []
        child = [sys.executable, str(Path(__file__).with_name("ui_child.py"))]
        for run in range(args.runs):
            progress(f"start-up run {run + 1}/{args.runs}")
            bare.append(shown_wall_and_cpu([sys.executable, "-c", BARE], env))
            ours.append(shown_wall_and_cpu([*child, str(practice_home), "practice"], env))
            locked.append(shown_wall_and_cpu([*child, str(data_dir), PASSPHRASE], env))
        progress("scripted session through every tab of three families")
        stall = stall_session(data_dir)
    emit(
        {
            **machine_state(),
            "bare_window_s": median(bare, 0),
            "startup_s": median(ours, 0),
            "startup_ratio": median(ours, 0) / median(bare, 0),
            "passphrase_startup_s": median(locked, 0),
            "passphrase_startup_ratio": median(locked, 0) / median(bare, 0),
            "bare_window_cpu_s": median(bare, 1),
            "startup_cpu_s": median(ours, 1),
            "startup_cpu_ratio": median(ours, 1) / median(bare, 1),
            "max_stall_ms": stall,
            "startup_ratio_met": median(ours, 0) / median(bare, 0) <= TARGET_STARTUP_RATIO,
            "max_stall_ms_met": stall <= TARGET_MAX_STALL_MS,
            "platform": os.environ.get("QT_QPA_PLATFORM", "xcb"),
            "runs": args.runs,
        }
    )


if __name__ == "__main__":
    main()
