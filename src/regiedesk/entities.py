"""The records that sync carries: one list for the laptop's store and the server.

Kept apart from ``regiedesk.store`` so the server names them without loading
the encrypted store (and sqlcipher3) it never uses.
"""

from __future__ import annotations

# Entity tables that sync and export carry, in dependency order (parents first).
ENTITY_TABLES: tuple[str, ...] = (
    "families",
    "members",
    "hours",
    "timers",
    "assessments",
    "scores",
    "parties",
    "contacts",
    "goals",
    "agreements",
    "notes",
    "note_revisions",
    "corrections",  # about a record of any table above (AVG art. 16)
)
