"""The fast lane's connections to PostgreSQL: psycopg's ``AsyncConnection`` on the worker's
own event loop, so a push or a pull waits for the database without a thread hand-off
(``fast_lane``). SQLite has no such driver here; its server keeps the threads.

A small pool per process and event loop, bounded as ``ServerDB``'s is (``pool_size``):
a transaction takes a connection and gives it back at its end, a broken one is dropped.
It holds connections only: nothing a request wrote or read outlives the request, so
several server instances still serve one database.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from typing import Any, cast

import psycopg

from ...sql_lists import Statement
from .db import READ_AHEAD, ServerDB, Within, Writes


class AsyncPool:
    def __init__(self, db: ServerDB) -> None:
        self.db = db
        self._slots = asyncio.Semaphore(db.pool_size)
        self._idle: list[psycopg.AsyncConnection[Any]] = []
        self._opened: list[psycopg.AsyncConnection[Any]] = []

    async def _connect(self) -> psycopg.AsyncConnection[Any]:
        # autocommit: a transaction's BEGIN goes out with its first statements (gather)
        conn = await psycopg.AsyncConnection.connect(self.db.url, autocommit=True)
        await conn.execute("SET plan_cache_mode = force_custom_plan")  # as ServerDB's
        return conn

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[psycopg.AsyncConnection[Any]]:
        async with self._slots:
            conn = self._idle.pop() if self._idle else None
            if conn is None:
                conn = await self._connect()
                self._opened.append(conn)
            healthy = False
            try:
                yield conn
                healthy = True
            finally:
                if healthy and not conn.broken and not conn.closed:
                    self._idle.append(conn)
                else:
                    self._drop(conn)

    def _drop(self, conn: psycopg.AsyncConnection[Any]) -> None:
        if conn in self._opened:
            self._opened.remove(conn)
        with suppress(Exception):  # a broken connection may fail to close
            conn.pgconn.finish()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncTransaction]:
        """A transaction that the caller ends (``write_and_commit``); rolled back if not."""
        async with self._connection() as conn:
            try:
                yield AsyncTransaction(conn, begin=True)
            finally:
                if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                    with suppress(Exception):  # broken: dropped, and the first error stands
                        await conn.execute("ROLLBACK")

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncTransaction]:
        """Statements that each commit on their own (``ServerDB.reading``)."""
        async with self._connection() as conn:
            yield AsyncTransaction(conn, begin=False)

    def close(self) -> None:
        """Close every connection at once (the worker is stopping: no request is running)."""
        opened, self._opened, self._idle = self._opened, [], []
        for conn in opened:
            with suppress(Exception):
                conn.pgconn.finish()


class AsyncTransaction:
    """``db.Transaction``'s statements the fast lane needs, awaited.

    Statements go out as one query text each time (PostgreSQL's simple query protocol:
    one message, one wait for all their results), their parameters bound here by
    psycopg's own quoting (``AsyncClientCursor.mogrify``), instead of one command each
    in a pipeline: with psycopg's async pipeline every command cost a wait on the event
    loop of its own, a third of the lane's time (py-spy, cProfile)."""

    def __init__(self, conn: psycopg.AsyncConnection[Any], *, begin: bool) -> None:
        self.conn = conn
        self._binder = psycopg.AsyncClientCursor(conn)  # binds, never executes
        self._begin = begin  # BEGIN goes out with the first statements

    def _text(self, statements: Sequence[Statement]) -> str:
        bound = [self._binder.mogrify(_sql(sql), tuple(params)) for sql, params in statements]
        if self._begin:
            bound.insert(0, "BEGIN")
        return ";\n".join(bound)

    async def gather(self, statements: Sequence[Statement]) -> list[list[tuple[Any, ...]]]:
        """The rows of each statement, in order, in one round trip (``Transaction.gather``)."""
        text = self._text(statements)
        skip, self._begin = self._begin, False
        found: list[list[tuple[Any, ...]]] = []
        async with self.conn.cursor() as cursor:
            await cursor.execute(text.encode())  # bytes: no placeholders are looked for
            while True:
                result = cursor.pgresult  # not .description: it makes Column objects
                rows = result is not None and result.status == psycopg.pq.ExecStatus.TUPLES_OK
                found.append(list(await cursor.fetchall()) if rows else [])
                if not cursor.nextset():
                    break
        return found[1:] if skip else found

    async def rows(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return (await self.gather([(sql, params)]))[0]

    async def execute(self, sql: str, params: Sequence[Any]) -> None:
        await self.gather([(sql, params)])

    async def rows_within(
        self, sql: str, params: Sequence[Any], budget: int, size: Callable[[tuple[Any, ...]], int]
    ) -> tuple[list[tuple[Any, ...]], bool]:
        """``Transaction.rows_within``: rows a few at a time until their size passes ``budget``."""
        within = Within(budget, size)
        async with self.conn.cursor() as cursor:
            found = cast(AsyncGenerator[Any, None], cursor.stream(_sql(sql), tuple(params)))
            try:
                async for chunk in _chunks(found, READ_AHEAD):
                    if within.cut(chunk):
                        return within.rows, True
                return within.rows, False
            finally:
                await found.aclose()  # the rest of the result is read and dropped

    async def write_and_commit(self, writes: Writes) -> None:
        """``writes`` and the commit in one round trip (``Transaction.append_changes``)."""
        await self.gather([*((sql, row) for sql, many in writes for row in many), ("COMMIT", ())])


async def _chunks(found: AsyncGenerator[Any, None], size: int) -> AsyncIterator[list[Any]]:
    chunk: list[Any] = []
    async for row in found:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _sql(sql: str) -> str:
    return sql.replace("?", "%s")
