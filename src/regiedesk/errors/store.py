"""The errors of the profile and its store (exit code 3, a wrong passphrase 4)."""

from __future__ import annotations

import errno
from typing import ClassVar

from .base import RegiedeskError


class StoreError(RegiedeskError):
    exit_code = 3


class WrongPassphrase(StoreError):
    exit_code = 4

    def __init__(self) -> None:
        super().__init__(
            "Het wachtwoord klopt niet. Probeer het opnieuw; let op hoofdletters.",
            "The passphrase is wrong. Try again; mind upper and lower case.",
        )


class RecoveryFailed(StoreError):
    """The organisation's recovery key could not open this profile."""

    _WHY: ClassVar[dict[str, tuple[str, str]]] = {
        "missing": (
            "Dit profiel heeft geen herstelsleutel (de organisatie had er geen ingesteld). "
            "Er is niets veranderd.",
            "This profile has no recovery key (the organisation had none set). "
            "Nothing was changed.",
        ),
        "other_key": (
            "Dit profiel is met een andere herstelsleutel vergrendeld. Er is niets veranderd.",
            "This profile was sealed to another recovery key. Nothing was changed.",
        ),
        "not_a_key": (
            "Het bestand is geen privésleutel van de organisatie (X25519, PEM). "
            "Er is niets veranderd.",
            "The file is not the organisation's private key (X25519, PEM). Nothing was changed.",
        ),
        "damaged": (
            "Het herstelbestand van dit profiel is beschadigd. Er is niets veranderd.",
            "This profile's recovery file is damaged. Nothing was changed.",
        ),
    }

    def __init__(self, why: str) -> None:
        self.why = why
        nl, en = self._WHY[why]
        super().__init__(nl, en)


class WeakPassphrase(StoreError):
    def __init__(self, minimum: int) -> None:
        super().__init__(
            f"Het wachtwoord is te kort: gebruik minstens {minimum} tekens.",
            f"The passphrase is too short: use at least {minimum} characters.",
        )


class GuessablePassphrase(StoreError):
    """Long enough, but quickly guessed (a common password, a repeat, a keyboard row)."""

    def __init__(self, why_nl: str, why_en: str) -> None:
        super().__init__(
            f"Dit wachtwoord is te makkelijk te raden: {why_nl} Kies een zin van een paar "
            "woorden die niet bij elkaar horen.",
            f"This passphrase is too easy to guess: {why_en} Choose a phrase of a few words "
            "that do not belong together.",
        )


class PassphraseMismatch(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "De twee wachtwoorden zijn niet gelijk. Typ ze opnieuw.",
            "The two passphrases differ. Type them again.",
        )


class NoProfile(StoreError):
    def __init__(self, directory: str) -> None:
        super().__init__(
            f"In {directory} staat geen regiedesk-profiel. Maak er een met 'regiedesk init' "
            "of kies de juiste map met --data-dir.",
            f"There is no regiedesk profile in {directory}. Create one with 'regiedesk init' "
            "or choose the right folder with --data-dir.",
        )


class ProfileExists(StoreError):
    def __init__(self, directory: str) -> None:
        super().__init__(
            f"In {directory} staat al een profiel; er is niets overschreven. "
            "Kies een lege map met --data-dir.",
            f"There is already a profile in {directory}; nothing was overwritten. "
            "Choose an empty folder with --data-dir.",
        )


class FolderNotEmpty(StoreError):
    def __init__(self, directory: str) -> None:
        super().__init__(
            f"De map {directory} is niet leeg; er is niets overschreven. "
            "Zet de reservekopie terug in een lege of nieuwe map met --data-dir.",
            f"The folder {directory} is not empty; nothing was overwritten. "
            "Restore the backup into an empty or new folder with --data-dir.",
        )


