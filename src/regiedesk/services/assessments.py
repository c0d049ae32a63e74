"""Life-domain measurements: one assessment (instrument, moment, date, member or household)
with a score of 1 to 5 per domain, written together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..domain import validate as v
from ..domain.instruments import Instrument, domain_rank, load_instrument
from ..domain.models import Assessment, Score
from ..domain.vocabulary import Field, Moment
from ..errors import ValidationError
from ..i18n import Language
from ..ids import uuid7
from .base import Service
from .removals import Removal, tombstone

ScoreInput = int | tuple[int, str | None]


@dataclass(frozen=True, slots=True)
class DomainPoint:
    """One domain's score at one measurement, for history tables and charts."""

    assessment_id: str
    date: dt.date
    moment: str
    member_id: str | None
    domain: str
    score: int


def _score_rows(loaded: Instrument, scores: Mapping[str, ScoreInput]) -> list[dict[str, Any]]:
    """The score rows of a measurement, each checked against the instrument."""
    if not scores:
        raise ValidationError(
            Field.SCORES, "Vul minstens één leefgebied in.", "Score at least one life domain."
        )
    rows = []
    for domain, given in scores.items():
        if isinstance(given, tuple) and len(given) != 2:
            raise ValidationError(
                Field.SCORE,
                "Geef per leefgebied een score en eventueel een toelichting.",
                "Give each life domain a score and optionally a note.",
            )
        score, note = given if isinstance(given, tuple) else (given, None)
        if domain not in loaded.domain_codes:
            raise ValidationError(
                Field.DOMAIN,
                f"Het leefgebied '{domain}' hoort niet bij {loaded.nl}.",
                f"The life domain '{domain}' is not part of {loaded.en}.",
            )
        if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
            raise ValidationError(
                Field.SCORE,
                f"Een score is 1 tot en met 5, niet {score!r}.",
                f"A score is 1 to 5, not {score!r}.",
            )
        rows.append({"domain": domain, "score": score, "note": v.optional_text(Field.REMARK, note)})
    return rows


