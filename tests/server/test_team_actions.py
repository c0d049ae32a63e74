"""Issue 10, 3: a team leader registers and assigns a family, hands it over, sets a stand-in
and ends it early; each audited, each checked by the server, seen by the laptops."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ..conftest import TODAY
from .conftest import Running
from .world import Laptop


def setup_team(server: Running, laptop: Callable[[str], Laptop]) -> tuple[str, dict[str, Laptop]]:
    laptops = {name: laptop(name) for name in ("anna", "bert", "chris", "dirk")}
    leader = server.device("teun", "teamleader")
    for team, people in {"Oost": ["anna", "bert", "chris", "teun"], "West": ["dirk"]}.items():
        server.db.execute("INSERT INTO teams (name) VALUES (?)", (team,))
        for person in people:
            server.db.execute(
                "INSERT INTO team_members (team, user_name) VALUES (?, ?)", (team, person)
            )
    return leader, laptops


def post(server: Running, token: str | None, path: str, body: Any = None) -> Any:
    with server.client(token) as c:
        return c.post(path, json=body)


def logged(server: Running, action: str) -> list[str]:
    rows = server.db.query("SELECT outcome FROM access_log WHERE action = ? ORDER BY at", (action,))
    return [r["outcome"] for r in rows]


def test_register_hand_over_stand_in_and_end_it(
    server: Running, laptop: Callable[[str], Laptop]
) -> None:
    leader, laptops = setup_team(server, laptop)
    anna, bert, chris = laptops["anna"], laptops["bert"], laptops["chris"]
    made = post(
        server,
        leader,
        "/v1/team/families",
        {"name": "Gezin Nieuw", "caseworker": "anna", "start_date": "2026-11-02"},
    )
    assert made.status_code == 200, made.text
    family = made.json()["family_id"]
    assert logged(server, "team-register") == [f"ok family={family} caseworker=anna"]
    anna.sync()
    record = anna.services.families.get_family(family)
    assert (record.name, record.status, record.caseworker) == ("Gezin Nieuw", "aangemeld", "anna")
    anna.services.hours.add_entry(family, date=TODAY, minutes=45, activity="huisbezoek")
    anna.sync()
    # offline work of anna's, made before the handover, reaches the server after it
    offline = anna.services.hours.add_entry(family, date=TODAY, minutes=30, activity="huisbezoek")
    moved = post(server, leader, f"/v1/team/families/{family}/handover", {"caseworker": "bert"})
    assert moved.status_code == 200 and moved.json() == {"family_id": family, "caseworker": "bert"}
    assert logged(server, "team-handover") == [f"ok family={family} from=anna to=bert"]
    anna.sync()
    assert anna.outbox() == 0 and anna.rows("families", [family]) == {}  # purged, work kept
    bert.sync()
    assert bert.services.families.get_family(family).caseworker == "bert"
    hours = bert.rows("hours", [family])
    assert offline.id in hours and sorted(h["minutes"] for h in hours.values()) == [30, 45]
    # a stand-in by chris, for a week from today; both caseworkers see it
    stand = post(
        server,
        leader,
        "/v1/team/stand-ins",
        {
            "family_id": family,
            "user": "chris",
            "start": dt.date.today().isoformat(),
            "end": (dt.date.today() + dt.timedelta(days=7)).isoformat(),
        },
    )
    assert stand.status_code == 200, stand.text
    stand_in = stand.json()
    assert (stand_in["user"], stand_in["family_id"]) == ("chris", family)
    chris.sync()
    assert set(chris.rows("families", [family])) == {family}
    bert.sync()  # each laptop keeps its stand-ins for the caseload to show
    [held] = chris.services.team.list_stand_ins()
    assert (held.family_name, held.user, held.held) == ("Gezin Nieuw", "chris", True)
    [given] = bert.services.team.list_stand_ins()
    assert (given.family_name, given.user, given.held) == ("Gezin Nieuw", "chris", False)
    for who in (bert, chris):
        with server.client(who.token) as c:
            assert c.get("/v1/sync/stand-ins").json() == {"stand_ins": [stand_in]}
    ended = post(server, leader, f"/v1/team/stand-ins/{stand_in['id']}/end")
    assert ended.status_code == 200
    assert ended.json()["end"] == (dt.date.today() - dt.timedelta(days=1)).isoformat()
    assert logged(server, "team-stand-in-end") == [f"ok stand-in={stand_in['id']}"]
    chris.sync()
    assert chris.rows("families", [family]) == {}
    bert.sync()
    assert chris.services.team.list_stand_ins() == [] == bert.services.team.list_stand_ins()
    with server.client(bert.token) as c:
        assert c.get("/v1/sync/stand-ins").json() == {"stand_ins": []}
    overview = post_free_get(server, leader, "/v1/team/overview")
    assert [f["caseworker"] for f in overview["families"] if f["family_id"] == family] == ["bert"]


def post_free_get(server: Running, token: str, path: str) -> Any:
    with server.client(token) as c:
        answer = c.get(path)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_actions_are_refused_outside_the_team_and_for_other_roles(
    server: Running, laptop: Callable[[str], Laptop]
) -> None:
    leader, laptops = setup_team(server, laptop)
    other = server.device("wim", "teamleader")
    server.db.execute("INSERT INTO team_members (team, user_name) VALUES ('West', 'wim')")
    admin = server.device("beheer", "admin")
    oost = post(server, leader, "/v1/team/families", {"name": "Gezin O", "caseworker": "anna"})
    family = oost.json()["family_id"]
    today = dt.date.today()
    week = {"start": today.isoformat(), "end": (today + dt.timedelta(days=7)).isoformat()}
    stand_in = post(
        server, leader, "/v1/team/stand-ins", {"family_id": family, "user": "bert", **week}
    ).json()["id"]
    calls: list[tuple[str, dict[str, Any] | None]] = [
        ("/v1/team/families", {"name": "Gezin X", "caseworker": "anna"}),
        (f"/v1/team/families/{family}/handover", {"caseworker": "chris"}),
        ("/v1/team/stand-ins", {"family_id": family, "user": "chris", **week}),
        (f"/v1/team/stand-ins/{stand_in}/end", None),
    ]
    before = server.db.query("SELECT count(*) AS n FROM access_log")[0]["n"]
    expected = {"wim": 404, "beheer": 403, "anna": 403, "revoked": 401, None: 401}
    revoked = laptops["dirk"].token
    server.db.execute("UPDATE devices SET revoked = 1 WHERE user_name = 'dirk'")
    tokens = {
        "wim": other,
        "beheer": admin,
        "anna": laptops["anna"].token,
        "revoked": revoked,
        None: None,
    }
    for who, token in tokens.items():
        for path, body in calls:
            answer = post(server, token, path, body)
            assert answer.status_code == expected[who], (who, path, answer.text)
            assert "Gezin O" not in answer.text
    logged_now = server.db.query("SELECT count(*) AS n FROM access_log")[0]["n"] - before
    assert logged_now == 4 * len(calls)  # every refusal but the anonymous ones
    # a caseworker of another team is no target either; nothing changed meanwhile
    for path, body in [
        ("/v1/team/families", {"name": "Gezin Y", "caseworker": "dirk"}),
        (f"/v1/team/families/{family}/handover", {"caseworker": "dirk"}),
        ("/v1/team/stand-ins", {"family_id": family, "user": "dirk", **week}),
    ]:
        assert post(server, leader, path, body).status_code == 404, path
    assert server.db.query("SELECT caseworker FROM families WHERE id = ?", (family,)) == [
        {"caseworker": "anna"}
    ]
    assert len(server.db.query("SELECT id FROM delegations")) == 1


def test_bad_actions_get_clear_refusals(server: Running, laptop: Callable[[str], Laptop]) -> None:
    leader, _ = setup_team(server, laptop)
    assert (
        post(server, leader, "/v1/team/families", {"name": "", "caseworker": "anna"}).status_code
        == 422
    )
    family = post(
        server, leader, "/v1/team/families", {"name": "Gezin Z", "caseworker": "anna"}
    ).json()["family_id"]
    backwards = post(
        server,
        leader,
        "/v1/team/stand-ins",
        {"family_id": family, "user": "bert", "start": "2026-12-10", "end": "2026-12-01"},
    )
    assert backwards.status_code == 400 and backwards.json()["detail"]["code"] == "bad_period"
    themselves = post(
        server,
        leader,
        "/v1/team/stand-ins",
        {"family_id": family, "user": "anna", "start": "2026-12-01", "end": "2026-12-10"},
    )
    assert themselves.status_code == 400
    assert post(server, leader, "/v1/team/stand-ins/nope/end").status_code == 404
