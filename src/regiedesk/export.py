"""Everything in a profile as readable JSON, for a client's access request or a migration."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from . import __version__
from .clock import utc_text
from .entities import ENTITY_TABLES
from .errors import BackupError, CorruptDatabase
from .files import write_new_file
from .store import Store
from .store.database import DatabaseError
from .store.schema import SCHEMA_VERSION

SECRET_META = frozenset({"device_token", "server_token"})


def export_document(store: Store) -> dict[str, Any]:
    """Every entity table (tombstones included), meta without secrets, drafts, changes the
    server rejected, the audit log."""
    tables = {t: store.query(f"SELECT * FROM {t} ORDER BY rowid") for t in ENTITY_TABLES}
    meta = {
        r["key"]: r["value"]
        for r in store.query("SELECT key, value FROM meta ORDER BY key")
        if r["key"] not in SECRET_META
    }
    return {
        "format": "regiedesk-export",
        "version": 1,
        "schema": SCHEMA_VERSION,
        "app": __version__,
        "exported_at": utc_text(),
        "meta": meta,
        "tables": tables,
        "drafts": store.query("SELECT key, body, updated_at FROM drafts ORDER BY key"),
        # work the server refused (e.g. after a handover), kept so it can be handed on
        "rejected_changes": store.set_aside.all(),
        "audit_log": store.query("SELECT * FROM audit_log ORDER BY seq"),
    }


def export_json(store: Store, out: Path) -> int:
    """Write the export (mode 0600, never over an existing file) and log it. Returns bytes.

    The export counts only once it is in the audit log: if that fails, the file is removed.
    A damaged page met while reading is refused as a damaged database (nothing written).
    """
    try:
        document = export_document(store)
    except DatabaseError as exc:
        raise CorruptDatabase(str(store.path), type(exc).__name__) from exc
    families = [r["id"] for r in document["tables"]["families"]]
    families += sorted(
        {str(r["family_id"]) for r in document["rejected_changes"] if r["family_id"]}
        - set(families)
    )
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    write_new_file(out, data, exists=BackupError)
    try:
        store.record_access(
            "export", client=None, objects=[f"families/{family_id}" for family_id in families]
        )
    except BaseException:
        with contextlib.suppress(OSError):
            out.unlink()
        raise
    return len(data)
