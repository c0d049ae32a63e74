"""The drafts (concepts) of notes: what is typed is kept, encrypted, per note and per
unsaved new note, until it is saved or thrown away. Qt-free: the notes tab calls these."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from ...services import Services


def draft_key(family_id: str, note_id: str | None) -> str:
    """The body's draft; the title's is this key with ``:title``. ``None``: the one new note
    of before every new note had its own draft (still read, see ``new_draft_prefix``)."""
    return f"note:{family_id}:{note_id or 'new'}"


def new_draft_prefix(family_id: str) -> str:
    """What the keys of a family's new notes start with (one key per unsaved new note)."""
    return draft_key(family_id, None)


def new_draft_key(family_id: str) -> str:
    return f"{new_draft_prefix(family_id)}:{uuid.uuid4().hex}"


@dataclass
class Draft:
    title: str | None
    body: str | None


def load_draft(s: Services, key: str) -> Draft | None:
    title, body = s.drafts.get_draft(f"{key}:title"), s.drafts.get_draft(key)
    return None if title is None and body is None else Draft(title, body)


def store_draft(s: Services, key: str, title: str, body: str) -> None:
    for part, value in ((key, body), (f"{key}:title", title)):
        if value.strip():
            s.drafts.save_draft(part, value)
        else:
            s.drafts.remove_draft(part)


def discard_draft(s: Services, key: str) -> None:
    s.drafts.remove_draft(key)
    s.drafts.remove_draft(f"{key}:title")


@dataclass
class NewDraft:
    """An unsaved new note: its draft's key, what is typed, when last typed."""

    key: str
    title: str
    body: str
    updated_at: str


def new_drafts(s: Services, family_id: str) -> list[NewDraft]:
    """Every unsaved new note of the family, the one typed in last first."""
    found: dict[str, NewDraft] = {}
    for key, text, updated_at in s.drafts.list_drafts(new_draft_prefix(family_id)):
        base = key.removesuffix(":title")
        draft = found.setdefault(base, NewDraft(base, "", "", updated_at))
        draft.updated_at = max(draft.updated_at, updated_at)
        if key.endswith(":title"):
            draft.title = text
        else:
            draft.body = text
    return sorted(found.values(), key=lambda d: d.updated_at, reverse=True)
