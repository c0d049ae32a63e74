"""The server installed the documented way (admin guide, "The server, installed"): a
virtual environment with `pip install 'regiedesk[server]'` from the wheel, a system user,
the systemd unit's commands run as that user with the unit's environment, /health
answering, then everything removed again. No PySide6 comes with it.

systemd itself does not run here (no init in this container): the unit is checked with
`systemd-analyze verify`, and its ExecStartPre and ExecStart are run as its User= with
its Environment=, which is what systemd would do short of the sandboxing.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ..server.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "installers" / "server" / "regiedesk-server.service"
USER = "regiedesk-server"

pytestmark = [
    pytest.mark.installer,
    pytest.mark.skipif(
        os.geteuid() != 0 or not Path("/usr/bin/python3").exists(),
        reason="adds a system user and runs commands as it; needs Debian's python3-venv",
    ),
]


def run(*command: object, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [str(c) for c in command], capture_output=True, text=True, **kwargs
    )


def unit_settings(text: str, key: str) -> list[str]:
    return re.findall(rf"^{key}=(.*)$", text, re.MULTILINE)


@pytest.fixture
def root_dir() -> Iterator[Path]:
    """A folder the service user can reach (pytest's own are root's alone, 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="regiedesk-server-install-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_pip_and_systemd_install_serves_and_is_removed(root_dir: Path) -> None:
    tmp_path = root_dir
    wheel_dir = tmp_path / "wheel"
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheel_dir, ROOT)
    assert built.returncode == 0, built.stderr
    (wheel,) = wheel_dir.glob("regiedesk-*.whl")
    prefix = tmp_path / "opt" / "regiedesk-server"  # /opt/regiedesk-server in the guide
    state = tmp_path / "var" / "lib" / "regiedesk-server"
    # Debian's own Python, as the guide says (this process's may live where the service
    # user cannot reach, such as a pyenv under /root)
    assert run("/usr/bin/python3", "-m", "venv", prefix).returncode == 0
    pip = prefix / "bin" / "pip"
    installed = run(pip, "install", "-q", "-c", ROOT / "requirements.lock", f"{wheel}[server]")
    assert installed.returncode == 0, installed.stderr
    names = {line.split("==")[0].lower() for line in run(pip, "freeze").stdout.split()}
    assert "fastapi" in names and "uvicorn" in names
    laptop_only = {"pyside6-essentials", "pyside6", "shiboken6", "sqlcipher3", "sqlite-utils"}
    assert not names & laptop_only, sorted(names)

    text = UNIT.read_text().replace("/opt/regiedesk-server", str(prefix))
    text = text.replace("/var/lib/regiedesk-server", str(state))
    unit = tmp_path / "regiedesk-server.service"
    unit.write_text(text)
    verified = run("systemd-analyze", "verify", unit)
    assert verified.returncode == 0 and verified.stderr.strip() == "", verified.stderr
    for wanted in ("NoNewPrivileges=yes", "ProtectSystem=strict", f"User={USER}"):
        assert wanted in text

    created_user = False
    try:
        pwd.getpwnam(USER)
    except KeyError:
        made = run("/usr/sbin/useradd", "--system", "--no-create-home", "--home-dir", state,
                   "--shell", "/usr/sbin/nologin", USER)  # fmt: skip
        assert made.returncode == 0, made.stderr
        created_user = True
    server = None
    try:
        state.mkdir(parents=True)  # what StateDirectory= makes, owned by the user, 0700
        shutil.chown(state, USER, USER)
        state.chmod(0o700)
        env = {"PATH": "/usr/bin:/bin", "HOME": str(state)}
        for setting in unit_settings(text, "Environment"):
            name, value = setting.split("=", 1)
            env[name] = value
        as_user = ["/usr/sbin/runuser", "-u", USER, "--"]
        (migrate,) = unit_settings(text, "ExecStartPre")
        migrated = run(*as_user, *migrate.split(), env=env, cwd=state)
        assert migrated.returncode == 0, migrated.stderr
        check = run(*as_user, prefix / "bin" / "regiedesk-server", "check", env=env, cwd=state)
        assert check.returncode == 0, check.stdout + check.stderr
        port = free_port()
        (start,) = unit_settings(text, "ExecStart")
        command = start.replace("--port 8765", f"--port {port}").split()
        server = subprocess.Popen([*as_user, *command], env=env, cwd=state,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                assert time.monotonic() < deadline, "no answer on /health"
                time.sleep(0.2)
        assert health.status_code == 200 and health.json()["status"] == "ok"
        assert (state / "server.db").stat().st_uid == pwd.getpwnam(USER).pw_uid
        no_window = run(prefix / "bin" / "regiedesk", "--version")  # the laptop's part: absent
        assert no_window.returncode == 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
            if server.stdout is not None:
                server.stdout.close()
        if created_user:
            run("/usr/sbin/userdel", USER)

    removed = run(pip, "uninstall", "-y", "-q", "regiedesk")
    assert removed.returncode == 0, removed.stderr
    assert not (prefix / "bin" / "regiedesk-server").exists()
    left = [p for p in prefix.rglob("*regiedesk*") if "regiedesk-server" not in p.parts[-1]]
    assert left == [], left
    shutil.rmtree(prefix)  # the documented removal ends with the folder itself
    assert (state / "server.db").is_file()  # the data stays until the admin removes it
