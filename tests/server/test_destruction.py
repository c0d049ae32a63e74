"""Destruction over real HTTP on SQLite and PostgreSQL: a family (or a member) destroyed
on the server, change log and current state too, and at their next sync on every laptop
that held it, also what waited there to be sent; its id refused afterwards; that it
happened stays (destructions, the audit trail). Closed families past the Jeugdwet term
are listed for review and destroyed on confirmation."""

from __future__ import annotations

import json
from collections.abc import Callable

from regiedesk.entities import ENTITY_TABLES

from ..conftest import TODAY
from .conftest import Running
from .test_api import mutation, push
from .test_audit_trail import trail
from .test_cli_sync import server_cli
from .world import Laptop, delegate


def local_traces(laptop: Laptop, family: str) -> int:
    count = 0
    for table in ENTITY_TABLES:
        column = "id" if table == "families" else "family_id"
        count += laptop.store.query(
            f"SELECT count(*) AS n FROM {table} WHERE {column} = ?", (family,)
        )[0]["n"]
    for table in ("outbox", "rejected_changes"):
        count += laptop.store.query(
            f"SELECT count(*) AS n FROM {table} WHERE family_id = ?", (family,)
        )[0]["n"]
    return int(count)


def server_traces(server: Running, family: str) -> dict[str, int]:
    return {
        table: int(server.db.query(f"SELECT count(*) AS n FROM {table} WHERE {column} = ?",
                                   (family,))[0]["n"])
        for table, column in (("changes", "family_id"), ("record_state", "family_id"),
                              ("families", "id"), ("delegations", "family_id"))
    }  # fmt: skip


def test_a_destroyed_family_is_gone_everywhere(
    server: Running, laptop: Callable[..., Laptop]
) -> None:
    anna, bert = laptop("anna"), laptop("bert")
    family = anna.services.families.add_family(name="Gezin Weg", status="actief")
    member = anna.services.families.add_member(family.id, name="Kind Weg", role="kind")
    anna.services.notes.add_note(family.id, title="Verslag", body="geheim")
    anna.sync()
    delegate(server.db, family.id, "bert")
    bert.sync()
    assert local_traces(bert, family.id) > 0
    bert.services.families.update_member(member.id, name="Kind Weg Twee")  # waits to be sent
    destroyed = server_cli(
        server.db.url, "family", "destroy", family.id, "--by", "pia",
        "--reason", "verzoek van de cliënt", "--keep", "facturen: Wet op de omzetbelasting",
    )  # fmt: skip
    assert destroyed.returncode == 0, destroyed.stderr
    assert server_traces(server, family.id) == dict.fromkeys(
        ("changes", "record_state", "families", "delegations"), 0
    )
    [kept] = server.db.query("SELECT kind, by_user, reason, exceptions FROM destructions")
    assert (kept["kind"], kept["by_user"], kept["reason"]) == (
        "family",
        "pia",
        "verzoek van de cliënt",
    )
    assert json.loads(kept["exceptions"]) == ["facturen: Wet op de omzetbelasting"]
    logged = [r for r in trail(server) if r["event"] == "delete" and r["account"] == "pia"]
    assert [r["client"] for r in logged] == [family.id]
    assert anna.sync().destroyed == 1 and local_traces(anna, family.id) == 0
    assert bert.sync().destroyed == 1 and local_traces(bert, family.id) == 0
    for who in (anna, bert):  # nothing of it left in the profile, the trail says it happened
        assert who.store.query("SELECT count(*) AS n FROM drafts")[0]["n"] == 0
        last = who.store.query("SELECT event, objects FROM audit_log WHERE event = 'delete'"
                               " ORDER BY seq DESC LIMIT 1")[0]  # fmt: skip
        assert json.loads(last["objects"]) == [f"families/{family.id}", "destroyed"]
    again = push(server, anna.token, mutation("families", family.id, name="Terug",
                                              caseworker="anna", status="actief"))  # fmt: skip
    assert (again[0]["outcome"], again[0]["reason"]) == ("rejected", "destroyed")
    assert server_cli(server.db.url, "audit", "verify").returncode == 0


def test_a_destroyed_member_goes_and_the_family_stays(
    server: Running, laptop: Callable[..., Laptop]
) -> None:
    anna = laptop("anna")
    family = anna.services.families.add_family(name="Gezin Blijft", status="actief")
    member = anna.services.families.add_member(family.id, name="Ouder Weg", role="ouder")
    anna.sync()
    assert server_cli(server.db.url, "member", "destroy", member.id, "--by", "pia",
                      "--reason", "verzoek").returncode == 0  # fmt: skip
    assert (
        server.db.query("SELECT count(*) AS n FROM changes WHERE record_id = ?", (member.id,))[0][
            "n"
        ]
        == 0
    )
    assert anna.sync().destroyed == 1
    assert anna.services.families.list_members(family.id) == []
    assert anna.services.families.get_family(family.id).name == "Gezin Blijft"


