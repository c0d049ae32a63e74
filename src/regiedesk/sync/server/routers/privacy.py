"""The privacy officer's endpoints: the central audit trail about one client."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from ... import protocol as p
from .. import access, audit_trail
from ..bodies import Day
from ..db import ServerDB
from ..identity import SIGNED, signed_in


def router(db: ServerDB) -> APIRouter:
    api = APIRouter(prefix="/v1/privacy", dependencies=SIGNED)

    @api.get("/trail")
    def privacy_trail(
        request: Request,
        client: Annotated[str, Query(min_length=1, max_length=64)],
        since: Annotated[Day, Query()],
        until: Annotated[Day, Query()],
    ) -> dict[str, Any]:
        """Who saw or changed what of ``client`` from ``since`` to ``until`` (both days
        included); the look itself goes into the trail, in the same transaction."""
        with signed_in(db, request, p.Role.PRIVACY_OFFICER) as (tx, who):
            events = audit_trail.read_trail(tx, who.user, client, since, until)
        answer: p.TrailAnswer = {"client": client, "events": events}  # type: ignore[typeddict-item]
        return dict(answer)

    @api.get("/access")
    def privacy_access(
        request: Request,
        client: str = Query(min_length=1, max_length=64),
        member: str | None = Query(default=None, max_length=64),
    ) -> dict[str, Any]:
        """Everything the server holds about the family (or the member), for an access
        request; handing it out is an ``export`` event in the trail."""
        with signed_in(db, request, p.Role.PRIVACY_OFFICER) as (tx, who):
            document = access.access_document(tx, client, member)
            audit_trail.append_server_event(
                tx, who.user, "export", client,
                [f"families/{client}", *([f"members/{member}"] if member else []), "access"],
            )  # fmt: skip
        return dict(document)

    return api
