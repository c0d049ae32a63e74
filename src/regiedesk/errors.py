"""Every error regiedesk raises on purpose, in one place.

Each error carries a message for the person in front of the screen, in Dutch
or English, that says what happened and what to do. Messages never contain
client data: only file paths, field names and limits. ``exit_code`` is what the
command line exits with: 2 bad input, 3 storage, 4 wrong passphrase, 5 sync
(``tests/test_architecture.py`` fails when a deliberate error is defined elsewhere).
"""

from __future__ import annotations

import errno
import time
from typing import TYPE_CHECKING, ClassVar

from .i18n import pick

if TYPE_CHECKING:
    from .domain.vocabulary import Field


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


# --- the profile and its store -------------------------------------------------


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


class ConfigError(RegiedeskError):
    exit_code = 2


# --- the command line ------------------------------------------------------------


class UsageError(RegiedeskError):
    exit_code = 2


class CommandError(RegiedeskError):
    """A regiedesk-server command cannot do what IT asked (no such user, a taken name).

    English only: the server's commands are for IT, like its logs."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message, message)


# --- the clock and sync with the server ------------------------------------------


class ClockDrift(RegiedeskError):
    """A remote stamp lies further in the future than we accept."""

    def __init__(self, remote_ms: int, local_ms: int) -> None:
        self.remote_ms = remote_ms
        self.local_ms = local_ms
        remote = time.strftime("%d-%m-%Y %H:%M:%S", time.localtime(remote_ms / 1000))
        local = time.strftime("%d-%m-%Y %H:%M:%S", time.localtime(local_ms / 1000))
        super().__init__(
            f"De klok loopt te ver voor: {remote} tegen {local}. Zet de datum en tijd goed.",
            f"The clock is too far ahead: {remote} against {local}. Correct the date and time.",
        )


class SyncError(RegiedeskError):
    exit_code = 5


class Offline(SyncError):
    def __init__(self) -> None:
        super().__init__(
            "De server is niet bereikbaar. U kunt gewoon doorwerken; regiedesk synchroniseert "
            "zodra er verbinding is.",
            "The server cannot be reached. You can keep working; regiedesk syncs as soon as "
            "there is a connection.",
        )


class ConnectUnreachable(SyncError):
    """Connecting (registering this laptop) failed: nothing is linked, nothing will sync."""

    def __init__(self, url: str) -> None:
        super().__init__(
            f"De server {url} is niet bereikbaar, dus deze laptop is niet gekoppeld en er "
            "wordt niets gesynchroniseerd. Wat u vastlegt blijft op deze laptop bewaard. "
            "Controleer het adres en de netwerkverbinding en kies opnieuw Koppelen met de "
            "server (of 'regiedesk connect').",
            f"The server {url} cannot be reached, so this laptop is not connected and nothing "
            "syncs. What you record stays on this laptop. Check the address and the network "
            "connection and choose Connect to the server again (or 'regiedesk connect').",
        )


class UntrustedServer(SyncError):
    """The server's TLS certificate is not trusted by this computer's certificate store."""

    def __init__(self, url: str) -> None:
        super().__init__(
            f"Het certificaat van de server {url} wordt door deze computer niet vertrouwd; "
            "er is niets verstuurd. Neem contact op met de ICT-afdeling.",
            f"This computer does not trust the certificate of the server {url}; nothing was "
            "sent. Contact your IT department.",
        )


class UpgradeRequired(SyncError):
    def __init__(self) -> None:
        super().__init__(
            "De server vraagt een nieuwere versie van regiedesk. Laat regiedesk bijwerken; "
            "uw gegevens blijven bewaard.",
            "The server requires a newer version of regiedesk. Have regiedesk updated; your "
            "data is kept.",
        )


class DeviceRevoked(SyncError):
    def __init__(self) -> None:
        super().__init__(
            "Dit apparaat is ingetrokken door de beheerder. De gegevens op dit apparaat worden "
            "gewist.",
            "This device was revoked by the administrator. The data on this device is wiped.",
        )


class ClockAhead(SyncError):
    def __init__(self, device_time: str) -> None:
        super().__init__(
            f"De klok van dit apparaat loopt te ver voor ({device_time}). Zet de datum en tijd "
            "goed en probeer het opnieuw.",
            f"This device's clock is too far ahead ({device_time}). Correct the date and time "
            "and try again.",
        )


class StampsAhead(SyncError):
    """The server refused stamps from the future (the device clock was set ahead while it
    worked); the engine stamps them again and pushes once more."""

    def __init__(self) -> None:
        super().__init__(
            "Wijzigingen van dit apparaat dragen een tijd in de toekomst. Controleer de datum "
            "en tijd en synchroniseer opnieuw.",
            "Changes on this device carry a time in the future. Check the date and time and "
            "sync again.",
        )


class InsecureServer(SyncError):
    """A server address without TLS that is not this computer: the password and every
    client's data would cross the network readable."""

    exit_code = 2

    def __init__(self, url: str) -> None:
        super().__init__(
            f"Het serveradres {url} is niet versleuteld (http://). Gebruik het https://-adres "
            "van de server; vraag het de ICT-afdeling. Alleen voor een test op een afgesloten "
            "netwerk: --allow-http.",
            f"The server address {url} is not encrypted (http://). Use the server's https:// "
            "address; ask your IT department. Only for a test on a closed network: --allow-http.",
        )


