from __future__ import annotations

import datetime as dt
import json

import pytest

from regiedesk.domain.models import NoteRevision
from regiedesk.domain.validate import MAX_LONG_TEXT
from regiedesk.errors import NotFound, ValidationError
from regiedesk.services.families import FamilyService
from regiedesk.services.notes import MergeProposal, NoteService, notes_with_two_heads
from regiedesk.store import Store

from .conftest import TODAY, FakeClock


@pytest.fixture
def notes(store: Store, clock: FakeClock) -> NoteService:
    return NoteService(store, today=lambda: TODAY, now=clock)


def edits_of(
    notes: NoteService, clock: FakeClock, note_id: str, parent: NoteRevision, *bodies: str
) -> list[NoteRevision]:
    """Concurrent edits: every body a revision of ``parent``, each a second after the last."""
    made: list[NoteRevision] = []
    for body in bodies:
        clock.advance(seconds=1)
        made.append(notes.revise_note(note_id, body=body, parent_id=parent.id))
    return made


def writes(store: Store) -> tuple[int, int]:
    """(outbox entries, audit events): both must stay put when input is refused."""
    outbox = store.query("SELECT count(*) AS n FROM outbox")[0]["n"]
    audit = store.query("SELECT count(*) AS n FROM audit_log")[0]["n"]
    return int(outbox), int(audit)


def test_create_writes_note_and_first_revision_in_one_transaction(
    notes: NoteService, family_id: str, store: Store, clock: FakeClock
) -> None:
    before = writes(store)
    note, first = notes.add_note(
        family_id, title=" Huisbezoek ", body="Eerste versie", visit_date=TODAY
    )
    assert (note.family_id, note.title, note.visit_date) == (family_id, "Huisbezoek", TODAY)
    assert (first.note_id, first.family_id, first.body) == (note.id, family_id, "Eerste versie")
    assert (first.parent_id, first.merge_parents) == (None, None)
    assert first.author == "regisseur.anna"
    assert first.created_at == clock.value and first.created_at.tzinfo is not None
    stored = store.get("note_revisions", first.id)["created_at"]
    assert stored == "2026-11-24T09:00:00.000000+00:00"
    # two rows, two outbox entries, one audit event that names both
    assert writes(store) == (before[0] + 2, before[1] + 1)
    audit = store.query("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1")[0]
    assert (audit["event"], audit["client"]) == ("create", family_id)
    assert json.loads(audit["objects"]) == [f"notes/{note.id}", f"note_revisions/{first.id}"]
    assert notes.get_note(note.id) == note and notes.get_revision(first.id) == first


def test_created_at_is_stored_in_utc(
    notes: NoteService, store: Store, family_id: str, clock: FakeClock
) -> None:
    clock.value = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    _, first = notes.add_note(family_id, title="t", body="b")
    assert store.get("note_revisions", first.id)["created_at"].startswith("2026-11-24T09:00:00")


def test_the_body_is_kept_exactly_as_typed(notes: NoteService, family_id: str) -> None:
    body = "  Ingesprongen regel\n\n- punt een\n- punt twee\n\n"
    note, first = notes.add_note(family_id, title="Opmaak", body=body)
    assert first.body == body
    assert notes.revise_note(note.id, body=body + "x", parent_id=first.id).body == body + "x"


def test_create_refuses_bad_input_and_writes_nothing(
    notes: NoteService, family_id: str, store: Store
) -> None:
    before = writes(store)
    for kwargs, field in [
        (dict(title="Leeg", body="  \n "), "verslag"),
        (dict(title=" ", body="tekst"), "titel"),
        (dict(title="x" * 201, body="tekst"), "titel"),
    ]:
        with pytest.raises(ValidationError) as err:
            notes.add_note(family_id, **kwargs)  # type: ignore[arg-type]
        assert err.value.field == field
    with pytest.raises(NotFound):
        notes.add_note("no-such-family", title="t", body="b")
    assert writes(store) == before
    assert notes.list_notes(family_id) == []


