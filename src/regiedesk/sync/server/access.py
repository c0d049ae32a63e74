"""Access (inzage, AVG art. 15): everything the server holds about one family, or one
member of it, as one JSON document: the current state of each record (``record_state``),
what was destroyed of it, and the audit trail about it. A member's records are those
``sync.member_destruction`` counts as about the member, so access and destruction agree."""

from __future__ import annotations

import json
from typing import Any

from .. import protocol as p
from ..member_destruction import doomed_records
from .db import Transaction


def access_document(tx: Transaction, family: str, member: str | None = None) -> p.AccessAnswer:
    """Everything the server holds about a family (or one member of it): each record's
    current state, what was destroyed of it, and who saw or changed it (the trail)."""
    rows = tx.rows(
        "SELECT entity, record_id, data FROM record_state WHERE family_id = ?"
        " ORDER BY entity, record_id",
        (family,),
    )
    held = {(str(entity), str(record_id)): json.loads(data) for entity, record_id, data in rows}
    # a member's access: the records about that member, the ones a destruction would take
    # (the member, their assessments and scores, goals, correction requests)
    about = None if member is None else doomed_records(member, held)
    records: dict[str, list[dict[str, Any]]] = {}
    for (entity, record_id), fields in held.items():
        if fields.get("deleted") or (about is not None and (entity, record_id) not in about):
            continue
        records.setdefault(entity, []).append({"id": record_id, **fields})
    trail = tx.query(
        "SELECT at, event, account, responsible_user, device_id, objects FROM audit_events"
        " WHERE client = ? OR objects LIKE ? ORDER BY seq",
        (family, f'%"families/{family}"%'),
    )
    destroyed = tx.query(
        "SELECT kind, record_id, destroyed_at, by_user, reason, exceptions FROM destructions"
        " WHERE family_id = ? ORDER BY seq",
        (family,),
    )
    return {
        "family": family,
        "member": member,
        "records": records,
        "destroyed": destroyed,
        "trail": trail,
    }
