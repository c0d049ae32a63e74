"""Drafts of typed text, kept in the encrypted database as the user types.

A draft is local scratch, not a record: it does not sync and is not an
audit event. Saving the real record removes the draft.
"""

from __future__ import annotations

import datetime as dt

from ..clock import utc_now
from ..domain.validate import MAX_LONG_TEXT
from .base import Service


class DraftService(Service):
    def save_draft(self, key: str, text: str) -> None:
        if len(text) > MAX_LONG_TEXT:
            text = text[:MAX_LONG_TEXT]
        # "when last typed" orders a family's new notes: to the microsecond (two drafts
        # flushed in one millisecond came back in random order), and not moved by a
        # flush of text that did not change (a lock saves every open draft again)
        self.store.write_local(
            "INSERT INTO drafts (key, body, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE"
            " SET body = excluded.body, updated_at = excluded.updated_at"
            " WHERE drafts.body IS NOT excluded.body",
            (key, text, utc_now().astimezone(dt.UTC).isoformat(timespec="microseconds")),
        )

    def get_draft(self, key: str) -> str | None:
        rows = self.store.query("SELECT body FROM drafts WHERE key = ?", (key,))
        return str(rows[0]["body"]) if rows else None

    def list_drafts(self, prefix: str) -> list[tuple[str, str, str]]:
        """The drafts whose key starts with ``prefix``: (key, text, updated_at), newest first."""
        rows = self.store.query(
            "SELECT key, body, updated_at FROM drafts WHERE substr(key, 1, ?) = ?"
            " ORDER BY updated_at DESC, key",
            (len(prefix), prefix),
        )
        return [(str(r["key"]), str(r["body"]), str(r["updated_at"])) for r in rows]

    def remove_draft(self, key: str) -> None:
        self.store.write_local("DELETE FROM drafts WHERE key = ?", (key,))
