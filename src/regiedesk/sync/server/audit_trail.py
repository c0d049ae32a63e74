"""The central NEN 7513 trail: every device's audit events in one append-only table of
their own, chained again in the order the server received them.

Nothing else deletes from ``audit_events``: a family leaving a caseworker's scope, or
being handed over, leaves its events here. Each row keeps the device's own links
(``device_prev_hash``, ``device_hash``: the laptop's chain) and the server's
(``prev_hash``, ``hash``), whose hash covers who sent it (the device's account, as the
server knows it from the token) and when. ``verify`` walks both.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...audit_chain import GENESIS, ChainBreak, event_hash, verify_chain
from ...audit_chain import link_hash as chain_link
from ...clock import utc_text
from ...ids import uuid7
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

    Events already stored (a retried push), or sent twice, are skipped. The ``audit`` counter row is
    taken first: it serialises appends (also across server instances), so two pushes
    never link to the same last event. Returns how many were new.
    """
    seen = known_events(tx, [e["id"] for e in events])
    fresh = []
    for event in events:  # an id twice in one push is stored once (it was a 500)
        if event["id"] not in seen:
            seen.add(event["id"])
            fresh.append(event)
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
        starts = _starts(tx)
        server = verify_chain(
            _rows(tx), fields=SERVER_FIELDS, start=_start(tx, starts, SERVER_CHAIN)
        )
        report.events, report.server_break, report.last_hash = (
            server.events, server.first_break, server.last_hash,
        )  # fmt: skip
        devices = [str(r[0]) for r in tx.rows("SELECT DISTINCT device_id FROM audit_events")]
        for device in sorted(devices):
            chain = verify_chain(
                _rows(tx, "WHERE device_id = ?", (device,)),
                prev_key="device_prev_hash",
                hash_key="device_hash",
                start=_start(tx, starts, device),
            )
            if chain.first_break is not None:
                report.device_breaks[device] = chain.first_break
    return report


# --- the privacy officer's view ------------------------------------------------------

SERVER_DEVICE = "server"  # the device id of events the server itself writes
SERVER_CHAIN = "*"  # the server's own chain in audit_cuts (the others are device ids)


def events_about(tx: Transaction, client: str, since: str, until: str) -> list[dict[str, Any]]:
    """Every event about one client (its own, or one naming the family among its records,
    like an export or a search) between two moments, oldest first, with the device's name."""
    return tx.query(
        'SELECT a.event_id AS id, a.at, a.event, a.account, a.user_name AS "user",'
        " a.responsible_user,"
        " a.device_id, d.name AS device_name, a.objects FROM audit_events a"
        " LEFT JOIN devices d ON d.id = a.device_id"
        " WHERE (a.client = ? OR a.objects LIKE ?) AND a.at >= ? AND a.at < ? ORDER BY a.seq",
        (client, f'%"families/{client}"%', since, until),
    )


def read_trail(
    tx: Transaction, user: str, client: str, since: dt.date, until: dt.date
) -> list[dict[str, Any]]:
    """``events_about`` the client from ``since`` to ``until`` (both days included), and the
    look itself appended to the trail as a ``read`` in the same transaction."""
    end = until + dt.timedelta(days=1)
    events = events_about(tx, client, since.isoformat(), end.isoformat())
    append_server_event(
        tx, user, "read", client,
        [f"families/{client}", f"audit/trail/{since.isoformat()}/{until.isoformat()}"],
    )  # fmt: skip
    return events