class NotConnected(SyncError):
    def __init__(self) -> None:
        super().__init__(
            "Dit profiel is nog niet gekoppeld aan een server. Gebruik 'regiedesk connect'.",
            "This profile is not connected to a server yet. Use 'regiedesk connect'.",
        )


class PracticeNotConnectable(SyncError):
    """A practice profile (made-up families) is never registered with a server."""

    def __init__(self) -> None:
        super().__init__(
            "Dit is een oefenomgeving met fictieve gezinnen; die wordt nooit aan een server "
            "gekoppeld. Koppel uw eigen profiel: open dat met uw wachtwoord en kies dan "
            "Koppelen met de server.",
            "This is a practice environment with fictional families; it is never connected "
            "to a server. Connect your own profile: open it with your passphrase, then choose "
            "Connect to the server.",
        )


class SyncOverdue(SyncError):
    """The organisation allows so many days without a sync; this profile is past them."""

    def __init__(self, days: int, allowed: int) -> None:
        self.days, self.allowed = days, allowed
        super().__init__(
            f"Dit profiel is {days} dagen niet gesynchroniseerd; de organisatie staat er "
            f"{allowed} toe. Maak verbinding met het netwerk van de organisatie en ontgrendel "
            "opnieuw: regiedesk synchroniseert dan eerst.",
            f"This profile has not synced for {days} days; the organisation allows {allowed}. "
            "Connect to the organisation's network and unlock again: regiedesk syncs first.",
        )


class SignInRefused(SyncError):
    """The server did not accept the user name, password or authenticator code (it does
    not say which: the answer must not confirm a password)."""

    def __init__(self) -> None:
        super().__init__(
            "De gebruikersnaam, het wachtwoord of de code uit de authenticator-app klopt niet. "
            "Controleer ze en probeer het opnieuw; na vijf mislukte pogingen moet u even wachten.",
            "The user name, the password or the code from the authenticator app is not right. "
            "Check them and try again; after five failed attempts you have to wait a while.",
        )


