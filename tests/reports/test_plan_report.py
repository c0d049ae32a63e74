"""Gezinsplan from the seeded demo profile: what the family signs."""

from __future__ import annotations

from regiedesk import reports
from regiedesk.domain.instruments import domain_name
from regiedesk.domain.vocabulary import GoalStatus
from regiedesk.reports.gather import gather_plan

from ..conftest import TODAY
from .conftest import DIACRITICS, PRINTED_AT, Demo, flat, pages


def _family(demo: Demo) -> str:
    return demo.services.families.list_families(search="Achterberg")[0].id


def test_the_plan_prints_family_goals_agreements_parties_and_signatures(demo: Demo) -> None:
    family_id = _family(demo)
    report = reports.plan_report(
        demo.services,
        family_id,
        letterhead=reports.Letterhead("Jeugdzorg Rivierenland"),
        printed_at=PRINTED_AT,
    )
    assert report.kind == "plan" and report.client == family_id
    texts = pages(report.pdf)
    whole = flat(" ".join(texts))
    family = demo.services.families.get_family(family_id)
    assert f"Gezinsplan – {family.name}" in whole
    for member in demo.services.families.list_members(family_id):
        assert member.name in whole
        assert member.bsn is None or member.bsn not in whole  # a BSN is never printed
    goals = demo.services.plan.list_goals(family_id)
    assert goals
    for goal in goals:
        assert goal.text in whole
        assert domain_name(goal.domain, "nl") in whole
        assert GoalStatus(goal.status).label("nl") in whole
        assert goal.domain not in whole.split()  # no internal codes
    for agreement in demo.services.plan.list_agreements(family_id):
        assert agreement.text in whole
    for party in demo.services.network.list_parties(family_id, active_on=TODAY):
        assert party.organisation in whole
    for party in demo.services.network.list_parties(family_id):
        if not party.active_on(TODAY):
            assert party.phone is None or party.phone not in whole  # only who helps now
    parents = [m for m in demo.services.families.list_members(family_id) if m.role == "ouder"]
    assert "Ondertekening" in whole
    for parent in parents:
        assert f"{parent.name} (ouder/verzorger)" in whole
    assert f"{family.caseworker} (regisseur)" in whole
    assert whole.count("Handtekening") == len(parents) + 1
    assert "Volgende evaluatie" in whole
    for number, page in enumerate(texts, start=1):
        assert f"pagina {number} van {len(texts)}" in page and "Vertrouwelijk" in page


def test_english_plan(demo: Demo) -> None:
    report = reports.plan_report(demo.services, _family(demo), language="en")
    whole = flat(" ".join(pages(report.pdf)))
    assert "Family plan" in whole and "Our goals" in whole and "Signatures" in whole
    assert "Gezinsplan" not in whole and "Onze doelen" not in whole
    goal = demo.services.plan.list_goals(_family(demo))[0]
    assert domain_name(goal.domain, "en") in whole
    assert "Confidential" in whole and "page 1 of" in whole


def test_diacritics_and_a_goal_for_one_member(demo: Demo) -> None:
    whole = flat(" ".join(pages(reports.plan_report(demo.services, demo.accented).pdf)))
    for name in DIACRITICS:
        assert f"{name} Koës" in whole
    assert "Gezin Koës-Ünal" in whole
    assert "Zoë gaat weer naar school." in whole and "Zoë Koës" in whole


def test_an_empty_plan_says_so(demo: Demo) -> None:
    family = demo.services.families.add_family(name="Gezin Leeg", status="aangemeld")
    data = gather_plan(demo.services, family.id)
    assert data.goals == () and data.agreements == ()
    whole = flat(" ".join(pages(reports.render_plan(data).pdf)))
    assert "Er zijn nog geen doelen." in whole
    assert "Er zijn geen afspraken." in whole
    assert "Er zijn nu geen andere hulpverleners." in whole
    assert "Ouder of verzorger" in whole  # a block to sign all the same
    assert "(ouder/verzorger)" not in whole
    demo.services.families.remove_family(family.id)