def append_server_event(
    tx: Transaction, account: str, event: str, client: str | None, objects: list[str]
) -> None:
    """An event the server itself writes (a privacy officer's look, a removal after the
    retention term): chained as the device ``server``, then into the server's chain."""
    last = tx.rows(
        "SELECT device_hash FROM audit_events WHERE device_id = ? ORDER BY seq DESC LIMIT 1",
        (SERVER_DEVICE,),
    )
    prev = str(last[0][0]) if last else GENESIS
    values = {
        "id": uuid7(), "event": event, "at": utc_text(), "client": client, "user": account,
        "responsible_user": account, "device": SERVER_DEVICE,
        "objects": json.dumps(objects), "prev_hash": prev,
    }  # fmt: skip
    values["hash"] = event_hash(prev, values)
    append_events(tx, SERVER_DEVICE, account, [values])


# --- retention ------------------------------------------------------------------------

RETENTION_ENV = "REGIEDESK_AUDIT_RETENTION_YEARS"
DEFAULT_RETENTION_YEARS = 5  # NEN 7513 asks at least five years


def retention_years() -> int:
    value = os.environ.get(RETENTION_ENV) or str(DEFAULT_RETENTION_YEARS)
    years = int(value)
    if years < 1:
        raise ValueError(f"{RETENTION_ENV} must be at least 1 year")
    return years


def years_before(moment: dt.datetime, years: int) -> dt.datetime:
    """The same day ``years`` earlier (29 February: the 28th)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def remove_expired(db: ServerDB, *, years: int, now: dt.datetime, by: str) -> int:
    """Remove the events received more than ``years`` ago (the oldest part of the chain,
    in seq order), note where each chain now starts, and log the removal itself as a
    server event that names the cut. Returns how many went."""
    cutoff = years_before(now, years).strftime("%Y-%m-%dT%H:%M:%S")
    with db.transaction() as tx:
        tx.execute("UPDATE counters SET value = value WHERE name = 'audit'")  # as appends do
        last = tx.rows("SELECT max(seq) FROM audit_events WHERE received_at < ?", (cutoff,))
        up_to = last[0][0]
        if up_to is None:
            return 0
        removed = tx.execute("DELETE FROM audit_events WHERE seq <= ?", (up_to,))
        first = tx.rows("SELECT seq, prev_hash FROM audit_events ORDER BY seq LIMIT 1")
        starts: list[tuple[str, int, str]] = []
        if first:
            starts.append((SERVER_CHAIN, int(first[0][0]), str(first[0][1])))
        for device, seq, prev in tx.rows(
            "SELECT a.device_id, a.seq, a.device_prev_hash FROM audit_events a WHERE a.seq ="
            " (SELECT min(b.seq) FROM audit_events b WHERE b.device_id = a.device_id)"
        ):
            starts.append((str(device), int(seq), str(prev)))
        tx.execute("DELETE FROM audit_cuts")
        for chain, seq, prev in starts:
            tx.execute(
                "INSERT INTO audit_cuts (chain, first_seq, prev_hash) VALUES (?, ?, ?)",
                (chain, seq, prev),
            )
        append_server_event(
            tx, by, "delete", None,
            [f"audit/removed/{removed}", f"audit/up_to_seq/{up_to}", f"audit/before/{cutoff}"],
        )  # fmt: skip
    return removed


def _starts(tx: Transaction) -> dict[str, tuple[int, str]]:
    """Where retention cut each chain (a chain not cut starts at the genesis link)."""
    return {
        str(chain): (int(seq), str(prev))
        for chain, seq, prev in tx.rows("SELECT chain, first_seq, prev_hash FROM audit_cuts")
    }


def _start(tx: Transaction, starts: dict[str, tuple[int, str]], chain: str) -> str:
    """A chain's first link: the genesis, or the one noted when retention cut it (only
    while the event noted is still the first: removing it too shows as a break)."""
    cut = starts.get(chain)
    if cut is None:
        return GENESIS
    if chain == SERVER_CHAIN:
        first = tx.rows("SELECT min(seq) FROM audit_events")
    else:
        first = tx.rows("SELECT min(seq) FROM audit_events WHERE device_id = ?", (chain,))
    return cut[1] if first and first[0][0] is not None and int(first[0][0]) == cut[0] else GENESIS