def test_what_points_at_a_destroyed_member_is_destroyed_or_detached(
    server: Running, laptop: Callable[..., Laptop]
) -> None:
    """The member's assessments with their scores, goals and correction requests go with
    the member; an agreement or hours entry under a destroyed goal stays without it; on the
    server (change log and state) and, after their sync, on both laptops."""
    anna, bert = laptop("anna"), laptop("bert")
    s = anna.services
    family = s.families.add_family(name="Gezin Verwijzing", status="actief")
    child = s.families.add_member(family.id, name="Kind Weg", role="kind")
    mother = s.families.add_member(family.id, name="Moeder Blijft", role="ouder")
    theirs = s.assessments.add_assessment(
        family.id, instrument="zrm2017", moment="intake", date=TODAY,
        scores={"financien": 2}, member_id=child.id,
    )  # fmt: skip
    kept = s.assessments.add_assessment(
        family.id, instrument="zrm2017", moment="intake", date=TODAY,
        scores={"financien": 3}, member_id=mother.id,
    )  # fmt: skip
    goal = s.plan.add_goal(
        family.id, domain="financien", text="Kind naar school", member_id=child.id
    )
    moved = s.plan.add_goal(family.id, domain="financien", text="Rust", member_id=child.id)
    s.plan.update_goal(moved.id, whole_family=True)  # once the child's, now the household's
    agreement = s.plan.add_agreement(family.id, text="Naar school brengen", owner="gezin",
                                     goal_id=goal.id)  # fmt: skip
    entry = s.hours.add_entry(family.id, date=TODAY, minutes=30, activity="huisbezoek",
                              goal_id=goal.id)  # fmt: skip
    asked = s.corrections.add_correction(family.id, target_entity="goals", target_id=goal.id,
                                         request="Klopt niet")  # fmt: skip
    anna.sync()
    delegate(server.db, family.id, "bert")
    bert.sync()
    doomed = {child.id, theirs.id, goal.id, asked.id}
    doomed |= {r["id"] for r in anna.store.query(
        "SELECT id FROM scores WHERE assessment_id = ?", (theirs.id,))}  # fmt: skip
    done = server_cli(server.db.url, "member", "destroy", child.id, "--by", "pia",
                      "--reason", "verzoek van het kind (16 jaar)")  # fmt: skip
    assert done.returncode == 0, done.stderr
    for table in ("changes", "record_state"):
        left = server.db.query(f"SELECT record_id, data FROM {table} WHERE family_id = ?",
                               (family.id,))  # fmt: skip
        assert doomed.isdisjoint(r["record_id"] for r in left), table
        assert all(i not in r["data"] for r in left for i in (child.id, goal.id)), table
    state = {r["record_id"]: json.loads(r["data"]) for r in server.db.query(
        "SELECT record_id, data FROM record_state WHERE family_id = ?", (family.id,))}  # fmt: skip
    assert state[agreement.id]["goal_id"] is None and state[entry.id]["goal_id"] is None
    assert state[agreement.id]["text"] == "Naar school brengen" and kept.id in state
    assert state[moved.id]["text"] == "Rust" and state[moved.id]["member_id"] is None
    [logged] = [r for r in trail(server) if r["event"] == "delete" and r["account"] == "pia"]
    assert {f"goals/{goal.id}", f"assessments/{theirs.id}"} <= set(
        json.loads(str(logged["objects"]))
    )
    for who in (anna, bert):
        assert who.sync().destroyed == 1
        for table in ENTITY_TABLES:
            ids = {r["id"] for r in who.store.query(f"SELECT id FROM {table}")}
            assert doomed.isdisjoint(ids), table
        assert who.services.plan.get_agreement(agreement.id).goal_id is None
        assert who.services.hours.get_entry(entry.id).goal_id is None
        assert [m.name for m in who.services.families.list_members(family.id)] == ["Moeder Blijft"]
        assert who.services.assessments.get_assessment(kept.id).member_id == mother.id
    after = anna.sync()  # laptops and server agree: no checksum drift, nothing fetched again
    assert (after.backfilled, after.repaired, after.pulled) == (0, 0, 0)
    again = anna.store.query("SELECT count(*) AS n FROM rejected_changes")[0]["n"]
    late = push(server, anna.token, mutation("scores", family.id, assessment_id=theirs.id,
                                             domain="financien", score=4))  # fmt: skip
    assert (late[0]["outcome"], late[0]["reason"]) == ("rejected", "destroyed")
    back = push(server, anna.token, mutation("goals", family.id, goal.id, op="update", text="x"))
    assert back[0]["reason"] == "destroyed" and again == 0
    assert server_cli(server.db.url, "audit", "verify").returncode == 0


def test_closed_families_past_the_term_are_listed_and_destroyed_on_confirmation(
    server: Running, laptop: Callable[..., Laptop]
) -> None:
    anna = laptop("anna")
    old = anna.services.families.add_family(name="Gezin Oud", status="actief")
    anna.services.families.close_family(old.id, end_date=TODAY, reason="doelen_behaald")
    recent = anna.services.families.add_family(name="Gezin Recent", status="actief")
    anna.services.families.close_family(recent.id, end_date=TODAY, reason="doelen_behaald")
    anna.services.families.add_family(name="Gezin Open", status="actief")
    anna.sync()
    server.db.execute(
        "UPDATE changes SET received_at = '2005-06-01T10:00:00.000+00:00' WHERE family_id = ?",
        (old.id,),
    )
    listed = server_cli(server.db.url, "family", "retention")
    assert listed.returncode == 0, listed.stderr
    assert old.id in listed.stdout and recent.id not in listed.stdout
    assert "1 closed families with no change in 20 years" in listed.stdout
    assert server.db.query("SELECT count(*) AS n FROM destructions")[0]["n"] == 0  # a list only
    done = server_cli(server.db.url, "family", "retention", "--destroy", "--by", "pia")
    assert done.returncode == 0 and "1 families destroyed" in done.stdout
    assert anna.sync().destroyed == 1
    assert [f.name for f in anna.services.families.list_families()] == [
        "Gezin Open",
        "Gezin Recent",
    ]