class AssessmentService(Service):
    def add_assessment(
        self,
        family_id: str,
        *,
        instrument: str,
        moment: str,
        date: dt.date,
        scores: Mapping[str, ScoreInput],
        member_id: str | None = None,
    ) -> Assessment:
        self.store.get("families", family_id)
        loaded = load_instrument(instrument)
        moment_value = v.choice(Field.MOMENT, moment, Moment).value
        v.not_future(Field.DATE, date, self.today())
        if loaded.level == "person":
            if member_id is None:
                raise ValidationError(
                    Field.MEMBER,
                    "Kies het gezinslid voor wie deze meting is.",
                    "Choose the family member this measurement is for.",
                )
            member = self.store.query(
                "SELECT family_id FROM members WHERE id = ? AND deleted = 0", (member_id,)
            )
            if not member or member[0]["family_id"] != family_id:
                raise ValidationError(
                    Field.MEMBER,
                    "Dit gezinslid hoort niet bij dit gezin.",
                    "This member does not belong to this family.",
                )
        elif member_id is not None:
            raise ValidationError(
                Field.MEMBER,
                "Dit instrument meet het huishouden als geheel, niet één gezinslid.",
                "This instrument measures the household as a whole, not one member.",
            )
        rows = _score_rows(loaded, scores)
        assessment_id = uuid7()
        with self.store.transaction(event="create", client=family_id) as tx:
            tx.insert(
                "assessments",
                {
                    "id": assessment_id,
                    "family_id": family_id,
                    "member_id": member_id,
                    "instrument": instrument,
                    "moment": moment_value,
                    "date": date.isoformat(),
                    "assessor": self.store.actor.user,
                },
            )
            for row in rows:
                tx.insert("scores", {**row, "assessment_id": assessment_id, "family_id": family_id})
        return self.get_assessment(assessment_id)

    def get_assessment(self, assessment_id: str) -> Assessment:
        return Assessment.from_row(self.store.get("assessments", assessment_id))

    def list_assessments(self, family_id: str) -> list[Assessment]:
        rows = self.store.query(
            "SELECT * FROM assessments WHERE family_id = ? AND deleted = 0 ORDER BY date, id",
            (family_id,),
        )
        return [Assessment.from_row(r) for r in rows]

    def list_scores(self, assessment_id: str) -> list[Score]:
        rows = self.store.query(
            "SELECT * FROM scores WHERE assessment_id = ? AND deleted = 0 ORDER BY rowid",
            (assessment_id,),
        )
        return [Score.from_row(r) for r in rows]

    def update_assessment(
        self,
        assessment_id: str,
        *,
        moment: str,
        date: dt.date,
        scores: Mapping[str, ScoreInput],
    ) -> Assessment:
        """Correct a measurement: its moment, its date and its scores (the scores given
        replace the old ones; the instrument and whom it measured stay)."""
        assessment = self.get_assessment(assessment_id)
        rows = _score_rows(load_instrument(assessment.instrument), scores)
        v.not_future(Field.DATE, v.day(Field.DATE, date), self.today())
        old = {score.domain: score for score in self.list_scores(assessment_id)}
        family_id = assessment.family_id
        with self.store.transaction(event="update", client=family_id) as tx:
            tx.update(
                "assessments",
                assessment_id,
                {"moment": v.choice(Field.MOMENT, moment, Moment).value, "date": date.isoformat()},
            )
            for row in rows:
                kept = old.pop(row["domain"], None)
                if kept is None:
                    tx.insert(
                        "scores", {**row, "assessment_id": assessment_id, "family_id": family_id}
                    )
                else:
                    tx.update("scores", kept.id, {"score": row["score"], "note": row["note"]})
            for gone in old.values():
                tx.delete("scores", gone.id)
        return self.get_assessment(assessment_id)

    def remove_assessment(self, assessment_id: str) -> Removal:
        assessment = self.get_assessment(assessment_id)
        scores = [score.id for score in self.list_scores(assessment_id)]
        return tombstone(
            self.store,
            assessment.family_id,
            (("assessments", assessment_id), *(("scores", s) for s in scores)),
        )

    def history(
        self,
        family_id: str,
        *,
        member_id: str | None = None,
        map_to_2017: bool = True,
        domain: str | None = None,
    ) -> list[DomainPoint]:
        """Every score of the family (one member, or the household when None), oldest
        measurement first, and within a measurement in the instrument's domain order.

        With ``map_to_2017`` the older 11-domain ZRM's codes are translated to
        the 2017 codes, so a trend runs across a change of instrument.
        ``domain`` keeps only that domain (after the translation).
        """
        rows = self.store.query(
            "SELECT a.id, a.date, a.moment, a.member_id, a.instrument, s.domain, s.score"
            " FROM assessments a JOIN scores s ON s.assessment_id = a.id"
            " WHERE a.family_id = ? AND a.deleted = 0 AND s.deleted = 0"
            " AND a.member_id IS ? ORDER BY a.date, a.id, s.rowid",
            (family_id, member_id),
        )
        points = []
        for r in rows:
            code = str(r["domain"])
            if map_to_2017:
                code = load_instrument(str(r["instrument"])).map_domain(code)
            if domain is not None and code != domain:
                continue
            points.append(
                DomainPoint(
                    str(r["id"]),
                    dt.date.fromisoformat(r["date"]),
                    str(r["moment"]),
                    r["member_id"],
                    code,
                    int(r["score"]),
                )
            )
        order = {a: i for i, a in enumerate(dict.fromkeys(p.assessment_id for p in points))}
        return sorted(points, key=lambda p: (order[p.assessment_id], domain_rank(p.domain)))

    def history_by_domain(
        self, family_id: str, *, member_id: str | None = None, map_to_2017: bool = True
    ) -> dict[str, list[DomainPoint]]:
        """The history split per domain (one line per domain in a chart), oldest first."""
        series: dict[str, list[DomainPoint]] = {}
        for point in self.history(family_id, member_id=member_id, map_to_2017=map_to_2017):
            series.setdefault(point.domain, []).append(point)
        return series

    def latest_scores(
        self, family_id: str, *, member_id: str | None = None, map_to_2017: bool = True
    ) -> dict[str, int]:
        """Per domain, the score of the most recent measurement that scored it."""
        latest: dict[str, int] = {}
        for point in self.history(family_id, member_id=member_id, map_to_2017=map_to_2017):
            latest[point.domain] = point.score
        return latest

    @staticmethod
    def label(instrument: str, score: int, language: Language | None = None) -> str:
        """The official label of a score on an instrument's scale."""
        return load_instrument(instrument).score_label(score, language)
