"""Work the server refused and this laptop kept aside: read it (an audited access) and
dismiss it once dealt with."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .base import Service


@dataclass(frozen=True)
class RejectedChange:
    """One kept change, with the name of its family if that is still on this laptop."""

    mutation_id: str
    rejected_at: dt.datetime
    entity: str
    op: str
    reason: str | None
    family_id: str | None
    family_name: str | None
    data: dict[str, Any]


class RejectedChangeService(Service):
    def list_rejected_changes(self) -> list[RejectedChange]:
        """The kept changes, oldest first. They hold client data: reading them is logged."""
        store = self.store
        rows = store.set_aside.all()
        families = sorted({str(r["family_id"]) for r in rows if r["family_id"]})
        names = {
            r["id"]: str(r["name"])
            for r in store.query("SELECT id, name FROM families")
            if r["id"] in families
        }
        if rows:
            store.record_access(
                "read",
                client=None,
                objects=[f"{r['entity']}/{r['record_id']}" for r in rows]
                + [f"families/{family}" for family in families],
            )
        return [
            RejectedChange(
                mutation_id=str(r["mutation_id"]),
                rejected_at=dt.datetime.fromisoformat(str(r["rejected_at"])),
                entity=str(r["entity"]),
                op=str(r["op"]),
                reason=r["reason"],
                family_id=r["family_id"],
                family_name=names.get(r["family_id"]),
                data=dict(r["data"]),
            )
            for r in rows
        ]

    def remove_rejected_changes(self, mutation_ids: list[str]) -> int:
        """Delete the chosen kept changes (one audit event); returns how many went."""
        return self.store.set_aside.dismiss(mutation_ids)
