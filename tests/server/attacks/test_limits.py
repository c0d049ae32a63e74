"""Issue 16, 3, 4 and 8: no request makes the server hold more than its limits in memory."""

from __future__ import annotations

import gzip
import json

from regiedesk.clock import utc_text
from regiedesk.ids import uuid7
from regiedesk.sync import protocol as p

from ..conftest import Running
from .helpers import MB, code, family_of, peak_memory, send_chunked, stamp

BOMB = gzip.compress(b" " * (256 * MB), compresslevel=9)  # 256 MiB of JSON white space
GZIP = {"content-type": "application/json", "content-encoding": "gzip"}


def test_an_anonymous_gzip_bomb_is_refused_before_it_is_unpacked(server: Running) -> None:
    assert len(BOMB) < MB
    with peak_memory() as peak, server.client() as c:
        response = c.post("/v1/sync/push", content=BOMB, headers=GZIP)
    assert (response.status_code, code(response)) == (401, "unauthorized")
    assert peak.mb < 64, f"{peak.mb:.0f} MB"


def test_a_signed_in_gzip_bomb_is_unpacked_only_up_to_the_limit(server: Running) -> None:
    token = server.device("anna")
    with peak_memory() as peak, server.client(token) as c:
        response = c.post("/v1/sync/push", content=BOMB, headers=GZIP)
    assert (response.status_code, code(response)) == (413, "too_large")
    assert peak.mb < 64, f"{peak.mb:.0f} MB"


def test_a_chunked_sign_in_body_is_cut_off_at_the_limit(server: Running) -> None:
    with peak_memory() as peak:
        sent = send_chunked(server, "/v1/devices", 96 * MB)
    assert sent.status == 413, sent
    assert sent.sent < 32 * MB  # refused while it arrived, not after
    assert peak.mb < 48, f"{peak.mb:.0f} MB"


def test_an_anonymous_push_body_is_not_read(server: Running) -> None:
    with peak_memory() as peak:
        sent = send_chunked(server, "/v1/sync/push", 96 * MB)
    assert sent.status == 401, sent
    assert sent.sent < 32 * MB
    assert peak.mb < 48, f"{peak.mb:.0f} MB"


def test_a_chunked_push_is_cut_off_at_the_limit(server: Running) -> None:
    token = server.device("anna")
    with peak_memory() as peak:
        sent = send_chunked(server, "/v1/sync/push", 96 * MB, token=token)
    assert sent.status == 413, sent
    assert sent.sent < 32 * MB
    assert peak.mb < 48, f"{peak.mb:.0f} MB"


def test_a_body_within_the_limit_still_goes_through_chunked(server: Running) -> None:
    """The limit refuses only what is too large (passes before and after the fix)."""
    token = server.device("anna")
    body = json.dumps({"mutations": []}).encode()
    with server.client(token) as c:
        response = c.post(
            "/v1/sync/push",
            content=iter([body[:5], body[5:]]),
            headers={"content-type": "application/json"},
        )
    assert response.status_code == 200 and response.json() == {"results": []}


def test_a_pull_page_is_bounded_by_bytes(server: Running) -> None:
    token = server.device("anna")
    family = family_of(server, token, "anna")
    body = "Een lang verslag. " * 55_000  # about 1 MB, as a note may be
    with server.db.transaction() as tx:
        tx.append_changes(
            [
                (uuid7(), "old", "anna", family, "note_revisions", uuid7(), "insert",
                 p.dumps({"family_id": family, "body": body}), stamp(), utc_text())
                for _ in range(12)
            ]
        )  # fmt: skip
    pages, cursor, seen = [], 0, 0
    with server.client(token) as c:
        while True:
            response = c.get("/v1/sync/pull", params={"since": cursor})
            pages.append(len(response.content))
            page = response.json()
            seen += len(page["changes"])
            cursor = page["cursor"]
            if not page["has_more"]:
                break
    assert seen == 13  # the family record and every revision, over several pages
    assert max(pages) < 6 * MB, pages
