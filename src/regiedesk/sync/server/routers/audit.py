"""A laptop's audit events reach the central trail (``audit_trail``), whoever's laptop."""

from __future__ import annotations

from fastapi import APIRouter, Request

from .. import audit_trail
from ..bodies import AuditPush
from ..db import ServerDB
from ..identity import SIGNED, signed_in


def router(db: ServerDB) -> APIRouter:
    api = APIRouter(prefix="/v1/audit", dependencies=SIGNED)

    @api.post("/push")
    def push_audit(body: AuditPush, request: Request) -> dict[str, int]:
        """Append the events in their order; the account is the token's, not the event's."""
        with signed_in(db, request, None) as (tx, who):
            events = [e.model_dump() for e in body.events]
            stored = audit_trail.append_events(tx, who.device_id, who.user, events)
        return {"stored": stored}

    return api
