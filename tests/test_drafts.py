from __future__ import annotations

from pathlib import Path

from regiedesk.services import Services
from regiedesk.store import Store, open_profile

from .conftest import PASSPHRASE


def test_drafts_survive_a_restart_and_are_not_synced(store: Store, data_dir: Path) -> None:
    services = Services.over(store)
    services.drafts.save_draft("note:new:fam1", "Halverwege een zin")
    services.drafts.save_draft("note:new:fam1", "Halverwege een zin, nu verder")
    assert store.query("SELECT count(*) AS n FROM outbox")[0]["n"] == 0
    assert store.query("SELECT count(*) AS n FROM audit_log")[0]["n"] == 0
    store.close()
    with open_profile(data_dir, PASSPHRASE) as reopened:
        drafts = Services.over(reopened).drafts
        assert drafts.get_draft("note:new:fam1") == "Halverwege een zin, nu verder"
        drafts.remove_draft("note:new:fam1")
        assert drafts.get_draft("note:new:fam1") is None


def test_drafts_are_listed_by_the_start_of_their_key(store: Store) -> None:
    drafts = Services.over(store).drafts
    drafts.save_draft("note:fam1:new:a", "Eerste")
    drafts.save_draft("note:fam1:new:b", "Tweede")
    drafts.save_draft("note:fam10:new:c", "Ander gezin")  # a prefix of the key, not the family
    drafts.save_draft("note:fam1:n1", "Bestaand verslag")
    listed = drafts.list_drafts("note:fam1:new:")
    assert sorted((key, text) for key, text, _ in listed) == [
        ("note:fam1:new:a", "Eerste"),
        ("note:fam1:new:b", "Tweede"),
    ]
    assert drafts.list_drafts("note:%") == []  # a pattern character is no pattern


def test_the_draft_typed_last_stays_first_when_every_draft_is_saved_again(store: Store) -> None:
    """A lock saves every open draft once more: that is no typing, and must not reorder
    them (the editor reopens the one typed last); nor may two in one millisecond tie."""
    drafts = Services.over(store).drafts
    for _ in range(20):
        drafts.save_draft("note:fam1:new:b", "Eerste")
        drafts.save_draft("note:fam1:new:a", "Tweede")  # typed last
        drafts.save_draft("note:fam1:new:b", "Eerste")  # saved again, unchanged
        first = next(key for key, *_ in drafts.list_drafts("note:fam1:new:"))
        assert first == "note:fam1:new:a"
        drafts.remove_draft("note:fam1:new:a")
        drafts.remove_draft("note:fam1:new:b")
