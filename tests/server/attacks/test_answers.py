"""Issue 16, 4, 6 and 8; issue 13, 4: answers with a code, never a stack trace, an echo or a
client's value in the server log; security headers; no outside CDN; failed tokens logged."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import suppress

import httpx
import pytest

from regiedesk.ids import uuid7
from regiedesk.sync import protocol as p
from regiedesk.sync.server import async_db
from regiedesk.sync.server import db as server_db

from ..conftest import Running
from .helpers import MB, change, code, family_of, stamp

SECRET = "Geheim-Kenmerk-Vlietstra"


def test_bad_clock_headers_get_400_with_a_code(server: Running) -> None:
    token = server.device("anna")
    with server.client(token) as c:
        # int() takes the last two; h11 does not send a value with a space at either end
        for value in ("abc", "1e5", "", "1" * 20, "١٢٣", "-5", "1_000", "+12"):
            response = c.post(
                "/v1/sync/push",
                json={"mutations": []},
                headers={p.CLOCK_HEADER: value.encode()},  # as bytes: httpx sends only ASCII str
            )
            assert (response.status_code, code(response)) == (400, "bad_header"), value


def raw(server: Running, path: str, body: str, token: str | None = None) -> tuple[int, str | None]:
    with server.client(token) as c:
        response = c.post(path, content=body.encode(), headers={"content-type": "application/json"})
    return response.status_code, code(response)


def test_nul_and_lone_surrogates_get_400_with_a_code(server: Running) -> None:
    token = server.device("anna")
    family = family_of(server, token, "anna")
    for field in ("mutation_id", "record_id", "hlc", "family_id"):
        for bad in ("\\u0000", "\\ud800"):
            mutation = change("hours", family, minutes=5)
            text = json.dumps({"mutations": [mutation]}).replace(
                json.dumps(mutation[field]), f'"{mutation[field][:8]}{bad}"'
            )
            assert raw(server, "/v1/sync/push", text, token) == (400, "bad_text"), (field, bad)
    for bad in ("\\u0000", "\\udfff"):
        body = f'{{"user": "an{bad}na", "password": "x", "device_name": "laptop"}}'
        assert raw(server, "/v1/devices", body) == (400, "bad_text"), bad
    with server.client(token) as c:
        assert (c.get("/v1/sync/pull", params={"family": "a\x00b"}).status_code) == 400
        assert (c.get("/v1/sync/checksum", params={"families": "\x00"}).status_code) == 400


def test_a_422_never_echoes_the_request(server: Running) -> None:
    token = server.device("anna")
    junk = [{"mutation_id": SECRET * 100, "op": "steal"} for _ in range(500)]
    body = json.dumps({"mutations": junk})
    assert len(body) > MB
    with server.client(token) as c:
        response = c.post(
            "/v1/sync/push", content=body, headers={"content-type": "application/json"}
        )
        broken = c.post("/v1/sync/push", content=b"{" + SECRET.encode())
    for answer in (response, broken):
        assert (answer.status_code, code(answer)) == (422, "invalid_request")
        assert SECRET not in answer.text and len(answer.content) < 16 * 1024


def test_an_internal_error_answers_with_a_code_and_no_trace(
    server: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = server.device("anna")

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError(SECRET)

    async def broken_async(*args: object, **kwargs: object) -> object:
        raise RuntimeError(SECRET)

    monkeypatch.setattr(server_db.Transaction, "rows", broken)
    # PostgreSQL's pull runs on the event loop, over the async transaction.
    for name in ("rows", "gather", "rows_within"):
        monkeypatch.setattr(async_db.AsyncTransaction, name, broken_async)
    with server.client(token) as c:
        response = c.get("/v1/sync/pull")
    assert (response.status_code, code(response)) == (500, "internal")
    assert SECRET not in response.text and "Traceback" not in response.text


CLIENT_SIDE = ("httpx", "httpcore", "asyncio", "hpack")  # this test's own requests


@pytest.fixture
def server_log() -> Iterator[list[str]]:
    """Every line the server's loggers write, with its traceback, as the log file gets it."""
    lines: list[str] = []
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if not record.name.startswith(CLIENT_SIDE):
                lines.append(formatter.format(record))

    handler = Keep(level=logging.DEBUG)
    loggers = [logging.getLogger(n) for n in ("", "uvicorn", "uvicorn.error", "regiedesk")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    yield lines
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_the_server_log_carries_no_client_values(server: Running, server_log: list[str]) -> None:
    anna = server.device("anna")
    leader = server.device("teun", "teamleader")
    server.db.execute("INSERT INTO teams (name) VALUES ('Oost')")
    for user in ("anna", "teun"):
        server.db.execute("INSERT INTO team_members (team, user_name) VALUES ('Oost', ?)", (user,))
    family = family_of(server, anna, "anna")
    with server.db.transaction() as tx:  # an old record with a value the overview chokes on
        tx.append_changes(
            [(uuid7(), "old", "anna", family, "hours", uuid7(), "insert",
              json.dumps({"date": SECRET, "minutes": 5}), stamp(), "2026-11-24T00:00:00")]
        )  # fmt: skip
    with suppress(httpx.TransportError), server.client(leader) as c:
        c.get("/v1/team/overview")
    with suppress(httpx.TransportError), server.client(anna) as c:
        c.post("/v1/sync/push", json={"mutations": [change("hours", family, date=SECRET)]},
               headers={p.CLOCK_HEADER: SECRET})  # fmt: skip
    with suppress(httpx.TransportError), server.client(anna) as c:
        c.get("/v1/sync/pull", params={"family": SECRET + "\x00"})
    with suppress(httpx.TransportError):
        raw(
            server,
            "/v1/devices",
            f'{{"user": "{SECRET}\\udfff", "password": "x", "device_name": "x"}}',
        )
    assert server_log, "the server wrote nothing at all: this test would not see a leak"
    assert not [line for line in server_log if SECRET in line]


def test_security_headers(server: Running) -> None:
    token = server.device("anna")
    with server.client(token) as c:
        plain = c.get("/v1/sync/pull")
        behind_tls = c.get("/v1/sync/pull", headers={"X-Forwarded-Proto": "https"})
        health = c.get("/health")
    for response in (plain, behind_tls, health):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "no-store"
    assert "strict-transport-security" not in plain.headers  # HSTS only over TLS
    assert behind_tls.headers["strict-transport-security"].startswith("max-age=")


def test_the_api_is_described_and_no_page_loads_from_outside(server: Running) -> None:
    with server.client() as c:
        spec = c.get("/openapi.json")
        docs = c.get("/docs")
        redoc = c.get("/redoc")
    assert spec.status_code == 200 and "/v1/sync/push" in spec.json()["paths"]
    assert docs.status_code == redoc.status_code == 404
    assert "cdn" not in spec.text.lower()


def test_failed_token_attempts_are_in_the_access_log(server: Running) -> None:
    with server.client("not-a-token") as c:
        assert c.get("/v1/sync/pull").status_code == 401
    rows = server.db.query("SELECT user_name, device_id, action, outcome FROM access_log")
    assert {"user_name": None, "device_id": None, "action": "/v1/sync/pull",
            "outcome": "bad_token"} in rows  # fmt: skip


def test_a_database_failure_in_the_token_check_answers_with_a_code(
    server: Running, monkeypatch: pytest.MonkeyPatch, server_log: list[str]
) -> None:
    """The token is checked before a push's body is read, outside the endpoints."""
    token = server.device("anna")

    def gone(*args: object, **kwargs: object) -> object:
        raise ConnectionError(SECRET)

    monkeypatch.setattr(server_db.ServerDB, "reading", gone)
    with server.client(token) as c:
        response = c.post("/v1/sync/push", json={"mutations": []})
    assert (response.status_code, code(response)) == (503, "db_down")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert not [line for line in server_log if SECRET in line]