def _minutes(seconds: int) -> int:
    return max(1, -(-seconds // 60))


class TooManyAttempts(SyncError):
    """The server makes this account (or this network address) wait after failed sign-ins."""

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        minutes = _minutes(seconds)
        super().__init__(
            f"Er is te vaak verkeerd aangemeld. Probeer het over {minutes} "
            f"{'minuut' if minutes == 1 else 'minuten'} opnieuw, of vraag de ICT-afdeling "
            "het account te ontgrendelen.",
            f"Too many failed sign-ins. Try again in {minutes} "
            f"{'minute' if minutes == 1 else 'minutes'}, or ask your IT department to unlock "
            "the account.",
        )


class ServerBusy(SyncError):
    """The server is checking as many sign-ins as it can at once."""

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        super().__init__(
            f"De server is even druk met aanmeldingen. Probeer het over {seconds} seconden "
            "opnieuw.",
            f"The server is busy with sign-ins. Try again in {seconds} seconds.",
        )


class ServerRefused(SyncError):
    def __init__(self, status: int, code: str) -> None:
        self.status, self.code = status, code
        super().__init__(
            f"De server weigerde het verzoek ({status}, {code}). Probeer het later opnieuw of "
            "neem contact op met de ICT-afdeling.",
            f"The server refused the request ({status}, {code}). Try again later or contact "
            "your IT department.",
        )


class TeamFormIncomplete(RegiedeskError):
    """A team action's form misses what it needs (a name, a caseworker, dates in order)."""

    exit_code = 2


class TeamActionRefused(SyncError):
    """The server refused a team leader's action (register, hand over, stand-in, end it);
    ``action``: "register", "handover", "stand-in" or "end-stand-in"."""

    _WHY: ClassVar[dict[str, tuple[str, str]]] = {
        "not_found": (
            "Dit gezin, deze regisseur of deze waarneming hoort niet (meer) bij uw team. "
            "Vernieuw het overzicht met F5 en probeer het opnieuw.",
            "This family, caseworker or stand-in is not (or no longer) in your team. "
            "Refresh the overview with F5 and try again.",
        ),
        "forbidden": (
            "Alleen een teamleider mag dit. Meld u aan met uw teamleidersaccount.",
            "Only a team leader may do this. Sign in with your team leader account.",
        ),
        "bad_period": (
            "De waarneming moet eindigen op of na de eerste dag en mag hoogstens vijf jaar "
            "duren. Pas de data aan.",
            "The stand-in must end on or after its first day and last at most five years. "
            "Change the dates.",
        ),
        "stand-in:bad_body": (
            "Een regisseur kan niet waarnemen voor een eigen gezin. Kies een andere regisseur.",
            "A caseworker cannot stand in for their own family. Choose another caseworker.",
        ),
        "register:bad_body": (
            "De server nam de naam van het gezin niet aan (te lang of met tekens die niet "
            "kunnen). Pas de naam aan.",
            "The server did not accept the family's name (too long, or with characters "
            "that are not allowed). Change the name.",
        ),
    }

    def __init__(self, action: str, status: int, code: str) -> None:
        self.action, self.status, self.code = action, status, code
        code_key = {"invalid_request": "bad_body", "bad_text": "bad_body"}.get(code, code)
        nl, en = (
            self._WHY.get(f"{action}:{code_key}")
            or self._WHY.get(code_key)
            or (
                f"De server weigerde dit ({status}, {code}). Vernieuw het overzicht met F5 en "
                "probeer het opnieuw; lukt het dan nog niet, neem contact op met de ICT-afdeling.",
                f"The server refused this ({status}, {code}). Refresh the overview with F5 and "
                "try again; if it still fails, contact your IT department.",
            )
        )
        super().__init__(nl, en)


class OrganisationFileError(ConfigError):
    """The organisation's settings file cannot be used; nothing of it is applied."""

    def __init__(self, path: str, line: int | None, nl: str, en: str) -> None:
        self.path, self.line = path, line
        self.reason_nl, self.reason_en = nl, en
        where_nl = f"{path}, regel {line}" if line else path
        where_en = f"{path}, line {line}" if line else path
        super().__init__(
            f"Het organisatiebestand {where_nl} is niet in orde: {nl}. regiedesk start pas "
            "als het klopt; vraag de ICT-afdeling het te herstellen.",
            f"The organisation file {where_en} is not right: {en}. regiedesk starts only "
            "once it is; ask your IT department to fix it.",
        )


# --- reports -------------------------------------------------------------------


class ReportError(RegiedeskError):
    """A report cannot be written where it was asked (the file exists, the folder is the
    profile's). Nothing was written and nothing was logged."""

    exit_code = 2
