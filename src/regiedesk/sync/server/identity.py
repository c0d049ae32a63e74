"""Who is calling: the device token checked in the request's own transaction, the role
checked, and a refusal written to the access log after that transaction's rollback."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import Depends, HTTPException, Request

from .. import protocol as p
from . import auth, queries
from .db import ServerDB, Transaction


@dataclass(frozen=True)
class Caller:
    user: str
    role: str
    device_id: str
    last_seen: str | None = None  # the device's contact before this request (server time)
    # what was read alongside the token (``queries.Alongside``): its columns by name, and
    # the rows of each statement it sent after the look-up
    columns: Mapping[str, Any] = field(default_factory=dict, compare=False)
    then: Sequence[Sequence[tuple[Any, ...]]] = field(default_factory=list, compare=False)


class Refused(Exception):
    """A refusal that goes into the access log (written outside the refused transaction)."""

    def __init__(
        self,
        user: str | None,
        device: str | None,
        action: str,
        outcome: str,
        answer: HTTPException,
    ) -> None:
        super().__init__(outcome)
        self.user, self.device, self.action, self.outcome = user, device, action, outcome
        self.answer = answer


def error(status: int, code: p.ErrorCode, message: str, **extra: Any) -> HTTPException:
    """A refusal whose ``detail`` is a ``protocol.ErrorBody`` (``extra``: its optional fields)."""
    body: p.ErrorBody = {"code": code, "message": message}
    return HTTPException(status, detail={**body, **extra})


def identify(
    tx: Transaction,
    request: Request,
    role: p.Role | None,
    alongside: queries.Alongside | None = None,
) -> Caller:
    """The caller of a request, checked in the request's own transaction.

    One transaction and one thread hand-off per request: as a FastAPI dependency
    the look-up ran on a thread of its own, in a transaction of its own. ``alongside``:
    what the request reads in the same round trip (``Caller.columns`` and ``then``).
    """
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        raise error(401, p.ErrorCode.UNAUTHORIZED, "sign in first")
    device, then = queries.device_with(tx, header[7:].strip(), alongside or queries.Alongside())
    caller = checked(device, then, request.url.path, role)
    queries.mark_seen(tx, caller.columns)
    return caller


def checked(
    device: dict[str, Any] | None,
    then: Sequence[Sequence[tuple[Any, ...]]],
    path: str,
    role: p.Role | None,
) -> Caller:
    """The caller holding ``device`` (``queries.device_with``), if it may make a request
    of ``role`` (None: any); refused as ``identify`` refuses it otherwise."""
    if device is None:  # logged: someone trying tokens is worth knowing about
        unknown = error(401, p.ErrorCode.UNAUTHORIZED, "unknown device token")
        raise Refused(None, None, path, "bad_token", unknown)
    if device["revoked"]:
        revoked = p.ErrorCode.DEVICE_REVOKED
        raise Refused(
            device["name"], device["id"], path, revoked,
            error(401, revoked, "this device was revoked: its data must be wiped"),
        )  # fmt: skip
    if device["disabled"]:
        raise error(403, p.ErrorCode.USER_DISABLED, "this account is disabled")
    if role is not None and device["role"] != role:  # None: any role
        raise Refused(
            device["name"], device["id"], f"role:{role}", "refused",
            error(403, p.ErrorCode.FORBIDDEN, "not allowed for your role"),
        )  # fmt: skip
    # a device never seen before: its sign-in is the floor of what it may claim to have done
    seen = str(device["last_seen"] or device["created_at"])
    return Caller(device["name"], device["role"], device["id"], seen, device, then)


class RecentTokens:
    """Tokens this process found in the database in the last ``ttl_s`` seconds, by their
    hash, so that a device's next push has its body read without a look-up (a thread
    hand-off and a round trip) more.

    Only the gate before a body uses it: every endpoint checks the token in its own
    transaction, so a revoked device is refused at once all the same; at worst its body
    (at most ``MAX_BODY_BYTES``) is read first, for ``ttl_s`` after its last push.
    """

    def __init__(self, ttl_s: float = 60.0, size: int = 10_000) -> None:
        self.ttl_s, self.size = ttl_s, size
        self._until: dict[str, float] = {}

    def __contains__(self, token: str) -> bool:
        until = self._until.get(auth.token_hash(token))
        return until is not None and until > time.monotonic()

    def add(self, token: str) -> None:
        if len(self._until) >= self.size:
            self._until.clear()  # simpler than an LRU; the next push of each looks up again
        self._until[auth.token_hash(token)] = time.monotonic() + self.ttl_s


def known_token(db: ServerDB, token: str, path: str) -> bool:
    """Whether a device holds ``token`` (revoked or not: ``identify`` says which), before
    the request's body is read; an unknown one is logged as ``identify`` logs it."""
    with db.reading() as tx:
        device = queries.device_by_token(tx, token.strip())
    if device is None:
        queries.log_access(db, None, None, path, "bad_token")
    return device is not None


async def _bearer(request: Request) -> None:
    """Anonymous calls are refused before their body is read (on the event loop)."""
    if not request.headers.get("authorization", "").lower().startswith("bearer "):
        raise error(401, p.ErrorCode.UNAUTHORIZED, "sign in first")


SIGNED = [Depends(_bearer)]  # the ``dependencies`` of every endpoint that needs a device


@contextmanager
def signed_in(
    db: ServerDB,
    request: Request,
    role: p.Role | None,
    *,
    read_only: bool = False,
    alongside: queries.Alongside | None = None,
) -> Iterator[tuple[Transaction, Caller]]:
    """A transaction for a caller with ``role`` (None: any); refusals are logged after its
    rollback.

    ``read_only`` requests (pull, checksum) run their statements without a transaction
    around them (``ServerDB.reading``). ``alongside``: read with the token (``identify``).
    """
    try:
        with db.reading() if read_only else db.transaction() as tx:
            yield tx, identify(tx, request, role, alongside)
    except Refused as refused:
        queries.log_access(db, refused.user, refused.device, refused.action, refused.outcome)
        raise refused.answer from None
