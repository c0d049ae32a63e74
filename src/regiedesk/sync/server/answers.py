"""Answers to requests that went wrong: a code and a short message, never the request
echoed, never a stack trace, and nothing a client sent in the server's log.

- a body or parameter that does not fit the API: 422 ``invalid_request`` with where it
  failed (FastAPI's own 422 echoed every bad value: a 20 MiB request gave a 62.9 MB answer);
  text with a NUL or a lone surrogate, which no database keeps: 400 ``bad_text``;
- an exception no endpoint caught: 500 ``internal``; the log gets its type and the code
  lines it passed, not its message (messages quote values: "Invalid isoformat string:
  'not-a-date'").
"""

from __future__ import annotations

import logging
import os
import re
import traceback
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import protocol as p
from ..rules import clean_text

log = logging.getLogger("regiedesk.server")

BAD_TEXT = "bad_text"  # the pydantic error type of ``bodies`` for such text
# pydantic's own for a lone surrogate in a field with a length (checked in Rust, as UTF-8)
_BAD_TEXT_ERRORS = (BAD_TEXT, "string_unicode")
_NAME = re.compile("[a-z_]{1,40}")  # a field name of the API, not a value a client chose
_MAX_FIELDS = 10


def refuse(status: int, code: p.ErrorCode, message: str, **extra: Any) -> JSONResponse:
    """As ``identity.error`` answers, for a request no endpoint answers itself."""
    body: p.ErrorBody = {"code": code, "message": message}
    return JSONResponse({"detail": {**body, **extra}}, status)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]


def bad_url_text(path: str, query: bytes) -> bool:
    """A NUL in the path or the query (lone surrogates cannot arrive there: percent-decoding
    replaces what is not UTF-8)."""
    return not clean_text(path) or b"%00" in query.lower() or b"\x00" in query


async def _invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    if any(e.get("type") in _BAD_TEXT_ERRORS for e in errors):
        return refuse(
            400, p.ErrorCode.BAD_TEXT, "text with a NUL or a lone surrogate is not accepted"
        )
    fields = sorted({where(e.get("loc", ())) for e in errors})[:_MAX_FIELDS]
    return refuse(
        422, p.ErrorCode.INVALID_REQUEST, "the request does not fit the API", fields=fields
    )


def where(loc: Sequence[Any]) -> str:
    """A pydantic location as ``body.mutations.0.hlc``; a part that is not one of the API's
    names (a key a client chose) is shown as ``?``."""
    parts = [
        str(part) if isinstance(part, int) or _NAME.fullmatch(str(part)) else "?" for part in loc
    ]
    return ".".join(parts)


class InternalErrors:
    """An exception that reached no handler: 500 ``internal`` (if the answer has not
    started) and one log line without the exception's message."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception as exc:
            route = getattr(scope.get("route"), "path", "?")  # the template: no ids
            log.error(
                "internal error in %s %s: %s at %s",
                scope.get("method", "?"),
                route,
                type(exc).__name__,
                _frames(exc),
            )
            if not started:
                answer = refuse(500, p.ErrorCode.INTERNAL, "the server failed; try again later")
                await answer(scope, receive, send)


def _frames(exc: BaseException) -> str:
    """The code lines an exception passed (file:line function), innermost first: where to
    look, without the message or the local values."""
    frames = traceback.extract_tb(exc.__traceback__)[-8:]
    return " < ".join(
        f"{os.path.basename(f.filename)}:{f.lineno} {f.name}" for f in reversed(frames)
    )
