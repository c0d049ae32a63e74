"""Signing a laptop in: a user's password (and second factor) buys a device token."""

from __future__ import annotations

import logging

from fastapi import APIRouter

from ... import protocol as p
from .. import auth, queries
from ..bodies import Register
from ..db import ServerDB
from ..identity import error

log = logging.getLogger("regiedesk.server")


def router(db: ServerDB) -> APIRouter:
    api = APIRouter()

    @api.post("/v1/devices", response_model=None)  # a TypedDict, not a pydantic model
    def register(body: Register) -> p.RegisterAnswer:
        with db.transaction() as tx:
            user = queries.user(tx, body.user)
        valid = auth.verify_password(user["password_hash"] if user else None, body.password)
        if not user or not valid or user["disabled"]:
            queries.log_access(db, body.user, None, "register", p.ErrorCode.BAD_CREDENTIALS)
            raise error(401, p.ErrorCode.BAD_CREDENTIALS, "wrong user name or password")
        second = auth.verify_totp(user["totp_secret"] or "", body.totp or "")
        if user["role"] in auth.NEEDS_SECOND_FACTOR and not (body.totp and second):
            queries.log_access(db, body.user, None, "register", p.ErrorCode.SECOND_FACTOR)
            raise error(401, p.ErrorCode.SECOND_FACTOR, "a valid authenticator code is required")
        token = auth.new_token()
        with db.transaction() as tx:
            device_id = queries.add_device(tx, body.user, body.device_name, token)
        queries.log_access(db, body.user, device_id, "register", "ok")
        log.info("device registered: %s", device_id)
        return {
            "device_id": device_id,
            "token": token,
            "user": body.user,
            "role": p.Role(user["role"]),
        }

    return api
