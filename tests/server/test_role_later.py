"""A profile connected before it kept its account's role (``server_role``) learns it from
the server (``GET /v1/devices/me``) at its next unlock or sync, and keeps it: a team
leader's then opens the team workspace and syncs no caseload (which the server refuses)."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from regiedesk.errors import DeviceRevoked
from regiedesk.store import create_profile
from regiedesk.sync.session import ROLE_TIMEOUT_SECONDS, learn_role, sync_profile

from ..conftest import FAST_KDF
from .conftest import Running


@pytest.mark.parametrize("role", ["caseworker", "teamleader", "admin"])
def test_a_device_is_told_whose_it_is(server: Running, role: str) -> None:
    token = server.device(f"wie-{role}", role)
    with server.client(token) as c:
        answer = c.get("/v1/devices/me")
    assert answer.status_code == 200, answer.text
    assert answer.json() == {
        "device_id": answer.json()["device_id"],
        "user": f"wie-{role}",
        "role": role,
    }
    with server.client() as c:
        assert c.get("/v1/devices/me").status_code == 401
    with server.client("not a token") as c:
        assert c.get("/v1/devices/me").status_code == 401


def test_an_old_team_leaders_profile_learns_its_role_at_the_next_sync(
    server: Running, tmp_path: Path
) -> None:
    token = server.device("teun", "teamleader")
    store = create_profile(tmp_path / "teun", "een wachtwoordzin", user="teun", kdf=FAST_KDF)
    try:
        store.set_metas({"server_url": server.url, "device_token": token})
        report = sync_profile(store)  # as a caseworker's, the server would refuse it (403)
        assert store.meta("server_role") == "teamleader"
        assert (report.pushed, report.pulled) == (0, 0)
        assert learn_role(store) == "teamleader"  # kept: not asked again
    finally:
        store.close()


def test_the_role_waits_while_the_server_cannot_say(server: Running, tmp_path: Path) -> None:
    token = server.device("anna")
    store = create_profile(tmp_path / "anna", "een wachtwoordzin", user="anna", kdf=FAST_KDF)
    try:
        store.set_metas({"server_url": "http://127.0.0.1:9", "device_token": token})
        assert learn_role(store) is None and store.meta("server_role") is None  # offline
        store.set_meta("server_url", server.url)
        assert learn_role(store) == "caseworker"
        store.set_meta("server_role", "")
        server.db.execute("UPDATE devices SET revoked = 1")
        with pytest.raises(DeviceRevoked):
            learn_role(store)
    finally:
        store.close()


def test_an_unlock_waits_briefly_for_a_server_that_does_not_answer(tmp_path: Path) -> None:
    """A server that takes the connection and never answers: the role stays unknown after
    ``ROLE_TIMEOUT_SECONDS``, not after the client's 30 s (the unlock waits for it)."""
    store = create_profile(tmp_path / "anna", "een wachtwoordzin", user="anna", kdf=FAST_KDF)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)  # the connection is taken; nothing ever reads or answers it
        try:
            url = f"http://127.0.0.1:{silent.getsockname()[1]}"
            store.set_metas({"server_url": url, "device_token": "een token"})
            started = time.monotonic()
            assert learn_role(store) is None
            waited = time.monotonic() - started
        finally:
            store.close()
    assert ROLE_TIMEOUT_SECONDS <= waited < ROLE_TIMEOUT_SECONDS + 3, waited
