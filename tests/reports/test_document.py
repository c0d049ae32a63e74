"""The shared document: letterhead, title, confidentiality, page numbers, print moment,
one embedded font family for every glyph, and tables that repeat their header."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from regiedesk.reports import Document, Letterhead, build_pdf
from regiedesk.reports.document import heading, no_data, table, text

from .conftest import DIACRITICS, PRINTED_AT, fonts, pages


def _long_table(rows: int) -> list:
    return [
        heading("Lange tabel"),
        table(
            ["Kolom naam", "Kolom getal"],
            [(f"rij {i} {DIACRITICS[i % len(DIACRITICS)]}", str(i)) for i in range(rows)],
            (0.7, 0.3),
            right=(1,),
        ),
    ]


def test_every_page_has_the_letterhead_title_confidentiality_and_numbering() -> None:
    pdf = build_pdf(
        Document(
            title="Proefrapport",
            subject="Gezin Zoë",
            flowables=_long_table(150),
            letterhead=Letterhead("Jeugdzorg Łódź-Ĳmuiden"),
            printed_at=PRINTED_AT,
        )
    )
    texts = pages(pdf)
    assert len(texts) >= 3
    local = PRINTED_AT.astimezone()
    for number, page in enumerate(texts, start=1):
        assert "Jeugdzorg Łódź-Ĳmuiden" in page
        assert "Proefrapport" in page and "Gezin Zoë" in page
        assert "Vertrouwelijk" in page
        assert f"pagina {number} van {len(texts)}" in page
        assert f"Afgedrukt op {local:%d-%m-%Y %H:%M}" in page


def test_a_table_over_pages_repeats_its_header_and_loses_no_row() -> None:
    pdf = build_pdf(Document(title="T", flowables=_long_table(150), printed_at=PRINTED_AT))
    texts = pages(pdf)
    assert len(texts) >= 3
    for page in texts:
        assert "Kolom naam" in page and "Kolom getal" in page
    everything = "\n".join(texts)
    for i in range(150):
        assert f"rij {i} {DIACRITICS[i % len(DIACRITICS)]}" in everything


def test_diacritics_print_in_the_one_embedded_family() -> None:
    names = " ".join(DIACRITICS)
    pdf = build_pdf(
        Document(
            title=f"Titel {names}",
            flowables=[heading(names), text(names), *_long_table(3)],
            printed_at=PRINTED_AT,
        )
    )
    page = pages(pdf)[0]
    for name in DIACRITICS:
        assert page.count(name) >= 3, name  # header, heading, paragraph (and table rows)
    used = fonts(pdf)
    assert used and all("DejaVuSans" in f for f in used), used  # no Helvetica fallback
    assert any("Bold" in f for f in used)  # headings and table headers in the bold face


def test_english_variant() -> None:
    pdf = build_pdf(
        Document(title="Trial", flowables=_long_table(80), language="en", printed_at=PRINTED_AT)
    )
    texts = pages(pdf)
    for number, page in enumerate(texts, start=1):
        assert "Confidential" in page and "Vertrouwelijk" not in page
        assert f"page {number} of {len(texts)}" in page
        assert "Printed on" in page


def test_logo_when_the_organisation_has_one(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (240, 80), (29, 91, 121)).save(logo)
    with_logo = build_pdf(
        Document(title="T", flowables=[text("x")], letterhead=Letterhead("Org", logo))
    )
    without = build_pdf(Document(title="T", flowables=[text("x")], letterhead=Letterhead("Org")))

    def images(pdf: bytes) -> int:
        page = PdfReader(io.BytesIO(pdf)).pages[0]
        return len(page.images)

    assert images(with_logo) == 1 and images(without) == 0


def test_no_data_line_and_typed_markup_is_printed_as_text() -> None:
    pdf = build_pdf(
        Document(
            title="T",
            flowables=[no_data("Geen gegevens in deze periode."), text("a < b & <b>c</b>")],
            printed_at=dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC),
        )
    )
    page = pages(pdf)[0]
    assert "Geen gegevens in deze periode." in page
    assert "a < b & <b>c</b>" in page
