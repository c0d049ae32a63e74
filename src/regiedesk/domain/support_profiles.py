"""Support profiles (ondersteuningsprofielen): profiles x intensities with tariffs and
payment milestones, read from the organisation's configuration file.

The shipped example has the Amsterdam shape: eleven profiles (OP01..OP11), four
intensities, 70% paid at the start of a trajectory and 30% on completion. An
organisation replaces it with its own file of the same format; every problem in
such a file is refused with a ConfigError that names the file and the problem.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, TypeGuard

from ..errors import ConfigError
from . import validate as v
from .vocabulary import Field

FORMAT = "regiedesk-support-profiles"
VERSION = 1
EXAMPLE_FILE = "support_profiles.example.json"
MAX_TARIFF_CENTS = 100_000_000_000  # a billion euro: anything above is a typing error

_CODE = re.compile(r"^[A-Za-z0-9_]{1,32}$")

Due = Literal["start", "end"]


@dataclass(frozen=True, slots=True)
class Intensity:
    code: str
    nl: str
    en: str


@dataclass(frozen=True, slots=True)
class Milestone:
    code: str
    nl: str
    en: str
    percent: int
    due: Due  # "start": at the start of the trajectory; "end": on its completion


@dataclass(frozen=True, slots=True)
class SupportProfile:
    code: str
    nl: str
    en: str
    tariffs_cents: Mapping[str, int]  # intensity code -> tariff in euro cents (read-only)


@dataclass(frozen=True, slots=True)
class Payment:
    milestone: str
    percent: int
    amount_cents: int
    due: dt.date | None  # None: the trajectory has not ended yet


@dataclass(frozen=True, slots=True)
class SupportProfiles:
    """A loaded, checked configuration. Immutable: the mappings are read-only views."""

    intensities: tuple[str, ...]
    milestones: tuple[Milestone, ...]
    profiles: Mapping[str, SupportProfile]
    intensity_names: Mapping[str, Intensity]

    def tariff_cents(self, profile_code: str, intensity: str) -> int:
        """The tariff of one profile at one intensity; ConfigError when either is unknown."""
        profile = self.profiles.get(profile_code)
        if profile is None or intensity not in profile.tariffs_cents:
            raise ConfigError(
                f"Onbekend ondersteuningsprofiel of onbekende intensiteit: "
                f"{profile_code} / {intensity}. Kies een profiel en intensiteit uit de lijst.",
                f"Unknown support profile or intensity: {profile_code} / {intensity}. "
                "Choose a profile and intensity from the list.",
            )
        return profile.tariffs_cents[intensity]

    def payment_schedule(
        self,
        profile_code: str,
        intensity: str,
        start_date: dt.date,
        end_date: dt.date | None = None,
    ) -> list[Payment]:
        """The milestone payments of one trajectory, in the order of the file.

        Amounts are whole cents: every milestone but the last gets its percentage
        of the tariff rounded down, the last gets the rest, so the parts add up
        exactly to the tariff. A milestone due at the end has no date while the
        trajectory runs (``end_date`` None).
        """
        tariff = self.tariff_cents(profile_code, intensity)
        v.date_order(Field.END_DATE, start_date, end_date)
        payments: list[Payment] = []
        paid = 0
        for index, milestone in enumerate(self.milestones):
            last = index == len(self.milestones) - 1
            amount = tariff - paid if last else tariff * milestone.percent // 100
            paid += amount
            due = start_date if milestone.due == "start" else end_date
            payments.append(Payment(milestone.code, milestone.percent, amount, due))
        return payments


class _Problem(Exception):
    """One thing wrong in a file, in Dutch and English; turned into a ConfigError."""

    def __init__(self, nl: str, en: str) -> None:
        super().__init__(en)
        self.nl = nl
        self.en = en


def _bad(source: str, nl: str, en: str) -> ConfigError:
    return ConfigError(
        f"Het bestand met ondersteuningsprofielen {source} klopt niet: {nl}. "
        "Laat de ICT-afdeling het bestand nakijken.",
        f"The support profile file {source} is invalid: {en}. "
        "Ask your IT department to check the file.",
    )


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Problem(f"{where} moet een object zijn", f"{where} must be an object")
    return value


def _list(doc: dict[str, Any], key: str) -> list[Any]:
    value = doc.get(key)
    if not isinstance(value, list) or not value:
        raise _Problem(
            f"de lijst '{key}' ontbreekt of is leeg", f"the list '{key}' is missing or empty"
        )
    return value


def _field(item: dict[str, Any], key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _Problem(
            f"{where}: het veld '{key}' ontbreekt of is leeg",
            f"{where}: the field '{key}' is missing or empty",
        )
    return value


def _code(item: dict[str, Any], where: str, seen: set[str]) -> str:
    code = _field(item, "code", where)
    if not _CODE.match(code):
        raise _Problem(
            f"{where}: code {code!r} mag alleen letters, cijfers en _ bevatten",
            f"{where}: code {code!r} may contain only letters, digits and _",
        )
    if code in seen:
        raise _Problem(f"code {code!r} komt dubbel voor", f"code {code!r} occurs twice")
    seen.add(code)
    return code


def _whole(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _intensities(doc: dict[str, Any]) -> dict[str, Intensity]:
    found: dict[str, Intensity] = {}
    for number, raw in enumerate(_list(doc, "intensities"), start=1):
        where = f"intensiteit {number}"
        item = _object(raw, where)
        code = _code(item, where, set(found))
        found[code] = Intensity(code, _field(item, "nl", where), _field(item, "en", where))
    return found


def _milestones(doc: dict[str, Any]) -> tuple[Milestone, ...]:
    found: list[Milestone] = []
    seen: set[str] = set()
    for number, raw in enumerate(_list(doc, "milestones"), start=1):
        where = f"betaalmoment {number}"
        item = _object(raw, where)
        code = _code(item, where, seen)
        percent = item.get("percent")
        if not _whole(percent) or not 0 < percent <= 100:
            raise _Problem(
                f"{where}: het percentage moet een heel getal van 1 tot en met 100 zijn",
                f"{where}: the percentage must be a whole number from 1 to 100",
            )
        due = item.get("due")
        if due not in ("start", "end"):
            raise _Problem(
                f"{where}: 'due' moet 'start' of 'end' zijn",
                f"{where}: 'due' must be 'start' or 'end'",
            )
        nl, en = _field(item, "nl", where), _field(item, "en", where)
        found.append(Milestone(code, nl, en, percent, "start" if due == "start" else "end"))
    total = sum(m.percent for m in found)
    if total != 100:
        raise _Problem(
            f"de betaalmomenten zijn samen {total}% in plaats van 100%",
            f"the payment milestones add up to {total}% instead of 100%",
        )
    return tuple(found)


def _profiles(
    doc: dict[str, Any], intensities: Mapping[str, Intensity]
) -> dict[str, SupportProfile]:
    found: dict[str, SupportProfile] = {}
    for number, raw in enumerate(_list(doc, "profiles"), start=1):
        item = _object(raw, f"profiel {number}")
        code = _code(item, f"profiel {number}", set(found))
        where = f"profiel {code}"
        tariffs = _object(item.get("tariffs_cents"), f"{where}: tariffs_cents")
        unknown = sorted(set(tariffs) - set(intensities))
        if unknown:
            raise _Problem(
                f"{where} noemt een onbekende intensiteit {unknown[0]!r}",
                f"{where} names an unknown intensity {unknown[0]!r}",
            )
        missing = [i for i in intensities if i not in tariffs]
        if missing:
            raise _Problem(
                f"{where} heeft geen tarief voor intensiteit {missing[0]!r}",
                f"{where} has no tariff for intensity {missing[0]!r}",
            )
        for intensity, cents in tariffs.items():
            if not _whole(cents):
                raise _Problem(
                    f"{where}, {intensity}: het tarief moet een heel aantal eurocenten zijn",
                    f"{where}, {intensity}: the tariff must be a whole number of euro cents",
                )
            if cents < 0:
                raise _Problem(
                    f"{where}, {intensity}: het tarief is negatief",
                    f"{where}, {intensity}: the tariff is negative",
                )
            if cents > MAX_TARIFF_CENTS:
                raise _Problem(
                    f"{where}, {intensity}: het tarief is onwaarschijnlijk hoog",
                    f"{where}, {intensity}: the tariff is implausibly high",
                )
        found[code] = SupportProfile(
            code,
            _field(item, "nl", where),
            _field(item, "en", where),
            MappingProxyType({i: int(tariffs[i]) for i in intensities}),
        )
    return found


def parse_support_profiles(doc: Any, *, source: str) -> SupportProfiles:
    """Build and check a configuration from a decoded file; ConfigError names the problem."""
    try:
        top = _object(doc, "het bestand")
        if top.get("format") != FORMAT:
            raise _Problem(f"het formaat moet '{FORMAT}' zijn", f"the format must be '{FORMAT}'")
        version = top.get("version", VERSION)
        if not _whole(version) or version < 1:
            raise _Problem("de versie moet een heel getal zijn", "the version must be a number")
        if version > VERSION:
            raise _Problem(
                f"versie {version} is nieuwer dan deze regiedesk kent ({VERSION}); "
                "werk regiedesk bij",
                f"version {version} is newer than this regiedesk knows ({VERSION}); "
                "update regiedesk",
            )
        intensities = _intensities(top)
        milestones = _milestones(top)
        profiles = _profiles(top, intensities)
    except _Problem as problem:
        raise _bad(source, problem.nl, problem.en) from None
    return SupportProfiles(
        intensities=tuple(intensities),
        milestones=milestones,
        profiles=MappingProxyType(profiles),
        intensity_names=MappingProxyType(intensities),
    )


def load_support_profiles(path: Path | None = None) -> SupportProfiles:
    """The organisation's file at ``path``, or the example shipped in the package (None)."""
    if path is None:
        return _example()
    return _read(path.read_text, str(path))


@cache
def _example() -> SupportProfiles:
    file = resources.files("regiedesk") / "resources" / EXAMPLE_FILE
    return _read(file.read_text, EXAMPLE_FILE)


def _read(read_text: Any, source: str) -> SupportProfiles:
    try:
        text = read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _bad(source, "het bestand bestaat niet", "the file does not exist") from None
    except (OSError, UnicodeDecodeError):
        raise _bad(
            source, "het bestand kan niet worden gelezen", "the file cannot be read"
        ) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(
            source,
            f"geen geldige JSON (regel {exc.lineno}, kolom {exc.colno})",
            f"not valid JSON (line {exc.lineno}, column {exc.colno})",
        ) from None
    return parse_support_profiles(doc, source=source)


def payment_schedule(
    profile_code: str,
    intensity: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    *,
    config: SupportProfiles | None = None,
) -> list[Payment]:
    """The milestone payments of one trajectory (``config``: the shipped example if None).

    See ``SupportProfiles.payment_schedule``.
    """
    profiles = config if config is not None else load_support_profiles()
    return profiles.payment_schedule(profile_code, intensity, start_date, end_date)
