"""Shared fixtures: a real encrypted profile in a temporary directory.

Profiles made here use a cheap Argon2id setting so the suite stays fast; the
cost parameters travel inside the key envelope, so everything else (open,
check, backup) runs exactly as with the default cost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from regiedesk.store import KdfParams, Store, create_profile

FAST_KDF = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)
PASSPHRASE = "correct horse battery"
TODAY = dt.date(2026, 11, 24)  # the one "today" of every test
START = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)  # and the moment a FakeClock starts


@pytest.fixture(autouse=True)
def no_organisation_file(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """This machine's own organisation file (``/etc/regiedesk``) never leaks into a test;
    a test that wants one writes it and points the variable there."""
    missing = tmp_path_factory.getbasetemp() / "no-organisation.toml"
    monkeypatch.setenv("REGIEDESK_ORGANISATION_FILE", str(missing))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "profile"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = create_profile(data_dir, PASSPHRASE, user="regisseur.anna", kdf=FAST_KDF)
    yield opened
    opened.close()


@pytest.fixture
def today() -> dt.date:
    return TODAY


class FakeClock:
    """A settable 'now' for services, in UTC."""

    def __init__(self, start: dt.datetime) -> None:
        self.value = start

    def __call__(self) -> dt.datetime:
        return self.value

    def advance(self, **delta: float) -> None:
        self.value += dt.timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def family_id(store: Store) -> str:
    from regiedesk.services.families import FamilyService

    return (
        FamilyService(store, today=lambda: TODAY).add_family(name="Gezin Test", status="actief").id
    )
