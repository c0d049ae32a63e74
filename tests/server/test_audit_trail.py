"""The central NEN 7513 trail over real HTTP: laptops send their audit events, the server
keeps them in their own append-only table (a family leaving a scope takes none of them
along), chains them again, and ``regiedesk-server audit verify`` finds a changed, removed
or moved event."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable

from regiedesk.audit_chain import GENESIS
from regiedesk.sync import protocol as p
from regiedesk.sync.client import SyncClient

from .conftest import Running
from .test_cli_sync import server_cli
from .world import Laptop, delegate


def trail(server: Running) -> list[dict[str, object]]:
    return server.db.query(
        "SELECT seq, event_id, account, device_id, event, client, user_name, objects,"
        " device_prev_hash, device_hash, prev_hash, hash FROM audit_events ORDER BY seq"
    )


def busy_day(server: Running, laptop: Callable[..., Laptop]) -> tuple[Laptop, Laptop, str]:
    anna, bert = laptop("anna"), laptop("bert")
    family = anna.services.families.add_family(name="Gezin Spoor", status="actief")
    anna.services.audit.log_opened(family.id, "overview")
    anna.sync()
    delegate(server.db, family.id, "bert")
    bert.sync()
    bert.services.audit.log_opened(family.id, "notes")
    bert.sync()
    return anna, bert, family.id


def test_events_of_every_laptop_reach_the_central_trail(
    server: Running, laptop: Callable[..., Laptop]
) -> None:
    anna, bert, family = busy_day(server, laptop)
    rows = trail(server)
    local = {
        who.user: [r["id"] for r in who.store.query("SELECT id FROM audit_log ORDER BY seq")]
        for who in (anna, bert)
    }
    for who in ("anna", "bert"):  # each laptop's events, all of them, in its order
        assert [r["event_id"] for r in rows if r["account"] == who] == local[who]
    assert rows[0]["prev_hash"] == GENESIS
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(rows))
    read = next(r for r in rows if r["account"] == "bert" and r["event"] == "read")
    assert read["client"] == family and json.loads(str(read["objects"]))[1] == "view/notes"
    again = len(trail(server))
    bert.engine._push_audit(lambda: False)  # a retry of what is there stores nothing twice
    assert len(trail(server)) == again
    verified = server_cli(server.db.url, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "audit trail intact" in verified.stdout


def test_a_family_leaving_the_scope_leaves_its_events(
    server: Running, laptop: Callable[..., Laptop]
) -> None:
    _, bert, family = busy_day(server, laptop)
    before = len(trail(server))
    server.db.execute("DELETE FROM delegations WHERE family_id = ?", (family,))
    assert bert.sync().purged == 1
    rows = trail(server)
    assert len(rows) >= before and any(
        r["account"] == "bert" and r["client"] == family for r in rows
    )


def tampered(server: Running, sql: str) -> str:
    server.db.execute(sql)
    verified = server_cli(server.db.url, "audit", "verify")
    assert verified.returncode == 1, verified.stdout + verified.stderr
    assert "audit trail NOT intact" in verified.stdout
    return verified.stdout


def test_verify_finds_a_changed_event(server: Running, laptop: Callable[..., Laptop]) -> None:
    busy_day(server, laptop)
    out = tampered(server, "UPDATE audit_events SET user_name = 'niemand' WHERE seq = 2")
    assert "event seq 2 was changed" in out  # the device's chain: its hash no longer fits


def test_verify_finds_a_changed_account(server: Running, laptop: Callable[..., Laptop]) -> None:
    busy_day(server, laptop)
    out = tampered(server, "UPDATE audit_events SET account = 'niemand' WHERE seq = 2")
    assert "server chain: event seq 2 was changed" in out


def test_verify_finds_a_removed_event(server: Running, laptop: Callable[..., Laptop]) -> None:
    busy_day(server, laptop)
    out = tampered(server, "DELETE FROM audit_events WHERE seq = 2")
    assert "server chain: event seq 3 does not follow the one before" in out


def test_verify_finds_two_events_swapped(server: Running, laptop: Callable[..., Laptop]) -> None:
    busy_day(server, laptop)
    top = int(server.db.query("SELECT max(seq) AS n FROM audit_events")[0]["n"])
    server.db.execute("UPDATE audit_events SET seq = ? WHERE seq = 2", (top + 1,))
    server.db.execute("UPDATE audit_events SET seq = 2 WHERE seq = 3")
    out = tampered(server, f"UPDATE audit_events SET seq = 3 WHERE seq = {top + 1}")
    assert "server chain: event seq 2 does not follow the one before" in out


def test_a_team_leaders_laptop_sends_its_trail_too(server: Running) -> None:
    token = server.device("teun", "teamleader")
    client = SyncClient(server.url, token, schema=p.SUPPORTED_SCHEMAS[1])
    try:
        event: p.AuditEvent = {
            "id": "e1", "event": "read", "at": "2026-11-24T09:00:00Z", "client": None,
            "user": "teun", "responsible_user": "teun", "device": "d", "objects": "[]",
            "prev_hash": GENESIS, "hash": "0" * 64,
        }  # fmt: skip
        assert client.push_audit([event]) == 1
    finally:
        client.close()
    assert [r["account"] for r in trail(server)] == ["teun"]
    out = server_cli(server.db.url, "audit", "verify").stdout
    assert "chain of device" in out and "was changed" in out  # a bad hash is kept and shown
