"""Issue 16, 2 and 5: every change is checked against its entity; old bad records are survived."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from regiedesk.clock import utc_text
from regiedesk.ids import uuid7

from ..conftest import Running
from ..world import Laptop, delegate
from .helpers import change, family_of, push, stamp, stored


def hours(family: str, **fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "family_id": family, "date": "2026-11-24", "minutes": 60, "activity": "huisbezoek",
        "caseworker": "anna",
    }  # fmt: skip
    record.update(fields)
    return {k: v for k, v in record.items() if v is not ...}


def test_malformed_changes_are_refused_with_a_reason(
    server: Running, laptop: Callable[[str], Laptop]
) -> None:
    anna = server.device("anna")
    family = family_of(server, anna, "anna")
    cases: list[tuple[dict[str, Any], str]] = [
        (change("notes", family, title="Zonder gezin"), "missing_field"),
        (change("hours", family, **hours(family, activity=...)), "missing_field"),
        (change("families", uuid7(), name="Gezin Zonder Status", caseworker="anna"),
         "missing_field"),
        (change("hours", family, **hours(family, minutes=0)), "invalid_value"),
        (change("hours", family, **hours(family, minutes=1441)), "invalid_value"),
        (change("hours", family, **hours(family, minutes=-80_221)), "invalid_value"),
        (change("hours", family, **hours(family, minutes=90.5)), "invalid_value"),
        (change("hours", family, **hours(family, date="not-a-date")), "invalid_value"),
        (change("hours", family, **hours(family, date="2026-02-30")), "invalid_value"),
        (change("hours", family, **hours(family, activity="feest")), "invalid_value"),
        (change("hours", family, **hours(family, family_id=uuid7())), "wrong_family"),
        (change("hours", family, **hours(family, evil="x")), "unknown_field"),
        (change("families", family, op="update", name="x" * 5000), "invalid_value"),
        (change("families", family, op="update", name="Gezin\x00"), "bad_text"),
        (change("hours", family, record="42", **hours(family)), "bad_id"),
        (change("planets", family, name="Mars"), "unknown_entity"),
    ]  # fmt: skip
    body = json.dumps({"mutations": [m for m, _ in cases]})
    infinite = change("hours", family, **hours(family, minutes=1))
    body = body[:-2] + "," + json.dumps(infinite).replace('"minutes": 1', '"minutes": Infinity')
    body += "]}"
    with server.client(anna) as c:
        response = c.post(
            "/v1/sync/push", content=body, headers={"content-type": "application/json"}
        )
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    expected = [(m["mutation_id"], "rejected", reason) for m, reason in cases]
    expected.append((infinite["mutation_id"], "rejected", "invalid_value"))
    assert [(r["mutation_id"], r["outcome"], r["reason"]) for r in results] == expected
    assert not any(stored(server, m["mutation_id"]) for m, _ in cases)
    bert = laptop("bert")  # a laptop in scope syncs as ever
    delegate(server.db, family, "bert")
    assert bert.sync().set_aside == 0


def test_a_record_cannot_be_moved_into_another_family(server: Running) -> None:
    anna, bert = server.device("anna"), server.device("bert")
    annas, berts = family_of(server, anna, "anna"), family_of(server, bert, "bert")
    entry = change("hours", annas, **hours(annas))
    assert push(server, anna, entry)[0]["outcome"] == "accepted"
    # bert writes to anna's record under his own family, which he may write to
    hijack = change("hours", berts, record=entry["record_id"], op="update", minutes=1)
    again = change("hours", berts, record=entry["record_id"], **hours(berts, caseworker="bert"))
    results = push(server, bert, hijack, again)
    assert [(r["outcome"], r["reason"]) for r in results] == [("rejected", "wrong_family")] * 2


def inject(server: Running, family: str, data: str) -> None:
    """An hours record stored by a server from before the checks."""
    with server.db.transaction() as tx:
        tx.append_changes(
            [
                (
                    uuid7(),
                    "old",
                    "anna",
                    family,
                    "hours",
                    uuid7(),
                    "insert",
                    data,
                    stamp(),
                    utc_text(),
                )
            ]
        )


def test_the_team_overview_survives_old_bad_records(server: Running) -> None:
    anna = server.device("anna")
    leader = server.device("teun", "teamleader")
    server.db.execute("INSERT INTO teams (name) VALUES ('Oost')")
    for user in ("anna", "teun"):
        server.db.execute("INSERT INTO team_members (team, user_name) VALUES ('Oost', ?)", (user,))
    family = family_of(server, anna, "anna")
    good = json.dumps(hours(family))
    inject(server, family, good)
    for bad in ('"minutes": Infinity', '"minutes": -99999', '"minutes": "veel"', '"minutes": 1e9',
                '"date": "not-a-date"', '"date": 20261124'):  # fmt: skip
        name = bad.split(":")[0].strip('"')
        inject(server, family, good.replace(f'"{name}": ' + json.dumps(hours(family)[name]), bad))
    inject(server, family, "[1, 2, 3]")
    with server.client(leader) as c:
        response = c.get("/v1/team/overview", params={"from": "2026-11-23", "to": "2026-11-29"})
    assert response.status_code == 200, response.text
    assert response.json()["families"][0]["minutes_in_period"] == 60
    with server.client(leader) as c:
        page = c.get(f"/v1/team/families/{family}", params={"to": "2026-11-29"})
    assert page.status_code == 200, page.text
    assert [w["minutes"] for w in page.json()["intensity"]] == [60]
