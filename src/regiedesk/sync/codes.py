"""The wire's vocabulary: what a change does, the answers to a push, the refusal codes and
the roles. Apart from ``protocol`` (the messages) so that the laptop's start, which needs
only these, does not load the message types and the digests."""

from __future__ import annotations

from enum import StrEnum


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
    DESTROYED = "destroyed"  # a family destroyed on request or after the legal term
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
    # 401, no longer sent: a missing or wrong code is answered as bad_credentials, so that
    # the answer never confirms a password (kept for the laptops that know it)
    SECOND_FACTOR = "second_factor"
    USER_DISABLED = "user_disabled"  # 403
    FORBIDDEN = "forbidden"  # 403: not for this role
    NOT_FOUND = "not_found"  # 404: no such thing in the caller's scope
    BAD_BODY = "bad_body"  # 400: a gzip body that does not unpack
    BAD_PERIOD = "bad_period"  # 400: a period that ends before it starts, or is too long
    BAD_HEADER = "bad_header"  # 400: a header of the protocol that is malformed
    BAD_TEXT = "bad_text"  # 400: an id, stamp, name or parameter with a NUL or lone surrogate
    CLOCK_AHEAD = "clock_ahead"  # 409: the device clock runs ahead
    STAMPS_AHEAD = "stamps_ahead"  # 409: changes stamped in the future
    TOO_LARGE = "too_large"  # 413
    INVALID_REQUEST = "invalid_request"  # 422: a body or parameter that does not fit the API
    TOO_MANY_ATTEMPTS = "too_many_attempts"  # 429: failed sign-ins; wait retry_after seconds
    INTERNAL = "internal"  # 500: the server failed; nothing of the request is echoed
    UPGRADE_REQUIRED = "upgrade_required"  # 426: outside the supported versions
    DB_DOWN = "db_down"  # 503 (GET /health)
    BUSY = "busy"  # 503: too many sign-ins being checked at once; wait retry_after seconds


class Role(StrEnum):
    CASEWORKER = "caseworker"
    TEAMLEADER = "teamleader"
    ADMIN = "admin"
    PRIVACY_OFFICER = "privacy_officer"  # reads the central audit trail (with TOTP)
