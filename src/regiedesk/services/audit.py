"""Accesses that change nothing but must be in the NEN 7513 trail: a family opened, one of
its tabs or notes shown, a search that listed families. Writes, prints and exports log
their own event where they happen (``Store.transaction``, reports, export)."""

from __future__ import annotations

from .base import Service


class AuditService(Service):
    def log_opened(self, family_id: str, part: str) -> None:
        """A part of the family's record was shown (``part``: the tab, e.g. ``overview``)."""
        self.store.record_access(
            "read", client=family_id, objects=[f"families/{family_id}", f"view/{part}"]
        )

    def log_note_read(self, family_id: str, note_id: str) -> None:
        """A note (a visit report) was opened with its history."""
        self.store.record_access("read", client=family_id, objects=[f"notes/{note_id}"])

    def log_search(self, family_ids: list[str]) -> None:
        """A search listed these families (the typed words are not kept: only who was
        shown matters, and a search term can itself be client data)."""
        self.store.record_access(
            "search", client=None, objects=[f"families/{f}" for f in family_ids]
        )

    def log_week_shown(self, family_ids: list[str]) -> None:
        """Mijn week showed something of these families (hours, agreements, dates)."""
        self.store.record_access(
            "read", client=None, objects=[*(f"families/{f}" for f in family_ids), "view/my_week"]
        )
