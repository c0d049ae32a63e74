from __future__ import annotations

import logging
from pathlib import Path

from regiedesk.logging_setup import KEPT_LOGS, LOG_FILE, MAX_LOG_BYTES, setup_logging


def test_a_full_log_is_moved_aside_and_the_oldest_dropped(tmp_path: Path) -> None:
    log = tmp_path / LOG_FILE
    for n in range(1, KEPT_LOGS + 1):
        log.with_name(f"{LOG_FILE}.{n}").write_text(f"oud {n}\n")
    log.write_bytes(b"x" * MAX_LOG_BYTES)
    assert setup_logging(tmp_path) == log
    logging.getLogger("regiedesk.test").info("nieuw begin")
    for handler in logging.getLogger("regiedesk").handlers:
        handler.flush()
    assert "nieuw begin" in log.read_text()
    assert log.stat().st_size < 1000
    assert log.with_name(f"{LOG_FILE}.1").stat().st_size == MAX_LOG_BYTES
    assert log.with_name(f"{LOG_FILE}.2").read_text() == "oud 1\n"
    assert log.with_name(f"{LOG_FILE}.{KEPT_LOGS}").read_text() == f"oud {KEPT_LOGS - 1}\n"
    assert not log.with_name(f"{LOG_FILE}.{KEPT_LOGS + 1}").exists()


def test_a_log_with_room_left_is_appended_to(tmp_path: Path) -> None:
    log = tmp_path / LOG_FILE
    log.write_text("eerder\n")
    setup_logging(tmp_path)
    logging.getLogger("regiedesk.test").info("later")
    for handler in logging.getLogger("regiedesk").handlers:
        handler.flush()
    assert log.read_text().startswith("eerder\n") and "later" in log.read_text()
    assert not log.with_name(f"{LOG_FILE}.1").exists()
