"""Starting a real window on a private Xvfb display and waiting for the app to say so."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SHOWN = "window shown"


@contextmanager
def xvfb(size: str = "1400x900x24") -> Iterator[str]:
    """A display of its own (Xvfb picks a free number and tells it on -displayfd)."""
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", size, "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        yield ":" + server.stdout.readline().strip()
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()


def wait_for_window(log: Path, process: subprocess.Popen[bytes], timeout: float = 90) -> float:
    """Seconds until the app's log says the window is shown (polled every 5 ms)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if log.exists() and SHOWN in log.read_text(encoding="utf-8", errors="replace"):
            return time.perf_counter() - started
        if process.poll() is not None:
            raise AssertionError(f"the app ended with {process.returncode} before its window")
        time.sleep(0.005)
    raise AssertionError(f"no window after {timeout} s")
