"""Correction (AVG art. 16): a client's request about one record, what became of it and the
client's own statement kept beside a record that stays as it is; every step in the trail."""

from __future__ import annotations

import json

import pytest

from regiedesk.errors import ValidationError
from regiedesk.services import Services
from regiedesk.services.corrections import _NAMED_BY
from regiedesk.store import Store
from regiedesk.sync.rules import CORRECTABLE, check_change

from .conftest import TODAY


@pytest.fixture
def services(store: Store) -> Services:
    return Services.over(store, today=lambda: TODAY)


def test_every_record_kind_can_be_named() -> None:
    assert set(_NAMED_BY) == set(CORRECTABLE)


def test_a_statement_is_kept_beside_a_record_that_stays(services: Services) -> None:
    family = services.families.add_family(name="Gezin Correctie", status="actief")
    mother = services.families.add_member(family.id, name="Moeder", role="ouder")
    goal = services.plan.add_goal(
        family.id, domain="financien", text="Moeder leert budgetteren", member_id=mother.id
    )
    refs = {(r.entity, r.id): r for r in services.corrections.correctable_records(family.id)}
    assert refs[("goals", goal.id)].label == "Moeder leert budgetteren"
    assert refs[("goals", goal.id)].member_id == mother.id
    statement = "Ik kan al budgetteren; ik heb hulp nodig bij de schuldeisers."
    correction = services.corrections.add_correction(
        family.id, target_entity="goals", target_id=goal.id,
        request="Het doel klopt niet", outcome="niet_gewijzigd",
        explanation="Het doel is de inschatting van de regisseur", statement=statement,
    )  # fmt: skip
    assert services.plan.get_goal(goal.id).text == "Moeder leert budgetteren"  # not rewritten
    assert (correction.member_id, correction.recorded_by) == (mother.id, "regisseur.anna")
    assert correction.requested_on == TODAY
    [kept] = services.corrections.list_corrections(family.id, target=("goals", goal.id))
    assert kept.statement == statement and kept.outcome == "niet_gewijzigd"
    store = services.store
    [event] = store.query(
        "SELECT event, client, objects FROM audit_log WHERE objects LIKE '%corrections/%'"
    )
    assert (event["event"], event["client"]) == ("create", family.id)
    assert set(json.loads(event["objects"])) == {f"corrections/{correction.id}", f"goals/{goal.id}"}
    [pushed] = store.query("SELECT * FROM outbox WHERE entity = 'corrections'")
    data = json.loads(pushed["data"])
    assert data["statement"] == statement
    assert check_change("corrections", "insert", correction.id, family.id, data) is None


def test_a_corrected_fact_and_a_later_statement(services: Services) -> None:
    family = services.families.add_family(name="Gezin Feit", status="actief")
    child = services.families.add_member(family.id, name="Kind Verkeerd", role="kind")
    asked = services.corrections.add_correction(
        family.id, target_entity="members", target_id=child.id, request="Naam is fout gespeld"
    )
    assert asked.outcome == "in_behandeling" and asked.member_id == child.id
    services.families.update_member(child.id, name="Kind Goed")
    done = services.corrections.update_correction(asked.id, outcome="gecorrigeerd")
    assert done.outcome == "gecorrigeerd"
    later = services.corrections.update_correction(asked.id, statement="Dank, nu klopt het.")
    assert later.statement == "Dank, nu klopt het." and later.outcome == "gecorrigeerd"
    events = services.store.query(
        "SELECT event FROM audit_log WHERE objects LIKE ? ORDER BY seq", (f"%{asked.id}%",)
    )
    assert [e["event"] for e in events] == ["create", "update", "update"]


def test_a_record_of_another_family_or_a_blank_request_is_refused(services: Services) -> None:
    mine = services.families.add_family(name="Gezin Een", status="actief")
    other = services.families.add_family(name="Gezin Twee", status="actief")
    theirs = services.families.add_member(other.id, name="Ander", role="ouder")
    with pytest.raises(ValidationError, match="hoort niet bij dit gezin"):
        services.corrections.add_correction(
            mine.id, target_entity="members", target_id=theirs.id, request="fout"
        )
    with pytest.raises(ValidationError):
        services.corrections.add_correction(
            mine.id, target_entity="families", target_id=mine.id, request="  "
        )
    with pytest.raises(ValidationError):
        services.corrections.add_correction(
            mine.id, target_entity="families", target_id=mine.id, request="x", outcome="weg"
        )
    assert services.store.query("SELECT count(*) AS n FROM corrections")[0]["n"] == 0
