"""The audit trail names the signed-in account: a profile made under the computer's login
(``root`` here) and then connected as ``anna`` logs ``anna``, on every connection to it."""

from __future__ import annotations

from pathlib import Path

from regiedesk.services.families import FamilyService
from regiedesk.store import create_profile
from regiedesk.sync.session import connect_profile

from ..conftest import FAST_KDF, PASSPHRASE
from .conftest import PASSWORD, Running


def test_a_profile_connected_as_anna_logs_anna(server: Running, tmp_path: Path) -> None:
    server.add_user("anna")
    store = create_profile(tmp_path / "p", PASSPHRASE, user="root", kdf=FAST_KDF)
    network_thread = store.another_connection()  # the window connects on this one
    try:
        connect_profile(network_thread, server.url, "anna", PASSWORD, None)
        family = FamilyService(store).add_family(name="Gezin Na Koppelen")
        store.record_access("read", client=family.id, objects=[f"families/{family.id}"])
        events = store.query("SELECT event, user, responsible_user, device FROM audit_log")
        assert [(e["event"], e["user"], e["responsible_user"]) for e in events] == [
            ("create", "anna", "anna"),
            ("read", "anna", "anna"),
        ]
        assert {e["device"] for e in events} == {store.device_id}
        assert family.caseworker == "anna"
    finally:
        network_thread.close()
        store.close()
