"""Passwords (Argon2id via argon2-cffi), TOTP second factor, and device tokens."""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import time

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.hazmat.primitives.hashes import SHA1
from cryptography.hazmat.primitives.twofactor import InvalidToken
from cryptography.hazmat.primitives.twofactor.totp import TOTP

from ..protocol import Role

ROLES = tuple(Role)
NEEDS_SECOND_FACTOR = (Role.TEAMLEADER, Role.ADMIN, Role.PRIVACY_OFFICER)
_hasher = PasswordHasher()  # Argon2id with the library's current recommended cost
_DUMMY_HASH = _hasher.hash("regiedesk: no such user")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Constant work whether or not the user exists."""
    try:
        return _hasher.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def new_totp_secret() -> str:
    return base64.b32encode(os.urandom(20)).decode("ascii")


def _totp(secret: str) -> TOTP:
    return TOTP(base64.b32decode(secret), 6, SHA1(), 30, enforce_key_length=False)


def totp_code(secret: str, at: float | None = None) -> str:
    return _totp(secret).generate(int(at if at is not None else time.time())).decode()


def verify_totp(secret: str, code: str, at: float | None = None) -> int | None:
    """The 30-second step (time // 30) of a right code, or None. Only the current step and
    the one just gone count (a code typed as it changed); a code of a later step, or
    older, is refused (issue 16, 7). That a step is used only once is the caller's to
    check (``queries.use_totp_step``)."""
    now = int(at if at is not None else time.time())
    totp = _totp(secret)
    for step in (0, -30):
        try:
            totp.verify(code.encode(), now + step)
            return (now + step) // 30
        except InvalidToken:
            continue
    return None


def provisioning_uri(secret: str, user: str) -> str:
    return _totp(secret).get_provisioning_uri(user, "regiedesk")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
