"""The interface language, held here and nowhere else, and how core texts follow it.

Every text of the core (errors, command line output, vocabulary labels, field names)
is written as a Dutch and English pair and resolved by ``pick`` at the moment it is
shown. The windows translate their own texts the Qt way (``self.tr``, ``.ts``/``.qm``);
``regiedesk.ui.translations.use_language`` sets this module's language and Qt's
translator together, so both follow one choice.

Dutch is the default; English when the environment asks for it through the
usual locale variables, or when the app sets it from its settings.
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


def pick(nl: str, en: str, language: Language | None = None) -> str:
    """The text for ``language``, or for the current language."""
    return en if (language or current_language()) == "en" else nl


_MONTHS = {
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ),
}  # fmt: skip


def month_name(month: int, language: Language | None = None) -> str:
    """The name of a month (1 to 12) in ``language`` (the current one by default)."""
    return _MONTHS[language or current_language()][month - 1]
