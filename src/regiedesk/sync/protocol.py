"""What client and server agree on. Importable without FastAPI or httpx.

Every request carries the protocol version and the client's schema version in
headers; outside the supported range the server answers 426 upgrade_required.
Pull uses the server's sequence number as the cursor, never the clock.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any, Literal, TypedDict

PROTOCOL_VERSION = 1
SUPPORTED_PROTOCOLS = (1, 1)
# local schema 4 only adds a local table (rejected_changes): clients on 3 or 4 sync alike
SUPPORTED_SCHEMAS = (3, 4)
PROTOCOL_HEADER = "X-Regiedesk-Protocol"
SCHEMA_HEADER = "X-Regiedesk-Schema"
CLOCK_HEADER = "X-Regiedesk-Clock-Ms"
MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000
MAX_BODY_BYTES = 8 * 1024 * 1024
PAGE_LIMIT = 1000

Op = Literal["insert", "update", "delete"]
Outcome = Literal["accepted", "superseded", "rejected"]


class Mutation(TypedDict):
    mutation_id: str
    hlc: str
    entity: str
    record_id: str
    family_id: str | None
    op: Op
    data: dict[str, Any]


class MutationResult(TypedDict):
    mutation_id: str
    outcome: Outcome
    reason: str | None


class Change(TypedDict):
    seq: int
    mutation_id: str
    hlc: str
    entity: str
    record_id: str
    family_id: str
    op: Op
    data: dict[str, Any]
    device_id: str


def family_checksum(records: Iterable[tuple[str, str, str]]) -> str:
    """A digest of a family's records as (entity, record id, latest clock stamp).

    The server takes, per record, the highest stamp among its changes; a device
    takes each row's ``updated_hlc`` (tombstones included). Equal digests mean
    the device holds the latest version of every record of the family.
    """
    digest = hashlib.sha256()
    for entity, record_id, hlc in sorted(records):
        digest.update(f"{entity}/{record_id}/{hlc}\n".encode())
    return digest.hexdigest()


def dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))
