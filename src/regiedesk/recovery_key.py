"""The organisation's way back into a profile whose passphrase is lost.

When the organisation file names a recovery public key (X25519), the profile's data key
is also sealed to that key, in ``profile.recovery`` beside ``profile.key``: an ephemeral
X25519 key agreement, HKDF-SHA256 and AES-256-GCM, both public keys bound as associated
data. Only the holder of the private key (kept off the laptops, e.g. by the privacy
officer) can unseal it; ``regiedesk recover`` then seals the data key under a new
passphrase. The database is not touched, so no data is lost.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .errors import RecoveryFailed

RECOVERY_FORMAT = "regiedesk-recovery"
RECOVERY_VERSION = 1


# cryptography's serialization (with its SSH key module, ~15 ms) loads on first use, not
# with the store when the app starts: only sealing or reading a recovery key needs it


def _raw(key: X25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _wrapping_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None,
        info=f"{RECOVERY_FORMAT}/{RECOVERY_VERSION}".encode() + ephemeral + recipient,
    ).derive(shared)  # fmt: skip


@dataclass(frozen=True, slots=True)
class RecoveryEnvelope:
    recipient: bytes  # the organisation's public key (raw 32 bytes)
    ephemeral: bytes
    nonce: bytes
    sealed: bytes

    def to_bytes(self) -> bytes:
        doc = {
            "format": RECOVERY_FORMAT, "version": RECOVERY_VERSION,
            **{k: base64.b64encode(getattr(self, k)).decode("ascii")
               for k in ("recipient", "ephemeral", "nonce", "sealed")},
        }  # fmt: skip
        return (json.dumps(doc, indent=2) + "\n").encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> RecoveryEnvelope:
        try:
            doc: Any = json.loads(raw.decode("utf-8"))
            if doc.get("format") != RECOVERY_FORMAT or doc.get("version") != RECOVERY_VERSION:
                raise ValueError("format")
            values = [base64.b64decode(doc[k], validate=True)
                      for k in ("recipient", "ephemeral", "nonce", "sealed")]  # fmt: skip
            return cls(*values)
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            raise RecoveryFailed("damaged") from exc


def seal_for_recovery(data_key: bytes, recipient: bytes) -> RecoveryEnvelope:
    ephemeral = X25519PrivateKey.generate()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    ephemeral_raw = _raw(ephemeral.public_key())
    nonce = os.urandom(12)
    sealed = AESGCM(_wrapping_key(shared, ephemeral_raw, recipient)).encrypt(
        nonce, data_key, ephemeral_raw + recipient
    )
    return RecoveryEnvelope(recipient, ephemeral_raw, nonce, sealed)


def unseal_with_private_key(envelope: RecoveryEnvelope, private_key: X25519PrivateKey) -> bytes:
    mine = _raw(private_key.public_key())
    if mine != envelope.recipient:
        raise RecoveryFailed("other_key")
    shared = private_key.exchange(X25519PublicKey.from_public_bytes(envelope.ephemeral))
    try:
        return AESGCM(_wrapping_key(shared, envelope.ephemeral, mine)).decrypt(
            envelope.nonce, envelope.sealed, envelope.ephemeral + mine
        )
    except InvalidTag:
        raise RecoveryFailed("damaged") from None


def load_private_key(raw: bytes) -> X25519PrivateKey:
    """A PEM (PKCS#8) X25519 private key, as ``regiedesk-server org key`` writes it."""
    from cryptography.hazmat.primitives import serialization

    try:
        key = serialization.load_pem_private_key(raw, password=None)
    except (ValueError, TypeError) as exc:
        raise RecoveryFailed("not_a_key") from exc
    if not isinstance(key, X25519PrivateKey):
        raise RecoveryFailed("not_a_key")
    return key


def new_organisation_key() -> tuple[bytes, str]:
    """A new key pair: the private key as PEM, the public key as base64 (for the file)."""
    from cryptography.hazmat.primitives import serialization

    private = X25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )  # fmt: skip
    return pem, base64.b64encode(_raw(private.public_key())).decode("ascii")
