"""The fast lane answers push and pull exactly as FastAPI's routes do: the same requests,
once through the lane and once with it stepped aside, give the same answers."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from regiedesk.sync import protocol as p
from regiedesk.sync.server import fast_lane
from regiedesk.sync.server.fast_lane import FastLane

from .attacks.helpers import change, family_of
from .conftest import Running, serving

Seen = tuple[int, Any, str | None, str | None]


def seen(response: httpx.Response) -> Seen:
    try:
        body: Any = response.json()
    except ValueError:
        body = response.text
    if isinstance(body, dict) and isinstance(body.get("detail"), dict):
        body["detail"].pop("server_time", None)  # the clock refusal's own time
    return (
        response.status_code,
        body,
        response.headers.get("content-encoding"),
        response.headers.get("content-type"),
    )


def requests(server: Running) -> list[Callable[[], Seen]]:
    anna = server.device("anna")
    bert = server.device("bert")
    revoked = server.device("carla")
    server.db.execute("UPDATE devices SET revoked = 1 WHERE user_name = 'carla'")
    family = family_of(server, anna, "anna")
    hours = change("hours", family, family_id=family, date="2026-11-24", minutes=30,
                   activity="huisbezoek", caseworker="anna")  # fmt: skip
    note = "Een lang verslag. " * 200  # a pull page above the gzip threshold
    visit = change("notes", family, family_id=family, title="Huisbezoek")
    rev = change("note_revisions", family, family_id=family, note_id=visit["record_id"], body=note,
                 author="anna", created_at="2026-11-24T10:00:00+00:00")  # fmt: skip

    def call(token: str | None, method: str, path: str, **kw: Any) -> Callable[[], Seen]:
        def run() -> Seen:
            with server.client(token) as c:
                return seen(c.request(method, path, **kw))

        return run

    ahead = str(int(time.time() * 1000) + 3_600_000)
    broken = {"content-type": "application/json"}
    push, pull = "/v1/sync/push", "/v1/sync/pull"
    return [
        call(anna, "POST", push, json={"mutations": [hours, visit, rev]}),  # then a retry
        call(anna, "POST", push, json={"mutations": []}),
        call(bert, "POST", push, json={"mutations": [change("hours", family)]}),
        call(anna, "POST", push, json={"mutations": []}, headers={p.CLOCK_HEADER: ahead}),
        call(anna, "POST", push, content=b"{not json", headers=broken),
        call(anna, "POST", push, json={"mutations": [{"entity": "hours"}]}),
        call(anna, "POST", push, content=b"mutations", headers={"content-type": "text/plain"}),
        call(revoked, "POST", push, json={"mutations": []}),
        call(bert, "POST", push, json={"mutations": []}),
        call(anna, "GET", pull),
        call(anna, "GET", pull + "?since=0&limit=1"),
        call(anna, "GET", pull, headers={"accept-encoding": "identity"}),
        call(anna, "GET", pull + f"?family={family}"),
        call(bert, "GET", pull + f"?family={family}"),
        call(anna, "GET", pull + "?since=-1"),
        call(anna, "GET", pull + "?limit=0"),
        call(anna, "GET", pull + "?since=abc"),
        call(anna, "GET", pull + "?family=" + "x" * 65),
        call(revoked, "GET", pull),
    ]  # fmt: skip


def test_push_and_pull_answer_alike_through_the_lane_and_through_fastapi(
    server: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = requests(server)
    through_lane = [run() for run in calls]

    async def aside(self: FastLane, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)

    monkeypatch.setattr(FastLane, "__call__", aside)
    through_fastapi = [run() for run in calls]
    for number, (lane, fastapi) in enumerate(zip(through_lane, through_fastapi, strict=True)):
        assert lane == fastapi, f"request {number}"
    statuses = [s for s, *_ in through_lane]
    assert statuses == [200, 200, 200, 409, 422, 422, 422, 401, 200,
                        200, 200, 200, 200, 404, 422, 422, 422, 422, 401]  # fmt: skip
    assert {r["outcome"] for r in through_lane[0][1]["results"]} == {"accepted"}, through_lane[0]
    assert through_lane[9][2] == "gzip"  # the pull with the long note, packed
    assert through_lane[11][2] is None  # not when the client does not accept it


def test_a_failing_endpoint_in_the_lane_answers_500_without_its_message(
    server: Running, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    token = server.device("anna")

    def broken(*args: object) -> object:
        raise RuntimeError("Gezin Jansen, BSN 123456782")

    async def broken_async(*args: object) -> object:
        raise RuntimeError("Gezin Jansen, BSN 123456782")

    monkeypatch.setattr(fast_lane, "pull_answer", broken)
    monkeypatch.setattr(fast_lane, "pull_async", broken_async)  # PostgreSQL's path
    with server.client(token) as c:
        response = c.get("/v1/sync/pull")
    assert response.status_code == 500 and response.json()["detail"]["code"] == "internal"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "Jansen" not in caplog.text and "/v1/sync/pull" in caplog.text


def test_a_large_pull_is_packed_and_unpacks_to_the_changes(server: Running) -> None:
    token = server.device("anna")
    family = family_of(server, token, "anna")
    note = change("note_revisions", family, family_id=family, note_id=family,
                  body="Verslag. " * 500, author="anna",
                  created_at="2026-11-24T10:00:00+00:00")  # fmt: skip
    with server.client(token) as c:
        assert c.post("/v1/sync/push", json={"mutations": [note]}).status_code == 200
        packed = c.get("/v1/sync/pull", headers={"accept-encoding": "gzip"})
    assert packed.headers.get("content-encoding") == "gzip"
    assert packed.headers["vary"] == "Accept-Encoding"
    assert int(packed.headers["content-length"]) < 4500 / 2  # httpx unpacked what came
    changes = packed.json()["changes"]
    assert [c["entity"] for c in changes] == ["families", "note_revisions"]
    assert changes[1]["data"]["body"] == "Verslag. " * 500


def test_on_postgresql_an_ordinary_sync_takes_the_async_path_and_the_rest_the_threads(
    server: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not server.db.postgres:
        pytest.skip("the async path is PostgreSQL's; SQLite's server keeps the threads")
    anna, bert = server.device("anna"), server.device("bert")
    family = family_of(server, anna, "anna")
    threaded: list[str] = []

    def counted(name: str, answer: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any) -> Any:
            threaded.append(name)
            return answer(*args)

        return run

    monkeypatch.setattr(fast_lane, "push_answer", counted("push", fast_lane.push_answer))
    monkeypatch.setattr(fast_lane, "pull_answer", counted("pull", fast_lane.pull_answer))
    hours = change("hours", family, family_id=family, date="2026-11-24", minutes=30,
                   activity="huisbezoek", caseworker="anna")  # fmt: skip
    with server.client(anna) as c:
        pushed = c.post("/v1/sync/push", json={"mutations": [hours]}).json()
        again = c.post("/v1/sync/push", json={"mutations": [hours]}).json()  # a retry
        pulled = c.get("/v1/sync/pull").json()
    assert [r["outcome"] for r in pushed["results"] + again["results"]] == ["accepted"] * 2
    assert [ch["entity"] for ch in pulled["changes"]] == ["families", "hours"]
    assert threaded == []
    with server.client(bert) as c:  # refused: answered, and logged, by the threaded route
        refused = c.post("/v1/sync/push", json={"mutations": [change("hours", family)]})
        hidden = c.get(f"/v1/sync/pull?family={family}")
    assert refused.json()["results"][0]["outcome"] == "rejected" and hidden.status_code == 404
    assert threaded == ["push", "pull"]
    logged = server.db.query("SELECT action, outcome FROM access_log WHERE user_name = 'bert'")
    assert {(r["action"], r["outcome"]) for r in logged} == {
        ("register", "ok"),
        ("push", "rejected 1"),
        ("pull-family", "refused"),
    }


def test_the_async_lane_can_be_switched_off(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("the async path is PostgreSQL's")
    monkeypatch.setenv(fast_lane.ASYNC_LANE_ENV, "0")
    threaded: list[str] = []

    def counted(*args: Any) -> Any:
        threaded.append("push")
        return push(*args)

    push = fast_lane.push_answer
    monkeypatch.setattr(fast_lane, "push_answer", counted)
    with serving(db_url) as server:
        anna = server.device("anna")
        family = family_of(server, anna, "anna")
        with server.client(anna) as c:
            pushed = c.post("/v1/sync/push", json={"mutations": [change("hours", family)]})
    assert pushed.status_code == 200 and threaded == ["push", "push"]  # family_of's, this one
