"""Typed settings over QSettings, with an upgrade step for older versions.

QSettings holds preferences only: never client data. What the organisation file
sets (``regiedesk.organisation``) wins over the user's choice and cannot be
changed here: ``fixed(name)`` tells the settings dialog which ones.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from ..i18n import Language
from ..organisation import Organisation, organisation_file

SETTINGS_VERSION = 1
LANGUAGES = ("nl", "en")
DEFAULT_INSTRUMENT = "zrm2017"


def _int(value: object) -> int | None:
    """A stored number, or None when the value is not one."""
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


class Settings:
    def __init__(
        self, backend: QSettings | None = None, organisation: Organisation | None = None
    ) -> None:
        self._s = backend or QSettings("regiedesk", "regiedesk")
        self.organisation = organisation or Organisation(path=organisation_file())
        self._upgrade()

    def fixed(self, name: str) -> bool:
        """Whether the organisation file sets this setting (the user cannot change it)."""
        return self.organisation.sets(name)

    def _upgrade(self) -> None:
        """Bring older settings up to date; a garbled value is dropped, never fatal, and
        settings of a newer version keep their version."""
        version = _int(self._s.value("settings_version", 0)) or 0
        if version >= SETTINGS_VERSION:
            return
        if version < 1:
            # before version 1 the idle lock was stored in seconds under "lock_after"
            seconds = _int(self._s.value("lock_after"))
            if seconds is not None:
                self._s.setValue("idle_lock_minutes", max(1, seconds // 60))
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
        if self.organisation.idle_lock_minutes is not None:
            return self.organisation.idle_lock_minutes
        minutes = _int(self._s.value("idle_lock_minutes", 5))
        return 5 if minutes is None else max(1, min(120, minutes))

    @idle_lock_minutes.setter
    def idle_lock_minutes(self, value: int) -> None:
        self._s.setValue("idle_lock_minutes", max(1, min(120, int(value))))

    @property
    def server_url(self) -> str:
        """The organisation's server: the organisation file's, else the last one connected to."""
        if self.organisation.server_url is not None:
            return self.organisation.server_url
        return str(self._s.value("server_url", ""))

    @server_url.setter
    def server_url(self, value: str) -> None:
        self._s.setValue("server_url", value)

    @property
    def instrument(self) -> str:
        """A shipped instrument: an unknown code (an older install, a typo) gives the default."""
        from ..domain.instruments import available_instruments  # not needed at start-up

        if self.organisation.instrument is not None:
            return self.organisation.instrument
        value = str(self._s.value("instrument", DEFAULT_INSTRUMENT))
        return value if value in available_instruments() else DEFAULT_INSTRUMENT

    @instrument.setter
    def instrument(self, value: str) -> None:
        self._s.setValue("instrument", value)  # read back through the check above

    @property
    def geometry(self) -> QByteArray | None:
        value = self._s.value("geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._s.setValue("geometry", value)

    @property
    def location(self) -> str:
        """Where the settings are kept (a file, or a registry key on Windows), for the log."""
        return self._s.fileName()

    def sync(self) -> None:
        self._s.sync()
