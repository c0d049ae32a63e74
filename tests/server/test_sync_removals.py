"""A removal and its undo reach the other laptops through the real server."""

from __future__ import annotations

from collections.abc import Callable

from .conftest import Running
from .world import TODAY, Laptop, delegate

Make = Callable[[str], Laptop]


def test_a_removed_and_restored_measurement_syncs(server: Running, laptop: Make) -> None:
    anna = laptop("anna")
    family = anna.services.families.add_family(name="Gezin Heen-en-Weer", status="actief")
    assessment = anna.services.assessments.add_assessment(
        family.id, instrument="zrm_huishoudens", moment="intake", date=TODAY,
        scores={"hh_financien": 2},
    )  # fmt: skip
    anna.sync()
    bert = laptop("bert")
    delegate(server.db, family.id, "bert")
    bert.sync()
    assert [a.id for a in bert.services.assessments.list_assessments(family.id)] == [assessment.id]
    removal = anna.services.assessments.remove_assessment(assessment.id)
    assert anna.sync().rejected == 0
    bert.sync()
    assert bert.services.assessments.list_assessments(family.id) == []  # the tombstone arrived
    renamed = anna.services.removals.undo_removal(removal)
    assert anna.sync().rejected == 0
    bert.sync()
    (back,) = bert.services.assessments.list_assessments(family.id)
    assert back.id == renamed[assessment.id]
    assert [s.score for s in bert.services.assessments.list_scores(back.id)] == [2]
