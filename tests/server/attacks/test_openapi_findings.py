"""What schemathesis found over the OpenAPI description (test_openapi_fuzz.py), one
regression test each, on SQLite and PostgreSQL: every one was a 500."""

from __future__ import annotations

from ..conftest import Running
from .helpers import code


def test_a_cursor_past_64_bits_is_refused_with_a_code(server: Running) -> None:
    """``since=9223372036854775808`` overflowed SQLite's integer and PostgreSQL's bigint."""
    token = server.device("anna")
    with server.client(token) as c:
        for path in ("/v1/destroyed", "/v1/sync/pull"):
            for since in (2**63, 10**30):
                response = c.get(path, params={"since": since})
                assert (response.status_code, code(response)) == (422, "invalid_request"), path
            assert c.get(path, params={"since": 2**63 - 1}).status_code == 200, path

