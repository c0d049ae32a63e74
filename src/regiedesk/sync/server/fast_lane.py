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
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

from fastapi import HTTPException
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.datastructures import Headers, QueryParams
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import protocol as p
from . import request_body
from .bodies import Push
from .db import ServerDB
from .routers.sync import pull_answer, push_answer

_PUSH = ("POST", "/v1/sync/push")
_PULL = ("GET", "/v1/sync/pull")
_NUMBER = re.compile("[0-9]{1,15}")
# the GZip middleware packs every other answer with these (middleware.install)
GZIP_FROM = 1024
GZIP_LEVEL = 1
_THREADS = 40  # as many as anyio's default for FastAPI's sync endpoints

Answer = tuple[int, list[tuple[bytes, bytes]], bytes]


class FastLane:
    def __init__(self, app: ASGIApp, db: ServerDB, today: Callable[[], dt.date]) -> None:
        self.app, self.db, self.today = app, db, today
        self._pool: ThreadPoolExecutor | None = None  # made in the worker process

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        lane = (scope.get("method"), scope.get("path")) if scope["type"] == "http" else None
        if lane == _PUSH:
            await self._push(scope, receive, send)
        elif lane == _PULL:
            await self._pull(scope, receive, send)
        else:
            await self.app(scope, receive, send)

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
        await self._answer(
            scope, send, lambda r: pull_answer(self.db, self.today, r, start, size, family)
        )

    async def _answer(
        self, scope: Scope, send: Send, endpoint: Callable[[Request], Response]
    ) -> None:
        scope["route"] = SimpleNamespace(path=scope["path"])  # for InternalErrors' log line
        request = Request(scope)
        zipped = "gzip" in Headers(scope=scope).get("accept-encoding", "")
        if self._pool is None:
            self._pool = ThreadPoolExecutor(_THREADS, thread_name_prefix="regiedesk-sync")
        loop = asyncio.get_running_loop()
        status, headers, body = await loop.run_in_executor(
            self._pool, _answered, endpoint, request, zipped
        )
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _answered(endpoint: Callable[[Request], Response], request: Request, zipped: bool) -> Answer:
    """The endpoint's answer, or its refusal as FastAPI's handler renders an HTTPException;
    packed with gzip (in this thread, off the event loop) when it is large and accepted."""
    try:
        response = endpoint(request)
    except HTTPException as refused:
        response = JSONResponse({"detail": refused.detail}, refused.status_code, refused.headers)
    body = bytes(response.body)
    headers = [(k, v) for k, v in response.raw_headers if k != b"content-length"]
    if zipped and len(body) >= GZIP_FROM:
        body = gzip.compress(body, compresslevel=GZIP_LEVEL)
        headers += [(b"content-encoding", b"gzip"), (b"vary", b"Accept-Encoding")]
    headers.append((b"content-length", str(len(body)).encode()))
    return response.status_code, headers, body


async def _body(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    while True:
        message: Message = await receive()
        if message["type"] != "http.request":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)
