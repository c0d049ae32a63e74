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
