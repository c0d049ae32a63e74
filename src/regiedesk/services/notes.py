"""Visit notes (verslagen) with revisions: an edit adds a revision, nothing is overwritten.

Two edits that start from the same revision (two devices, or a stale window)
both stay; the note then has two heads until someone merges them.
"""

from __future__ import annotations

import builtins
import datetime as dt
import json

from ..domain import validate as v
from ..domain.models import Note, NoteRevision
from ..errors import ValidationError
from ..ids import uuid7
from .base import Service


class NoteService(Service):
    def create(
        self, family_id: str, *, title: str, body: str, visit_date: dt.date | None = None
    ) -> tuple[Note, NoteRevision]:
        self.store.get("families", family_id)
        note_id, revision_id = uuid7(), uuid7()
        note_row = {
            "id": note_id,
            "family_id": family_id,
            "title": v.text("titel", title, limit=200),
            "visit_date": v.iso(visit_date),
        }
        revision_row = self._revision_row(note_id, family_id, body, parent_id=None)
        revision_row["id"] = revision_id
        with self.store.transaction(event="create", client=family_id) as tx:
            tx.insert("notes", note_row)
            tx.insert("note_revisions", revision_row)
        return self.note(note_id), self.revision(revision_id)

    def revise(self, note_id: str, *, body: str, parent_id: str) -> NoteRevision:
        """Add a revision that starts from ``parent_id``. A stale parent gives a second head."""
        note = self.note(note_id)
        parent = self.revision(parent_id)
        if parent.note_id != note_id:
            raise ValidationError(
                "revisie",
                "Deze versie hoort niet bij dit verslag.",
                "This revision does not belong to this note.",
            )
        return self._add(note, body, parent_id=parent_id, merge_parents=None)

    def merge(self, note_id: str, *, body: str, parent_ids: builtins.list[str]) -> NoteRevision:
        """Resolve several heads into one revision whose parents are all of them."""
        note = self.note(note_id)
        heads = {r.id for r in self.heads(note_id)}
        if len(parent_ids) < 2 or not set(parent_ids) <= heads:
            raise ValidationError(
                "revisie",
                "Samenvoegen kan alleen met de huidige versies van dit verslag.",
                "Only the current versions of this note can be merged.",
            )
        return self._add(note, body, parent_id=parent_ids[0], merge_parents=parent_ids[1:])

    def heads(self, note_id: str) -> builtins.list[NoteRevision]:
        """Revisions no other revision builds on: one normally, more after concurrent edits."""
        revisions = self.history(note_id)
        used: set[str] = set()
        for r in revisions:
            if r.parent_id:
                used.add(r.parent_id)
            if r.merge_parents:
                used.update(json.loads(r.merge_parents))
        return [r for r in revisions if r.id not in used]

    def latest(self, note_id: str) -> NoteRevision:
        return self.heads(note_id)[-1]

    def history(self, note_id: str) -> builtins.list[NoteRevision]:
        rows = self.store.query(
            "SELECT * FROM note_revisions WHERE note_id = ? AND deleted = 0"
            " ORDER BY created_at, id",
            (note_id,),
        )
        return [NoteRevision.from_row(r) for r in rows]

    def notes(self, family_id: str) -> builtins.list[Note]:
        rows = self.store.query(
            "SELECT * FROM notes WHERE family_id = ? AND deleted = 0"
            " ORDER BY visit_date DESC, id DESC",
            (family_id,),
        )
        return [Note.from_row(r) for r in rows]

    def note(self, note_id: str) -> Note:
        return Note.from_row(self.store.get("notes", note_id))

    def revision(self, revision_id: str) -> NoteRevision:
        return NoteRevision.from_row(self.store.get("note_revisions", revision_id))

    def retitle(self, note_id: str, title: str) -> Note:
        note = self.note(note_id)
        with self.store.transaction(event="update", client=note.family_id) as tx:
            tx.update("notes", note_id, {"title": v.text("titel", title, limit=200)})
        return self.note(note_id)

    def delete(self, note_id: str) -> None:
        note = self.note(note_id)
        with self.store.transaction(event="delete", client=note.family_id) as tx:
            tx.delete("notes", note_id)

    def _add(
        self,
        note: Note,
        body: str,
        *,
        parent_id: str,
        merge_parents: builtins.list[str] | None,
    ) -> NoteRevision:
        row = self._revision_row(note.id, note.family_id, body, parent_id=parent_id)
        row["merge_parents"] = json.dumps(merge_parents) if merge_parents else None
        revision_id = uuid7()
        row["id"] = revision_id
        with self.store.transaction(event="update", client=note.family_id) as tx:
            tx.insert("note_revisions", row)
        return self.revision(revision_id)

    def _revision_row(
        self, note_id: str, family_id: str, body: str, *, parent_id: str | None
    ) -> dict[str, object]:
        return {
            "note_id": note_id,
            "family_id": family_id,
            "parent_id": parent_id,
            "body": v.text("verslag", body, limit=v.MAX_LONG_TEXT),
            "author": self.store.actor.user,
            "created_at": self.now().astimezone(dt.UTC).isoformat(timespec="microseconds"),
        }