def test_a_10_mb_note_is_refused_with_a_clear_message_and_writes_nothing(
    notes: NoteService, family_id: str, store: Store
) -> None:
    huge = "x" * 10_000_000
    before = writes(store)
    with pytest.raises(ValidationError) as err:
        notes.add_note(family_id, title="Te lang", body=huge)
    assert err.value.field == "verslag"
    assert "te lang" in err.value.nl
    assert "10.000.000" in err.value.nl and "1.000.000" in err.value.nl  # Dutch digit groups
    assert "'note' is too long: 10,000,000" in err.value.en
    assert "niet weggegooid" in err.value.nl and "kept" in err.value.en
    assert "xxxx" not in err.value.nl + err.value.en  # the text itself is not in the message
    assert writes(store) == before
    assert notes.list_notes(family_id) == []
    # the same for an edit: the note keeps its one revision
    note, first = notes.add_note(family_id, title="Gewoon", body="kort")
    before = writes(store)
    with pytest.raises(ValidationError):
        notes.revise_note(note.id, body=huge, parent_id=first.id)
    assert writes(store) == before
    assert notes.list_revisions(note.id) == [first]


def test_a_body_at_the_limit_is_accepted(notes: NoteService, family_id: str) -> None:
    note, _first = notes.add_note(family_id, title="Lang maar goed", body="y" * MAX_LONG_TEXT)
    assert len(notes.latest_revision(note.id).body) == MAX_LONG_TEXT


def test_edits_add_revisions(
    notes: NoteService, family_id: str, store: Store, clock: FakeClock
) -> None:
    note, first = notes.add_note(family_id, title="Huisbezoek", body="Eerste versie")
    clock.advance(minutes=5)
    before = writes(store)
    second = notes.revise_note(note.id, body="Tweede versie", parent_id=first.id)
    assert writes(store) == (before[0] + 1, before[1] + 1)
    last = store.query("SELECT * FROM outbox ORDER BY seq DESC LIMIT 1")[0]
    assert (last["entity"], last["op"]) == ("note_revisions", "insert")  # nothing overwritten
    clock.advance(minutes=5)
    third = notes.revise_note(note.id, body="Derde versie", parent_id=second.id)
    assert [r.body for r in notes.list_revisions(note.id)] == [
        "Eerste versie",
        "Tweede versie",
        "Derde versie",
    ]
    assert (second.parent_id, third.parent_id) == (first.id, second.id)
    assert second.created_at == first.created_at + dt.timedelta(minutes=5)
    assert notes.latest_revision(note.id) == third
    assert notes.list_heads(note.id) == [third]
    assert notes.get_revision(first.id).body == "Eerste versie"


def test_revise_refuses_a_parent_of_another_note_and_writes_nothing(
    notes: NoteService, family_id: str, store: Store
) -> None:
    note, _ = notes.add_note(family_id, title="A", body="tekst")
    _other, other_first = notes.add_note(family_id, title="B", body="tekst")
    before = writes(store)
    for parent in (other_first.id, "no-such-revision"):
        with pytest.raises(ValidationError) as err:
            notes.revise_note(note.id, body="x", parent_id=parent)
        assert err.value.field == "revisie"
    with pytest.raises(NotFound):
        notes.revise_note("no-such-note", body="x", parent_id=other_first.id)
    assert writes(store) == before


def test_revise_with_a_new_title_is_one_transaction(
    notes: NoteService, family_id: str, store: Store
) -> None:
    note, first = notes.add_note(family_id, title="Huisbezoek", body="tekst")
    before = writes(store)
    with pytest.raises(ValidationError) as err:
        notes.revise_note(note.id, body="nieuwe tekst", parent_id=first.id, title="x" * 201)
    assert err.value.field == "titel"
    assert writes(store) == before  # no revision without its title
    second = notes.revise_note(note.id, body="nieuwe tekst", parent_id=first.id, title="Bezoek")
    assert notes.get_note(note.id).title == "Bezoek"
    assert notes.list_heads(note.id) == [second]  # one line of versions, no conflict
    assert writes(store)[1] == before[1] + 1  # revision and title: one audit event


def test_concurrent_edits_keep_both_heads(
    notes: NoteService, family_id: str, clock: FakeClock
) -> None:
    note, first = notes.add_note(family_id, title="Overleg", body="Basis")
    # b started from a stale head
    a, b = edits_of(notes, clock, note.id, first, "Basis + A", "Basis + B")
    assert notes.list_heads(note.id) == [a, b]
    assert notes.latest_revision(note.id) == b
    assert [r.body for r in notes.list_revisions(note.id)] == ["Basis", "Basis + A", "Basis + B"]
    # editing one head leaves the other standing
    clock.advance(seconds=1)
    a2 = notes.revise_note(note.id, body="Basis + A + A2", parent_id=a.id)
    assert notes.list_heads(note.id) == [b, a2]


