"""Who saw or changed a family's file, for the caseworker who holds it: the central trail
(every laptop's events and the server's own, ``GET /v1/sync/trail``) with this laptop's
events not yet sent, in time order. Offline, or for a family the server does not know
(yet), this laptop's events alone, and it says so.

Looking is itself logged: the server writes a ``read`` event for the central part, and
this laptop one for the look (``view/trail``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import Offline, ServerRefused

if TYPE_CHECKING:
    from ..store import Store
    from .session import ClientFactory


@dataclass(frozen=True, slots=True)
class TrailRow:
    at: str  # UTC, as the event was logged
    event: str  # create, read, update, delete, print, export, search, transfer
    user: str
    responsible_user: str
    device: str  # the device's name where the server knows it, else its id
    objects: list[str]
    central: bool  # from the server's trail (else only on this laptop so far)


@dataclass
class FamilyTrail:
    family: str
    rows: list[TrailRow] = field(default_factory=list)
    central: bool = False  # the server's trail is in it; else this laptop's events alone


def family_trail(
    store: Store,
    family: str,
    start: dt.date,
    end: dt.date,
    *,
    client_factory: ClientFactory | None = None,
) -> FamilyTrail:
    """The events about ``family`` from ``start`` to ``end`` (both days included)."""
    from .session import default_client

    trail = FamilyTrail(family)
    seen: set[str] = set()
    url, token = store.meta("server_url"), store.meta("device_token")
    if url and token:
        http = (client_factory or default_client)(url, token)
        try:
            events = http.family_trail(family, start.isoformat(), end.isoformat())["events"]
        except (Offline, ServerRefused):
            events = None  # unreachable, or not a family the server has for this caseworker
        finally:
            http.close()
        if events is not None:
            trail.central = True
            for e in events:
                seen.add(str(e.get("id", "")))
                trail.rows.append(
                    TrailRow(
                        e["at"], e["event"], e["user"], e["responsible_user"],
                        e["device_name"] or e["device_id"], json.loads(e["objects"]), True,
                    )
                )  # fmt: skip
    until = (end + dt.timedelta(days=1)).isoformat()
    for r in store.query(
        "SELECT id, at, event, user, responsible_user, device, objects FROM audit_log"
        " WHERE (client = ? OR objects LIKE ?) AND at >= ? AND at < ? ORDER BY seq",
        (family, f'%"families/{family}"%', start.isoformat(), until),
    ):
        if r["id"] not in seen:
            row = TrailRow(
                r["at"], r["event"], r["user"], r["responsible_user"], store.device_id,
                json.loads(r["objects"]), False,
            )  # fmt: skip
            trail.rows.append(row)
    trail.rows.sort(key=lambda row: row.at)
    store.record_access("read", client=family, objects=[f"families/{family}", "view/trail"])
    return trail


def summary(rows: list[TrailRow]) -> list[dict[str, Any]]:
    """Per user: how many reads and how many changes, and the last time (for the header)."""
    per: dict[str, dict[str, Any]] = {}
    for row in rows:
        seen = per.setdefault(row.user, {"user": row.user, "reads": 0, "changes": 0, "last": ""})
        if row.event in ("read", "search", "print", "export"):
            seen["reads"] += 1
        elif row.event in ("create", "update", "delete"):
            seen["changes"] += 1
        seen["last"] = max(seen["last"], row.at)
    return sorted(per.values(), key=lambda s: str(s["last"]), reverse=True)
