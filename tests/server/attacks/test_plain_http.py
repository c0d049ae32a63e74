"""Issue 16, 8: `regiedesk connect` sends no password over plain http to a server on
another computer (an address that is not this computer's loopback), unless told to with
``--allow-http``; a real server listens there, so a refusal is not a failed connection."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from regiedesk.store import create_profile

from ...cli_helpers import PASSPHRASE, run_cli
from ...conftest import FAST_KDF
from ..conftest import PASSWORD, Running, serving


def outward_address() -> str | None:
    """This computer's address on its network (no packet is sent: a UDP socket only
    picks its route)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 9))
        except OSError:
            return None
        address = str(s.getsockname()[0])
    return None if address.startswith("127.") or address == "0.0.0.0" else address


@pytest.fixture
def outward(db_url: str) -> Iterator[Running]:
    """A server on all addresses, reached at this computer's network address over http."""
    address = outward_address()
    if address is None:
        pytest.skip("this computer has no network address besides loopback")
    with serving(db_url, host="0.0.0.0") as running:
        port = running.url.rsplit(":", 1)[1]
        running.url = f"http://{address}:{port}"
        assert httpx.get(f"{running.url}/health", timeout=5).status_code == 200
        yield running


def connect(server: Running, data_dir: Path, *more: str) -> tuple[int, str]:
    result = run_cli(
        "connect", "--data-dir", str(data_dir), "--server", server.url, "--user", "anna", *more,
        extra_env={"REGIEDESK_SERVER_PASSWORD": PASSWORD}, lang="nl_NL.UTF-8",
    )  # fmt: skip
    return result.returncode, result.stderr


def sign_ins(server: Running) -> int:
    rows = server.db.query("SELECT COUNT(*) AS n FROM access_log WHERE action = 'register'")
    return int(rows[0]["n"])


def test_connect_refuses_plain_http_to_another_computer(outward: Running, tmp_path: Path) -> None:
    outward.add_user("anna")
    create_profile(tmp_path / "laptop", PASSPHRASE, user="anna", kdf=FAST_KDF).close()
    status, err = connect(outward, tmp_path / "laptop")
    assert status == 2, err
    assert "niet versleuteld" in err and "--allow-http" in err
    assert sign_ins(outward) == 0  # no password went out
    assert not outward.db.query("SELECT id FROM devices")


def test_connect_goes_over_plain_http_when_told_to(outward: Running, tmp_path: Path) -> None:
    outward.add_user("anna")
    create_profile(tmp_path / "laptop", PASSPHRASE, user="anna", kdf=FAST_KDF).close()
    status, err = connect(outward, tmp_path / "laptop", "--allow-http")
    assert status == 0, err
    assert sign_ins(outward) == 1
    assert len(outward.db.query("SELECT id FROM devices")) == 1
