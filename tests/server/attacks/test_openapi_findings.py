"""What schemathesis found over the OpenAPI description (test_openapi_fuzz.py), one
regression test each, on SQLite and PostgreSQL: every one was a 500."""

from __future__ import annotations

from regiedesk.ids import uuid7

from ..conftest import Running
from .helpers import code, family_of


def test_a_cursor_past_64_bits_is_refused_with_a_code(server: Running) -> None:
    """``since=9223372036854775808`` overflowed SQLite's integer and PostgreSQL's bigint
    (the state's cursor is only handed back, but it is a position in the same log)."""
    token = server.device("anna")
    with server.client(token) as c:
        for path, name in (
            ("/v1/destroyed", "since"), ("/v1/sync/pull", "since"), ("/v1/sync/state", "cursor")
        ):  # fmt: skip
            for since in (2**63, 10**30):
                response = c.get(path, params={name: since})
                assert (response.status_code, code(response)) == (422, "invalid_request"), path
            assert c.get(path, params={name: 2**63 - 1}).status_code == 200, path


EDGES = ("0001-01-01", "9999-12-31")  # date arithmetic overflowed past either


def test_days_at_the_ends_of_the_calendar_are_refused_with_a_code(server: Running) -> None:
    """``to=0001-01-01`` went 90 days back from year 1; ``until=9999-12-31`` a day on."""
    anna = server.device("anna")
    leader = server.device("teun", "teamleader")
    officer = server.device("pim", "privacy_officer")
    server.db.execute("INSERT INTO teams (name) VALUES ('Oost')")
    for user in ("anna", "teun"):
        server.db.execute("INSERT INTO team_members (team, user_name) VALUES ('Oost', ?)", (user,))
    family = family_of(server, anna, "anna")
    asks = [
        (leader, "GET", "/v1/team/overview", "from", {}),
        (leader, "GET", "/v1/team/overview", "to", {}),
        (leader, "GET", f"/v1/team/families/{family}", "from", {}),
        (leader, "GET", f"/v1/team/families/{family}", "to", {}),
        (anna, "GET", "/v1/sync/trail", "since", {"client": family, "until": "2026-12-01"}),
        (anna, "GET", "/v1/sync/trail", "until", {"client": family, "since": "2026-01-01"}),
        (officer, "GET", "/v1/privacy/trail", "since", {"client": family, "until": "2026-12-01"}),
        (officer, "GET", "/v1/privacy/trail", "until", {"client": family, "since": "2026-01-01"}),
    ]
    for token, method, path, name, others in asks:
        with server.client(token) as c:
            for day in EDGES:
                response = c.request(method, path, params={**others, name: day})
                assert (response.status_code, code(response)) == (422, "invalid_request"), (
                    path, name, day, response.text
                )  # fmt: skip
            fine = c.request(method, path, params={**others, name: "2026-06-01"})
            assert fine.status_code == 200, (path, name, fine.text)
    bodies = [
        ("/v1/team/families", {"name": "Gezin Eind", "caseworker": "anna", "start_date": "?"}),
        ("/v1/team/stand-ins",
         {"family_id": family, "user": "anna", "start": "?", "end": "2026-12-31"}),
        ("/v1/team/stand-ins",
         {"family_id": family, "user": "anna", "start": "2026-12-01", "end": "?"}),
    ]  # fmt: skip
    with server.client(leader) as c:
        for path, body in bodies:
            for day in EDGES:
                filled = {k: day if v == "?" else v for k, v in body.items()}
                response = c.post(path, json=filled)
                assert (response.status_code, code(response)) == (422, "invalid_request"), (
                    path, filled, response.text
                )  # fmt: skip


def test_an_audit_event_sent_twice_in_one_push_is_stored_once(server: Running) -> None:
    """The second copy hit the unique event id in the same transaction."""
    token = server.device("anna")
    event = {
        "id": uuid7(), "event": "read", "at": "2026-12-04T02:00:00.000", "client": None,
        "user": "anna", "responsible_user": "anna", "device": "laptop", "objects": "[]",
        "prev_hash": "0" * 64, "hash": "a" * 64,
    }  # fmt: skip
    other = {**event, "id": uuid7(), "prev_hash": "a" * 64, "hash": "b" * 64}
    with server.client(token) as c:
        first = c.post("/v1/audit/push", json={"events": [event, other, event]})
        again = c.post("/v1/audit/push", json={"events": [event, event]})
    assert (first.status_code, first.json()) == (200, {"stored": 2}), first.text
    assert (again.status_code, again.json()) == (200, {"stored": 0}), again.text
    rows = server.db.query("SELECT event_id FROM audit_events ORDER BY seq")
    assert [r["event_id"] for r in rows][-2:] == [event["id"], other["id"]]
