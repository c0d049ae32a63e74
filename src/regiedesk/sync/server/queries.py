"""The server's queries, one function each, over a ``Transaction`` (see ``db.py``).

The routers and the command line ask here instead of writing SQL of their own;
which families a user may see lives beside this, in ``scope.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...clock import utc_now, utc_text
from ...ids import uuid7
from ...sql_lists import Statement, in_statements
from .. import protocol as p
from . import auth
from .db import ServerDB, Transaction

LAST_SEEN_EVERY = dt.timedelta(seconds=60)
PULLED = "seq, mutation_id, hlc, entity, record_id, family_id, op, device_id, data"


def log_access(
    db: ServerDB, user: str | None, device: str | None, action: str, outcome: str
) -> None:
    """One row of the access log, in a transaction of its own (a refusal's outlives its
    request's rollback)."""
    db.execute(
        "INSERT INTO access_log (at, user_name, device_id, action, outcome) VALUES (?, ?, ?, ?, ?)",
        (utc_text(), user, device, action, outcome),
    )


def log_action(tx: Transaction, user: str, device: str, action: str, outcome: str) -> None:
    """An action's row of the access log, in the action's own transaction: it is there
    exactly when the action is."""
    tx.execute(
        "INSERT INTO access_log (at, user_name, device_id, action, outcome) VALUES (?, ?, ?, ?, ?)",
        (utc_text(), user, device, action, outcome),
    )


# --- accounts and devices ----------------------------------------------------


def user(tx: Transaction, name: str) -> dict[str, Any] | None:
    rows = tx.query("SELECT * FROM users WHERE name = ?", (name,))
    return rows[0] if rows else None


def use_totp_step(tx: Transaction, name: str, step: int) -> bool:
    """Record ``step`` as the user's last authenticator step, if it is later than the last
    one used: whether it was (a code works once, also against another server instance)."""
    return (
        tx.execute(
            "UPDATE users SET totp_last_step = ?"
            " WHERE name = ? AND (totp_last_step IS NULL OR totp_last_step < ?)",
            (step, name, step),
        )
        == 1
    )


def add_user(
    tx: Transaction, name: str, role: str, password_hash: str, totp_secret: str | None
) -> None:
    tx.execute(
        "INSERT INTO users (name, role, password_hash, totp_secret, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (name, role, password_hash, totp_secret, utc_text()),
    )


def disable_user(tx: Transaction, name: str) -> bool:
    """False: no such user."""
    return bool(tx.execute("UPDATE users SET disabled = 1 WHERE name = ?", (name,)))


def add_device(tx: Transaction, user_name: str, device_name: str, token: str) -> str:
    """A new device of ``user_name``; only the token's hash is stored. Returns its id."""
    device_id = uuid7()
    tx.execute(
        "INSERT INTO devices (id, user_name, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
        (device_id, user_name, device_name, auth.token_hash(token), utc_text()),
    )
    return device_id


_DEVICE = ("id", "revoked", "last_seen", "created_at", "name", "role", "disabled")


@dataclass(frozen=True)
class Alongside:
    """What a request reads in the round trip of its token look-up (PostgreSQL): more
    columns of the caller's row, SQL over the user's name ``u.name`` (name, SQL, its
    parameters), and statements sent after it in the same pipeline (``then``)."""

    columns: Sequence[tuple[str, str, Sequence[Any]]] = ()
    then: Sequence[Statement] = ()


def device_by_token(tx: Transaction, token: str) -> dict[str, Any] | None:
    """The device holding ``token``, with its user's name, role and state."""
    return device_with(tx, token, Alongside())[0]


def device_with(
    tx: Transaction, token: str, alongside: Alongside
) -> tuple[dict[str, Any] | None, list[list[tuple[Any, ...]]]]:
    """``device_by_token`` with ``alongside``'s columns in its row, and the rows of
    ``alongside.then``: on PostgreSQL one round trip in all (``Transaction.gather``)."""
    first = device_statement(token, alongside)
    found = tx.gather([first, *alongside.then]) if alongside.then else [tx.rows(*first)]
    return device_row(found[0], alongside), found[1:]


def device_statement(token: str, alongside: Alongside) -> Statement:
    """The statement of ``device_with``'s row."""
    extra = "".join(f", {sql}" for _, sql, _ in alongside.columns)
    sql = (
        f"SELECT d.id, d.revoked, d.last_seen, d.created_at, u.name, u.role, u.disabled{extra}"
        " FROM devices d JOIN users u ON u.name = d.user_name WHERE d.token_hash = ?"
    )
    params = [v for _, _, values in alongside.columns for v in values]
    return sql, (*params, auth.token_hash(token))


def device_row(rows: Sequence[tuple[Any, ...]], alongside: Alongside) -> dict[str, Any] | None:
    """The device of ``device_statement``'s rows, by column name; None: no such token."""
    names = (*_DEVICE, *(name for name, _, _ in alongside.columns))
    return dict(zip(names, rows[0], strict=True)) if rows else None


def mark_seen(tx: Transaction, device: Mapping[str, Any]) -> None:
    """Record the device's contact, at most once a minute: not a row write and a WAL
    flush on every request of a device that syncs often."""
    seen = seen_statement(device)
    if seen is not None:
        tx.execute(*seen)


def seen_statement(device: Mapping[str, Any]) -> Statement | None:
    """``mark_seen``'s write, or None when the last contact is recent enough."""
    now = utc_now()
    cutoff = (now - LAST_SEEN_EVERY).isoformat(timespec="milliseconds")
    if device["last_seen"] is None or str(device["last_seen"]) < cutoff:
        stamp = now.isoformat(timespec="milliseconds")
        return "UPDATE devices SET last_seen = ? WHERE id = ?", (stamp, device["id"])
    return None


def devices(tx: Transaction) -> list[dict[str, Any]]:
    return tx.query(
        "SELECT id, user_name, name, created_at, last_seen, revoked FROM devices"
        " ORDER BY created_at"
    )


def revoke_device(tx: Transaction, device_id: str) -> bool:
    """Revoke a device (it wipes its data at its next contact). False: no such device.

    The one revoke: the admin endpoint and ``regiedesk-server device revoke`` both call it.
    """
    return bool(tx.execute("UPDATE devices SET revoked = 1 WHERE id = ?", (device_id,)))


# --- the change log ----------------------------------------------------------


def known_mutations(tx: Transaction, ids: list[str]) -> set[str]:
    """Which of these mutation ids the server already holds."""
    return {row[0] for rows in tx.gather(known_statements(ids)) for row in rows}


def known_statements(ids: list[str]) -> list[Statement]:
    """The statements answering ``known_mutations`` (one per 500 ids)."""
    return in_statements("SELECT mutation_id FROM changes WHERE mutation_id", ids)


def family_caseworker(tx: Transaction, family: str) -> str | None:
    """The caseworker a family is assigned to; None when the server does not know it."""
    rows = tx.query("SELECT caseworker FROM families WHERE id = ?", (family,))
    return str(rows[0]["caseworker"]) if rows else None


def add_family(tx: Transaction, family: str, caseworker: str) -> None:
    tx.execute(
        "INSERT INTO families (id, caseworker, created_at) VALUES (?, ?, ?)"
        " ON CONFLICT (id) DO NOTHING",  # a retry of a push still in progress
        (family, caseworker, utc_text()),
    )


HIGH_WATER = "SELECT value FROM counters WHERE name = 'changes'"


def high_water(tx: Transaction) -> int:
    """The newest sequence number handed out (some below it may be unused)."""
    return int(tx.query(HIGH_WATER)[0]["value"])


def changes_page(
    tx: Transaction, since: int, high: int, families: Sequence[str], limit: int
) -> tuple[list[tuple[Any, ...]], bool]:
    """Up to ``limit`` changes of ``families`` after ``since`` and up to ``high``, as
    tuples in ``PULLED`` order, and whether there are more.

    The page's sequence numbers come from the (family_id, seq) index alone and only
    those rows are read. The first look is at the next 8 pages' worth of the log: with
    a dense scope the index scan stays short instead of covering (and sorting)
    everything after the cursor; a sparse scope reads on to the end.

    A page also ends before its data passes ``protocol.PAGE_BYTES`` (but holds at least
    one change): the rows are read one at a time and the rest is left out
    (``Transaction.rows_within``), so 30 changes of 7.8 MB are never held at once. (A
    running sum in SQL took 4 times as long on SQLite; reading row by row costs nothing
    there, and about 3 ms per page of 1,000 on PostgreSQL, in a loaded run.)
    """
    steps = page_steps(since, high, families, limit)
    step = next(steps)
    while True:
        try:
            step = steps.send(tx.rows_within(*step, size=page_size))
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]


