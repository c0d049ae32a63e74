"""The client's own statement is printed with the records a report shows (AVG art. 16):
in the family plan and in the progress report, not for a record the report leaves out."""

from __future__ import annotations

import datetime as dt
import unicodedata

from regiedesk import reports
from regiedesk.services import Services
from regiedesk.store import Store

from ..conftest import TODAY
from .conftest import flat, pages

STATEMENT = "Ik doe de boodschappen zelf, al jaren."


def text_of(pdf: bytes) -> str:
    return unicodedata.normalize("NFC", flat(" ".join(pages(pdf))))


def test_a_statement_in_the_plan_and_the_progress_report(store: Store) -> None:
    s = Services.over(store, today=lambda: TODAY)
    family = s.families.add_family(name="Gezin Eigen Woord", status="actief",
                                   start_date=TODAY - dt.timedelta(days=60))  # fmt: skip
    goal = s.plan.add_goal(family.id, domain="financien", text="Moeder leert boodschappen doen")
    s.corrections.add_correction(
        family.id, target_entity="goals", target_id=goal.id, request="Dit doel klopt niet",
        outcome="niet_gewijzigd", statement=STATEMENT,
    )  # fmt: skip
    hours = s.hours.add_entry(family.id, date=TODAY, minutes=30, activity="huisbezoek")
    s.corrections.add_correction(
        family.id, target_entity="hours", target_id=hours.id, request="Niet op die dag",
        statement="Die dag was ik er niet.",
    )  # fmt: skip
    plan = text_of(reports.plan_report(s, family.id).pdf)
    assert "Verklaringen van het gezin" in plan
    assert "Doel: Moeder leert boodschappen doen Dit doel klopt niet Niet gewijzigd" in plan
    assert STATEMENT in plan
    assert "Die dag was ik er niet" not in plan  # the plan shows no hours
    english = text_of(reports.plan_report(s, family.id, language="en").pdf)
    assert "The family's own statements" in english and "Not changed" in english
    progress = text_of(
        reports.progress_report(s, family.id, start=TODAY - dt.timedelta(days=30), end=TODAY).pdf
    )
    assert STATEMENT in progress and "Verklaring van de cliënt" in progress


def test_no_statements_no_section(store: Store) -> None:
    s = Services.over(store, today=lambda: TODAY)
    family = s.families.add_family(name="Gezin Stil", status="actief")
    assert "Verklaringen van het gezin" not in text_of(reports.plan_report(s, family.id).pdf)
