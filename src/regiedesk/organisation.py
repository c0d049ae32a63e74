"""The organisation file: settings an IT department presets for every laptop.

One system-wide TOML file (see ``organisation_file``), written by the installer
or by device management, read once at start with ``load_organisation``. Every
field is optional; a field the file sets is the organisation's, and a user
cannot change it. The file is checked whole against ``SCHEMA`` before anything
uses it: one bad value refuses the whole file (``OrganisationFileError``, with
the file, the line and what is wrong), so the app never runs with half of an
organisation's configuration. No file at all means no organisation settings.

The schema is written down for administrators in ``docs/admin-guide.md``.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .errors import OrganisationFileError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

ORGANISATION_FILE_ENV = "REGIEDESK_ORGANISATION_FILE"
FILE_NAME = "organisation.toml"
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")

__all__ = [
    "ORGANISATION_FILE_ENV",
    "SCHEMA",
    "Organisation",
    "load_organisation",
    "organisation_file",
    "write_organisation",
]


def organisation_file() -> Path:
    """Where this platform keeps the organisation file (``REGIEDESK_ORGANISATION_FILE`` wins)."""
    override = os.environ.get(ORGANISATION_FILE_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "regiedesk" / FILE_NAME
    if sys.platform == "darwin":
        return Path("/Library/Application Support/regiedesk") / FILE_NAME
    return Path("/etc/regiedesk") / FILE_NAME


@dataclass(frozen=True)
class Organisation:
    """What the organisation file sets; None where it sets nothing (the user decides)."""

    path: Path  # where the file was looked for
    found: bool = False
    name: str | None = None
    logo: Path | None = None  # an existing PNG or JPEG file, absolute
    server_url: str | None = None  # http(s), no trailing slash
    idle_lock_minutes: int | None = None
    min_passphrase_length: int | None = None  # never below the built-in minimum
    max_days_without_sync: int | None = None
    instrument: str | None = None  # a shipped instrument's code
    recovery_public_key: bytes | None = None  # the raw 32-byte X25519 public key

    def sets(self, field: str) -> bool:
        """Whether the organisation fixed this field (the user then cannot change it)."""
        return getattr(self, field) is not None

    def recovery_key(self) -> X25519PublicKey | None:
        """The organisation's recovery public key as a ``cryptography`` object."""
        if self.recovery_public_key is None:
            return None
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

        return X25519PublicKey.from_public_bytes(self.recovery_public_key)

    def describe(self) -> str:
        """For the log: which file was read (never its values: they are no secret, but long)."""
        if not self.found:
            return f"no organisation file at {self.path}"
        fields = [f for f in SCHEMA_FIELDS if self.sets(f)]
        return f"organisation file {self.path} read, sets: {', '.join(fields) or 'nothing'}"


class _Invalid(Exception):
    """A value the schema refuses: the reason in both languages."""

    def __init__(self, nl: str, en: str) -> None:
        super().__init__(en)
        self.nl, self.en = nl, en


# --- the values ---------------------------------------------------------------------


def _text(value: object, _folder: Path) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise _Invalid("verwacht een tekst van 1 tot 200 tekens", "expected 1 to 200 characters")
    return value.strip()


def _url(value: object, _folder: Path) -> str:
    if not isinstance(value, str):
        raise _Invalid("verwacht een adres als tekst", "expected an address as text")
    parts = urlsplit(value.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise _Invalid(
            f"'{value}' is geen adres als https://regiedesk.organisatie.nl",
            f"'{value}' is not an address like https://regiedesk.organisation.org",
        )
    if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
        raise _Invalid(
            "gebruik https: alleen een server op deze computer mag http gebruiken",
            "use https: only a server on this computer may use http",
        )
    return value.strip().rstrip("/")


def _whole(low: int, high: int) -> Callable[[object, Path], int]:
    def check(value: object, _folder: Path) -> int:
        # the Windows installer writes every value as a quoted string
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise _Invalid(
                f"verwacht een geheel getal van {low} tot en met {high}",
                f"expected a whole number from {low} to {high}",
            )
        return value

    return check


def _instrument(value: object, _folder: Path) -> str:
    from .domain.instruments import available_instruments

    known = available_instruments()
    if value not in known:
        raise _Invalid(
            f"onbekend instrument '{value}'; bekend zijn: {', '.join(known)}",
            f"unknown instrument '{value}'; known: {', '.join(known)}",
        )
    return str(value)


def _logo(value: object, folder: Path) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise _Invalid("verwacht het pad van een afbeelding", "expected the path of an image")
    path = (folder / value.strip()).resolve()  # a relative path is relative to the file
    if path.suffix.lower() not in LOGO_SUFFIXES:
        raise _Invalid(f"{path} is geen PNG- of JPEG-bestand", f"{path} is not a PNG or JPEG file")
    if not path.is_file() or not os.access(path, os.R_OK):
        raise _Invalid(
            f"het logo {path} bestaat niet of kan niet worden gelezen",
            f"the logo {path} does not exist or cannot be read",
        )
    return path


def _public_key(value: object, _folder: Path) -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    wrong = _Invalid(
        "verwacht een openbare X25519-sleutel: 32 bytes in base64, of PEM",
        "expected an X25519 public key: 32 bytes in base64, or PEM",
    )
    if not isinstance(value, str):
        raise wrong
    text = value.strip()
    if text.startswith("-----BEGIN"):
        try:
            key = serialization.load_pem_public_key(text.encode("ascii"))
        except (ValueError, UnicodeEncodeError) as exc:
            raise wrong from exc
        if not isinstance(key, X25519PublicKey):
            raise wrong
        return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise wrong from exc
    if len(raw) != 32:
        raise wrong
    return raw


@dataclass(frozen=True)
class Field:
    section: str
    key: str
    check: Callable[[object, Path], Any]
    number: bool = False  # written without quotes


# The written schema: (section, key) in the file -> the Organisation field it fills.
SCHEMA: dict[str, Field] = {
    "name": Field("organisation", "name", _text),
    "logo": Field("organisation", "logo", _logo),
    "server_url": Field("server", "url", _url),
    "idle_lock_minutes": Field("policy", "idle_lock_minutes", _whole(1, 120), number=True),
    "min_passphrase_length": Field("policy", "min_passphrase_length", _whole(10, 128), number=True),
    "max_days_without_sync": Field("policy", "max_days_without_sync", _whole(1, 365), number=True),
    "instrument": Field("policy", "instrument", _instrument),
    "recovery_public_key": Field("recovery", "public_key", _public_key),
}
SCHEMA_FIELDS = tuple(SCHEMA)
_BY_PLACE = {(f.section, f.key): name for name, f in SCHEMA.items()}
_SECTIONS = tuple(dict.fromkeys(f.section for f in SCHEMA.values()))


# --- reading ------------------------------------------------------------------------


_HEADER = re.compile(r"\[\s*([A-Za-z0-9_-]+)\s*\]")
_KEY = re.compile(r"""["']?([A-Za-z0-9_-]+)["']?\s*=""")


def _line_of(text: str, section: str | None, key: str | None) -> int | None:
    """The line of ``key`` in ``[section]`` (or of the header itself when key is None)."""
    current: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line.strip())
        if header:
            current = header.group(1)
            if key is None and current == section:
                return number
            continue
        match = _KEY.match(line.strip())
        if key is not None and match and match.group(1) == key and current == section:
            return number
    return None


