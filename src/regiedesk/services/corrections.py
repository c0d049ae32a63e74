"""Correction (AVG art. 16, Jeugdwet art. 7.3.10): a client asks for a record to be corrected.

A factual error is corrected in the record itself, with the usual edit (it syncs and is
logged like any change); the request and its outcome are kept here. A professional's view is
not rewritten: the record stays, and the client's own statement about it is kept beside it,
shown with it in the app, synced, and in the access request's export. Every request is a
record of its own (``corrections``), in the family, audit-logged in the transaction that
writes it, with the record it is about among the event's objects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..domain import validate as v
from ..domain.models import Correction
from ..domain.validate import MAX_LONG_TEXT
from ..domain.vocabulary import CorrectionOutcome, Field
from ..errors import ValidationError
from ..ids import uuid7
from ..sync.rules import CORRECTABLE
from .base import Service

# per kind of record, the fields that name it in a list (first the most telling)
_NAMED_BY: dict[str, tuple[str, ...]] = {
    "families": ("name",),
    "members": ("name", "role"),
    "hours": ("date", "activity"),
    "timers": ("started_at", "activity"),
    "assessments": ("date", "instrument", "moment"),
    "scores": ("domain", "score"),
    "parties": ("organisation", "person"),
    "contacts": ("date", "mode"),
    "goals": ("text",),
    "agreements": ("text",),
    "notes": ("title", "visit_date"),
    "note_revisions": ("created_at", "author"),
}


@dataclass(frozen=True, slots=True)
class RecordRef:
    """A record of the family a correction can be about, with the words that name it."""

    entity: str
    id: str
    label: str
    member_id: str | None = None


class CorrectionService(Service):
    def add_correction(
        self,
        family_id: str,
        *,
        target_entity: str,
        target_id: str,
        request: str,
        outcome: str = CorrectionOutcome.PENDING,
        statement: str | None = None,
        explanation: str | None = None,
        requested_on: dt.date | None = None,
    ) -> Correction:
        """Record the client's request about one record of the family, what became of it
        and (optionally) the client's own statement, kept with the record."""
        self.store.get("families", family_id)
        target = self._target(family_id, target_entity, target_id)
        correction_id = uuid7()
        row = {
            "id": correction_id,
            "family_id": family_id,
            "target_entity": target.entity,
            "target_id": target.id,
            "member_id": target.member_id,
            "requested_on": v.day(Field.DATE, requested_on or self.today()).isoformat(),
            "request": v.text(Field.REQUEST, request),
            "outcome": v.choice(Field.OUTCOME, outcome, CorrectionOutcome).value,
            "explanation": v.optional_text(Field.REMARK, explanation),
            "statement": v.optional_text(Field.STATEMENT, statement, limit=MAX_LONG_TEXT),
            "recorded_by": self.store.actor.user,
        }
        with self.store.transaction(event="create", client=family_id) as tx:
            tx.insert("corrections", row)
            tx.objects.append(f"{target.entity}/{target.id}")
        return self.get_correction(correction_id)

    def update_correction(
        self,
        correction_id: str,
        *,
        outcome: str | None = None,
        statement: str | None = None,
        explanation: str | None = None,
    ) -> Correction:
        """The outcome decided, or the client's statement given or changed later. A
        statement is the client's: it is replaced by a new one, never emptied here."""
        current = self.get_correction(correction_id)
        changes: dict[str, str | None] = {}
        if outcome is not None:
            changes["outcome"] = v.choice(Field.OUTCOME, outcome, CorrectionOutcome).value
        if statement is not None:
            changes["statement"] = v.text(Field.STATEMENT, statement, limit=MAX_LONG_TEXT)
        if explanation is not None:
            changes["explanation"] = v.optional_text(Field.REMARK, explanation)
        with self.store.transaction(event="update", client=current.family_id) as tx:
            tx.update("corrections", correction_id, changes)
            tx.objects.append(f"{current.target_entity}/{current.target_id}")
        return self.get_correction(correction_id)

    def get_correction(self, correction_id: str) -> Correction:
        return Correction.from_row(self.store.get("corrections", correction_id))

    def list_corrections(
        self, family_id: str, *, target: tuple[str, str] | None = None
    ) -> list[Correction]:
        """The family's correction requests, oldest first; ``target``: only those about
        that one record (entity, id)."""
        sql = "SELECT * FROM corrections WHERE family_id = ? AND deleted = 0"
        params: tuple[str, ...] = (family_id,)
        if target is not None:
            sql += " AND target_entity = ? AND target_id = ?"
            params += target
        rows = self.store.query(sql + " ORDER BY requested_on, id", params)
        return [Correction.from_row(r) for r in rows]

    def statements(self, family_id: str) -> dict[str, str]:
        """Per record of the family, the client's latest statement about it (for showing it
        next to the record). One about a score is also under its assessment, one about a
        note's version also under the note: the lists show those."""
        parents = {"scores": ("assessments", "assessment_id"),
                   "note_revisions": ("notes", "note_id")}  # fmt: skip
        found: dict[str, str] = {}
        for correction in self.list_corrections(family_id):
            if not correction.statement:
                continue
            found[correction.target_id] = correction.statement
            if correction.target_entity in parents:
                _, column = parents[correction.target_entity]
                rows = self.store.query(
                    f"SELECT {column} AS parent FROM {correction.target_entity} WHERE id = ?",
                    (correction.target_id,),
                )
                if rows:
                    found[str(rows[0]["parent"])] = correction.statement
        return found

    def correctable_records(self, family_id: str) -> list[RecordRef]:
        """Every live record of the family a correction can be about, named."""
        found: list[RecordRef] = []
        for table in CORRECTABLE:
            column = "id" if table == "families" else "family_id"
            rows = self.store.query(
                f"SELECT * FROM {table} WHERE {column} = ? AND deleted = 0 ORDER BY id",
                (family_id,),
            )
            found += [self._ref(table, r) for r in rows]
        return found

    def describe(self, entity: str, record_id: str) -> RecordRef | None:
        """The record as a list names it; None when it is gone (removed, destroyed)."""
        if entity not in _NAMED_BY:
            return None
        rows = self.store.query(
            f"SELECT * FROM {entity} WHERE id = ? AND deleted = 0", (record_id,)
        )
        return self._ref(entity, rows[0]) if rows else None

    def _target(self, family_id: str, entity: str, record_id: str) -> RecordRef:
        ref = self.describe(entity, record_id)
        if ref is None or self._family_of(entity, record_id) != family_id:
            raise ValidationError(
                Field.RECORD,
                "Dit gegeven hoort niet bij dit gezin of is verwijderd; kies een gegeven uit"
                " de lijst.",
                "This record does not belong to this family or was removed; choose a record"
                " from the list.",
            )
        return ref

    def _family_of(self, entity: str, record_id: str) -> str:
        column = "id" if entity == "families" else "family_id"
        return str(self.store.query(f"SELECT {column} AS f FROM {entity} WHERE id = ?",
                                    (record_id,))[0]["f"])  # fmt: skip

    def _ref(self, table: str, row: dict[str, object]) -> RecordRef:
        words = [str(row[f]) for f in _NAMED_BY[table] if row.get(f) not in (None, "")]
        label = " · ".join(words)
        if len(label) > 80:
            label = label[:79] + "…"
        return RecordRef(table, str(row["id"]), label, self._member_of(table, row))

    def _member_of(self, table: str, row: dict[str, object]) -> str | None:
        """The member the record is about: a member itself, or what names one."""
        if table == "members":
            return str(row["id"])
        if table == "scores":
            rows = self.store.query(
                "SELECT member_id FROM assessments WHERE id = ?", (row["assessment_id"],)
            )
            return str(rows[0]["member_id"]) if rows and rows[0]["member_id"] else None
        member = row.get("member_id")
        return str(member) if member else None
