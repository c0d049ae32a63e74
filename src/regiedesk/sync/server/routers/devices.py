"""Signing a laptop in: a user's password (and second factor) buys a device token.

The door's limits are in ``sign_in``: failed attempts per account and per address (429
``too_many_attempts`` with Retry-After while one waits, and no password checked), and a
bound on concurrent password checks (503 ``busy``). A wrong or missing authenticator code
is answered as a wrong password, so the answer never confirms a password.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from ... import protocol as p
from .. import auth, queries, sign_in
from ..bodies import Register
from ..db import ServerDB
from ..identity import error, signed_in

log = logging.getLogger("regiedesk.server")


def _wait(status: int, code: p.ErrorCode, message: str, seconds: int) -> HTTPException:
    refusal = error(status, code, message, retry_after=seconds)
    refusal.headers = {"Retry-After": str(seconds)}
    return refusal


def router(db: ServerDB) -> APIRouter:
    api = APIRouter()

    turns = sign_in.Turns()

    def begin(body: Register, address: str) -> sign_in.Attempt:
        attempt = sign_in.begin(db, body.user, address)
        if attempt.wait is not None:
            queries.log_access(db, body.user, None, "register", p.ErrorCode.TOO_MANY_ATTEMPTS)
            message = "too many failed attempts: wait"
            raise _wait(429, p.ErrorCode.TOO_MANY_ATTEMPTS, message, attempt.wait)
        return attempt

    def check_password(body: Register) -> tuple[dict[str, Any] | None, bool]:
        with db.reading() as tx:
            user = queries.user(tx, body.user)
        valid = auth.verify_password(user["password_hash"] if user else None, body.password)
        return user, valid

    def finish(
        body: Register, address: str, attempt: sign_in.Attempt, user: dict[str, Any] | None,
        valid: bool,
    ) -> p.RegisterAnswer:  # fmt: skip
        valid = valid and user is not None and not user["disabled"]
        if valid and user is not None and user["role"] in auth.NEEDS_SECOND_FACTOR:
            step = auth.verify_totp(user["totp_secret"] or "", body.totp or "")
            with db.transaction() as tx:  # each code once, also across server instances
                valid = step is not None and queries.use_totp_step(tx, body.user, step)
        if not valid or user is None:
            sign_in.failed(db, attempt)
            queries.log_access(db, body.user, None, "register", p.ErrorCode.BAD_CREDENTIALS)
            raise error(
                401, p.ErrorCode.BAD_CREDENTIALS, "wrong user name, password or authenticator code"
            )
        sign_in.succeeded(db, body.user, address)
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

    @api.post("/v1/devices", response_model=None)  # a TypedDict, not a pydantic model
    async def register(body: Register, request: Request) -> p.RegisterAnswer:
        """The database and Argon2id work in worker threads; the wait for a turn to check
        a password on the event loop, where it holds no thread (``sign_in``)."""
        address = request.client.host if request.client else "?"
        attempt = await run_in_threadpool(begin, body, address)
        async with turns.turn() as turn:
            if not turn:
                await run_in_threadpool(sign_in.not_checked, db, body.user, address)
                raise _wait(
                    503, p.ErrorCode.BUSY, "the server is busy: try again", sign_in.BUSY_RETRY_S
                )
            user, valid = await run_in_threadpool(check_password, body)
        return await run_in_threadpool(finish, body, address, attempt, user, valid)

    @api.get("/v1/devices/me", response_model=None)
    def me(request: Request) -> p.DeviceAnswer:
        """Who a token is: a profile connected before it kept its role asks (a team leader
        then opens the team workspace, not a caseload)."""
        with signed_in(db, request, None, read_only=True) as (_, who):
            return {"device_id": who.device_id, "user": who.user, "role": p.Role(who.role)}

    return api
