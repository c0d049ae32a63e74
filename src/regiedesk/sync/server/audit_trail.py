"""The central NEN 7513 trail: every device's audit events in one append-only table of
their own, chained again in the order the server received them.

Nothing else deletes from ``audit_events``: a family leaving a caseworker's scope, or
being handed over, leaves its events here. Each row keeps the device's own links
(``device_prev_hash``, ``device_hash``: the laptop's chain) and the server's
(``prev_hash``, ``hash``), whose hash covers who sent it (the device's account, as the
server knows it from the token) and when. ``verify`` walks both.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...audit_chain import GENESIS, ChainBreak, verify_chain
from ...audit_chain import link_hash as chain_link
from ...clock import utc_text
from .db import ServerDB, Transaction

# what the server's own link covers, after the previous row's hash
SERVER_FIELDS: tuple[str, ...] = ("id", "device_id", "account", "received_at", "device_hash")

# the columns as the chain functions name them ("user" is a reserved word in PostgreSQL)
_EVENT_COLUMNS = (
    'seq, event_id AS id, event, at, client, user_name AS "user", responsible_user, device,'
    " objects, device_prev_hash, device_hash, device_id, account, received_at, prev_hash, hash"
)


def known_events(tx: Transaction, ids: Sequence[str]) -> set[str]:
    if not ids:
        return set()
    marks = ", ".join("?" for _ in ids)
    rows = tx.rows(f"SELECT event_id FROM audit_events WHERE event_id IN ({marks})", ids)
    return {str(r[0]) for r in rows}


def append_events(
    tx: Transaction, device_id: str, account: str, events: Sequence[dict[str, Any]]
) -> int:
    """Store the events a device sent, in its order, each linked to the server's last.

    Events already stored (a retried push) are skipped. The ``audit`` counter row is
    taken first: it serialises appends (also across server instances), so two pushes
    never link to the same last event. Returns how many were new.
    """
    fresh = [e for e in events if e["id"] not in known_events(tx, [e["id"] for e in events])]
    if not fresh:
        return 0
    tx.execute("UPDATE counters SET value = value + ? WHERE name = 'audit'", (len(fresh),))
    top = int(tx.rows("SELECT value FROM counters WHERE name = 'audit'")[0][0])
    last = tx.rows("SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1")
    prev = str(last[0][0]) if last else GENESIS
    received = utc_text()
    rows = []
    for index, event in enumerate(fresh):
        row = {**event, "device_id": device_id, "account": account, "received_at": received,
               "device_hash": event["hash"]}  # fmt: skip
        digest = chain_link(prev, [row[name] for name in SERVER_FIELDS])
        rows.append(
            (
                top - len(fresh) + index + 1, event["id"], device_id, account, received,
                event["event"], event["at"], event["client"], event["user"],
                event["responsible_user"], event["device"], event["objects"],
                event["prev_hash"], event["hash"], prev, digest,
            )
        )  # fmt: skip
        prev = digest
    for row_values in rows:
        tx.execute(
            "INSERT INTO audit_events (seq, event_id, device_id, account, received_at, event,"
            " at, client, user_name, responsible_user, device, objects, device_prev_hash,"
            " device_hash, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?)",
            row_values,
        )
    return len(fresh)


@dataclass
class TrailReport:
    """``regiedesk-server audit verify``: the server's chain and each device's."""

    events: int = 0
    server_break: ChainBreak | None = None
    device_breaks: dict[str, ChainBreak] = field(default_factory=dict)
    last_hash: str = GENESIS

    @property
    def ok(self) -> bool:
        return self.server_break is None and not self.device_breaks

    def lines(self) -> list[str]:
        said = [f"{self.events} audit events; the server's chain ends in {self.last_hash}"]
        if self.server_break is not None:
            said.append(_broken("server chain", self.server_break))
        for device, broken in sorted(self.device_breaks.items()):
            said.append(_broken(f"chain of device {device}", broken))
        said.append("audit trail intact" if self.ok else "audit trail NOT intact")
        return said


def _broken(chain: str, broken: ChainBreak) -> str:
    what = {
        "changed": "was changed",
        "removed_or_reordered": "does not follow the one before (removed, moved or inserted)",
    }[broken.kind]
    return f"{chain}: event seq {broken.seq} {what}"


def _rows(tx: Transaction, where: str = "", params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
    yield from tx.stream(f"SELECT {_EVENT_COLUMNS} FROM audit_events {where} ORDER BY seq", params)


def verify(db: ServerDB) -> TrailReport:
    """Walk the server's chain over every event, then each device's own chain."""
    report = TrailReport()
    with db.reading() as tx:
        server = verify_chain(_rows(tx), fields=SERVER_FIELDS)
        report.events, report.server_break, report.last_hash = (
            server.events, server.first_break, server.last_hash,
        )  # fmt: skip
        devices = [str(r[0]) for r in tx.rows("SELECT DISTINCT device_id FROM audit_events")]
        for device in sorted(devices):
            chain = verify_chain(
                _rows(tx, "WHERE device_id = ?", (device,)),
                prev_key="device_prev_hash",
                hash_key="device_hash",
            )
            if chain.first_break is not None:
                report.device_breaks[device] = chain.first_break
    return report
