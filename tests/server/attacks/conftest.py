"""A server thread that logs a traceback must not format it while pytest parses a module.

Python 3.11 computes a traceback's ^^^ markers with ``ast.parse``, whose recursion
counter is shared by all threads: uvicorn formatting "Exception in ASGI application" in
its thread while pytest rewrites a test module crashed the run ("AST constructor
recursion depth mismatch"). So, in these tests, such a record carries the exception's
type and text in its message instead of a formatted traceback (what a leak would show
is kept: the text is where client values went).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest


class _PlainException(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            record.msg = f"{record.getMessage()} [{type(error).__name__}: {error}]"
            record.args = None
            record.exc_info = record.exc_text = None
        return True


@pytest.fixture(autouse=True)
def _plain_server_exceptions() -> Iterator[None]:
    plain = _PlainException()
    logger = logging.getLogger("uvicorn.error")
    logger.addFilter(plain)
    yield
    logger.removeFilter(plain)
