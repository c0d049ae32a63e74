"""Push and pull, the two requests of every sync, answered past FastAPI's routing,
dependency solving and answer wrappers, and handed to a thread pool of their own.

py-spy on the workers under load had FastAPI's and Starlette's layers (and anyio's
thread hand-off) at about three quarters of the server's samples holding the GIL, the
endpoints' own work at a quarter; this lane cut the server's CPU per sync by about a
quarter. The answers are the routes' own (``routers.sync.push_answer``, ``pull_answer``),
and FastAPI's routes still describe these endpoints in the OpenAPI document. Whatever the
lane does not recognise as well-formed (another content type, JSON that does not parse or
fit, a parameter out of range) goes to FastAPI untouched, which answers it as before: the
lane only takes requests FastAPI would have passed to the endpoint.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import json
import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace
from typing import Any, cast

from fastapi import HTTPException
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.datastructures import Headers, QueryParams
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ...clock import utc_now
from .. import protocol as p
from . import queries, request_body
from .async_db import AsyncPool
from .bodies import Push
from .db import ServerDB, Transaction, change_writes
from .identity import Refused, checked
from .routers.sync import (
    change_rows,
    judged,
    pull_alongside,
    pull_answer,
    pull_response,
    push_alongside,
    push_answer,
    push_response,
    pushed_reads,
)
from .rules import check_clock

_PUSH = ("POST", "/v1/sync/push")
_PULL = ("GET", "/v1/sync/pull")
_NUMBER = re.compile("[0-9]{1,15}")
# the GZip middleware packs every other answer with these (middleware.install)
GZIP_FROM = 1024
GZIP_LEVEL = 1
ASYNC_LANE_ENV = "REGIEDESK_SERVER_ASYNC_LANE"
_THREADS = 40  # as many as anyio's default for FastAPI's sync endpoints
_PACK_ON_THREAD = 64 * 1024  # a larger answer is packed with gzip off the event loop

Answer = tuple[int, list[tuple[bytes, bytes]], bytes]


class FastLane:
    def __init__(self, app: ASGIApp, db: ServerDB, today: Callable[[], dt.date]) -> None:
        self.app, self.db, self.today = app, db, today
        self._pool: ThreadPoolExecutor | None = None  # made in the worker process
        self._async: AsyncPool | None = None  # PostgreSQL: made on the worker's event loop
        # REGIEDESK_SERVER_ASYNC_LANE=0: every push and pull on the threads, as on SQLite
        self.async_lane = db.postgres and os.environ.get(ASYNC_LANE_ENV, "1") != "0"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        lane = (scope.get("method"), scope.get("path")) if scope["type"] == "http" else None
        if lane == _PUSH:
            await self._push(scope, receive, send)
        elif lane == _PULL:
            await self._pull(scope, receive, send)
        elif scope["type"] == "lifespan":
            await self.app(scope, self._closing(receive), send)
        else:
            await self.app(scope, receive, send)

    def _closing(self, receive: Receive) -> Receive:
        """The lifespan's messages; at the worker's shutdown its connections are closed."""

        async def receiving() -> Message:
            message = await receive()
            if message["type"] == "lifespan.shutdown" and self._async is not None:
                self._async.close()
                self._async = None
            return message

        return receiving

    def _connections(self) -> AsyncPool | None:
        """The async pool (PostgreSQL), made on first use on the running event loop."""
        if not self.async_lane:
            return None
        if self._async is None:
            self._async = AsyncPool(self.db)
        return self._async

    async def _send(self, send: Send, answer: Answer) -> None:
        status, headers, body = answer
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _packed(self, response: Response, zipped: bool) -> Answer:
        """``_packed``, on a thread for a large body (gzip would hold up the event loop)."""
        if zipped and len(response.body) >= _PACK_ON_THREAD:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._threads(), _packed, response, zipped)
        return _packed(response, zipped)

    def _threads(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(_THREADS, thread_name_prefix="regiedesk-sync")
        return self._pool

    async def _push(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await _body(receive)
        if body is None:
            return  # the client went away before its push arrived: nothing to answer
        headers = Headers(scope=scope)
        parsed: Push | None = None
        if headers.get("content-type", "").split(";")[0].strip() == "application/json":
            try:
                parsed = Push.model_validate(json.loads(body))
            except (ValueError, ValidationError):  # FastAPI's 422 or 400, as it answers them
                parsed = None
        if parsed is None:
            await self.app(scope, request_body.replay(body, receive), send)
            return
        push = parsed
        connections = self._connections()
        if connections is not None:
            scope["route"] = SimpleNamespace(path=scope["path"])  # for InternalErrors' log line
            request = Request(scope)
            response = await push_async(connections, self.today, push, request)
            if response is not None:
                await self._send(send, await self._packed(response, _zipped(scope)))
                return
        await self._answer(scope, send, lambda r: push_answer(self.db, self.today, push, r))

    async def _pull(self, scope: Scope, receive: Receive, send: Send) -> None:
        query = QueryParams(scope.get("query_string", b""))
        since, limit = query.get("since", "0"), query.get("limit", str(p.PAGE_LIMIT))
        family = query.get("family")
        fits = (
            _NUMBER.fullmatch(since) is not None
            and _NUMBER.fullmatch(limit) is not None
            and 1 <= int(limit) <= p.PAGE_LIMIT
            and (family is None or len(family) <= 64)
        )
        if not fits:
            await self.app(scope, receive, send)
            return
        start, size = int(since), int(limit)
        connections = self._connections()
        if connections is not None:
            scope["route"] = SimpleNamespace(path=scope["path"])  # for InternalErrors' log line
            request = Request(scope)
            response = await pull_async(connections, self.today, request, start, size, family)
            if response is not None:
                await self._send(send, await self._packed(response, _zipped(scope)))
                return
        await self._answer(
            scope, send, lambda r: pull_answer(self.db, self.today, r, start, size, family)
        )

    async def _answer(
        self, scope: Scope, send: Send, endpoint: Callable[[Request], Response]
    ) -> None:
        scope["route"] = SimpleNamespace(path=scope["path"])  # for InternalErrors' log line
        request = Request(scope)
        loop = asyncio.get_running_loop()
        answer = await loop.run_in_executor(
            self._threads(), _answered, endpoint, request, _zipped(scope)
        )
        await self._send(send, answer)


def _zipped(scope: Scope) -> bool:
    return "gzip" in Headers(scope=scope).get("accept-encoding", "")


def _answered(endpoint: Callable[[Request], Response], request: Request, zipped: bool) -> Answer:
    """The endpoint's answer, or its refusal as FastAPI's handler renders an HTTPException;
    packed with gzip (in this thread, off the event loop) when it is large and accepted."""
    try:
        response = endpoint(request)
    except HTTPException as refused:
        response = JSONResponse({"detail": refused.detail}, refused.status_code, refused.headers)
    return _packed(response, zipped)


def _packed(response: Response, zipped: bool) -> Answer:
    """Status, headers and body of ``response``, the body packed with gzip when it is large
    and the client accepts it."""
    body = bytes(response.body)
    headers = [(k, v) for k, v in response.raw_headers if k != b"content-length"]
    if zipped and len(body) >= GZIP_FROM:
        body = gzip.compress(body, compresslevel=GZIP_LEVEL)
        headers += [(b"content-encoding", b"gzip"), (b"vary", b"Accept-Encoding")]
    headers.append((b"content-length", str(len(body)).encode()))
    return response.status_code, headers, body


class _Fallback(Exception):
    """The request needs what only the threaded route does (a refusal to answer or log, a
    statement the async path does not make): it is answered there, from the start."""


class _NoStatements:
    """The transaction handed to the routes' own code on the async path, which does not
    need one for an ordinary push: any use of it means the threaded route is needed."""

    def __getattr__(self, name: str) -> Any:
        raise _Fallback(name)


_NONE = cast(Transaction, _NoStatements())


async def push_async(
    connections: AsyncPool, today: Callable[[], dt.date], push: Push, request: Request
) -> Response | None:
    """``routers.sync.push_answer`` over an async connection, for a push that a caseworker's
    device may make and whose every change is accepted, in families the server knows (the
    common push); None for any other, before anything was written (the threaded route
    answers it, refusals and their access log included). Two round trips: the token, the
    scope, the known and destroyed ids, the locks and the records; the writes and commit."""
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    alongside, locked = push_alongside(request, today(), push.mutations)
    async with connections.transaction() as tx:
        first = queries.device_statement(header[7:].strip(), alongside)
        found = await tx.gather([first, *alongside.then])
        try:
            device = queries.device_row(found[0], alongside)
            who = checked(device, found[1:], request.scope["path"], p.Role.CASEWORKER)
            check_clock(request, [m.hlc for m in push.mutations])
            scope, known, gone, held = pushed_reads(who, locked)
            received = utc_now()
            results, accepted, added = judged(
                _NONE, push.mutations, who, received, scope, known, gone, held
            )
        except (Refused, HTTPException, _Fallback):
            return None
        if added or any(r["outcome"] == p.Outcome.REJECTED for r in results):
            return None
        writes = []
        if accepted:
            writes = change_writes(_NONE, change_rows(accepted, who, received), held)
        seen = queries.seen_statement(who.columns)
        if seen is not None:
            writes.insert(0, (seen[0], [tuple(seen[1])]))
        await tx.write_and_commit(writes)
    return push_response(results)


async def pull_async(
    connections: AsyncPool,
    today: Callable[[], dt.date],
    request: Request,
    since: int,
    limit: int,
    family: str | None,
) -> Response | None:
    """``routers.sync.pull_answer`` over an async connection, for a caseworker's device
    pulling its own scope (or a family in it); None for any other request, answered by the
    threaded route. Two round trips: the token, scope and high-water mark; the page."""
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    alongside = pull_alongside(today())
    async with connections.reading() as tx:
        found = await tx.rows(*queries.device_statement(header[7:].strip(), alongside))
        try:
            device = queries.device_row(found, alongside)
            who = checked(device, [], request.scope["path"], p.Role.CASEWORKER)
        except (Refused, HTTPException):
            return None
        scope = set(who.columns["scope"])
        if family is not None and family not in scope:
            return None  # refused, and logged, by the threaded route
        seen = queries.seen_statement(who.columns)
        if seen is not None:
            await tx.execute(*seen)
        wanted = [family] if family is not None else sorted(scope)
        high = int(who.columns["high"])  # with the scope: see pull_answer
        rows: list[tuple[Any, ...]] = []
        more = False
        if wanted:
            steps = queries.page_steps(since, high, wanted, limit)
            step = next(steps)
            while True:
                try:
                    step = steps.send(await tx.rows_within(*step, size=queries.page_size))
                except StopIteration as done:
                    rows, more = done.value
                    break
    return pull_response(rows, more, since, high, scope)


async def _body(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    while True:
        message: Message = await receive()
        if message["type"] != "http.request":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)
