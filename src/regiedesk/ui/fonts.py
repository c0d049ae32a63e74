"""The fonts shipped in resources/fonts (DejaVu Sans, as in the reports), for glyphs the
system's own font may lack."""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtGui import QFont, QFontDatabase

log = logging.getLogger(__name__)

SHIPPED = "DejaVuSans.ttf"
_family: list[str] = []  # once loaded


def shipped_family() -> str | None:
    """The family name of the shipped DejaVu Sans, loaded into Qt on first use."""
    if not _family:
        path = resources.files("regiedesk") / "resources" / "fonts" / SHIPPED
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            log.warning("shipped font %s could not be loaded", SHIPPED)
            return None
        _family.append(families[0])
    return _family[0]


def with_shipped_fallback(font: QFont) -> QFont:
    """``font``, with DejaVu Sans next in line: a glyph the first lacks comes from it."""
    family = shipped_family()
    if family is None:
        return font
    fallback = QFont(font)
    fallback.setFamilies([*font.families(), family] if font.families() else [font.family(), family])
    return fallback
