"""Visit notes (verslagen) with revisions: an edit adds a revision, nothing is overwritten.

Revisions form a small graph. Each edit names the revision it started from
(``parent_id``). Two edits that start from the same revision (two laptops, or a
window left open) both stay: the note then has two *heads* until someone merges
them into a revision that records all of them as parents (``parent_id`` plus the
JSON list ``merge_parents``). Text is never chosen last-writer-wins.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from merge3 import Merge3

from ..domain import validate as v
from ..domain.models import Note, NoteRevision
from ..domain.vocabulary import Field
from ..errors import ValidationError
from ..i18n import pick
from ..ids import uuid7
from ..store import Store
from .base import Service

MAX_TITLE = 200


def _body(body: str) -> str:
    """Refuse an empty or too long body; keep the text exactly as typed otherwise."""
    v.text(Field.NOTE, body, limit=v.MAX_LONG_TEXT)
    return body


def _parents(revision: NoteRevision) -> list[str]:
    parents = [revision.parent_id] if revision.parent_id else []
    if revision.merge_parents:
        parents += [str(p) for p in json.loads(revision.merge_parents)]
    return parents


MARKER_START = "<<<<<<<"
MARKER_MID = "======="
MARKER_END = ">>>>>>>"


@dataclass(frozen=True)
class MergeProposal:
    """Heads to merge and a first text: their changes combined line by line against the
    revision they share. Text both added at the same place is kept twice over (oldest
    first); where both changed the same lines, both are kept between markers for the
    person to choose."""

    heads: list[NoteRevision]
    text: str
    conflicts: int

    @staticmethod
    def has_markers(text: str) -> bool:
        markers = (MARKER_START, MARKER_MID, MARKER_END)
        return any(line.startswith(markers) for line in text.splitlines())


def _label(revision: NoteRevision) -> str:
    local = revision.created_at.astimezone()
    return pick(
        f"versie van {revision.author}, {local:%d-%m-%Y %H:%M}",
        f"version by {revision.author}, {local:%d-%m-%Y %H:%M}",
    )


def _ancestors(revision_id: str, by_id: dict[str, NoteRevision]) -> list[str]:
    """The revision and everything it builds on, nearest first."""
    seen: list[str] = []
    queue = [revision_id]
    while queue:
        current = queue.pop(0)
        if current in seen or current not in by_id:
            continue
        seen.append(current)
        queue += _parents(by_id[current])
    return seen


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True) if text else []


def _ensure_newline(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"


# ``NoteService.list_heads`` in SQL, for all notes at once: a head is a live revision no live
# revision builds on; one set of the ids built on, not a scan per revision.
_NOTES_WITH_TWO_HEADS = """
WITH used(id) AS (
    SELECT parent_id FROM note_revisions WHERE deleted = 0 AND parent_id IS NOT NULL
    UNION
    SELECT j.value FROM note_revisions c, json_each(c.merge_parents) j
    WHERE c.deleted = 0 AND c.merge_parents IS NOT NULL
)
SELECT count(*) AS n FROM (
    SELECT r.note_id FROM note_revisions r JOIN notes n ON n.id = r.note_id AND n.deleted = 0
    WHERE r.deleted = 0 AND r.id NOT IN (SELECT id FROM used)
    GROUP BY r.note_id HAVING count(*) > 1
)
"""


def notes_with_two_heads(store: Store) -> int:
    """How many live notes still have two or more heads (a merge waiting)."""
    return int(store.query(_NOTES_WITH_TWO_HEADS)[0]["n"])


class NoteService(Service):
    def add_note(
        self, family_id: str, *, title: str, body: str, visit_date: dt.date | None = None
    ) -> tuple[Note, NoteRevision]:
        """A new note and its first revision, in one transaction."""
        self.store.get("families", family_id)
        note_id = uuid7()
        note_row = {
            "id": note_id,
            "family_id": family_id,
            "title": v.text(Field.TITLE, title, limit=MAX_TITLE),
            "visit_date": v.iso(visit_date),
        }
        revision_row = self._revision_row(note_id, family_id, body, parent_id=None)
        with self.store.transaction(event="create", client=family_id) as tx:
            tx.insert("notes", note_row)
            tx.insert("note_revisions", revision_row)
        return self.get_note(note_id), self.get_revision(str(revision_row["id"]))

    def revise_note(
        self, note_id: str, *, body: str, parent_id: str, title: str | None = None
    ) -> NoteRevision:
        """Add a revision that starts from ``parent_id``. A stale parent gives a second head.

        A changed ``title`` is written in the same transaction: a refused title (too long)
        writes nothing, not a revision that a retry would then fork from.
        """
        note = self.get_note(note_id)
        if parent_id not in {r.id for r in self.list_revisions(note_id)}:
            raise ValidationError(
                Field.REVISION,
                "Deze versie hoort niet bij dit verslag.",
                "This revision does not belong to this note.",
            )
        return self._add(note, body, parent_id=parent_id, merge_parents=None, title=title)

    def merge_revisions(
        self, note_id: str, *, body: str, parent_ids: Sequence[str]
    ) -> NoteRevision:
        """Resolve two or more heads into one revision whose parents are all of them."""
        note = self.get_note(note_id)
        heads = {r.id for r in self.list_heads(note_id)}
        if len(parent_ids) < 2 or len(set(parent_ids)) != len(parent_ids):
            raise ValidationError(
                Field.REVISION,
                "Kies minstens twee verschillende versies om samen te voegen.",
                "Choose at least two different versions to merge.",
            )
        if not set(parent_ids) <= heads:
            raise ValidationError(
                Field.REVISION,
                "Samenvoegen kan alleen met de huidige versies van dit verslag. "
                "Open het verslag opnieuw en probeer het nog eens.",
                "Only the current versions of this note can be merged. "
                "Open the note again and retry.",
            )
        return self._add(note, body, parent_id=parent_ids[0], merge_parents=list(parent_ids[1:]))

    def list_heads(self, note_id: str) -> list[NoteRevision]:
        """Revisions no other revision builds on, oldest first: one, or more after a conflict."""
        revisions = self.list_revisions(note_id)
        used = {p for r in revisions for p in _parents(r)}
        return [r for r in revisions if r.id not in used]

    def merge_proposal(self, note_id: str) -> MergeProposal:
        """A starting text for merging the note's heads (see ``MergeProposal``)."""
        history = self.list_revisions(note_id)
        by_id = {r.id: r for r in history}
        heads = self.list_heads(note_id)
        text, conflicts = heads[0].body, 0
        merged_ancestry = set(_ancestors(heads[0].id, by_id))
        for head in heads[1:]:
            ancestry = _ancestors(head.id, by_id)
            base_id = next((a for a in ancestry if a in merged_ancestry), None)
            base = by_id[base_id].body if base_id else ""
            base_lines, ours, theirs = (_lines(_ensure_newline(t)) for t in (base, text, head.body))
            merger = Merge3(base_lines, ours, theirs)
            name_a = _label(heads[0]) if len(heads) == 2 else pick("samengevoegd", "merged")
            lines: list[str] = []
            for group in merger.merge_groups():
                if group[0] != "conflict":
                    lines += group[1]
                elif not group[1]:  # both only added text here: keep both, oldest first
                    lines += [*group[2], *(line for line in group[3] if line not in group[2])]
                else:
                    conflicts += 1
                    lines += [f"{MARKER_START} {name_a}\n", *group[2], f"{MARKER_MID}\n"]
                    lines += [*group[3], f"{MARKER_END} {_label(head)}\n"]
            text = "".join(lines)
            merged_ancestry.update(ancestry)
        return MergeProposal(heads, text.rstrip("\n"), conflicts)

    def latest_revision(self, note_id: str) -> NoteRevision:
        """The newest head (with several heads, see ``list_heads``: they still need a merge)."""
        return self.list_heads(note_id)[-1]

    def list_revisions(self, note_id: str) -> list[NoteRevision]:
        """Every revision of a live note, oldest first."""
        self.get_note(note_id)
        rows = self.store.query(
            "SELECT * FROM note_revisions WHERE note_id = ? AND deleted = 0"
            " ORDER BY created_at, id",
            (note_id,),
        )
        return [NoteRevision.from_row(r) for r in rows]

    def list_notes(self, family_id: str) -> list[Note]:
        """The family's live notes, latest visit first (notes without a visit date last)."""
        rows = self.store.query(
            "SELECT * FROM notes WHERE family_id = ? AND deleted = 0"
            " ORDER BY visit_date IS NULL, visit_date DESC, id DESC",
            (family_id,),
        )
        return [Note.from_row(r) for r in rows]

    def get_note(self, note_id: str) -> Note:
        return Note.from_row(self.store.get("notes", note_id))

    def get_revision(self, revision_id: str) -> NoteRevision:
        return NoteRevision.from_row(self.store.get("note_revisions", revision_id))

    def retitle_note(self, note_id: str, title: str) -> Note:
        note = self.get_note(note_id)
        with self.store.transaction(event="update", client=note.family_id) as tx:
            tx.update("notes", note_id, {"title": v.text(Field.TITLE, title, limit=MAX_TITLE)})
        return self.get_note(note_id)

    def remove_note(self, note_id: str) -> None:
        """Tombstone the note; its revisions go with it for every reader."""
        note = self.get_note(note_id)
        with self.store.transaction(event="delete", client=note.family_id) as tx:
            tx.delete("notes", note_id)

    def _add(
        self,
        note: Note,
        body: str,
        *,
        parent_id: str,
        merge_parents: list[str] | None,
        title: str | None = None,
    ) -> NoteRevision:
        row = self._revision_row(note.id, note.family_id, body, parent_id=parent_id)
        row["merge_parents"] = json.dumps(merge_parents) if merge_parents else None
        retitled = None if title is None else v.text(Field.TITLE, title, limit=MAX_TITLE)
        with self.store.transaction(event="update", client=note.family_id) as tx:
            tx.insert("note_revisions", row)
            if retitled is not None and retitled != note.title:
                tx.update("notes", note.id, {"title": retitled})
        return self.get_revision(str(row["id"]))

    def _revision_row(
        self, note_id: str, family_id: str, body: str, *, parent_id: str | None
    ) -> dict[str, object]:
        return {
            "id": uuid7(),
            "note_id": note_id,
            "family_id": family_id,
            "parent_id": parent_id,
            "body": _body(body),
            "author": self.store.actor.user,
            "created_at": self.now().astimezone(dt.UTC).isoformat(timespec="microseconds"),
        }
