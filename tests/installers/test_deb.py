"""The desktop app's .deb, for real: built once, checked with Debian's tools, installed
with dpkg, run from the installed files without any virtual environment, removed.

Marked `installer` (deselected by default, run by `make test-installers` and CI): it
installs a package on this machine, so it needs root, and the build takes minutes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import ImageGrab

from regiedesk import __version__

from .desktop import wait_for_window, xvfb

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "nl.regiedesk.regiedesk"

pytestmark = [
    pytest.mark.installer,
    pytest.mark.skipif(
        os.geteuid() != 0 or not shutil.which("dpkg-deb") or not shutil.which("lintian"),
        reason="needs root, dpkg-deb and lintian (.ci/debian-packages)",
    ),
]

PASSPHRASE = "paarse wolken boven het ijsmeer"  # strong enough for the new-profile rule


@pytest.fixture(scope="session")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("deb")
    built = subprocess.run(
        [sys.executable, ROOT / "installers" / "linux" / "build_deb.py",
         "--out", out, "--work", out / "work"],
        capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-3000:]
    return Path(built.stdout.strip().splitlines()[-1])


def clean_env(home: Path) -> dict[str, str]:
    """No virtual environment, no Python path: only what a laptop's session has."""
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}


def test_the_package_passes_debians_checks(deb: Path, tmp_path: Path) -> None:
    assert deb.stat().st_size < 120_000_000
    tree = tmp_path / "tree"
    subprocess.run(["dpkg-deb", "-x", deb, tree], check=True)
    desktop = tree / "usr/share/applications" / f"{APP_ID}.desktop"
    metainfo = tree / "usr/share/metainfo" / f"{APP_ID}.metainfo.xml"
    subprocess.run(["desktop-file-validate", desktop], check=True)
    subprocess.run(["appstreamcli", "validate", "--no-net", "--pedantic", metainfo], check=True)
    icons = tree / "usr/share/icons/hicolor"
    assert (icons / "scalable/apps" / f"{APP_ID}.svg").is_file()
    for size in (48, 128, 256):
        png = icons / f"{size}x{size}/apps/{APP_ID}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    linted = subprocess.run(
        ["lintian", "--tag-display-limit", "0", deb], capture_output=True, text=True
    )
    tags = [line for line in linted.stdout.splitlines() if line[:2] in ("E:", "W:")]
    assert linted.returncode == 0 and not tags, linted.stdout
    fields = subprocess.run(
        ["dpkg-deb", "-f", deb, "Depends"], capture_output=True, text=True, check=True
    ).stdout
    assert "libxcb-cursor0" in fields and "libc6" in fields and "ca-certificates" in fields
    bundled = {p.name for p in (tree / "usr/lib/regiedesk").rglob("*")}
    assert "libssl.so.3" not in bundled  # the system's, kept up to date by Debian


def test_installed_it_runs_without_python_and_leaves_no_file(deb: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = clean_env(home)
    data = tmp_path / "demo"
    subprocess.run(["dpkg", "-i", deb], check=True, capture_output=True)
    installed = subprocess.run(
        ["dpkg-query", "-L", "regiedesk"], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    try:
        assert shutil.which("regiedesk", path=env["PATH"]) == "/usr/bin/regiedesk"
        version = subprocess.run(
            ["regiedesk", "--version"], capture_output=True, text=True, env=env, check=True
        )
        assert version.stdout.strip() == f"regiedesk {__version__}"
        demo = subprocess.run(
            ["regiedesk", "demo", "--data-dir", data, "--families", "4"],
            capture_output=True, text=True, env={**env, "REGIEDESK_PASSPHRASE": PASSPHRASE},
            timeout=300,
        )  # fmt: skip
        assert demo.returncode == 0, demo.stderr
        assert "4 gezinnen" in demo.stdout
        check = subprocess.run(
            ["regiedesk", "check", "--data-dir", data], capture_output=True, text=True,
            env={**env, "REGIEDESK_PASSPHRASE": PASSPHRASE}, timeout=300,
        )  # fmt: skip
        assert check.returncode == 0, check.stdout + check.stderr
        screenshot = show_the_window(tmp_path, env)
        print(f"screenshot of the installed app: {screenshot}")
    finally:
        subprocess.run(["dpkg", "-r", "regiedesk"], check=True, capture_output=True)
    left = [f for f in installed if f and os.path.lexists(f) and not os.path.isdir(f)]
    assert left == []
    assert not Path("/usr/lib/regiedesk").exists()
    assert (data / "profile.key").is_file() and (data / "profile.db").is_file()  # user data


def show_the_window(tmp_path: Path, env: dict[str, str]) -> Path:
    logs = tmp_path / "logs"
    with xvfb() as display:
        app = subprocess.Popen(
            ["regiedesk", "--data-dir", tmp_path / "window", "--log-dir", logs],
            env={**env, "DISPLAY": display},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_window(logs / "regiedesk.log", app)
            shot = ROOT / "build" / "screenshots" / "installed-window.png"  # kept to look at
            shot.parent.mkdir(parents=True, exist_ok=True)
            for _ in range(50):  # the first paint follows the show
                image = ImageGrab.grab(xdisplay=display)
                if len(image.getcolors(maxcolors=100_000) or []) > 50:
                    break
                subprocess.run(["sleep", "0.1"], check=True)
            image.save(shot)
        finally:
            app.terminate()
            app.wait(timeout=30)
    colours = image.getcolors(maxcolors=100_000) or []
    assert len(colours) > 50, "the screen stayed blank"
    log = (logs / "regiedesk.log").read_text()
    assert "no organisation file at /etc/regiedesk/organisation.toml" in log
    return shot
