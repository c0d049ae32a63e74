"""Language choice for messages outside the Qt windows (command line, core errors).

Dutch is the default; English when the environment asks for it through the
usual locale variables, or when the caller sets it explicitly.
"""

from __future__ import annotations

import os
from typing import Literal

Language = Literal["nl", "en"]

_override: Language | None = None


def set_language(language: Language | None) -> None:
    """Force a language (the app does this from its settings); None follows the environment."""
    global _override
    _override = language


def current_language() -> Language:
    if _override is not None:
        return _override
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "nl"
    return "nl"


def pick(nl: str, en: str) -> str:
    """Return the text for the current language."""
    return en if current_language() == "en" else nl
