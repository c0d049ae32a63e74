from __future__ import annotations

import datetime as dt
import json

import pytest

from regiedesk.domain.instruments import all_domain_codes
from regiedesk.errors import NotFound, ValidationError
from regiedesk.services.families import FamilyService
from regiedesk.services.network import NetworkService
from regiedesk.services.plan import PlanService
from regiedesk.store import Store

from .conftest import TODAY

ZRM_2017 = (
    "financien",
    "werk_opleiding",
    "tijdsbesteding",
    "huisvesting",
    "huiselijke_relaties",
    "geestelijke_gezondheid",
    "lichamelijke_gezondheid",
    "middelengebruik",
    "basale_adl",
    "instrumentele_adl",
    "sociaal_netwerk",
    "maatschappelijke_participatie",
    "justitie",
)


@pytest.fixture
def plan(store: Store) -> PlanService:
    return PlanService(store, today=lambda: TODAY)


@pytest.fixture
def families(store: Store) -> FamilyService:
    return FamilyService(store, today=lambda: TODAY)


@pytest.fixture
def other_family(families: FamilyService) -> str:
    return families.add_family(name="Gezin Ander").id


def writes(store: Store) -> tuple[int, int]:
    """(outbox entries, audit events): both must stay put when input is refused."""
    outbox = store.query("SELECT count(*) AS n FROM outbox")[0]["n"]
    audit = store.query("SELECT count(*) AS n FROM audit_log")[0]["n"]
    return int(outbox), int(audit)


def party(store: Store, family_id: str) -> str:
    return (
        NetworkService(store, today=lambda: TODAY)
        .add_party(
            family_id, organisation="Woningcorporatie", role="consulent", involved_from=TODAY
        )
        .id
    )


# --- goals ---------------------------------------------------------------------


def test_add_goal_in_the_familys_words(
    plan: PlanService, families: FamilyService, family_id: str, store: Store
) -> None:
    mother = families.add_member(family_id, name="Ayla", role="ouder").id
    before = writes(store)
    goal = plan.add_goal(
        family_id,
        domain="financien",
        text="We willen geen nieuwe schulden meer maken",
        member_id=mother,
        target_date=dt.date(2026, 6, 1),
    )
    assert (goal.domain, goal.text, goal.member_id) == (
        "financien",
        "We willen geen nieuwe schulden meer maken",
        mother,
    )
    assert (goal.status, goal.attainment, goal.target_date) == ("open", None, dt.date(2026, 6, 1))
    assert plan.get_goal(goal.id) == goal
    assert writes(store) == (before[0] + 1, before[1] + 1)
    audit = store.query("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1")[0]
    assert (audit["event"], audit["client"]) == ("create", family_id)


def test_every_zrm_2017_domain_is_a_known_domain(plan: PlanService, family_id: str) -> None:
    assert set(ZRM_2017) <= all_domain_codes()
    for code in ZRM_2017:
        plan.add_goal(family_id, domain=code, text=f"doel voor {code}")
    assert sorted(g.domain for g in plan.list_goals(family_id)) == sorted(ZRM_2017)


def test_a_goal_entered_as_reached_counts_as_fully_reached(
    plan: PlanService, family_id: str
) -> None:
    goal = plan.add_goal(family_id, domain="huisvesting", text="Eigen huis", status="behaald")
    assert (goal.status, goal.attainment) == ("behaald", 100)


