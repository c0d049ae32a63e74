from __future__ import annotations

import pytest

from regiedesk.errors import ValidationError
from regiedesk.services.notes import NoteService
from regiedesk.store import Store

from .conftest import TODAY, FakeClock


@pytest.fixture
def notes(store: Store, clock: FakeClock) -> NoteService:
    return NoteService(store, today=lambda: TODAY, now=clock)


def test_edits_add_revisions(notes: NoteService, family_id: str, clock: FakeClock) -> None:
    note, first = notes.create(
        family_id, title="Huisbezoek", body="Eerste versie", visit_date=TODAY
    )
    clock.advance(minutes=5)
    second = notes.revise(note.id, body="Tweede versie", parent_id=first.id)
    assert [r.body for r in notes.history(note.id)] == ["Eerste versie", "Tweede versie"]
    assert notes.latest(note.id) == second
    assert notes.heads(note.id) == [second]
    assert second.parent_id == first.id


def test_concurrent_edits_keep_both_and_merge(
    notes: NoteService, family_id: str, clock: FakeClock
) -> None:
    note, first = notes.create(family_id, title="Overleg", body="Basis")
    clock.advance(seconds=1)
    a = notes.revise(note.id, body="Basis + A", parent_id=first.id)
    clock.advance(seconds=1)
    b = notes.revise(note.id, body="Basis + B", parent_id=first.id)
    assert {r.id for r in notes.heads(note.id)} == {a.id, b.id}
    with pytest.raises(ValidationError):
        notes.merge(note.id, body="x", parent_ids=[a.id, first.id])
    clock.advance(seconds=1)
    merged = notes.merge(note.id, body="Basis + A + B", parent_ids=[a.id, b.id])
    assert notes.heads(note.id) == [merged]
    assert len(notes.history(note.id)) == 4  # nothing was lost


def test_a_10_mb_note_is_refused_and_writes_nothing(
    notes: NoteService, family_id: str, store: Store
) -> None:
    before = store.query("SELECT count(*) AS n FROM outbox")[0]["n"]
    with pytest.raises(ValidationError) as err:
        notes.create(family_id, title="Te lang", body="x" * 10_000_000)
    assert "te lang" in err.value.nl and "kept" in err.value.en
    assert store.query("SELECT count(*) AS n FROM outbox")[0]["n"] == before
    note, _first = notes.create(family_id, title="Lang maar goed", body="y" * 900_000)
    assert len(notes.latest(note.id).body) == 900_000


def test_retitle_delete_and_foreign_parent(notes: NoteService, family_id: str) -> None:
    note, _ = notes.create(family_id, title="A", body="tekst")
    other, other_first = notes.create(family_id, title="B", body="tekst")
    assert notes.retitle(note.id, "A2").title == "A2"
    with pytest.raises(ValidationError):
        notes.revise(note.id, body="x", parent_id=other_first.id)
    notes.delete(other.id)
    assert [n.id for n in notes.notes(family_id)] == [note.id]
