from __future__ import annotations

import datetime as dt

import pytest

from regiedesk.errors import ValidationError
from regiedesk.services.families import FamilyService
from regiedesk.services.network import NetworkService
from regiedesk.services.plan import PlanService
from regiedesk.store import Store

from .conftest import TODAY


@pytest.fixture
def plan(store: Store) -> PlanService:
    return PlanService(store, today=lambda: TODAY)


def test_goals_status_and_attainment(plan: PlanService, family_id: str) -> None:
    goal = plan.add_goal(
        family_id,
        domain="financien",
        text="We willen geen nieuwe schulden meer maken",
        target_date=dt.date(2026, 6, 1),
    )
    assert goal.status == "open" and goal.attainment is None
    assert plan.update_goal(goal.id, status="lopend", attainment=40).attainment == 40
    assert plan.update_goal(goal.id, status="behaald").attainment == 100
    for bad in (-1, 101):
        with pytest.raises(ValidationError):
            plan.update_goal(goal.id, attainment=bad)
    with pytest.raises(ValidationError):
        plan.update_goal(goal.id, status="misschien")
    with pytest.raises(ValidationError):
        plan.add_goal(family_id, domain="sterrenkunde", text="x")
    assert [g.id for g in plan.goals(family_id)] == [goal.id]


def test_agreement_owners(plan: PlanService, store: Store, family_id: str) -> None:
    party = NetworkService(store, today=lambda: TODAY).add_party(
        family_id, organisation="Woningcorporatie", role="consulent", involved_from=TODAY
    )
    a = plan.add_agreement(
        family_id, text="Huurachterstand regelen", owner="betrokkene", party_id=party.id
    )
    assert a.party_id == party.id
    with pytest.raises(ValidationError):
        plan.add_agreement(family_id, text="x", owner="betrokkene")
    with pytest.raises(ValidationError):
        plan.add_agreement(family_id, text="x", owner="gezin", party_id=party.id)
    with pytest.raises(ValidationError):
        plan.add_agreement(family_id, text="x", owner="buurman")
    other = FamilyService(store, today=lambda: TODAY).create(name="Gezin Ander").id
    with pytest.raises(ValidationError):
        plan.add_agreement(other, text="x", owner="betrokkene", party_id=party.id)


def test_complete_reopen_and_overdue(plan: PlanService, family_id: str) -> None:
    late = plan.add_agreement(
        family_id, text="Formulier inleveren", owner="gezin", due_date=dt.date(2026, 11, 1)
    )
    plan.add_agreement(
        family_id, text="Bellen met school", owner="regisseur", due_date=dt.date(2026, 12, 1)
    )
    assert [a.id for a in plan.overdue_agreements(family_id)] == [late.id]
    done = plan.complete_agreement(late.id)
    assert done.done and done.done_date == TODAY
    assert plan.overdue_agreements() == []
    assert len(plan.agreements(family_id, open_only=True)) == 1
    assert not plan.reopen_agreement(late.id).done
    assert next(a.id for a in plan.overdue_agreements(on=dt.date(2026, 12, 2))) == late.id
