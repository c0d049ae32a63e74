"""Running the real command line in a child process, and fingerprinting a folder."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

PASSPHRASE = "correct horse battery"


def run_cli(
    *args: str,
    passphrase: str | None = PASSPHRASE,
    lang: str | None = "C.UTF-8",
    log_dir: Path | None = None,
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANG", "LC_"))}
    if lang is not None:  # None: no locale variable at all
        env["LANG"] = lang
    env.pop("REGIEDESK_PASSPHRASE", None)
    if passphrase is not None:
        env["REGIEDESK_PASSPHRASE"] = passphrase
    if log_dir is not None:
        env["REGIEDESK_LOG_DIR"] = str(log_dir)
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "regiedesk.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def fingerprint(folder: Path) -> dict[str, str]:
    """sha256 of every file below ``folder``, by relative path."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
