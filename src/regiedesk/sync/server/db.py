"""The server's database: one code path for SQLite and PostgreSQL over plain DB-API.

The dialects differ only in placeholders and how a connection is made; the
SQL is written to run on both. Change sequence numbers are handed out under
a row lock on ``counters`` that is held until commit, so transactions commit
in sequence order and a puller can never see seq N+1 before seq N.

Connections come from a bounded pool shared by the request threads (at most
``pool_size`` per process, ``REGIEDESK_SERVER_POOL`` or 8): a transaction
takes one and gives it back at its end, a broken one is dropped and replaced.
Many uvicorn threads and workers thus stay within PostgreSQL's
``max_connections``, and no more transactions queue on the sequence row lock
than there are connections.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from itertools import islice
from pathlib import Path
from typing import Any

from ...sql_lists import Statement
from . import facts, first_pull, hours_weeks, state

POOL_ENV = "REGIEDESK_SERVER_POOL"
DEFAULT_POOL_SIZE = 8
POOL_WAIT_SECONDS = 30.0

# a step is SQL, or a function of the transaction for what SQL alone cannot do
Step = str | Callable[["Transaction"], None]
MIGRATIONS: tuple[tuple[Step, ...], ...] = (
    (
        """CREATE TABLE users (
            name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL,
            totp_secret TEXT, disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL)""",
        "CREATE TABLE teams (name TEXT PRIMARY KEY)",
        """CREATE TABLE team_members (team TEXT NOT NULL, user_name TEXT NOT NULL,
            PRIMARY KEY (team, user_name))""",
        """CREATE TABLE devices (
            id TEXT PRIMARY KEY, user_name TEXT NOT NULL, name TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, last_seen TEXT,
            revoked INTEGER NOT NULL DEFAULT 0)""",
        """CREATE TABLE families (
            id TEXT PRIMARY KEY, caseworker TEXT NOT NULL, created_at TEXT NOT NULL)""",
        """CREATE TABLE delegations (
            id TEXT PRIMARY KEY, family_id TEXT NOT NULL, user_name TEXT NOT NULL,
            valid_from TEXT NOT NULL, valid_until TEXT NOT NULL)""",
        """CREATE TABLE changes (
            seq BIGINT PRIMARY KEY, mutation_id TEXT NOT NULL UNIQUE,
            device_id TEXT NOT NULL, user_name TEXT NOT NULL, family_id TEXT NOT NULL,
            entity TEXT NOT NULL, record_id TEXT NOT NULL, op TEXT NOT NULL,
            data TEXT NOT NULL, hlc TEXT NOT NULL, received_at TEXT NOT NULL)""",
        "CREATE INDEX changes_family ON changes (family_id, seq)",
        "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
        "INSERT INTO counters (name, value) VALUES ('changes', 0)",
        """CREATE TABLE access_log (
            at TEXT NOT NULL, user_name TEXT, device_id TEXT, action TEXT NOT NULL,
            outcome TEXT NOT NULL)""",
    ),
    (
        # a handover keeps the former caseworker's work: changes stamped before it are accepted
        "ALTER TABLE families ADD COLUMN previous_caseworker TEXT",
        "ALTER TABLE families ADD COLUMN handed_over_at TEXT",
    ),
    (
        # the current state of every record, folded from the log (see state.py)
        """CREATE TABLE record_state (
            entity TEXT NOT NULL, record_id TEXT NOT NULL, family_id TEXT NOT NULL,
            data TEXT NOT NULL, field_hlc TEXT NOT NULL, hlc TEXT NOT NULL,
            PRIMARY KEY (entity, record_id))""",
        "CREATE INDEX record_state_family ON record_state (family_id, entity)",
        state.rebuild_before_typed_columns,
    ),
    (
        # the central NEN 7513 trail (audit_trail.py): its own table, never purged by scope
        """CREATE TABLE audit_events (
            seq BIGINT PRIMARY KEY, event_id TEXT NOT NULL UNIQUE,
            device_id TEXT NOT NULL, account TEXT NOT NULL, received_at TEXT NOT NULL,
            event TEXT NOT NULL, at TEXT NOT NULL, client TEXT, user_name TEXT NOT NULL,
            responsible_user TEXT NOT NULL, device TEXT NOT NULL, objects TEXT NOT NULL,
            device_prev_hash TEXT NOT NULL, device_hash TEXT NOT NULL,
            prev_hash TEXT NOT NULL, hash TEXT NOT NULL)""",
        "CREATE INDEX audit_events_client ON audit_events (client, at)",
        "CREATE INDEX audit_events_device ON audit_events (device_id, seq)",
        "INSERT INTO counters (name, value) VALUES ('audit', 0)",
    ),
    (
        # where retention cut each audit chain (audit_trail.remove_expired): chain "*" is
        # the server's, the others are device ids
        """CREATE TABLE audit_cuts (
            chain TEXT PRIMARY KEY, first_seq BIGINT NOT NULL, prev_hash TEXT NOT NULL)""",
        # what was destroyed on request or after the legal term (destruction.py): ids, who,
        # when, why, and the exceptions kept with their reason; never the data itself
        """CREATE TABLE destructions (
            seq BIGINT PRIMARY KEY, kind TEXT NOT NULL, record_id TEXT NOT NULL,
            family_id TEXT NOT NULL, destroyed_at TEXT NOT NULL, by_user TEXT NOT NULL,
            reason TEXT NOT NULL, exceptions TEXT NOT NULL)""",
        "CREATE INDEX destructions_record ON destructions (record_id)",
    ),
    (
        # every record destroyed with a member (destruction.destroy_member): a later change
        # to one, or pointing at one, is refused; ids only
        """CREATE TABLE destroyed_records (
            record_id TEXT PRIMARY KEY, entity TEXT NOT NULL, destruction_seq BIGINT NOT NULL)""",
        "INSERT INTO destroyed_records (record_id, entity, destruction_seq)"
        " SELECT record_id, 'members', seq FROM destructions WHERE kind = 'member'",
    ),
    (
        # failed sign-ins per account and per address, shared by every instance (sign_in.py);
        # times in milliseconds since 1970
        """CREATE TABLE sign_in_failures (
            kind TEXT NOT NULL, subject TEXT NOT NULL, failures INTEGER NOT NULL,
            first_at BIGINT NOT NULL, lockouts INTEGER NOT NULL, locked_until BIGINT,
            PRIMARY KEY (kind, subject))""",
        # the 30-second step of the last authenticator code accepted: each code works once
        "ALTER TABLE users ADD COLUMN totp_last_step BIGINT",
    ),
    (
        # the typed columns the team figures count in SQL (facts.py), derived from the fields
        "ALTER TABLE record_state ADD COLUMN live INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE record_state ADD COLUMN day INTEGER",
        "ALTER TABLE record_state ADD COLUMN until_day INTEGER",
        "ALTER TABLE record_state ADD COLUMN minutes INTEGER",
        "ALTER TABLE record_state ADD COLUMN person TEXT",
        "ALTER TABLE record_state ADD COLUMN status TEXT",
        "ALTER TABLE record_state ADD COLUMN done INTEGER",
        facts.derive_all,
        "CREATE INDEX record_state_day ON record_state (entity, family_id, day)",
    ),
    (
        # the families a first pull replays from the log, not from the state (first_pull.py)
        "CREATE TABLE log_only_families (family_id TEXT PRIMARY KEY)",
        first_pull.find_log_only,
    ),
    (
        # minutes per family, person and week, kept by triggers on record_state (hours_weeks.py)
        hours_weeks.create,
        hours_weeks.build,
    ),
)


class ServerDB:
    """A small connection pool over one URL: sqlite:///PATH or postgresql://..."""

    def __init__(self, url: str, *, pool_size: int | None = None, migrate: bool = True) -> None:
        self.url = url
        self.postgres = url.startswith(("postgresql://", "postgres://"))
        if not self.postgres and not url.startswith("sqlite:///"):
            raise ValueError(f"unsupported database URL: {url.split(':', 1)[0]}")
        self.pool_size = pool_size or int(os.environ.get(POOL_ENV) or DEFAULT_POOL_SIZE)
        if self.pool_size < 1:
            raise ValueError("the connection pool needs at least one connection")
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(self.pool_size)
        self._idle: list[Any] = []  # connections not in a transaction, newest last
        self._opened: list[Any] = []  # every open connection, to close them all
        self._registry = threading.Lock()
        if migrate:
            self.migrate()

    # --- connections -----------------------------------------------------------

    def _connect(self) -> Any:
        if self.postgres:
            import psycopg

            pg = psycopg.connect(self.url, autocommit=False)
            # psycopg prepares a statement run five times; PostgreSQL then keeps one
            # generic plan for the connection's life. Made while a table was small (a new
            # server, or statistics not gathered yet), it stays: the push's state read
            # kept scanning every hours record by entity, the known-ids look-up the whole
            # log. Planned at each run instead, with the parameters and today's sizes.
            pg.execute("SET plan_cache_mode = force_custom_plan")
            pg.commit()
            return pg
        path = Path(self.url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA busy_timeout = 30000")
        return conn

    def _checkout(self) -> Any:
        """A connection of the pool; waits while all of them are in a transaction."""
        if not self._slots.acquire(timeout=POOL_WAIT_SECONDS):
            raise TimeoutError("no database connection became free")
        try:
            with self._registry:
                if self._idle:
                    return self._idle.pop()
            conn = self._connect()
            with self._registry:
                self._opened.append(conn)
            return conn
        except BaseException:
            self._slots.release()
            raise

    def _checkin(self, conn: Any, *, healthy: bool) -> None:
        healthy = healthy and not getattr(conn, "closed", False)
        try:
            with self._registry:
                if healthy and conn in self._opened:
                    self._idle.append(conn)
                    return
                if conn in self._opened:
                    self._opened.remove(conn)
            with suppress(Exception):  # a broken connection may fail to close
                conn.close()
        finally:
            self._slots.release()

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        conn = self._checkout()
        healthy = True
        try:
            if not self.postgres:
                conn.execute("BEGIN IMMEDIATE")
            yield Transaction(self, conn)
            conn.commit() if self.postgres else conn.execute("COMMIT")
        except BaseException:
            try:
                conn.rollback() if self.postgres else conn.execute("ROLLBACK")
            except Exception:  # the connection is gone (server restarted, network): drop it
                healthy = False
            raise
        finally:
            self._checkin(conn, healthy=healthy and not getattr(conn, "broken", False))

    @contextmanager
    def reading(self) -> Iterator[Transaction]:
        """A connection whose statements each commit on their own, for requests that read.

        No BEGIN and COMMIT round trips on PostgreSQL, and no write lock on SQLite (where
        ``transaction`` takes it at BEGIN IMMEDIATE), so pulls no longer queue behind
        pushes. A single-row write (a device's last_seen) still commits on its own.
        """
        conn = self._checkout()
        healthy = True
        try:
            if self.postgres:
                conn.autocommit = True
            yield Transaction(self, conn)
        finally:
            if self.postgres:
                try:
                    conn.autocommit = False
                except Exception:  # the connection broke meanwhile: drop it
                    healthy = False
            self._checkin(conn, healthy=healthy and not getattr(conn, "broken", False))

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self.transaction() as tx:
            return tx.query(sql, params)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        with self.transaction() as tx:
            return tx.execute(sql, params)

    def migrate(self) -> None:
        with self._lock, self.transaction() as tx:
            if self.postgres:  # server instances starting together migrate one after another
                tx.execute("SELECT pg_advisory_xact_lock(7351204)")
            tx.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            rows = tx.query("SELECT version FROM schema_version")
            version = int(rows[0]["version"]) if rows else 0
            if version > len(MIGRATIONS):
                raise RuntimeError(
                    f"the server database has schema {version}; this server knows "
                    f"{len(MIGRATIONS)}: upgrade regiedesk-server"
                )
            for steps in MIGRATIONS[version:]:
                for step in steps:
                    tx.execute(step) if isinstance(step, str) else step(tx)
            if not rows:
                tx.execute("INSERT INTO schema_version (version) VALUES (?)", (len(MIGRATIONS),))
            else:
                tx.execute("UPDATE schema_version SET version = ?", (len(MIGRATIONS),))

    def ping(self) -> bool:
        """Without the write lock: /health does not queue behind sign-ins and pushes."""
        with self.reading() as tx:
            return bool(tx.query("SELECT 1 AS ok"))

    def close(self) -> None:
        """Close every connection this object opened, on any thread."""
        with self._registry:
            opened, self._opened, self._idle = self._opened, [], []
        for conn in opened:
            conn.close()


READ_AHEAD = 64  # rows a budgeted read takes from its cursor at a time


class Within:
    """Rows kept until their total size passes a budget (the first row always). Fed in
    chunks, so this one loop serves both transaction kinds at no cost per row."""

    def __init__(self, budget: int, size: Callable[[tuple[Any, ...]], int]) -> None:
        self.rows: list[tuple[Any, ...]] = []
        self.budget = budget
        self.size = size
        self.used = 0

    def cut(self, chunk: Sequence[Any]) -> bool:
        """Keeps ``chunk``'s rows while they fit; True when one was left out."""
        rows, size, budget, used = self.rows, self.size, self.budget, self.used
        for row in chunk:
            used += size(row)
            if rows and used > budget:
                return True
            rows.append(tuple(row))
        self.used = used
        return False


class Transaction:
    def __init__(self, db: ServerDB, conn: Any) -> None:
        self.db = db
        self.conn = conn

    def _cursor(self, sql: str, params: Sequence[Any]) -> Any:
        cursor = self.conn.cursor()
        cursor.execute(self.db._sql(sql), tuple(params))
        return cursor

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self._cursor(sql, params)
        names = [d[0] for d in cursor.description or ()]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        cursor.close()
        return rows

    def stream(
        self, sql: str, params: Sequence[Any] = (), *, size: int = 5000
    ) -> Iterator[dict[str, Any]]:
        """Rows as dicts, fetched ``size`` at a time (a walk over a long table)."""
        cursor = self._cursor(sql, params)
        names = [d[0] for d in cursor.description or ()]
        try:
            while batch := cursor.fetchmany(size):
                for row in batch:
                    yield dict(zip(names, row, strict=True))
        finally:
            cursor.close()

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Plain tuples, for the hot paths (pull, checksums)."""
        cursor = self._cursor(sql, params)
        rows = [tuple(row) for row in cursor.fetchall()]
        cursor.close()
        return rows

    def rows_within(
        self, sql: str, params: Sequence[Any], budget: int, size: Callable[[tuple[Any, ...]], int]
    ) -> tuple[list[tuple[Any, ...]], bool]:
        """Plain tuples until their ``size`` passes ``budget`` (the first row always), and
        whether rows were left out. The rows are read a few at a time (SQLite's cursor steps;
        PostgreSQL's single-row mode), so the ones left out are never held at once."""
        if self.db.postgres:
            cursor = self.conn.cursor()
            found = cursor.stream(self.db._sql(sql), tuple(params))
        else:
            cursor = self._cursor(sql, params)
            found = iter(cursor)
        within = Within(budget, size)
        try:
            while chunk := list(islice(found, READ_AHEAD)):
                if within.cut(chunk):
                    return within.rows, True
            return within.rows, False
        finally:
            if self.db.postgres:
                found.close()  # the rest of the result is read and dropped, row by row
            cursor.close()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        cursor = self._cursor(sql, params)
        count = int(cursor.rowcount)
        cursor.close()
        return count

    def execute_many(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        cursor = self.conn.cursor()
        cursor.executemany(self.db._sql(sql), [tuple(p) for p in params])
        cursor.close()

    def gather(self, statements: Sequence[Statement]) -> list[list[tuple[Any, ...]]]:
        """The rows of each statement, in order; on PostgreSQL all in one round trip (a
        pipeline), so a push's reads cost one wait for the database, not one each."""
        if not self.db.postgres:
            return [self.rows(sql, params) for sql, params in statements]
        with self.conn.pipeline():
            cursors = [self._cursor(sql, params) for sql, params in statements]
        found = [[tuple(row) for row in c.fetchall()] if c.description else [] for c in cursors]
        for cursor in cursors:
            cursor.close()
        return found

    def append_changes(
        self,
        rows: Sequence[Sequence[Any]],
        held: dict[tuple[str, str], state.Record] | None = None,
    ) -> None:
        """Store changes under fresh sequence numbers and end the transaction.

        ``rows`` are (mutation_id, device_id, user_name, family_id, entity, record_id,
        op, data, hlc, received_at). A mutation id that is already stored (a retry whose
        original committed meanwhile) is skipped, leaving its number unused. The
        sequence row lock is taken here, so it is held only for these statements and
        the commit: on PostgreSQL all of them go out in one pipeline, one round trip,
        so no other push waits for this process to be scheduled in between. ``held``: the
        current state of the records concerned, read under their families' lock
        (``state.reads``); without it, the state is locked and read here.
        """
        if not rows:
            return
        writes = change_writes(self, rows, held)
        cursor = self.conn.cursor()
        if self.db.postgres:
            with self.conn.pipeline():
                for sql, many in writes:
                    cursor.executemany(self.db._sql(sql), many)
                self.conn.commit()
        else:
            for sql, many in writes:
                cursor.executemany(sql, many)
        cursor.close()


Writes = list[tuple[str, list[tuple[Any, ...]]]]  # SQL with ? marks, and its rows


def change_writes(
    tx: Transaction,
    rows: Sequence[Sequence[Any]],
    held: dict[tuple[str, str], state.Record] | None = None,
) -> Writes:
    """The statements of ``Transaction.append_changes``, in order: the current state's
    writes (folded here, before the sequence lock), then the sequence numbers taken and
    the changes stored under them. With ``held``, ``tx`` is not used."""
    writes = state.merge_changes(tx, rows, held)
    count = len(rows)
    take = "UPDATE counters SET value = value + ? WHERE name = 'changes'"
    insert = (
        "INSERT INTO changes (seq, mutation_id, device_id, user_name, family_id, entity,"
        " record_id, op, data, hlc, received_at)"
        " SELECT value - ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM counters WHERE name = 'changes'"
        " ON CONFLICT (mutation_id) DO NOTHING"
    )
    params = [(count - 1 - i, *row) for i, row in enumerate(rows)]
    return [*writes, (take, [(count,)]), (insert, params)]