def _decode_error_line(detail: str) -> int | None:
    match = re.search(r"at line (\d+)", detail)
    return int(match.group(1)) if match else None


def load_organisation(path: Path | None = None) -> Organisation:
    """Read and check the organisation file; no file means no organisation settings.

    Raises ``OrganisationFileError`` for a file that cannot be read, is no TOML, or
    holds anything the schema refuses (an unknown key is refused too: it is likely
    a typo, and ignoring it would leave a policy unset without anyone noticing).
    """
    path = path or organisation_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Organisation(path=path)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OrganisationFileError(
            str(path),
            None,
            f"het kan niet worden gelezen ({reason})",
            f"it cannot be read ({reason})",
        ) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise OrganisationFileError(
            str(path), line, "het is geen UTF-8-tekst", "it is not UTF-8 text"
        ) from exc
    import tomllib  # only where an organisation file is found: a start without one skips it

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = str(exc)
        raise OrganisationFileError(
            str(path),
            _decode_error_line(detail),
            f"het is geen geldige TOML ({detail})",
            f"it is not valid TOML ({detail})",
        ) from exc
    return Organisation(path=path, found=True, **_checked(document, text, path))


def _checked(document: dict[str, Any], text: str, path: Path) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for section, table in document.items():
        if section not in _SECTIONS or not isinstance(table, dict):
            raise OrganisationFileError(
                str(path),
                _line_of(text, section, None) or _line_of(text, None, section),
                f"onbekende sectie of sleutel '{section}'; bekend zijn de secties "
                f"{', '.join(f'[{s}]' for s in _SECTIONS)}",
                f"unknown section or key '{section}'; the known sections are "
                f"{', '.join(f'[{s}]' for s in _SECTIONS)}",
            )
        for key, value in table.items():
            name = _BY_PLACE.get((section, key))
            line = _line_of(text, section, key)
            if name is None:
                known = ", ".join(f.key for f in SCHEMA.values() if f.section == section)
                raise OrganisationFileError(
                    str(path),
                    line,
                    f"onbekende sleutel '{key}' in [{section}]; bekend zijn: {known}",
                    f"unknown key '{key}' in [{section}]; known: {known}",
                )
            if value == "":
                continue  # an installer property left empty: not set
            try:
                values[name] = SCHEMA[name].check(value, path.parent)
            except _Invalid as bad:
                raise OrganisationFileError(
                    str(path), line, f"{section}.{key}: {bad.nl}", f"{section}.{key}: {bad.en}"
                ) from None
    return values


# --- writing (installers, device management) ------------------------------------------


def organisation_text(values: dict[str, object]) -> str:
    """The TOML for ``values`` (Organisation field names); empty values are left out."""
    lines = ["# Written by `regiedesk organisation write`; the schema is in the admin guide."]
    for section in _SECTIONS:
        given = [
            (name, field)
            for name, field in SCHEMA.items()
            if field.section == section and values.get(name) not in (None, "")
        ]
        if given:
            lines += ["", f"[{section}]"]
        for name, field in given:
            value = str(values[name]).strip()
            # a JSON string is a valid TOML basic string (the same escapes)
            shown = value if field.number and value.isdigit() else json.dumps(value)
            lines.append(f"{field.key} = {shown}")
    return "\n".join(lines) + "\n"


def write_organisation(path: Path, values: dict[str, object]) -> Organisation:
    """Check ``values`` against the schema and write them as the organisation file, whole:
    the file is replaced only when every value is right (OrganisationFileError otherwise,
    and the old file stays)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(path.name + ".new")
    draft.write_text(organisation_text(values), encoding="utf-8")
    try:
        checked = load_organisation(draft)
    except OrganisationFileError as error:
        draft.unlink()
        raise OrganisationFileError(str(path), None, error.reason_nl, error.reason_en) from None
    os.replace(draft, path)
    return replace(checked, path=path)
