"""The one font family every report uses: DejaVu Sans, shipped inside the package.

reportlab's built-in Helvetica has no glyphs for letters such as Ĳ, Ł or Ş (they
print as black squares), so every paragraph style, table, footer and chart label
uses this family instead. ``registerFontFamily`` maps ``<b>`` and ``<i>`` onto the
bold and oblique faces; without it they would fall back to Helvetica.
"""

from __future__ import annotations

import threading
from importlib import resources

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "RegiedeskSans"
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Oblique"
BOLD_ITALIC = f"{FAMILY}-BoldOblique"

_FILES = {
    FAMILY: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the family with reportlab once per process; returns the regular face's name."""
    global _registered
    with _lock:
        if not _registered:
            folder = resources.files("regiedesk") / "resources" / "fonts"
            for name, file_name in _FILES.items():
                with resources.as_file(folder / file_name) as path:
                    pdfmetrics.registerFont(TTFont(name, str(path)))
            pdfmetrics.registerFontFamily(
                FAMILY, normal=FAMILY, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
            )
            _registered = True
    return FAMILY
