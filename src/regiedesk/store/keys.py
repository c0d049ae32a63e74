"""The profile's data key, wrapped under a key derived from the passphrase.

The database is opened with a random 256-bit raw key, so SQLCipher's own KDF is
skipped. That data key is stored only sealed with AES-256-GCM under an
Argon2id-derived key; the KDF parameters and salt travel with it and are bound
to the ciphertext as associated data. Changing the passphrase re-seals this
one small envelope; the database is not rewritten.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from ..errors import (
    GuessablePassphrase,
    NotAProfile,
    PassphraseMismatch,
    WeakPassphrase,
    WrongPassphrase,
)

ENVELOPE_FORMAT = "regiedesk-key"
ENVELOPE_VERSION = 1
MIN_PASSPHRASE_LENGTH = 10
DATA_KEY_BYTES = 32
MAX_KDF_MEMORY_KIB = 4 * 1024 * 1024  # 4 GiB: more than any laptop should spend on a key


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost. The default unlocks in roughly 0.3 to 0.5 s on a current laptop."""

    memory_kib: int = 256 * 1024
    iterations: int = 2
    lanes: int = 4


DEFAULT_KDF = KdfParams()


@dataclass(frozen=True, slots=True)
class KeyEnvelope:
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    sealed: bytes

    def to_bytes(self) -> bytes:
        doc = {
            "format": ENVELOPE_FORMAT,
            "version": ENVELOPE_VERSION,
            "kdf": {
                "name": "argon2id",
                "memory_kib": self.kdf.memory_kib,
                "iterations": self.kdf.iterations,
                "lanes": self.kdf.lanes,
            },
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "sealed": _b64(self.sealed),
        }
        return (json.dumps(doc, indent=2) + "\n").encode()

    @classmethod
    def from_bytes(cls, raw: bytes, *, source: str) -> KeyEnvelope:
        try:
            doc: Any = json.loads(raw.decode("utf-8"))
            if doc.get("format") != ENVELOPE_FORMAT or doc.get("version") != ENVELOPE_VERSION:
                raise ValueError("format")
            kdf = doc["kdf"]
            if kdf["name"] != "argon2id":
                raise ValueError("kdf")
            params = KdfParams(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"]))
            envelope = cls(
                params,
                base64.b64decode(doc["salt"], validate=True),
                base64.b64decode(doc["nonce"], validate=True),
                base64.b64decode(doc["sealed"], validate=True),
            )
            if not envelope._plausible():
                raise ValueError("values")
            return envelope
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            raise NotAProfile(source) from exc

    def _plausible(self) -> bool:
        """Values this app could have written: a damaged file is named as such, rather than
        failing inside Argon2id (or asking it for terabytes)."""
        kdf = self.kdf
        return (
            1 <= kdf.lanes <= 64
            and 8 * kdf.lanes <= kdf.memory_kib <= MAX_KDF_MEMORY_KIB
            and 1 <= kdf.iterations <= 64
            and len(self.salt) >= 8
            and len(self.nonce) == 12
            and len(self.sealed) == DATA_KEY_BYTES + 16  # the key and its GCM tag
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _associated_data(kdf: KdfParams, salt: bytes) -> bytes:
    header = f"{ENVELOPE_FORMAT}/{ENVELOPE_VERSION}/argon2id/{kdf.memory_kib}/{kdf.iterations}"
    return f"{header}/{kdf.lanes}/".encode() + salt


def _derive(passphrase: str, salt: bytes, kdf: KdfParams) -> bytes:
    return Argon2id(
        salt=salt,
        length=32,
        iterations=kdf.iterations,
        lanes=kdf.lanes,
        memory_cost=kdf.memory_kib,
    ).derive(passphrase.encode("utf-8"))


def check_new_passphrase(
    passphrase: str, repeated: str | None = None, *, minimum: int = MIN_PASSPHRASE_LENGTH
) -> None:
    """Refuse a passphrase that is too short (``minimum``, an organisation may raise it),
    quickly guessed (``strength``), or typed differently the second time."""
    if repeated is not None and passphrase != repeated:
        raise PassphraseMismatch()
    minimum = max(minimum, MIN_PASSPHRASE_LENGTH)
    if len(passphrase) < minimum:
        raise WeakPassphrase(minimum)
    from .strength import estimate

    strength = estimate(passphrase)
    if not strength.acceptable:
        raise GuessablePassphrase(strength.nl, strength.en)


def new_data_key() -> bytes:
    return os.urandom(DATA_KEY_BYTES)


def seal(data_key: bytes, passphrase: str, kdf: KdfParams = DEFAULT_KDF) -> KeyEnvelope:
    salt = os.urandom(16)
    nonce = os.urandom(12)
    wrapping_key = _derive(passphrase, salt, kdf)
    sealed = AESGCM(wrapping_key).encrypt(nonce, data_key, _associated_data(kdf, salt))
    return KeyEnvelope(kdf, salt, nonce, sealed)


def unseal(envelope: KeyEnvelope, passphrase: str) -> bytes:
    wrapping_key = _derive(passphrase, envelope.salt, envelope.kdf)
    try:
        data_key = AESGCM(wrapping_key).decrypt(
            envelope.nonce, envelope.sealed, _associated_data(envelope.kdf, envelope.salt)
        )
    except InvalidTag:
        raise WrongPassphrase() from None
    if len(data_key) != DATA_KEY_BYTES:
        raise WrongPassphrase()
    return data_key
