"""The errors of the clock and of sync with the server (exit code 5)."""

from __future__ import annotations

import time
from typing import ClassVar

from ..sync.codes import ErrorCode
from .base import RegiedeskError


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

    # a body the API or the text check refused: what the form holds is what to change
    _BODY: ClassVar[dict[str, str]] = {
        ErrorCode.INVALID_REQUEST: ErrorCode.BAD_BODY,
        ErrorCode.BAD_TEXT: ErrorCode.BAD_BODY,
    }
    # (the action, or None for any; the refusal's ErrorCode): what to say
    _WHY: ClassVar[dict[tuple[str | None, str], tuple[str, str]]] = {
        (None, ErrorCode.NOT_FOUND): (
            "Dit gezin, deze regisseur of deze waarneming hoort niet (meer) bij uw team. "
            "Vernieuw het overzicht met F5 en probeer het opnieuw.",
            "This family, caseworker or stand-in is not (or no longer) in your team. "
            "Refresh the overview with F5 and try again.",
        ),
        (None, ErrorCode.FORBIDDEN): (
            "Alleen een teamleider mag dit. Meld u aan met uw teamleidersaccount.",
            "Only a team leader may do this. Sign in with your team leader account.",
        ),
        (None, ErrorCode.BAD_PERIOD): (
            "De waarneming moet eindigen op of na de eerste dag en mag hoogstens vijf jaar "
            "duren. Pas de data aan.",
            "The stand-in must end on or after its first day and last at most five years. "
            "Change the dates.",
        ),
        ("stand-in", ErrorCode.BAD_BODY): (
            "Een regisseur kan niet waarnemen voor een eigen gezin. Kies een andere regisseur.",
            "A caseworker cannot stand in for their own family. Choose another caseworker.",
        ),
        ("register", ErrorCode.BAD_BODY): (
            "De server nam de naam van het gezin niet aan (te lang of met tekens die niet "
            "kunnen). Pas de naam aan.",
            "The server did not accept the family's name (too long, or with characters "
            "that are not allowed). Change the name.",
        ),
    }

    def __init__(self, action: str, status: int, code: str) -> None:
        self.action, self.status, self.code = action, status, code
        code_key = self._BODY.get(code, code)
        nl, en = (
            self._WHY.get((action, code_key))
            or self._WHY.get((None, code_key))
            or (
                f"De server weigerde dit ({status}, {code}). Vernieuw het overzicht met F5 en "
                "probeer het opnieuw; lukt het dan nog niet, neem contact op met de ICT-afdeling.",
                f"The server refused this ({status}, {code}). Refresh the overview with F5 and "
                "try again; if it still fails, contact your IT department.",
            )
        )
        super().__init__(nl, en)
