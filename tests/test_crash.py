"""Kill a writing process with SIGKILL at random moments: every reported commit survives."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from regiedesk.store import create_profile, open_profile

from .conftest import FAST_KDF, PASSPHRASE

KILLS = 20


def collect(child: subprocess.Popen[str], lines: list[str]) -> None:
    assert child.stdout is not None
    lines.extend(child.stdout)


def test_sigkill_never_loses_a_reported_commit(tmp_path: Path) -> None:
    data_dir = tmp_path / "profile"
    create_profile(data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF).close()
    rng = random.Random(7513)
    reported: set[str] = set()
    env = {**os.environ, "REGIEDESK_PASSPHRASE": PASSPHRASE}
    for _ in range(KILLS):
        child = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).with_name("crash_writer.py")),
                str(data_dir),
                "hours",
            ],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        lines: list[str] = []
        reader = threading.Thread(target=collect, args=(child, lines), daemon=True)
        reader.start()
        while not lines and child.poll() is None:  # wait until it really writes
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        child.wait()
        reader.join(timeout=5)
        assert child.stdout is not None
        child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        reported.update(line.strip() for line in lines if line.strip())
        with open_profile(data_dir, PASSPHRASE) as store:
            assert [r[0] for r in store.conn.execute("PRAGMA integrity_check")] == ["ok"]
            assert store.conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
            present = {r["id"] for r in store.query("SELECT id FROM hours")}
            assert reported <= present, f"lost {len(reported - present)} committed writes"
    assert len(reported) > KILLS
