"""Removing local copies: of a family or member destroyed on the server, of a family that
left this device's scope."""

from __future__ import annotations

from ..entities import ENTITY_TABLES
from ..store import Store
from .member_destruction import detached, doomed_records


def destroy_family_copy(store: Store, family: str) -> bool:
    """The family was destroyed on the server: every trace of it here goes, also what
    waits to be sent and what the server refused. The audit log keeps that it happened."""
    held = (
        store.query("SELECT 1 AS x FROM families WHERE id = ?", (family,))
        or store.outbox.holds_family(family)
        or store.set_aside.holds_family(family)
    )
    if not held:
        return False
    with store.transaction(event="delete", client=family) as tx:
        _delete_family_rows(store, family)
        store.outbox.forget_family(family)
        store.set_aside.forget_family(family)
        tx.objects += [f"families/{family}", "destroyed"]
    return True


def destroy_member_copy(store: Store, member: str) -> bool:
    """The member was destroyed on the server: the member and what goes with it here too
    (``sync.member_destruction``, the server's rule), also what waits to be sent or was
    refused about them; the family's records that named one of them lose the pointer."""
    rows = store.query("SELECT family_id FROM members WHERE id = ?", (member,))
    family = (
        str(rows[0]["family_id"])
        if rows
        else store.outbox.family_of("members", member)
        or store.set_aside.family_of("members", member)
    )
    if family is None:
        return False
    held = {
        (table, str(row["id"])): row
        for table in ENTITY_TABLES
        if table != "families"
        for row in store.query(f"SELECT * FROM {table} WHERE family_id = ?", (family,))
    }
    doomed = doomed_records(member, held)
    gone = sorted({record_id for _, record_id in doomed})
    with store.transaction(event="delete", client=family) as tx:
        for entity, record_id in sorted(doomed, key=lambda k: -ENTITY_TABLES.index(k[0])):
            store.conn.execute(f"DELETE FROM {entity} WHERE id = ?", (record_id,))
        store.outbox.forget_records(gone)
        store.set_aside.forget_records(gone)
        for (entity, record_id), fields in held.items():
            if (entity, record_id) not in doomed and (cut := detached(fields, gone)):
                assignments = ", ".join(f"{name} = NULL" for name in cut)
                store.conn.execute(f"UPDATE {entity} SET {assignments} WHERE id = ?", (record_id,))
        tx.objects += [f"members/{member}", "destroyed"]
        tx.objects += [f"{e}/{r}" for e, r in sorted(doomed) if (e, r) != ("members", member)]
    return True


def purge_family(store: Store, family: str) -> None:
    """Remove a family that left this device's scope (only after its changes were pushed)."""
    with store.transaction(event="transfer", client=family) as tx:
        _delete_family_rows(store, family)
        tx.objects.append(f"families/{family}")


def _delete_family_rows(store: Store, family: str) -> None:
    """Every row of the family's records here, and its note drafts (in a transaction)."""
    for table in reversed(ENTITY_TABLES):
        column = "id" if table == "families" else "family_id"
        store.conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (family,))
    store.conn.execute("DELETE FROM drafts WHERE key LIKE ?", (f"note:{family}:%",))