def test_add_goal_refuses_bad_input_and_writes_nothing(
    plan: PlanService,
    families: FamilyService,
    family_id: str,
    other_family: str,
    store: Store,
) -> None:
    stranger = families.add_member(other_family, name="Kees", role="ouder").id
    gone = families.add_member(family_id, name="Weg", role="kind").id
    families.remove_member(gone)
    before = writes(store)
    refused = [
        dict(domain="sterrenkunde", text="x"),
        dict(domain="Financiën", text="x"),  # the label, not the code
        dict(domain="financien", text="   "),
        dict(domain="financien", text="x" * 2_001),
        dict(domain="financien", text="x", status="misschien"),
        dict(domain="financien", text="x", member_id=stranger),
        dict(domain="financien", text="x", member_id=gone),
        dict(domain="financien", text="x", target_date=dt.datetime(2026, 6, 1, 12, 0)),
    ]
    fields = []
    for kwargs in refused:
        with pytest.raises(ValidationError) as err:
            plan.add_goal(family_id, **kwargs)  # type: ignore[arg-type]
        fields.append(err.value.field)
    assert fields == [
        "leefgebied",
        "leefgebied",
        "doel",
        "doel",
        "status",
        "gezinslid",
        "gezinslid",
        "streefdatum",
    ]
    with pytest.raises(NotFound):
        plan.add_goal("no-such-family", domain="financien", text="x")
    assert writes(store) == before
    assert plan.list_goals(family_id) == []


def test_update_goal_status_and_attainment(plan: PlanService, family_id: str, store: Store) -> None:
    goal = plan.add_goal(family_id, domain="financien", text="Schulden op een rij")
    progressing = plan.update_goal(goal.id, status="lopend", attainment=40)
    assert (progressing.status, progressing.attainment) == ("lopend", 40)
    assert plan.update_goal(goal.id, attainment=0).attainment == 0
    assert plan.update_goal(goal.id, attainment=100).attainment == 100
    reached = plan.update_goal(goal.id, status="behaald", attainment=90)
    assert (reached.status, reached.attainment) == ("behaald", 90)  # given wins
    plan.update_goal(goal.id, status="lopend", attainment=50)
    reached = plan.update_goal(goal.id, status="behaald")
    assert (reached.status, reached.attainment) == ("behaald", 100)
    last = store.query("SELECT * FROM outbox ORDER BY seq DESC LIMIT 1")[0]
    assert json.loads(last["data"]) == {"status": "behaald", "attainment": 100}


def test_update_goal_other_fields(
    plan: PlanService, families: FamilyService, family_id: str, store: Store
) -> None:
    child = families.add_member(family_id, name="Sem", role="kind").id
    goal = plan.add_goal(family_id, domain="financien", text="Schulden op een rij")
    updated = plan.update_goal(
        goal.id,
        text="Alle rekeningen op tijd betalen",
        domain="huisvesting",
        target_date=dt.date(2027, 1, 1),
        member_id=child,
    )
    assert (updated.text, updated.domain, updated.target_date, updated.member_id) == (
        "Alle rekeningen op tijd betalen",
        "huisvesting",
        dt.date(2027, 1, 1),
        child,
    )
    assert updated.status == "open" and updated.attainment is None
    before = writes(store)
    assert plan.update_goal(goal.id) == updated
    assert writes(store) == before


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        (dict(attainment=-1), "behaald"),
        (dict(attainment=101), "behaald"),
        (dict(attainment=True), "behaald"),
        (dict(attainment=50.5), "behaald"),
        (dict(status="misschien"), "status"),
        (dict(status="behaald", attainment=101), "behaald"),
        (dict(text=" "), "doel"),
        (dict(domain="sterrenkunde"), "leefgebied"),
        (dict(member_id="no-such-member"), "gezinslid"),
        (dict(text="nieuw", attainment=200), "behaald"),  # one bad field refuses the lot
    ],
)
def test_update_goal_refuses_bad_input_and_writes_nothing(
    plan: PlanService, family_id: str, store: Store, kwargs: dict[str, object], field: str
) -> None:
    goal = plan.add_goal(family_id, domain="financien", text="Schulden op een rij")
    before = writes(store)
    with pytest.raises(ValidationError) as err:
        plan.update_goal(goal.id, **kwargs)  # type: ignore[arg-type]
    assert err.value.field == field
    assert writes(store) == before
    assert plan.get_goal(goal.id) == goal


