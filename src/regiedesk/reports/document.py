"""The shared document of every report: an A4 page with the organisation's letterhead,
the report's title, "Vertrouwelijk", "pagina 2 van 5" and the moment it was printed.

A report is a title, an optional subject (the family it is about) and a list of
platypus flowables; ``build_pdf`` lays them out and returns the PDF's bytes. The
document is built in memory: nothing touches the disk until ``output.write_report``
writes it where the user asked, together with the audit event.

The page count ("van 5") is only known after the layout, so the canvas keeps each
finished page and draws the numbers on all of them when the document is saved.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)

from ..clock import utc_now
from ..i18n import Language
from .fonts import BOLD, FAMILY, ITALIC, register_fonts
from .words import Words

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 2 * cm
HEADER_HEIGHT = 2.2 * cm
FOOTER_HEIGHT = 1.2 * cm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
LOGO_HEIGHT = 1.3 * cm

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
ACCENT = colors.HexColor("#1d5b79")
RULE = colors.HexColor("#cbd2d9")
HEADER_FILL = colors.HexColor("#e4ecf2")
STRIPE = colors.HexColor("#f5f7fa")


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The organisation at the top of every page, when it has configured one."""

    organisation: str | None = None
    logo: Path | None = None  # a PNG or JPEG file


@dataclass(frozen=True, slots=True)
class Document:
    """What a report is made of; ``build_pdf`` turns it into PDF bytes."""

    title: str
    flowables: Sequence[Flowable]
    language: Language = "nl"
    subject: str | None = None  # who the report is about, under the title on every page
    letterhead: Letterhead = field(default_factory=Letterhead)
    printed_at: dt.datetime | None = None  # default: now

    @classmethod
    def of(
        cls,
        words: Words,
        title: str,
        subject: str | None,
        flowables: Sequence[Flowable],
        letterhead: Letterhead | None = None,
        printed_at: dt.datetime | None = None,
    ) -> Document:
        """A report in its words' language, on ``letterhead`` or the default one."""
        return cls(
            title=title,
            flowables=flowables,
            language=words.language,
            subject=subject,
            letterhead=letterhead or Letterhead(),
            printed_at=printed_at,
        )


class Styles:
    """The paragraph styles of every report, all in the one registered font family."""

    def __init__(self) -> None:
        font = register_fonts()
        base = ParagraphStyle("body", fontName=font, fontSize=10, leading=13.5, textColor=INK)
        self.body = base
        self.title = ParagraphStyle(
            "title", parent=base, fontName=BOLD, fontSize=18, leading=22, spaceAfter=4,
            textColor=ACCENT,
        )  # fmt: skip
        self.heading = ParagraphStyle(
            "heading", parent=base, fontName=BOLD, fontSize=13, leading=16, spaceBefore=12,
            spaceAfter=5, textColor=ACCENT, keepWithNext=True,
        )  # fmt: skip
        self.subheading = ParagraphStyle(
            "subheading", parent=base, fontName=BOLD, fontSize=10.5, leading=13.5,
            spaceBefore=8, spaceAfter=3, keepWithNext=True,
        )  # fmt: skip
        self.small = ParagraphStyle("small", parent=base, fontSize=8.5, leading=11)
        self.muted = ParagraphStyle("muted", parent=self.small, textColor=MUTED)
        self.lead = ParagraphStyle("lead", parent=self.muted, keepWithNext=True, spaceAfter=2)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=9, leading=11.5)
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=BOLD)
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=2)
        self.header = ParagraphStyle("header", parent=self.cell_bold, fontSize=8, leading=10)
        self.header_right = ParagraphStyle("header_right", parent=self.header, alignment=2)
        self.no_data = ParagraphStyle(
            "no_data", parent=base, fontName=ITALIC, textColor=MUTED, spaceBefore=2, spaceAfter=6
        )


_styles: Styles | None = None


def styles() -> Styles:
    global _styles
    if _styles is None:
        _styles = Styles()
    return _styles


def text(value: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of plain text (typed by a person: markup characters are escaped)."""
    lines = escape(value).splitlines() or [""]
    return Paragraph("<br/>".join(lines), style or styles().body)


def markup(value: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of the report's own markup (``<b>``); never pass typed text here."""
    return Paragraph(value, style or styles().body)


def heading(value: str) -> Paragraph:
    return text(value, styles().heading)


def subheading(value: str) -> Paragraph:
    return text(value, styles().subheading)


def no_data(value: str) -> Paragraph:
    """The clear line an empty section prints instead of an empty table or chart."""
    return text(value, styles().no_data)


def gap(height: float = 0.3 * cm) -> Spacer:
    return Spacer(1, height)


Cell: TypeAlias = str | Flowable


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    widths: Sequence[float],
    *,
    right: Sequence[int] = (),
    total: Sequence[Cell] | None = None,
) -> LongTable:
    """A table whose header repeats on every page it runs over.

    ``widths`` are fractions of the text width; ``right`` the columns of figures;
    ``total`` an optional last row in bold. Text cells are wrapped in paragraphs so
    long values wrap, and a row taller than a page splits inside the row.
    """
    s = styles()

    total_right = ParagraphStyle("total_right", parent=s.cell_bold, alignment=2)

    def cell(value: Cell, column: int, bold: bool = False) -> Cell:
        if not isinstance(value, str):
            return value
        if bold:
            return text(value, total_right if column in right else s.cell_bold)
        return text(value, s.cell_right if column in right else s.cell)

    data: list[list[Cell]] = [
        [text(h, s.header_right if i in right else s.header) for i, h in enumerate(header)]
    ]
    data += [[cell(v, i) for i, v in enumerate(row)] for row in rows]
    if total is not None:
        data.append([cell(v, i, bold=True) for i, v in enumerate(total)])
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FAMILY),
        ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, STRIPE]),
    ]
    if total is not None:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT))
    return LongTable(
        data,
        colWidths=[w * CONTENT_WIDTH for w in widths],
        repeatRows=1,
        splitInRow=1,
        style=TableStyle(commands),
        hAlign="LEFT",
    )


