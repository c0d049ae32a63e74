"""Every record can be corrected: goals, agreements, parties, contacts, measurements."""

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


def test_a_measurement_corrected_scores_replaced(services: Services, store: Store) -> None:
    family = services.families.add_family(name="Gezin Correctie", status="actief")
    a = services.assessments.add_assessment(
        family.id, instrument="zrm_huishoudens", moment="intake", date=TODAY,
        scores={"hh_financien": 2, "hh_huisvesting": 3},
    )  # fmt: skip
    day = TODAY - dt.timedelta(days=2)
    fixed = services.assessments.update_assessment(
        a.id, moment="tussenmeting", date=day, scores={"hh_financien": (4, "beter")}
    )
    assert (fixed.moment, fixed.date) == ("tussenmeting", day)
    scores = services.assessments.list_scores(a.id)
    assert [(s.domain, s.score, s.note) for s in scores] == [("hh_financien", 4, "beter")]
    with pytest.raises(ValidationError):
        services.assessments.update_assessment(a.id, moment="intake", date=TODAY, scores={})
    ops = [r["op"] for r in store.query("SELECT op FROM outbox WHERE entity = 'scores'")]
    assert ops == ["insert", "insert", "update", "delete"]


def test_an_agreement_changes_owner_and_a_contact_its_summary(services: Services) -> None:
    family = services.families.add_family(name="Gezin Eigenaar", status="actief")
    party = services.network.add_party(
        family.id, organisation="GGD", role="jeugdarts", involved_from=TODAY
    )
    agreement = services.plan.add_agreement(family.id, text="Afspraak maken", owner="gezin")
    with pytest.raises(ValidationError):  # a party's agreement names the party
        services.plan.update_agreement(agreement.id, owner="betrokkene")
    moved = services.plan.update_agreement(
        agreement.id, text="Afspraak bij de GGD", owner="betrokkene", party_id=party.id
    )
    assert (moved.text, moved.owner, moved.party_id) == (
        "Afspraak bij de GGD",
        "betrokkene",
        party.id,
    )
    back = services.plan.update_agreement(agreement.id, owner="gezin")
    assert (back.owner, back.party_id) == ("gezin", None)
    contact = services.network.add_contact(family.id, party_id=party.id, date=TODAY, mode="mail")
    changed = services.network.update_contact(
        contact.id, date=TODAY - dt.timedelta(days=1), mode="telefoon", summary="teruggebeld"
    )
    assert (changed.mode, changed.summary) == ("telefoon", "teruggebeld")
    with pytest.raises(ValidationError):
        services.network.update_contact(contact.id, date=TODAY + dt.timedelta(days=1))


def test_a_members_goal_becomes_the_households(services: Services, store: Store) -> None:
    family = services.families.add_family(name="Gezin Doelen", status="actief")
    member = services.families.add_member(family.id, name="Kim", role="kind")
    goal = services.plan.add_goal(
        family.id, domain="financien", text="Zakgeld", member_id=member.id
    )
    assert services.plan.update_goal(goal.id, whole_family=True).member_id is None
    last = store.query("SELECT data FROM outbox ORDER BY seq DESC LIMIT 1")[0]
    assert json.loads(last["data"]) == {"member_id": None}