def test_merge_resolves_heads_and_records_every_parent(
    notes: NoteService, family_id: str, store: Store, clock: FakeClock
) -> None:
    note, first = notes.add_note(family_id, title="Overleg", body="Basis")
    a, b, c = edits_of(notes, clock, note.id, first, "Basis + A", "Basis + B", "Basis + C")
    before = writes(store)
    merged = notes.merge_revisions(note.id, body="Basis + A + B + C", parent_ids=[b.id, a.id, c.id])
    assert writes(store) == (before[0] + 1, before[1] + 1)
    assert merged.parent_id == b.id
    assert json.loads(merged.merge_parents or "null") == [a.id, c.id]
    assert notes.list_heads(note.id) == [merged]
    assert notes.latest_revision(note.id).body == "Basis + A + B + C"
    assert len(notes.list_revisions(note.id)) == 5  # nothing was lost
    # after a merge, edits go on from the merged revision
    clock.advance(seconds=1)
    onward = notes.revise_note(note.id, body="verder", parent_id=merged.id)
    assert notes.list_heads(note.id) == [onward]


def test_a_partial_merge_leaves_the_other_heads(
    notes: NoteService, family_id: str, clock: FakeClock
) -> None:
    note, first = notes.add_note(family_id, title="Overleg", body="Basis")
    heads = edits_of(notes, clock, note.id, first, "A", "B", "C")
    clock.advance(seconds=1)
    ab = notes.merge_revisions(note.id, body="AB", parent_ids=[heads[0].id, heads[1].id])
    assert notes.list_heads(note.id) == [heads[2], ab]


def test_merge_refuses_what_is_not_a_set_of_current_heads(
    notes: NoteService, family_id: str, store: Store, clock: FakeClock
) -> None:
    note, first = notes.add_note(family_id, title="Overleg", body="Basis")
    a, b = edits_of(notes, clock, note.id, first, "Basis + A", "Basis + B")
    _other, other_first = notes.add_note(family_id, title="Ander", body="x")
    before = writes(store)
    for parents in (
        [a.id, first.id],  # first is no head any more
        [a.id],  # nothing to merge
        [a.id, a.id],  # twice the same
        [a.id, other_first.id],  # another note's revision
        [a.id, "no-such-revision"],
    ):
        with pytest.raises(ValidationError) as err:
            notes.merge_revisions(note.id, body="samen", parent_ids=parents)
        assert err.value.field == "revisie"
    with pytest.raises(ValidationError) as err:
        notes.merge_revisions(note.id, body=" ", parent_ids=[a.id, b.id])
    assert err.value.field == "verslag"
    assert writes(store) == before
    assert notes.list_heads(note.id) == [a, b]


def test_notes_order_retitle_and_delete(notes: NoteService, family_id: str, store: Store) -> None:
    october, _ = notes.add_note(family_id, title="Okt", body="t", visit_date=dt.date(2026, 10, 1))
    undated, _ = notes.add_note(family_id, title="Los", body="t")
    november, _ = notes.add_note(family_id, title="Nov", body="t", visit_date=dt.date(2026, 11, 1))
    other = FamilyService(store, today=lambda: TODAY).add_family(name="Gezin Ander").id
    notes.add_note(other, title="Ander gezin", body="t")
    assert [n.id for n in notes.list_notes(family_id)] == [november.id, october.id, undated.id]

    before = writes(store)
    renamed = notes.retitle_note(october.id, "Oktober")
    assert renamed.title == "Oktober" and notes.get_note(october.id).title == "Oktober"
    assert writes(store) == (before[0] + 1, before[1] + 1)
    with pytest.raises(ValidationError):
        notes.retitle_note(october.id, " ")
    assert writes(store) == (before[0] + 1, before[1] + 1)

    notes.remove_note(undated.id)
    assert [n.id for n in notes.list_notes(family_id)] == [november.id, october.id]
    assert store.get("notes", undated.id, include_deleted=True)["deleted"] == 1
    last = store.query("SELECT * FROM outbox ORDER BY seq DESC LIMIT 1")[0]
    assert (last["entity"], last["op"], last["record_id"]) == ("notes", "delete", undated.id)
    for call in (
        lambda: notes.get_note(undated.id),
        lambda: notes.list_revisions(undated.id),
        lambda: notes.list_heads(undated.id),
        lambda: notes.latest_revision(undated.id),
        lambda: notes.retitle_note(undated.id, "x"),
        lambda: notes.remove_note(undated.id),
    ):
        with pytest.raises(NotFound):
            call()


