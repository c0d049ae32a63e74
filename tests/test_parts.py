"""A missing part (pip extra) is named with the command that installs it, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def without(modules: str, entry: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "en_GB.UTF-8", "REGIEDESK_PASSPHRASE": "x" * 12}
    return subprocess.run(
        [sys.executable, HERE / "without_modules.py", modules, entry, *args],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip


def test_the_server_without_its_part(tmp_path: Path) -> None:
    result = without("fastapi,uvicorn", "regiedesk.parts:server_main", "--db",
                     f"sqlite:///{tmp_path / 's.db'}", "serve", "--port", "0")  # fmt: skip
    assert result.returncode == 3
    assert "pip install 'regiedesk[server]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_laptop_command_without_the_desktop_part(tmp_path: Path) -> None:
    result = without("sqlcipher3", "regiedesk.cli:main", "init", "--data-dir", str(tmp_path))
    assert result.returncode == 3
    assert "sqlcipher3 is missing" in result.stderr
    assert "pip install 'regiedesk[desktop]'" in result.stderr
    assert "Traceback" not in result.stderr
