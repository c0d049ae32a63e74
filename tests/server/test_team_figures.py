"""Issue 10, 2 and 4: the team leader's figures, checked against a plain reference.

A demo organisation (two teams, four caseworkers) pushes its records over HTTP; the
reference below folds the very mutations it pushed, in order, and computes every
figure of the overview and of each family page with plain loops, not the server's
code. Then the access matrix of every team endpoint and role, and a scan of every
answer for members' names, BSNs, contact summaries and note text.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from typing import Any

import pytest

from regiedesk.domain.instruments import domain_rank, load_instrument
from regiedesk.domain.support_profiles import load_support_profiles
from regiedesk.sync.server import queries
from regiedesk.team_demo import SECRET, Seeder, seed_caseworkers

from ..conftest import TODAY
from .conftest import Running

PERIOD = {"from": "2026-09-01", "to": TODAY.isoformat()}
START, END = dt.date(2026, 9, 1), TODAY
TEAMS = {"Oost": ["anna", "bert", "chris"], "West": ["dirk"]}


# --- the demo organisation ---------------------------------------------------------------


class Demo:
    def __init__(self, server: Running) -> None:
        self.server = server
        self.tokens: dict[str, str] = {}
        for team, people in TEAMS.items():
            server.db.execute("INSERT INTO teams (name) VALUES (?)", (team,))
            for person in people:
                self.tokens[person] = server.device(person)
                self.member(team, person)
        self.tokens["teun"] = server.device("teun", "teamleader")  # leads Oost
        self.member("Oost", "teun")
        self.tokens["wim"] = server.device("wim", "teamleader")  # leads West
        self.member("West", "wim")
        self.tokens["admin"] = server.device("beheer", "admin")
        seeder = Seeder(seed=7, start_ms=int(time.time() * 1000) - 3_600_000)
        people = [p for team in TEAMS.values() for p in team]
        self.families = dict(
            (family, who) for who, family in seed_caseworkers(seeder, people, 5, TODAY, days=200)
        )
        self.mutations = seeder.mutations
        for person in people:
            mine = [m for who, m in self.mutations if who == person]
            for i in range(0, len(mine), 500):
                with server.client(self.tokens[person]) as c:
                    answer = c.post("/v1/sync/push", json={"mutations": mine[i : i + 500]})
                assert answer.status_code == 200, answer.text
                assert {r["outcome"] for r in answer.json()["results"]} == {"accepted"}
        oost = sorted(f for f, who in self.families.items() if who == "anna")
        with server.db.transaction() as tx:  # bert stands in for one of anna's families
            queries.add_delegation(tx, oost[0], "bert", TODAY, TODAY + dt.timedelta(days=14))

    def member(self, team: str, user: str) -> None:
        self.server.db.execute(
            "INSERT INTO team_members (team, user_name) VALUES (?, ?)", (team, user)
        )

    def get(self, who: str, path: str, **params: str) -> Any:
        with self.server.client(self.tokens[who]) as c:
            return c.get(path, params=params)


@pytest.fixture
def demo(server: Running) -> Demo:
    return Demo(server)


# --- the reference: plain folds and loops over the raw mutations ---------------------------


def fold(mutations: list[tuple[str, dict[str, Any]]]) -> dict[str, dict[str, dict[str, Any]]]:
    """Per entity and id, each live record: the mutations applied one after another."""
    records: dict[str, dict[str, dict[str, Any]]] = {}
    for _, m in mutations:
        table = records.setdefault(m["entity"], {})
        if m["op"] == "insert":
            table[m["record_id"]] = {**m["data"], "id": m["record_id"], "deleted": False}
        elif m["op"] == "update":
            table[m["record_id"]].update(m["data"])
        else:
            table[m["record_id"]]["deleted"] = True
    return {e: {k: r for k, r in t.items() if not r["deleted"]} for e, t in records.items()}


def of(records: dict[str, dict[str, dict[str, Any]]], entity: str, family: str) -> list[Any]:
    return [r for r in records.get(entity, {}).values() if r["family_id"] == family]


def date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def maybe_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def involved(party: dict[str, Any], on: dt.date) -> bool:
    until = maybe_date(party.get("involved_until"))
    return date(party["involved_from"]) <= on and (until is None or until >= on)


def payments(family: dict[str, Any]) -> tuple[int, int, int] | None:
    if not family.get("support_profile"):
        return None
    tariff = load_support_profiles().tariff_cents(family["support_profile"], family["intensity"])
    start = tariff * 70 // 100
    return tariff, start, tariff - start


def expected_family(records: Any, family: str, caseworker: str, stand_ins: list[Any]) -> Any:
    f = records["families"][family]
    contacts = [date(c["date"]) for c in of(records, "contacts", family)]
    before = [d for d in contacts if d <= END]
    goals = Counter(g["status"] for g in of(records, "goals", family))
    paid = payments(f)
    evaluation = maybe_date(f.get("evaluation_date"))
    return {
        "family_id": family,
        "name": f["name"],
        "caseworker": caseworker,
        "status": f["status"],
        "closure_reason": f.get("closure_reason"),
        "start_date": f.get("start_date"),
        "end_date": f.get("end_date"),
        "days_since_contact": (END - max(before)).days if before else None,
        "parties_now": sum(involved(p, END) for p in of(records, "parties", family)),
        "parties_at_intake": sum(
            involved(p, date(f["start_date"])) for p in of(records, "parties", family)
        ),
        "goals_reached": goals["behaald"],
        "goals_open": goals["open"] + goals["lopend"],
        "goals_not_reached": goals["niet_behaald"],
        "overdue_agreements": sum(
            1
            for a in of(records, "agreements", family)
            if not a["done"] and date(a["due_date"]) < END
        ),
        "evaluation_overdue": bool(evaluation and evaluation < END and f["status"] != "afgesloten"),
        "minutes_in_period": sum(
            h["minutes"] for h in of(records, "hours", family) if START <= date(h["date"]) <= END
        ),
        "support_profile": f.get("support_profile"),
        "intensity": f.get("intensity"),
        "tariff_cents": paid[0] if paid else None,
        "at_start_cents": paid[1] if paid else None,
        "at_completion_cents": paid[2] if paid else None,
        "stand_ins": [s for s in stand_ins if s["family_id"] == family],
    }


def closed_in_period(row: dict[str, Any]) -> bool:
    return row["status"] == "afgesloten" and START <= date(row["end_date"]) <= END


def expected_caseworker(
    records: Any, person: str, rows: list[Any], team_families: list[str]
) -> Any:
    mine = [r for r in rows if r["caseworker"] == person]
    closed = [r for r in mine if closed_in_period(r)]
    booked = [
        h for f in team_families for h in of(records, "hours", f) if h["caseworker"] == person
    ]
    monday = END - dt.timedelta(days=END.weekday())
    week = [h["minutes"] for h in booked if monday <= date(h["date"]) <= monday + dt.timedelta(6)]
    four = [
        h["minutes"] for h in booked if monday - dt.timedelta(days=28) <= date(h["date"]) < monday
    ]
    started = [r for r in mine if START <= date(r["start_date"]) <= END]
    return {
        "caseworker": person,
        "active": sum(r["status"] == "actief" for r in mine),
        "registered": sum(r["status"] == "aangemeld" for r in mine),
        "closed_in_period": len(closed),
        "minutes_in_period": sum(h["minutes"] for h in booked if START <= date(h["date"]) <= END),
        "minutes_this_week": sum(week),
        "minutes_mean_4_weeks": sum(four) / 4,
        "without_contact": sum(
            1
            for r in mine
            if r["status"] == "actief"
            and (r["days_since_contact"] is None or r["days_since_contact"] > 14)
        ),
        "overdue_agreements": sum(r["overdue_agreements"] for r in mine),
        "overdue_evaluations": sum(r["evaluation_overdue"] for r in mine),
        "dropouts_in_period": sum(r["closure_reason"] == "uitval" for r in closed),
        "closures_goals_reached": sum(r["closure_reason"] == "doelen_behaald" for r in closed),
        "families_by_intensity": dict(
            sorted(
                Counter(
                    r["intensity"] for r in mine if r["intensity"] and r["status"] != "afgesloten"
                ).items()
            )
        ),
        "tariff_cents": sum(r["tariff_cents"] or 0 for r in mine),
        "paid_at_start_cents": sum(r["at_start_cents"] or 0 for r in started),
        "due_at_completion_cents": sum(r["at_completion_cents"] or 0 for r in closed),
    }


def weeks_between(first: dt.date, last: dt.date, hours: list[Any]) -> list[Any]:
    result = []
    monday = first - dt.timedelta(days=first.weekday())
    while monday <= last:
        minutes = sum(
            h["minutes"]
            for h in hours
            if monday <= date(h["date"]) <= monday + dt.timedelta(days=6)
        )
        year, number, _ = monday.isocalendar()
        result.append(
            {"week": f"{year}-W{number:02d}", "monday": monday.isoformat(), "minutes": minutes}
        )
        monday += dt.timedelta(days=7)
    return result


def expected_page(records: Any, family: str, row: Any) -> Any:
    f = records["families"][family]
    hours = [h for h in of(records, "hours", family) if date(h["date"]) <= END]
    start = date(f["start_date"])
    first = min([date(h["date"]) for h in hours] + [start])
    parties = []
    monday = start + dt.timedelta(days=(7 - start.weekday()) % 7)
    while monday <= END:
        count = sum(involved(p, monday) for p in of(records, "parties", family))
        parties.append({"day": monday.isoformat(), "parties": count})
        monday += dt.timedelta(days=7)
    members = {m["id"] for m in of(records, "members", family)}
    measured = []
    for a in of(records, "assessments", family):
        if a["member_id"] is not None and a["member_id"] not in members:
            continue
        for s in of(records, "scores", family):
            if s["assessment_id"] == a["id"]:
                mapped = load_instrument(a["instrument"]).map_domain(s["domain"])
                measured.append((a["date"], a["id"], s["id"], a["member_id"], mapped, s["score"]))
    measured.sort()
    trends: dict[tuple[Any, str], dict[str, Any]] = {}
    for day, _, _, member, domain, score in measured:
        t = trends.setdefault((member, domain), {"first": score, "first_date": day})
        t["latest"], t["latest_date"] = score, day
    order = list(dict.fromkeys(m for _, _, _, m, _, _ in measured))
    numbers = {m: i for i, m in enumerate([m for m in order if m is not None], 1)}
    keys = sorted(trends, key=lambda k: (k[0] is not None, order.index(k[0]), domain_rank(k[1])))
    domains = [
        {
            "member": numbers.get(k[0]),
            "domain": k[1],
            **{n: trends[k][n] for n in ("first", "latest", "first_date", "latest_date")},
        }
        for k in keys
    ]
    return {
        "family": row,
        "intensity": weeks_between(first, END, hours),
        "parties": parties,
        "domains": domains,
    }


# --- the tests ------------------------------------------------------------------------


def test_every_figure_equals_the_reference(demo: Demo) -> None:
    records = fold(demo.mutations)
    answer = demo.get("teun", "/v1/team/overview", **PERIOD)
    assert answer.status_code == 200, answer.text
    got = answer.json()
    team = sorted(
        (
            f
            for f, who in demo.families.items()
            if who in TEAMS["Oost"] and f in records["families"]
        ),
        key=lambda f: (demo.families[f], f),
    )
    stand_ins = [s for r in got["families"] for s in r["stand_ins"]]
    assert len(stand_ins) == 1 and stand_ins[0]["user"] == "bert"
    rows = [expected_family(records, f, demo.families[f], stand_ins) for f in team]
    assert got["families"] == rows
    expected = [expected_caseworker(records, p, rows, team) for p in TEAMS["Oost"]]
    assert got["caseworkers"] == expected
    closed = [r for r in rows if closed_in_period(r)]
    reasons = Counter(r["closure_reason"] for r in closed)
    all_hours = [
        h for f in team for h in of(records, "hours", f) if START <= date(h["date"]) <= END
    ]
    assert got["team"] == {
        "closed_in_period": len(closed),
        "closures_by_reason": dict(sorted(reasons.items())),
        "dropout_rate": reasons["uitval"] / len(closed) if closed else None,
        "tariff_cents": sum(c["tariff_cents"] for c in expected),
        "paid_at_start_cents": sum(c["paid_at_start_cents"] for c in expected),
        "due_at_completion_cents": sum(c["due_at_completion_cents"] for c in expected),
        "weeks": weeks_between(START, END, all_hours),
    }
    assert got["teams"] == ["Oost"] and (got["start"], got["end"]) == (PERIOD["from"], PERIOD["to"])
    for family, row in zip(team, rows, strict=True):
        page = demo.get("teun", f"/v1/team/families/{family}", **PERIOD)
        assert page.status_code == 200, page.text
        assert page.json() == expected_page(records, family, row), family
    # the figures are not trivial: the demo exercises every one of them
    assert (
        closed
        and any(r["tariff_cents"] for r in rows)
        and any(c["minutes_this_week"] for c in expected)
    )
    assert any(r["parties_at_intake"] != r["parties_now"] for r in rows)
    filtered = demo.get("teun", "/v1/team/overview", caseworker="bert", **PERIOD).json()
    assert filtered["caseworkers"] == [c for c in expected if c["caseworker"] == "bert"]
    assert filtered["families"] == [r for r in rows if r["caseworker"] == "bert"]


def test_every_team_answer_carries_no_names_bsns_or_text(demo: Demo) -> None:
    records = fold(demo.mutations)
    secrets = {SECRET.lower()}
    secrets |= {m["bsn"] for m in records["members"].values()}
    secrets |= {m["name"].lower() for m in records["members"].values()}
    paths = ["/v1/team/overview"] + [f"/v1/team/families/{f}" for f in sorted(demo.families)]
    for who in demo.tokens:
        for path in paths:
            text = demo.get(who, path, **PERIOD).text.lower()
            assert not [s for s in secrets if s.lower() in text], (who, path)


def test_the_access_matrix_of_the_team_endpoints(demo: Demo, server: Running) -> None:
    live = fold(demo.mutations)["families"]
    oost = sorted(f for f, who in demo.families.items() if who == "anna" and f in live)[0]
    west = sorted(f for f, who in demo.families.items() if who == "dirk" and f in live)[0]
    west_name = live[west]["name"]
    revoked = server.device("ria")  # a caseworker whose device was revoked
    server.db.execute("UPDATE devices SET revoked = 1 WHERE user_name = 'ria'")
    demo.tokens["revoked"] = revoked
    calls: list[tuple[str, dict[str, str], dict[str, int]]] = [
        ("/v1/team/overview", {}, {"teun": 200, "wim": 200}),
        ("/v1/team/overview", {"caseworker": "anna"}, {"teun": 200, "wim": 404}),
        ("/v1/team/overview", {"caseworker": "dirk"}, {"teun": 404, "wim": 200}),
        (f"/v1/team/families/{oost}", {}, {"teun": 200, "wim": 404}),
        (f"/v1/team/families/{west}", {}, {"teun": 404, "wim": 200}),
        ("/v1/team/families/no-such-family", {}, {"teun": 404, "wim": 404}),
    ]
    refused_before = server.db.query("SELECT count(*) AS n FROM access_log")[0]["n"]
    refusals = 0
    for who in [*demo.tokens, None]:
        for path, params, allowed in calls:
            with server.client(demo.tokens[who] if who else None) as c:
                answer = c.get(path, params={**params, **PERIOD})
            expected = allowed.get(who or "", {None: 401, "revoked": 401}.get(who, 403))
            assert answer.status_code == expected, (who, path, params, answer.text)
            if who == "teun":
                assert west_name not in answer.text, path  # nothing of the other team
            if expected in (403, 404) or who == "revoked":
                refusals += 1
    logged = server.db.query("SELECT count(*) AS n FROM access_log")[0]["n"] - refused_before
    assert logged == refusals  # every refusal but an anonymous call's is in the access log


def test_a_period_that_ends_before_it_starts_is_refused(demo: Demo) -> None:
    answer = demo.get("teun", "/v1/team/overview", **{"from": "2026-11-01", "to": "2026-10-01"})
    assert answer.status_code == 400 and answer.json()["detail"]["code"] == "bad_period"
