"""What client and server agree on. Importable without FastAPI or httpx.

Every request carries the protocol version and the client's schema version in
headers; outside the supported range the server answers 426 upgrade_required.
Pull uses the server's sequence number as the cursor, never the clock.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from enum import StrEnum
from typing import Any, NotRequired, TypedDict

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


class Op(StrEnum):
    """What a change does to its record."""

    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"


class Outcome(StrEnum):
    """The server's answer to one pushed mutation."""

    ACCEPTED = "accepted"  # stored (or stored before: a retry)
    REJECTED = "rejected"  # refused, with a Reason; the laptop sets the change aside


class Reason(StrEnum):
    """Why a pushed mutation was rejected (the server's answer) or a pulled one set aside
    (the laptop's, ``sync.rules``): one vocabulary on both sides."""

    # where the change may go: who is pushing it, and the family's state on the server
    OUT_OF_SCOPE = "out_of_scope"  # a family the device's user may not write to (any more)
    UNKNOWN_FAMILY = "unknown_family"  # a change to a family the server never had
    NOT_YOUR_FAMILY = "not_your_family"  # a new family made out to another caseworker
    HANDOVER_BY_TEAMLEADER_ONLY = "handover_by_teamleader_only"  # a changed caseworker
    # what the change holds (``sync.rules``: the entity's fields and the domain's ranges)
    BAD_STAMP = "bad_stamp"  # not a clock stamp in the strict form (``clock.is_stamp``)
    UNKNOWN_ENTITY = "unknown_entity"  # not one of regiedesk.entities.ENTITY_TABLES
    BAD_OP = "bad_op"
    BAD_ID = "bad_id"  # a record id that is not a UUID, or data naming another record
    WRONG_FAMILY = "wrong_family"  # the data's family differs from the change's (or record's)
    UNKNOWN_FIELD = "unknown_field"
    MISSING_FIELD = "missing_field"  # an insert without a field the entity requires
    INVALID_VALUE = "invalid_value"  # a wrong type, a date that does not exist, out of range
    BAD_TEXT = "bad_text"  # text with a NUL or a lone surrogate, which no database keeps


class ErrorCode(StrEnum):
    """``detail.code`` of a refused request (see ``ErrorBody``)."""

    UNAUTHORIZED = "unauthorized"  # 401: no token, or an unknown one
    DEVICE_REVOKED = "device_revoked"  # 401: the device must wipe its data
    BAD_CREDENTIALS = "bad_credentials"  # 401: wrong user name or password
    SECOND_FACTOR = "second_factor"  # 401: an authenticator code is needed
    USER_DISABLED = "user_disabled"  # 403
    FORBIDDEN = "forbidden"  # 403: not for this role
    NOT_FOUND = "not_found"  # 404: no such thing in the caller's scope
    BAD_BODY = "bad_body"  # 400: a gzip body that does not unpack
    BAD_HEADER = "bad_header"  # 400: a header of the protocol that is malformed
    CLOCK_AHEAD = "clock_ahead"  # 409: the device clock runs ahead
    STAMPS_AHEAD = "stamps_ahead"  # 409: changes stamped in the future
    TOO_LARGE = "too_large"  # 413
    UPGRADE_REQUIRED = "upgrade_required"  # 426: outside the supported versions
    DB_DOWN = "db_down"  # 503 (GET /health)


class Role(StrEnum):
    CASEWORKER = "caseworker"
    TEAMLEADER = "teamleader"
    ADMIN = "admin"


class Mutation(TypedDict):
    """One local change as a push carries it (``POST /v1/sync/push``)."""

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
    reason: Reason | None


def mutation_result(mutation_id: str, reason: Reason | None = None) -> MutationResult:
    """Accepted, or rejected for ``reason``."""
    outcome = Outcome.ACCEPTED if reason is None else Outcome.REJECTED
    return {"mutation_id": mutation_id, "outcome": outcome, "reason": reason}


class PushAnswer(TypedDict):
    results: list[MutationResult]


class Change(TypedDict):
    """One change of the server's log as a pull carries it."""

    seq: int
    mutation_id: str
    hlc: str
    entity: str
    record_id: str
    family_id: str
    op: Op
    device_id: str
    data: dict[str, Any]


class PullPage(TypedDict):
    """``GET /v1/sync/pull``: changes after the cursor asked for, and the scope now."""

    changes: list[Change]
    cursor: int
    has_more: bool
    families: list[str]


class ChecksumAnswer(TypedDict):
    families: dict[str, str]  # family id: family_checksum


class RegisterAnswer(TypedDict):
    """``POST /v1/devices``: the device's token, given out once."""

    device_id: str
    token: str
    user: str
    role: Role


class ErrorBody(TypedDict):
    """``detail`` of a refused request; some codes carry more fields."""

    code: ErrorCode
    message: str
    device_time: NotRequired[str]  # clock_ahead
    server_time: NotRequired[str]  # clock_ahead
    protocols: NotRequired[list[int]]  # upgrade_required
    schemas: NotRequired[list[int]]  # upgrade_required


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