PageStep = tuple[str, tuple[Any, ...], int]  # SQL, its parameters, the budget of bytes
Found = tuple[list[tuple[Any, ...]], bool]  # rows, and whether some were left out


def page_steps(
    since: int, high: int, families: Sequence[str], limit: int
) -> Generator[PageStep, Found, Found]:
    """``changes_page`` without its database: it yields what to read (``rows_within``'s
    arguments), is sent what was read, and returns the page and whether there is more."""
    marks = ", ".join("?" for _ in families)
    sql = (
        f"SELECT {PULLED} FROM changes WHERE seq IN (SELECT seq FROM changes WHERE seq > ?"
        f" AND seq <= ? AND family_id IN ({marks}) ORDER BY seq LIMIT ?) ORDER BY seq"
    )
    window = since + 8 * limit
    budget = p.PAGE_BYTES
    rows, cut = yield sql, (since, min(high, window), *families, limit), budget
    if not cut and len(rows) < limit and window < high:
        budget -= sum(page_size(row) for row in rows)
        if rows and budget <= 0:
            return rows, True
        more, cut = yield sql, (window, high, *families, limit - len(rows)), budget
        rows += more
    return rows, cut or len(rows) == limit


def page_size(row: tuple[Any, ...]) -> int:
    return len(row[-1])  # the data, JSON by protocol.dumps: ASCII, so characters = bytes


