"""Loading the compiled Qt translations shipped in resources/translations."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from .. import i18n
from ..i18n import Language

_installed: dict[int, QTranslator] = {}


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Marks ``text`` for translation in ``context``, for a table of texts made before a
    translator is loaded; translate it where it is shown."""
    return text


def translations_dir() -> str:
    from importlib import resources  # only for a language other than Dutch, not at start

    return str(resources.files("regiedesk") / "resources" / "translations")


def install_language(app: QCoreApplication, language: Language) -> bool:
    """Switch the interface to ``language``: the core's texts (``i18n``, the one place the
    language is held) and Qt's translator together. Dutch is the source language; any
    other language loads regiedesk_<language>.qm (without it, both stay Dutch)."""
    old = _installed.pop(id(app), None)
    if old is not None:
        app.removeTranslator(old)
    if language == "nl":
        i18n.set_language("nl")
        set_locale(app, "nl")
        QCoreApplication.sendEvent(app, _language_change())
        return True
    translator = QTranslator(app)
    if not translator.load(f"regiedesk_{language}", translations_dir()):
        i18n.set_language("nl")
        set_locale(app, "nl")
        return False
    i18n.set_language(language)
    set_locale(app, language)
    app.installTranslator(translator)
    _installed[id(app)] = translator
    return True


LOCALES = {
    "nl": (QLocale.Language.Dutch, QLocale.Country.Netherlands),
    "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom),  # weeks from Monday
}


def set_locale(app: QCoreApplication, language: Language) -> None:
    """Qt's own texts that follow the locale, not a translator (the calendar's month and
    day names, its first day of the week) in the interface language, not the system's."""
    locale = QLocale(*LOCALES.get(language, LOCALES["nl"]))
    QLocale.setDefault(locale)  # windows and popups made from now on
    if isinstance(app, QApplication):
        for window in app.topLevelWidgets():  # and, through them, every widget that is
            window.setLocale(locale)


def _language_change() -> QEvent:
    return QEvent(QEvent.Type.LanguageChange)
