"""A seeded demo profile for the report tests, and reading a PDF's text back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from regiedesk.demo import generate_demo
from regiedesk.services import Services
from regiedesk.store import Store, create_profile

from ..conftest import FAST_KDF, PASSPHRASE, TODAY

DIACRITICS = ("Koës", "Ünal", "Zoë", "Ĳsbrand", "Łukasz", "Şükrü")
PRINTED_AT = dt.datetime(2026, 11, 24, 13, 5, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Demo:
    store: Store
    services: Services
    accented: str  # a family whose members' names carry diacritics


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    store = create_profile(
        tmp_path_factory.mktemp("reports") / "p", PASSPHRASE, user="oefenregisseur", kdf=FAST_KDF
    )
    generate_demo(store, families=3, today=TODAY)
    services = Services(store, today=lambda: TODAY)
    family = services.families.add_family(
        name="Gezin Koës-Ünal", status="actief", start_date=TODAY - dt.timedelta(days=90)
    )
    for name, role in zip(
        DIACRITICS, ("ouder", "ouder", "kind", "kind", "kind", "kind"), strict=True
    ):
        member = services.families.add_member(family.id, name=f"{name} Koës", role=role)
        if name == "Zoë":
            services.plan.add_goal(
                family.id, domain="kind_scholing", text="Zoë gaat weer naar school.",
                member_id=member.id,
            )  # fmt: skip
    yield Demo(store, services, family.id)
    store.close()


def pages(pdf: bytes) -> list[str]:
    """The text of each page, as pypdf extracts it."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def fonts(pdf: bytes) -> set[str]:
    """The base names of every font the PDF's pages use."""
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def flat(text: str) -> str:
    """Whitespace folded to single spaces: a table cell may wrap over lines."""
    return " ".join(text.split())
