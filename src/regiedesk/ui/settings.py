"""Typed settings over QSettings, with an upgrade step for older versions.

QSettings holds preferences only: never client data.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from ..i18n import Language

SETTINGS_VERSION = 1
LANGUAGES = ("nl", "en")


class Settings:
    def __init__(self, backend: QSettings | None = None) -> None:
        self._s = backend or QSettings("regiedesk", "regiedesk")
        self._upgrade()

    def _upgrade(self) -> None:
        version = int(str(self._s.value("settings_version", 0)))
        if version < 1:
            # before version 1 the idle lock was stored in seconds under "lock_after"
            old = self._s.value("lock_after")
            if old is not None:
                self._s.setValue("idle_lock_minutes", max(1, int(str(old)) // 60))
                self._s.remove("lock_after")
        self._s.setValue("settings_version", SETTINGS_VERSION)

    @property
    def language(self) -> Language:
        value = str(self._s.value("language", "nl"))
        return "en" if value == "en" else "nl"

    @language.setter
    def language(self, value: str) -> None:
        self._s.setValue("language", value if value in LANGUAGES else "nl")

    @property
    def idle_lock_minutes(self) -> int:
        try:
            return max(1, min(120, int(str(self._s.value("idle_lock_minutes", 5)))))
        except (TypeError, ValueError):
            return 5

    @idle_lock_minutes.setter
    def idle_lock_minutes(self, value: int) -> None:
        self._s.setValue("idle_lock_minutes", max(1, min(120, int(value))))

    @property
    def server_url(self) -> str:
        """The organisation's server; an installer can preset it in the system-wide settings."""
        return str(self._s.value("server_url", ""))

    @server_url.setter
    def server_url(self, value: str) -> None:
        self._s.setValue("server_url", value)

    @property
    def instrument(self) -> str:
        return str(self._s.value("instrument", "zrm2017"))

    @instrument.setter
    def instrument(self, value: str) -> None:
        self._s.setValue("instrument", value)

    @property
    def geometry(self) -> QByteArray | None:
        value = self._s.value("geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._s.setValue("geometry", value)

    def sync(self) -> None:
        self._s.sync()
