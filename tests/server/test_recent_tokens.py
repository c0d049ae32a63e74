"""The gate before a push's body remembers tokens it found for a minute; the endpoint
still checks every request's token in its own transaction."""

from __future__ import annotations

import pytest

from regiedesk.sync.server import identity

from .conftest import Running


def test_a_device_revoked_after_a_push_is_refused_at_its_next_push(server: Running) -> None:
    token = server.device("anna")
    with server.client(token) as c:
        assert c.post("/v1/sync/push", json={"mutations": []}).status_code == 200
        server.db.execute("UPDATE devices SET revoked = 1")
        again = c.post("/v1/sync/push", json={"mutations": []})
    assert again.status_code == 401 and again.json()["detail"]["code"] == "device_revoked"


def test_a_remembered_token_is_forgotten_after_its_time(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(identity.time, "monotonic", lambda: now[0])
    recent = identity.RecentTokens(ttl_s=60, size=2)
    recent.add("token-a")
    assert "token-a" in recent and "token-b" not in recent
    now[0] += 61
    assert "token-a" not in recent


def test_remembered_tokens_are_bounded() -> None:
    recent = identity.RecentTokens(ttl_s=60, size=2)
    for token in ("a", "b", "c"):
        recent.add(token)
    assert "c" in recent and "a" not in recent and "b" not in recent