def test_goals_per_family_and_remove(
    plan: PlanService, family_id: str, other_family: str, store: Store
) -> None:
    money = plan.add_goal(family_id, domain="financien", text="Geld")
    home = plan.add_goal(family_id, domain="huisvesting", text="Huis")
    theirs = plan.add_goal(other_family, domain="justitie", text="Geen nieuwe zaken")
    assert [g.id for g in plan.list_goals(family_id)] == [money.id, home.id]
    assert [g.id for g in plan.list_goals(other_family)] == [theirs.id]
    plan.remove_goal(money.id)
    assert [g.id for g in plan.list_goals(family_id)] == [home.id]
    assert store.get("goals", money.id, include_deleted=True)["deleted"] == 1
    with pytest.raises(NotFound):
        plan.get_goal(money.id)
    with pytest.raises(NotFound):
        plan.update_goal(money.id, attainment=10)


# --- agreements ----------------------------------------------------------------


def test_add_agreement_for_each_owner(plan: PlanService, family_id: str, store: Store) -> None:
    goal = plan.add_goal(family_id, domain="huisvesting", text="Huurachterstand weg")
    corporation = party(store, family_id)
    before = writes(store)
    by_party = plan.add_agreement(
        family_id,
        text="Betalingsregeling voorstellen",
        owner="betrokkene",
        party_id=corporation,
        goal_id=goal.id,
        due_date=dt.date(2026, 12, 15),
    )
    assert (by_party.owner, by_party.party_id, by_party.goal_id) == (
        "betrokkene",
        corporation,
        goal.id,
    )
    assert (by_party.due_date, by_party.done, by_party.done_date) == (
        dt.date(2026, 12, 15),
        False,
        None,
    )
    by_family = plan.add_agreement(family_id, text="Post openen", owner="gezin")
    by_caseworker = plan.add_agreement(family_id, text="School bellen", owner="regisseur")
    assert by_family.party_id is None and by_caseworker.owner == "regisseur"
    assert plan.get_agreement(by_party.id) == by_party
    assert writes(store) == (before[0] + 3, before[1] + 3)


def test_add_agreement_refuses_bad_input_and_writes_nothing(
    plan: PlanService, family_id: str, other_family: str, store: Store
) -> None:
    mine = party(store, family_id)
    theirs = party(store, other_family)
    removed = party(store, family_id)
    NetworkService(store, today=lambda: TODAY).remove_party(removed)
    their_goal = plan.add_goal(other_family, domain="financien", text="x").id
    old_goal = plan.add_goal(family_id, domain="financien", text="x").id
    plan.remove_goal(old_goal)
    before = writes(store)
    refused = [
        (dict(text="x", owner="betrokkene"), "betrokkene"),  # which party?
        (dict(text="x", owner="gezin", party_id=mine), "betrokkene"),
        (dict(text="x", owner="regisseur", party_id=mine), "betrokkene"),
        (dict(text="x", owner="betrokkene", party_id=theirs), "betrokkene"),
        (dict(text="x", owner="betrokkene", party_id=removed), "betrokkene"),
        (dict(text="x", owner="betrokkene", party_id="no-such-party"), "betrokkene"),
        (dict(text="x", owner="buurman"), "eigenaar"),
        (dict(text=" ", owner="gezin"), "afspraak"),
        (dict(text="x", owner="gezin", goal_id=their_goal), "doel"),
        (dict(text="x", owner="gezin", goal_id=old_goal), "doel"),
        (dict(text="x", owner="gezin", due_date=dt.datetime(2026, 1, 1, 8, 0)), "uiterlijk"),
    ]
    for kwargs, field in refused:
        with pytest.raises(ValidationError) as err:
            plan.add_agreement(family_id, **kwargs)  # type: ignore[arg-type]
        assert err.value.field == field, kwargs
    with pytest.raises(ValidationError) as err:
        plan.add_agreement(family_id, text="x", owner="betrokkene", party_id=theirs)
    assert err.value.nl.startswith("Deze betrokkene hoort niet bij dit gezin")
    assert err.value.en.startswith("This involved party does not belong")
    with pytest.raises(NotFound):
        plan.add_agreement("no-such-family", text="x", owner="gezin")
    assert writes(store) == before
    assert plan.list_agreements(family_id) == []


