"""The root of the tree, and the errors of the domain and the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import pick

if TYPE_CHECKING:
    from ..domain.vocabulary import Field


class RegiedeskError(Exception):
    """Base of all deliberate errors. ``exit_code`` is used by the command line."""

    exit_code = 1

    def __init__(self, nl: str, en: str) -> None:
        self.nl = nl
        self.en = en
        super().__init__(en)

    @property
    def message(self) -> str:
        return pick(self.nl, self.en)

    def __str__(self) -> str:
        return self.message


# --- the domain ----------------------------------------------------------------


class ValidationError(RegiedeskError):
    """Input that the domain rules refuse. Nothing is written."""

    exit_code = 2

    def __init__(self, field: Field, nl: str, en: str) -> None:
        self.field = field
        super().__init__(nl, en)


class NotFound(RegiedeskError):
    exit_code = 2

    def __init__(self, kind: str, record_id: str) -> None:
        self.kind = kind
        self.record_id = record_id
        super().__init__(
            f"Niet gevonden: {kind} {record_id}. Misschien is het verwijderd.",
            f"Not found: {kind} {record_id}. It may have been deleted.",
        )


class MissingPart(RegiedeskError):
    """A module of a pip extra that is not installed (see regiedesk.parts)."""

    exit_code = 3

    def __init__(self, extra: str, module: str) -> None:
        self.extra, self.module = extra, module
        super().__init__(
            f"Dit onderdeel van regiedesk is niet geïnstalleerd ({module} ontbreekt). "
            f"Installeer het met: pip install 'regiedesk[{extra}]'",
            f"This part of regiedesk is not installed ({module} is missing). "
            f"Install it with: pip install 'regiedesk[{extra}]'",
        )


# --- the command line ------------------------------------------------------------


class UsageError(RegiedeskError):
    exit_code = 2


class CommandError(RegiedeskError):
    """A regiedesk-server command cannot do what IT asked (no such user, a taken name).

    English only: the server's commands are for IT, like its logs."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message, message)
