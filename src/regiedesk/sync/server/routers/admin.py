"""The administrator's endpoints: devices, never client data."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from ... import protocol as p
from .. import queries
from ..db import ServerDB
from ..identity import SIGNED, error, signed_in


def router(db: ServerDB) -> APIRouter:
    api = APIRouter(prefix="/v1/admin", dependencies=SIGNED)

    @api.get("/devices")
    def admin_devices(request: Request) -> dict[str, Any]:
        with signed_in(db, request, p.Role.ADMIN) as (tx, _who):
            rows = queries.devices(tx)
        return {"devices": rows}

    @api.post("/devices/{device_id}/revoke")
    def admin_revoke(device_id: str, request: Request) -> dict[str, Any]:
        with signed_in(db, request, p.Role.ADMIN) as (tx, who):
            revoked = queries.revoke_device(tx, device_id)
        if not revoked:
            raise error(404, p.ErrorCode.NOT_FOUND, "no such device")
        queries.log_access(db, who.user, who.device_id, "revoke", device_id)
        return {"revoked": device_id}

    return api
