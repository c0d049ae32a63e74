"""What was destroyed, for every laptop to destroy its copy at its next sync."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request

from ... import protocol as p
from .. import destruction
from ..db import ServerDB
from ..identity import SIGNED, signed_in


def router(db: ServerDB) -> APIRouter:
    api = APIRouter(prefix="/v1", dependencies=SIGNED)

    @api.get("/destroyed")
    def destroyed(request: Request, since: int = Query(ge=0, le=p.MAX_CURSOR)) -> dict[str, object]:
        """Ids only: a laptop holding one of them destroys its copy."""
        with signed_in(db, request, None, read_only=True) as (tx, _):
            return destruction.destroyed_since(tx, since)

    return api