class NotAProfile(StoreError):
    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path} is geen regiedesk-bestand of is beschadigd. Er is niets aan veranderd. "
            "Zet een reservekopie terug met 'regiedesk restore' of neem contact op met "
            "de ICT-afdeling.",
            f"{path} is not a regiedesk file or is damaged. Nothing was changed. "
            "Restore a backup with 'regiedesk restore' or contact your IT department.",
        )


class ProfileFileMissing(NotAProfile):
    """One of a profile's two files is there, the other is not."""

    def __init__(self, path: str) -> None:
        RegiedeskError.__init__(
            self,
            f"{path} ontbreekt: het profiel is niet compleet. Er is niets aan veranderd. "
            "Zet het bestand of een reservekopie terug ('regiedesk restore') of neem contact "
            "op met de ICT-afdeling.",
            f"{path} is missing: the profile is incomplete. Nothing was changed. "
            "Put the file or a backup back ('regiedesk restore') or contact your IT department.",
        )


class CorruptDatabase(StoreError):
    def __init__(self, path: str, detail: str = "") -> None:
        extra = f" ({detail})" if detail else ""
        super().__init__(
            f"De database {path} is beschadigd{extra}. Er is niets aan veranderd. "
            "Zet een reservekopie terug met 'regiedesk restore'.",
            f"The database {path} is damaged{extra}. Nothing was changed. "
            "Restore a backup with 'regiedesk restore'.",
        )


class NewerSchema(StoreError):
    def __init__(self, found: int, supported: int) -> None:
        super().__init__(
            f"Dit profiel is gemaakt met een nieuwere versie van regiedesk (schema {found}; "
            f"deze versie kent tot en met {supported}). Er is niets aan veranderd. "
            "Installeer de nieuwste versie van regiedesk.",
            f"This profile was written by a newer version of regiedesk (schema {found}; "
            f"this version knows up to {supported}). Nothing was changed. "
            "Install the latest version of regiedesk.",
        )


class MigrationFailed(StoreError):
    def __init__(self, version: int) -> None:
        super().__init__(
            f"Het bijwerken van het profiel naar schema {version} is mislukt; het profiel is "
            "ongewijzigd gebleven. Neem contact op met de ICT-afdeling.",
            f"Upgrading the profile to schema {version} failed; the profile was left "
            "unchanged. Contact your IT department.",
        )


STORAGE_REASONS = {
    "full": ("de schijf is vol", "the disk is full"),
    "read_only": ("de map is alleen-lezen", "the folder is read-only"),
    "write_error": ("een schrijffout", "a write error"),
}


def storage_reason(errno_value: int | None) -> str:
    """The STORAGE_REASONS key for an OSError's errno."""
    if errno_value in (errno.ENOSPC, errno.EDQUOT):
        return "full"
    if errno_value in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "read_only"
    return "write_error"


class StorageUnavailable(StoreError):
    """The data directory cannot be written: read-only, full, or gone. ``reason`` is a key
    of STORAGE_REASONS, so each language says it in its own words."""

    def __init__(self, path: str, reason: str) -> None:
        nl, en = STORAGE_REASONS.get(reason, STORAGE_REASONS["write_error"])
        super().__init__(
            f"Kan niet schrijven in {path}: {nl}. Er is niets verloren gegaan. "
            "Maak ruimte vrij of kies een map waarin u mag schrijven, en probeer het opnieuw.",
            f"Cannot write to {path}: {en}. Nothing was lost. "
            "Free some space or choose a folder you may write to, and try again.",
        )


class ProfileBusy(StorageUnavailable):
    """Another process holds the profile's write lock for longer than the busy timeout."""

    def __init__(self, path: str) -> None:
        RegiedeskError.__init__(
            self,
            f"Het profiel in {path} is bezet: een ander programma (bijvoorbeeld het "
            "regiedesk-venster) schrijft er nu in. Er is niets veranderd. "
            "Probeer het over een ogenblik opnieuw.",
            f"The profile in {path} is busy: another program (the regiedesk window, for "
            "example) is writing to it. Nothing was changed. Try again in a moment.",
        )


class BackupError(StoreError):
    pass
