"""The sign-in door's limits: failed attempts per account and per address, and how many
passwords are checked at once (issue 16, 7; issue 13, 4).

Kept in the database (``sign_in_failures``), so every server instance in front of one
PostgreSQL counts the same attempts. An attempt is counted *before* its password is
checked (in the transaction that checks the wait), so guesses sent at once are counted
at once; a successful one takes its count back. After ``ACCOUNT_LIMIT`` attempts on an
account (known or not: the answers must not tell) or ``ADDRESS_LIMIT`` from one address
within ``WINDOW_S``, that account or address waits ``FIRST_WAIT_S``, twice as long after
each further lockout (at most ``MAX_WAIT_S``); while it waits no password is checked.
A correct sign-in ends the account's waits; an administrator can too
(``regiedesk-server user unlock``).

Argon2id takes 64 MiB per check: at most ``CONCURRENT_CHECKS`` run at once per server;
a sign-in that finds them busy for ``BUSY_WAIT_S`` gets 503 ``busy`` (40 guesses at once
took the server to 2.1 GB). A sign-in waits for its turn on the event loop, holding no
worker thread: waiting in the thread pool, 40 guesses held all its threads, and /health
and every other request waited a second for one.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from enum import StrEnum

from ...clock import wall_clock_ms
from .db import ServerDB, Transaction

ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20
WINDOW_S = 15 * 60
FIRST_WAIT_S = 60
MAX_WAIT_S = 60 * 60
QUIET_S = 24 * 60 * 60  # a day without a failed attempt: the waits start short again
CONCURRENT_CHECKS = 2
BUSY_WAIT_S = 1.0
BUSY_RETRY_S = 2


class Kind(StrEnum):
    ACCOUNT = "account"
    ADDRESS = "address"


LIMITS = {Kind.ACCOUNT: ACCOUNT_LIMIT, Kind.ADDRESS: ADDRESS_LIMIT}


def wait_after(lockouts: int) -> int:
    """Seconds of the ``lockouts``-th wait (1: the first)."""
    return int(min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** max(0, lockouts - 1)))


@dataclass
class Attempt:
    """``begin``'s answer: the seconds to wait, or None and what this attempt locked."""

    wait: int | None
    locked: list[tuple[Kind, str, int]] = field(default_factory=list)  # and its lockouts


def begin(db: ServerDB, user: str, address: str) -> Attempt:
    """Count an attempt on ``user`` from ``address``, or the seconds to wait when either is
    waiting (the attempt is then not counted, and no password is checked)."""
    at = wall_clock_ms()
    subjects = [(Kind.ACCOUNT, user), (Kind.ADDRESS, address)]
    with db.transaction() as tx:
        rows = [_row(tx, kind, subject, at) for kind, subject in subjects]
        waits = [r[3] - at for r in rows if r[3] is not None and r[3] > at]
        if waits:
            return Attempt(math.ceil(max(waits) / 1000))
        attempt = Attempt(None)
        for (kind, subject), (failures, first_at, lockouts, _) in zip(subjects, rows, strict=True):
            if at - first_at > QUIET_S * 1000:
                lockouts = 0
            if at - first_at > WINDOW_S * 1000:  # the window is over: count afresh
                failures, first_at = 0, at
            failures += 1
            locked_until = None
            if failures >= LIMITS[kind]:  # this attempt is still checked; the next waits
                lockouts += 1
                locked_until = at + wait_after(lockouts) * 1000
                failures, first_at = 0, at
                attempt.locked.append((kind, subject, lockouts))
            tx.execute(
                "UPDATE sign_in_failures SET failures = ?, first_at = ?, lockouts = ?,"
                " locked_until = ? WHERE kind = ? AND subject = ?",
                (failures, first_at, lockouts, locked_until, kind, subject),
            )
    return attempt


def failed(db: ServerDB, attempt: Attempt) -> None:
    """A wrong password or code: a wait this attempt began runs from its answer, so the
    answer's checking time is not taken off it."""
    if not attempt.locked:
        return
    at = wall_clock_ms()
    with db.transaction() as tx:
        for kind, subject, lockouts in attempt.locked:
            tx.execute(
                "UPDATE sign_in_failures SET locked_until = ? WHERE kind = ? AND subject = ?",
                (at + wait_after(lockouts) * 1000, kind, subject),
            )


def succeeded(db: ServerDB, user: str, address: str) -> None:
    """A right password (and code): the account's count and waits end; the address's
    count takes this attempt back (a lockout the address earned stays)."""
    with db.transaction() as tx:
        tx.execute(
            "DELETE FROM sign_in_failures WHERE kind = ? AND subject = ?", (Kind.ACCOUNT, user)
        )
        _take_back(tx, Kind.ADDRESS, address)


def not_checked(db: ServerDB, user: str, address: str) -> None:
    """An attempt counted by ``begin`` whose password was not checked (the server was
    busy): it does not count."""
    with db.transaction() as tx:
        _take_back(tx, Kind.ACCOUNT, user)
        _take_back(tx, Kind.ADDRESS, address)


def unlock(db: ServerDB, user: str) -> bool:
    """An administrator ends an account's count and waits; whether it had any."""
    with db.transaction() as tx:
        return (
            tx.execute(
                "DELETE FROM sign_in_failures WHERE kind = ? AND subject = ?",
                (Kind.ACCOUNT, user),
            )
            > 0
        )


class Turns:
    """Turns to check a password, ``CONCURRENT_CHECKS`` at once; one per app (an app runs
    on one event loop)."""

    def __init__(self) -> None:
        self._free = asyncio.Semaphore(CONCURRENT_CHECKS)

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[bool]:
        """A turn (True), or False when the checks stayed busy for ``BUSY_WAIT_S``."""
        try:
            await asyncio.wait_for(self._free.acquire(), BUSY_WAIT_S)
        except TimeoutError:
            yield False
            return
        try:
            yield True
        finally:
            self._free.release()


def _row(tx: Transaction, kind: Kind, subject: str, at: int) -> tuple[int, int, int, int | None]:
    """(failures, first_at, lockouts, locked_until) of a subject, its row locked for this
    transaction (made if it is new)."""
    tx.execute(
        "INSERT INTO sign_in_failures (kind, subject, failures, first_at, lockouts)"
        " VALUES (?, ?, 0, ?, 0) ON CONFLICT (kind, subject) DO NOTHING",
        (kind, subject, at),
    )
    lock = " FOR UPDATE" if tx.db.postgres else ""  # SQLite: BEGIN IMMEDIATE holds it all
    row = tx.rows(
        "SELECT failures, first_at, lockouts, locked_until FROM sign_in_failures"
        f" WHERE kind = ? AND subject = ?{lock}",
        (kind, subject),
    )[0]
    return int(row[0]), int(row[1]), int(row[2]), None if row[3] is None else int(row[3])


def _take_back(tx: Transaction, kind: Kind, subject: str) -> None:
    tx.execute(
        "UPDATE sign_in_failures SET failures = failures - 1"
        " WHERE kind = ? AND subject = ? AND failures > 0",
        (kind, subject),
    )
