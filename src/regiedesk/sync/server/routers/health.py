"""The monitoring endpoint: does the database answer."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter

from ... import protocol as p
from ..db import ServerDB
from ..identity import error

log = logging.getLogger("regiedesk.server")


def router(db: ServerDB) -> APIRouter:
    api = APIRouter()

    @api.get("/health")
    def health() -> dict[str, Any]:
        try:
            ok = db.ping()
        except Exception as exc:  # reported, not raised: this is the monitoring endpoint
            log.error("health: database unreachable (%s)", type(exc).__name__)
            ok = False
        if not ok:
            raise error(503, p.ErrorCode.DB_DOWN, "database unreachable")
        return {"status": "ok", "protocol": p.PROTOCOL_VERSION}

    return api
