"""Every record type can be removed (a tombstone that syncs) and the removal undone."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from regiedesk.errors import ValidationError
from regiedesk.services import Services
from regiedesk.store import Store

from .conftest import TODAY


@pytest.fixture
def services(store: Store) -> Services:
    return Services.over(store, today=lambda: TODAY)


def ops(store: Store, entity: str) -> list[str]:
    return [r["op"] for r in store.query("SELECT op FROM outbox WHERE entity = ?", (entity,))]


def test_a_removed_measurement_comes_back_with_its_scores(services: Services, store: Store) -> None:
    family = services.families.add_family(name="Gezin Terug", status="actief")
    member = services.families.add_member(family.id, name="Ida", role="ouder")
    assessment = services.assessments.add_assessment(
        family.id,
        instrument="zrm2017",
        moment="intake",
        date=TODAY,
        scores={"financien": (2, "schulden"), "huisvesting": 4},
        member_id=member.id,
    )
    removal = services.assessments.remove_assessment(assessment.id)
    assert services.assessments.list_assessments(family.id) == []
    assert ops(store, "scores") == ["insert", "insert", "delete", "delete"]
    renamed = services.removals.undo_removal(removal)
    (back,) = services.assessments.list_assessments(family.id)
    assert back.id == renamed[assessment.id] != assessment.id
    assert (back.member_id, back.moment, back.date) == (member.id, "intake", TODAY)
    scores = {(s.domain, s.score, s.note) for s in services.assessments.list_scores(back.id)}
    assert scores == {("financien", 2, "schulden"), ("huisvesting", 4, None)}
    assert ops(store, "scores")[-2:] == ["insert", "insert"]  # synced as new records
    undo = store.query("SELECT event, client, objects FROM audit_log ORDER BY seq DESC LIMIT 1")[0]
    assert (undo["event"], undo["client"]) == ("create", family.id)
    assert f"assessments/{back.id}" in json.loads(undo["objects"])


def test_a_removed_party_takes_its_contacts_and_brings_them_back(services: Services) -> None:
    family = services.families.add_family(name="Gezin Netwerk", status="actief")
    party = services.network.add_party(
        family.id, organisation="Wijkteam", role="coach", involved_from=TODAY
    )
    services.network.add_contact(family.id, party_id=party.id, date=TODAY, mode="telefoon")
    agreement = services.plan.add_agreement(
        family.id, text="Belt school", owner="betrokkene", party_id=party.id
    )
    with pytest.raises(ValidationError) as owns:  # its agreement would lose its owner
        services.network.remove_party(party.id)
    assert "1 afspraak" in owns.value.message
    services.plan.remove_agreement(agreement.id)
    removal = services.network.remove_party(party.id)
    assert services.network.list_parties(family.id) == []
    assert services.network.list_contacts(family.id) == []
    services.removals.undo_removal(removal)
    (back,) = services.network.list_parties(family.id)
    (contact,) = services.network.list_contacts(family.id)
    assert back.organisation == "Wijkteam" and contact.party_id == back.id
    assert services.network.active_count(family.id) == 1


def test_a_removed_goal_comes_back_and_its_agreements_follow(services: Services) -> None:
    family = services.families.add_family(name="Gezin Doel", status="actief")
    goal = services.plan.add_goal(family.id, domain="financien", text="Schulden op een rij")
    agreement = services.plan.add_agreement(
        family.id, text="Map met brieven", owner="gezin", goal_id=goal.id
    )
    removal = services.plan.remove_goal(goal.id)
    renamed = services.removals.undo_removal(removal)
    (back,) = services.plan.list_goals(family.id)
    assert back.text == "Schulden op een rij" and back.id == renamed[goal.id]
    assert services.plan.get_agreement(agreement.id).goal_id == back.id


def test_hours_an_agreement_a_contact_and_a_member_undone(services: Services) -> None:
    family = services.families.add_family(name="Gezin Alles", status="actief")
    entry = services.hours.add_entry(family.id, date=TODAY, minutes=45, activity="huisbezoek")
    agreement = services.plan.add_agreement(family.id, text="Formulier", owner="regisseur")
    party = services.network.add_party(
        family.id, organisation="School", role="mentor", involved_from=TODAY
    )
    contact = services.network.add_contact(
        family.id, party_id=party.id, date=TODAY, mode="mail", summary="rapport"
    )
    member = services.families.add_member(
        family.id, name="Noor", role="kind", date_of_birth=dt.date(2015, 5, 1), bsn="123456782"
    )
    h, p, n, f = services.hours, services.plan, services.network, services.families
    for remove, listing in (
        (lambda: h.remove_entry(entry.id), lambda: h.list_entries(family.id)),
        (lambda: p.remove_agreement(agreement.id), lambda: p.list_agreements(family.id)),
        (lambda: n.remove_contact(contact.id), lambda: n.list_contacts(family.id)),
        (lambda: f.remove_member(member.id), lambda: f.list_members(family.id)),
    ):
        before = listing()
        removal = remove()
        assert listing() == []
        services.removals.undo_removal(removal)
        (back,) = listing()
        (was,) = before
        assert {**vars_of(back), "id": None} == {**vars_of(was), "id": None}


def vars_of(record: object) -> dict[str, object]:
    return {name: getattr(record, name) for name in record.__slots__}  # type: ignore[attr-defined]