def together(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))


# --- the page ---------------------------------------------------------------------------


class _Page:
    """Draws the letterhead, title and footer of one page (the page numbers come later)."""

    def __init__(self, document: Document, words: Words, printed_at: dt.datetime) -> None:
        self.document = document
        self.words = words
        self.printed = words("Afgedrukt op {}", "Printed on {}").format(words.moment(printed_at))
        self.logo = _logo(document.letterhead.logo)

    def __call__(self, canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        top = PAGE_HEIGHT - MARGIN + 0.8 * cm
        x = MARGIN
        if self.logo is not None:
            image, width = self.logo
            canvas.drawImage(
                image, x, top - LOGO_HEIGHT, width=width, height=LOGO_HEIGHT, mask="auto"
            )
            x += width + 0.3 * cm
        organisation = self.document.letterhead.organisation
        if organisation:
            canvas.setFont(BOLD, 10.5)
            canvas.setFillColor(INK)
            canvas.drawString(x, top - 0.55 * cm, organisation)
        right = PAGE_WIDTH - MARGIN
        canvas.setFont(BOLD, 10.5)
        canvas.setFillColor(ACCENT)
        canvas.drawRightString(right, top - 0.55 * cm, self.document.title)
        if self.document.subject:
            canvas.setFont(FAMILY, 9)
            canvas.setFillColor(INK)
            canvas.drawRightString(right, top - 1.05 * cm, self.document.subject)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        rule = PAGE_HEIGHT - MARGIN - HEADER_HEIGHT + 1.1 * cm
        canvas.line(MARGIN, rule, right, rule)
        footer = MARGIN - 0.6 * cm
        canvas.line(MARGIN, footer + 0.45 * cm, right, footer + 0.45 * cm)
        canvas.setFont(BOLD, 8)
        canvas.setFillColor(colors.HexColor("#9b1c1c"))
        canvas.drawString(MARGIN, footer, self.words("Vertrouwelijk", "Confidential"))
        canvas.setFont(FAMILY, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(right, footer, self.printed)
        canvas.restoreState()


def _logo(path: Path | None) -> tuple[ImageReader, float] | None:
    if path is None:
        return None
    image = ImageReader(str(path))
    width, height = image.getSize()
    return image, min(LOGO_HEIGHT * width / max(height, 1), 5 * cm)


class _CountingCanvas(Canvas):  # type: ignore[misc]
    """Holds back every page until the document is saved, then numbers them 'x van y'."""

    page_label = "{page} / {pages}"  # each document sets its own, in its language

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:  # reportlab's name
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        pages = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self.setFont(FAMILY, 8)
            self.setFillColor(MUTED)
            label = self.page_label.format(page=number, pages=pages)
            self.drawCentredString(PAGE_WIDTH / 2, MARGIN - 0.6 * cm, label)
            super().showPage()
        self._held.clear()
        super().save()


def build_pdf(document: Document) -> bytes:
    """Lay the document out on A4 pages and return the PDF, built in memory."""
    register_fonts()
    words = Words(document.language)
    printed_at = document.printed_at or utc_now()
    buffer = io.BytesIO()
    pdf = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_HEIGHT - 1.2 * cm,
        bottomMargin=MARGIN + FOOTER_HEIGHT - 0.6 * cm,
        title=document.title + (f" – {document.subject}" if document.subject else ""),
        author=document.letterhead.organisation or "regiedesk",
        creator="regiedesk",
        lang=document.language,
    )
    frame = Frame(pdf.leftMargin, pdf.bottomMargin, pdf.width, pdf.height, id="body")
    pdf.addPageTemplates([PageTemplate("page", [frame], onPage=_Page(document, words, printed_at))])

    label = words("pagina {page} van {pages}", "page {page} of {pages}")

    def canvas(*args: Any, **kwargs: Any) -> _CountingCanvas:
        kwargs["initialFontName"] = FAMILY  # else every page names Helvetica
        made = _CountingCanvas(*args, **kwargs)
        made.page_label = label
        return made

    pdf.build(list(document.flowables), canvasmaker=canvas)
    return buffer.getvalue()
