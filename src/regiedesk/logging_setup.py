"""Logging to a file outside the data directory, rotated when a process starts.

Log lines carry events, error types and record ids, never client data and
never passphrases. The log folder is kept apart from the profile so that a
failed command leaves the data directory exactly as it was.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOG_FILE = "regiedesk.log"
LOG_DIR_ENV = "REGIEDESK_LOG_DIR"
MAX_LOG_BYTES = 2_000_000
KEPT_LOGS = 5


def default_log_dir() -> Path:
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_log_dir("regiedesk", appauthor=False))


def _inside(path: Path, folder: Path) -> bool:
    path, folder = path.expanduser().resolve(), folder.expanduser().resolve()
    return path == folder or folder in path.parents


def log_dir_for(data_dir: Path | None, log_dir: Path | None = None) -> Path:
    """The log folder to use: ``log_dir`` or the default, but never in (or below) ``data_dir``.

    On Windows the platform's log folder lies inside its data folder
    (``%LOCALAPPDATA%\\regiedesk\\Logs``); then the log goes beside the data
    directory instead, to ``<data_dir>-logs``.
    """
    folder = log_dir or default_log_dir()
    if data_dir is not None and _inside(folder, data_dir):
        return data_dir.parent / f"{data_dir.name}-logs"
    return folder


def rotate(path: Path) -> None:
    """Move a full log aside (``.1`` is the newest of ``KEPT_LOGS``) before a process writes.

    Rotating at start rather than while writing: the app and the commands run for hours at
    most, and logging.handlers pulls in socket and pickle, about 6 ms of the window's
    start-up.
    """
    try:
        if path.stat().st_size < MAX_LOG_BYTES:
            return
        path.with_name(f"{path.name}.{KEPT_LOGS}").unlink(missing_ok=True)
        for n in range(KEPT_LOGS - 1, 0, -1):
            older = path.with_name(f"{path.name}.{n}")
            if older.exists():
                older.replace(path.with_name(f"{path.name}.{n + 1}"))
        path.replace(path.with_name(f"{path.name}.1"))
    except OSError:
        pass  # no log yet, or another process holds it open (Windows): append to it


def setup_logging(
    log_dir: Path | None = None, *, data_dir: Path | None = None, level: int = logging.INFO
) -> Path | None:
    """Attach a file handler; returns the log file, or None if it cannot be written."""
    folder = log_dir_for(data_dir, log_dir)
    root = logging.getLogger("regiedesk")
    root.setLevel(level)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        rotate(folder / LOG_FILE)
        handler = logging.FileHandler(folder / LOG_FILE, encoding="utf-8")
    except OSError:
        return None  # logging must never stop the work
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s")
    )
    for old in [h for h in root.handlers if getattr(h, "_regiedesk", False)]:
        root.removeHandler(old)
        old.close()
    handler._regiedesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return folder / LOG_FILE