def test_merge_proposal_combines_separate_changes_without_markers(
    notes: NoteService, family_id: str, clock: FakeClock
) -> None:
    base = "Gesprek met moeder.\nSchulden besproken.\nVolgende week bellen."
    note, first = notes.add_note(family_id, title="Bezoek", body=base)
    edits_of(
        notes,
        clock,
        note.id,
        first,
        "Gesprek met moeder en oma.\n" + base.split("\n", 1)[1],
        base + "\nAfspraak met school gemaakt.",
    )
    proposal = notes.merge_proposal(note.id)
    assert proposal.conflicts == 0
    assert proposal.text == (
        "Gesprek met moeder en oma.\nSchulden besproken.\nVolgende week bellen.\n"
        "Afspraak met school gemaakt."
    )
    assert not MergeProposal.has_markers(proposal.text)
    assert len(proposal.heads) == 2


def test_merge_proposal_keeps_both_sides_of_a_clash_between_markers(
    notes: NoteService, family_id: str, clock: FakeClock
) -> None:
    note, first = notes.add_note(family_id, title="Bezoek", body="Intro\nStand: onbekend\nSlot")
    edits_of(
        notes, clock, note.id, first, "Intro\nStand: goed\nSlot", "Intro\nStand: zorgelijk\nSlot"
    )
    proposal = notes.merge_proposal(note.id)
    assert proposal.conflicts == 1
    lines = proposal.text.splitlines()
    assert lines[0] == "Intro" and lines[-1] == "Slot"
    assert "Stand: goed" in lines and "Stand: zorgelijk" in lines
    assert "Stand: onbekend" not in lines
    assert MergeProposal.has_markers(proposal.text)
    assert any("regisseur.anna" in line for line in lines if line.startswith("<<<<<<<"))
    merged = notes.merge_revisions(
        note.id, body="Intro\nStand: zorgelijk\nSlot", parent_ids=[h.id for h in proposal.heads]
    )
    assert notes.list_heads(note.id) == [merged]


def test_merge_proposal_for_three_heads_keeps_every_addition(
    notes: NoteService, family_id: str, clock: FakeClock
) -> None:
    note, first = notes.add_note(family_id, title="Bezoek", body="a\nb\nc\nd\ne")
    edits_of(notes, clock, note.id, first, "A\nb\nc\nd\ne", "a\nb\nC\nd\ne", "a\nb\nc\nd\nE")
    proposal = notes.merge_proposal(note.id)
    assert (proposal.text, proposal.conflicts, len(proposal.heads)) == ("A\nb\nC\nd\nE", 0, 3)


def test_merge_proposal_keeps_both_additions_at_the_same_place(
    notes: NoteService, family_id: str, clock: FakeClock
) -> None:
    note, first = notes.add_note(family_id, title="Bezoek", body="Gesprek thuis.")
    oma, school = "Gesprek thuis.\nOma was er ook.", "Gesprek thuis.\nSchool gebeld."
    edits_of(notes, clock, note.id, first, oma, school)
    proposal = notes.merge_proposal(note.id)
    assert (proposal.text, proposal.conflicts) == (
        "Gesprek thuis.\nOma was er ook.\nSchool gebeld.",
        0,
    )


def test_notes_with_two_heads_counts_what_heads_finds(
    notes: NoteService, family_id: str, store: Store, clock: FakeClock
) -> None:
    settled, first = notes.add_note(family_id, title="Rustig", body="a")
    notes.revise_note(settled.id, body="b", parent_id=first.id)
    clashing, base = notes.add_note(family_id, title="Botsing", body="a")
    edits_of(notes, clock, clashing.id, base, "b", "c")
    assert (
        notes_with_two_heads(store)
        == 1
        == sum(len(notes.list_heads(n.id)) > 1 for n in notes.list_notes(family_id))
    )
    merged = notes.merge_revisions(
        clashing.id, body="bc", parent_ids=[h.id for h in notes.list_heads(clashing.id)]
    )
    assert merged and notes_with_two_heads(store) == 0