# --- families, teams and stand-ins -------------------------------------------


def assign_family(tx: Transaction, family: str, caseworker: str) -> bool:
    """Hand a family over to ``caseworker``; the previous one and the time are kept, so
    their work stamped before the handover is still accepted. False: no such family."""
    moved = tx.execute(
        "UPDATE families SET previous_caseworker = caseworker, handed_over_at = ?, caseworker = ?"
        " WHERE id = ? AND caseworker != ?",
        (utc_text(), caseworker, family, caseworker),
    )
    return bool(moved) or family_caseworker(tx, family) is not None


def add_delegation(
    tx: Transaction, family: str, user_name: str, start: dt.date, until: dt.date
) -> str:
    """``user_name`` stands in for the family's caseworker from ``start`` until ``until``;
    returns the stand-in's id."""
    delegation = uuid7()
    tx.execute(
        "INSERT INTO delegations (id, family_id, user_name, valid_from, valid_until)"
        " VALUES (?, ?, ?, ?, ?)",
        (delegation, family, user_name, start.isoformat(), until.isoformat()),
    )
    return delegation


def team_exists(tx: Transaction, team: str) -> bool:
    return bool(tx.query("SELECT 1 AS x FROM teams WHERE name = ?", (team,)))


def add_team(tx: Transaction, team: str) -> bool:
    """False: a team of that name exists already."""
    if team_exists(tx, team):
        return False
    tx.execute("INSERT INTO teams (name) VALUES (?)", (team,))
    return True


def add_team_member(tx: Transaction, team: str, user_name: str) -> None:
    tx.execute(
        "INSERT INTO team_members (team, user_name) VALUES (?, ?) ON CONFLICT DO NOTHING",
        (team, user_name),
    )


def teammates(tx: Transaction, user_name: str) -> list[str]:
    """Everyone in a team with ``user_name``, themselves left out, sorted."""
    rows = tx.query(
        "SELECT DISTINCT m.user_name FROM team_members m JOIN team_members me"
        " ON me.team = m.team WHERE me.user_name = ?",
        (user_name,),
    )
    return sorted(r["user_name"] for r in rows if r["user_name"] != user_name)


def families_of(tx: Transaction, caseworker: str) -> list[str]:
    rows = tx.query("SELECT id FROM families WHERE caseworker = ?", (caseworker,))
    return [r["id"] for r in rows]


def hours_changes(tx: Transaction, family: str) -> list[dict[str, Any]]:
    """The changes to a family's hours records (record id, op, data), oldest first."""
    return tx.query(
        "SELECT record_id, op, data FROM changes WHERE family_id = ? AND entity = 'hours'"
        " ORDER BY seq",
        (family,),
    )
