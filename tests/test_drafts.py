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