def test_update_agreement(plan: PlanService, family_id: str, store: Store) -> None:
    agreement = plan.add_agreement(family_id, text="Bellen", owner="gezin")
    updated = plan.update_agreement(
        agreement.id, text="Bellen met de school", due_date=dt.date(2026, 12, 1)
    )
    assert (updated.text, updated.due_date) == ("Bellen met de school", dt.date(2026, 12, 1))
    before = writes(store)
    with pytest.raises(ValidationError):
        plan.update_agreement(agreement.id, text="", due_date=dt.date(2027, 1, 1))
    assert plan.update_agreement(agreement.id) == updated
    assert writes(store) == before


def test_complete_and_reopen(plan: PlanService, family_id: str, store: Store) -> None:
    agreement = plan.add_agreement(family_id, text="Formulier inleveren", owner="gezin")
    done = plan.complete_agreement(agreement.id)
    assert done.done and done.done_date == TODAY
    earlier = plan.complete_agreement(agreement.id, dt.date(2026, 11, 20))
    assert earlier.done_date == dt.date(2026, 11, 20)
    before = writes(store)
    with pytest.raises(ValidationError) as err:
        plan.complete_agreement(agreement.id, TODAY + dt.timedelta(days=1))
    assert err.value.field == "datum"
    assert writes(store) == before
    reopened = plan.reopen_agreement(agreement.id)
    assert not reopened.done and reopened.done_date is None
    with pytest.raises(NotFound):
        plan.complete_agreement("no-such-agreement")


def test_agreements_order_open_only_and_remove(
    plan: PlanService, family_id: str, other_family: str, store: Store
) -> None:
    later = plan.add_agreement(family_id, text="b", owner="gezin", due_date=dt.date(2026, 12, 9))
    undated = plan.add_agreement(family_id, text="c", owner="gezin")
    sooner = plan.add_agreement(family_id, text="a", owner="gezin", due_date=dt.date(2026, 12, 1))
    plan.add_agreement(other_family, text="d", owner="gezin")
    assert [a.id for a in plan.list_agreements(family_id)] == [sooner.id, later.id, undated.id]
    plan.complete_agreement(sooner.id)
    assert [a.id for a in plan.list_agreements(family_id, open_only=True)] == [later.id, undated.id]
    plan.remove_agreement(later.id)
    assert [a.id for a in plan.list_agreements(family_id)] == [sooner.id, undated.id]
    assert store.get("agreements", later.id, include_deleted=True)["deleted"] == 1


def test_overdue_agreements(
    plan: PlanService, families: FamilyService, family_id: str, other_family: str
) -> None:
    late = plan.add_agreement(
        family_id, text="Formulier", owner="gezin", due_date=dt.date(2026, 11, 1)
    )
    due_today = plan.add_agreement(family_id, text="Bellen", owner="regisseur", due_date=TODAY)
    plan.add_agreement(family_id, text="Zonder datum", owner="gezin")
    theirs = plan.add_agreement(
        other_family, text="Brief", owner="gezin", due_date=dt.date(2026, 10, 1)
    )
    assert [a.id for a in plan.overdue_agreements()] == [theirs.id, late.id]
    assert [a.id for a in plan.overdue_agreements(family_id)] == [late.id]
    tomorrow = TODAY + dt.timedelta(days=1)
    assert [a.id for a in plan.overdue_agreements(family_id, on=tomorrow)] == [
        late.id,
        due_today.id,
    ]
    assert plan.overdue_agreements(family_id, on=dt.date(2026, 11, 1)) == []
    plan.complete_agreement(late.id)
    assert plan.overdue_agreements(family_id) == []
    plan.reopen_agreement(late.id)
    assert [a.id for a in plan.overdue_agreements(family_id)] == [late.id]
    # a deleted family's agreements are nobody's work any more
    families.remove_family(other_family)
    assert [a.id for a in plan.overdue_agreements()] == [late.id]
