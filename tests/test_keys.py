from __future__ import annotations

import dataclasses
import json

import pytest

from regiedesk.errors import (
    GuessablePassphrase,
    NotAProfile,
    PassphraseMismatch,
    WeakPassphrase,
    WrongPassphrase,
)
from regiedesk.store.keys import KeyEnvelope, check_new_passphrase, new_data_key, seal, unseal

from .conftest import FAST_KDF


def test_seal_round_trip_and_wrong_passphrase() -> None:
    key = new_data_key()
    envelope = seal(key, "een goed wachtwoord", FAST_KDF)
    restored = KeyEnvelope.from_bytes(envelope.to_bytes(), source="x")
    assert unseal(restored, "een goed wachtwoord") == key
    with pytest.raises(WrongPassphrase):
        unseal(restored, "een fout wachtwoord")


def test_tampering_is_detected() -> None:
    envelope = seal(new_data_key(), "een goed wachtwoord", FAST_KDF)
    flipped = bytes([envelope.sealed[0] ^ 1]) + envelope.sealed[1:]
    with pytest.raises(WrongPassphrase):
        unseal(dataclasses.replace(envelope, sealed=flipped), "een goed wachtwoord")
    # the KDF cost is bound to the ciphertext: lowering it is not possible unnoticed
    weaker = dataclasses.replace(envelope.kdf, iterations=envelope.kdf.iterations + 1)
    with pytest.raises(WrongPassphrase):
        unseal(dataclasses.replace(envelope, kdf=weaker), "een goed wachtwoord")


@pytest.mark.parametrize(
    "raw",
    [b"", b"{}", b"not json", json.dumps({"format": "regiedesk-key", "version": 9}).encode()],
)
def test_foreign_key_files(raw: bytes) -> None:
    with pytest.raises(NotAProfile):
        KeyEnvelope.from_bytes(raw, source="x")


def test_new_passphrase_rules() -> None:
    with pytest.raises(WeakPassphrase) as err:
        check_new_passphrase("negen123")
    assert "10 tekens" in err.value.nl
    with pytest.raises(PassphraseMismatch):
        check_new_passphrase("lang genoeg 1", "lang genoeg 2")
    check_new_passphrase("lang genoeg 1", "lang genoeg 1")


@pytest.mark.parametrize(
    ("weak", "why"),
    [
        ("wachtwoord", "veelgebruikt wachtwoord"),
        ("1234567890", "veelgebruikt wachtwoord"),
        ("aaaaaaaaaa", "herhalingen"),
        ("qwertyuiop", "veelgebruikt wachtwoord"),
        ("asdfghjkl;", "toetsenbord"),
        ("abcdefghijk", "reeksen"),
        ("regiedesk123", "regiedesk"),
    ],
)
def test_a_long_enough_but_guessable_passphrase_is_refused(weak: str, why: str) -> None:
    with pytest.raises(GuessablePassphrase) as refused:
        check_new_passphrase(weak, weak)
    assert refused.value.nl.startswith("Dit wachtwoord is te makkelijk te raden")
    assert why in refused.value.nl
    assert "too easy to guess" in refused.value.en
    assert weak not in refused.value.en  # the message never repeats the passphrase


def test_the_organisations_minimum_still_comes_first() -> None:
    with pytest.raises(WeakPassphrase) as short:
        check_new_passphrase("mijn fiets is blauw", minimum=24)  # strong, but short for them
    assert "24 tekens" in short.value.nl
    check_new_passphrase("mijn fiets is blauw en geel", minimum=24)


def test_only_the_first_characters_are_estimated() -> None:
    check_new_passphrase("mijn fiets is blauw " * 10)  # longer than zxcvbn takes
    with pytest.raises(GuessablePassphrase):
        check_new_passphrase("a" * 200)


def test_envelope_file_holds_no_key_material() -> None:
    key = new_data_key()
    raw = seal(key, "een goed wachtwoord", FAST_KDF).to_bytes()
    doc = json.loads(raw)
    assert doc["format"] == "regiedesk-key" and doc["kdf"]["name"] == "argon2id"
    assert doc["kdf"]["memory_kib"] == FAST_KDF.memory_kib
    assert key not in raw and key.hex().encode() not in raw
    assert b"een goed wachtwoord" not in raw
    # a fresh salt and nonce every time: sealing twice never gives the same envelope
    assert seal(key, "een goed wachtwoord", FAST_KDF).to_bytes() != raw


@pytest.mark.parametrize(
    "change",
    [
        {"kdf": dataclasses.replace(FAST_KDF, memory_kib=FAST_KDF.memory_kib * 2)},
        {"kdf": dataclasses.replace(FAST_KDF, lanes=2)},
        {"salt": bytes(16)},
        {"nonce": bytes(12)},
        {"sealed": b"\x00" * 48},
    ],
    ids=["memory", "lanes", "salt", "nonce", "sealed"],
)
def test_every_envelope_field_is_bound(change: dict[str, object]) -> None:
    """Each field is authenticated: changing one, even to a cheaper KDF, fails to unseal."""
    envelope = seal(new_data_key(), "een goed wachtwoord", FAST_KDF)
    tampered = dataclasses.replace(envelope, **change)  # type: ignore[arg-type]
    round_tripped = KeyEnvelope.from_bytes(tampered.to_bytes(), source="x")
    with pytest.raises(WrongPassphrase):
        unseal(round_tripped, "een goed wachtwoord")
