"""Life-domain instruments (the ZRM variants), loaded from data files in resources/instruments.

An organisation picks the variant it uses; old measurements stay readable
because each assessment records its instrument, and the older 11-domain ZRM
maps onto the 2017 domains for trends across the change.

A file holds: ``code`` (its file name without ``.json``), ``nl``/``en`` names,
``level`` (``person`` or ``household``), ``scale`` (scores 1 to 5 with Dutch
and English labels), ``domains`` (each a stable snake_case ``code``, ``nl``,
``en`` and an optional ``group``), optional ``groups`` (the names of those
groups, such as a supplement) and an optional ``maps_to`` (``instrument`` and
a ``domains`` mapping from this instrument's codes to that one's).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from ..errors import ConfigError
from ..i18n import Language, pick

Level = Literal["person", "household"]
SCORES = (1, 2, 3, 4, 5)
_CODE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z")


def _folder() -> Traversable:
    return resources.files("regiedesk") / "resources" / "instruments"


@dataclass(frozen=True, slots=True)
class Domain:
    code: str
    nl: str
    en: str
    group: str | None = None

    def name(self, language: Language | None = None) -> str:
        return pick(self.nl, self.en, language)


@dataclass(frozen=True, slots=True)
class Instrument:
    code: str
    nl: str
    en: str
    level: Level
    domains: tuple[Domain, ...]
    scale: Mapping[int, tuple[str, str]] = field(hash=False)
    maps_to: str | None = None
    mapping: Mapping[str, str] | None = field(default=None, hash=False)
    groups: Mapping[str, tuple[str, str]] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )

    def name(self, language: Language | None = None) -> str:
        return pick(self.nl, self.en, language)

    @property
    def domain_codes(self) -> tuple[str, ...]:
        return tuple(d.code for d in self.domains)

    def domain(self, code: str) -> Domain:
        for d in self.domains:
            if d.code == code:
                return d
        raise KeyError(code)

    def group_name(self, group: str, language: Language | None = None) -> str:
        nl, en = self.groups[group]
        return pick(nl, en, language)

    def score_label(self, score: int, language: Language | None = None) -> str:
        """The official label of a score, e.g. 3 -> 'Beperkt zelfredzaam'."""
        nl, en = self.scale[score]
        return pick(nl, en, language)

    def map_domain(self, code: str) -> str:
        """The domain code in the instrument this one maps to (itself when it maps nowhere)."""
        return self.mapping.get(code, code) if self.mapping else code

    def map_to(self, instrument_code: str) -> dict[str, str]:
        """This instrument's domain codes translated to ``instrument_code``'s.

        The identity for the instrument itself; a domain without a counterpart
        is left out. Raises ConfigError when there is no mapping between the two.
        """
        if instrument_code == self.code:
            return {c: c for c in self.domain_codes}
        if self.maps_to != instrument_code or self.mapping is None:
            raise ConfigError(
                f"Er is geen omzetting van {self.code} naar {instrument_code}.",
                f"There is no mapping from {self.code} to {instrument_code}.",
            )
        return dict(self.mapping)


def _broken(name: str, nl: str, en: str) -> ConfigError:
    return ConfigError(
        f"Het instrumentbestand {name} is onbruikbaar: {nl}. Herinstalleer regiedesk of "
        "neem contact op met de ICT-afdeling.",
        f"The instrument file {name} is unusable: {en}. Reinstall regiedesk or contact "
        "your IT department.",
    )


def _names(item: Any) -> tuple[str, str]:
    nl, en = item["nl"], item["en"]
    if not isinstance(nl, str) or not isinstance(en, str) or not nl.strip() or not en.strip():
        raise ValueError("a Dutch or English name is empty")
    return nl, en


def parse_instrument(doc: Any, *, name: str) -> Instrument:
    """Build an Instrument from a decoded file; ConfigError names what is wrong."""
    try:
        domains = []
        for d in doc["domains"]:
            group = d.get("group")
            domains.append(Domain(str(d["code"]), *_names(d), str(group) if group else None))
        scale: dict[int, tuple[str, str]] = {}
        for step in doc["scale"]:
            score = step["score"]
            if isinstance(score, bool) or not isinstance(score, int) or score in scale:
                raise ValueError(f"score {score!r}")
            scale[score] = _names(step)
        groups = {str(k): _names(g) for k, g in doc.get("groups", {}).items()}
        level = doc["level"]
        maps = doc.get("maps_to")
        instrument = Instrument(
            code=str(doc["code"]),
            nl=_names(doc)[0],
            en=_names(doc)[1],
            level=level,
            domains=tuple(domains),
            scale=MappingProxyType(scale),
            maps_to=str(maps["instrument"]) if maps else None,
            mapping=(
                MappingProxyType({str(k): str(v) for k, v in maps["domains"].items()})
                if maps
                else None
            ),
            groups=MappingProxyType(groups),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _broken(
            name, f"veld ontbreekt of is fout ({exc})", f"a field is missing or wrong ({exc})"
        ) from exc
    if level not in ("person", "household"):
        raise _broken(name, f"onbekend niveau {level!r}", f"unknown level {level!r}")
    if tuple(sorted(scale)) != SCORES:
        raise _broken(
            name,
            "de schaal moet precies de scores 1 tot en met 5 hebben",
            "the scale must have exactly the scores 1 to 5",
        )
    codes = instrument.domain_codes
    if not codes or len(set(codes)) != len(codes):
        raise _broken(
            name, "leefgebieden ontbreken of komen dubbel voor", "life domains missing or twice"
        )
    bad = [c for c in (instrument.code, *codes) if not _CODE.match(c)]
    if bad:
        raise _broken(
            name,
            f"code {bad[0]!r} is geen snake_case (a-z, 0-9, _)",
            f"code {bad[0]!r} is not snake_case (a-z, 0-9, _)",
        )
    unnamed = {d.group for d in instrument.domains if d.group} - set(groups)
    if unnamed:
        raise _broken(
            name,
            f"groep {sorted(unnamed)[0]!r} heeft geen naam",
            f"group {sorted(unnamed)[0]!r} has no name",
        )
    if instrument.mapping is not None and set(instrument.mapping) - set(codes):
        raise _broken(
            name,
            "de omzetting noemt onbekende leefgebieden",
            "the mapping names unknown life domains",
        )
    return instrument


def read_instrument(path: Traversable | Path) -> Instrument:
    """Read and check one instrument file (a shipped one or an organisation's own)."""
    name = path.name
    try:
        doc = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise _broken(
            name, "het bestand kan niet worden gelezen", "the file cannot be read"
        ) from exc
    except json.JSONDecodeError as exc:
        raise _broken(name, "geen geldige JSON", "not valid JSON") from exc
    instrument = parse_instrument(doc, name=name)
    if f"{instrument.code}.json" != name:
        raise _broken(
            name,
            "de code in het bestand wijkt af van de bestandsnaam",
            "the code in the file differs from the file name",
        )
    return instrument


@cache
def available_instruments() -> tuple[str, ...]:
    """The codes of the shipped instruments, sorted."""
    return tuple(sorted(p.name[:-5] for p in _folder().iterdir() if p.name.endswith(".json")))


@cache
def load_instrument(code: str) -> Instrument:
    """A shipped instrument by code; ConfigError for an unknown code or a broken file."""
    if code not in available_instruments():
        raise ConfigError(
            f"Onbekend instrument '{code}'. Beschikbaar: {', '.join(available_instruments())}.",
            f"Unknown instrument '{code}'. Available: {', '.join(available_instruments())}.",
        )
    instrument = read_instrument(_folder() / f"{code}.json")
    if instrument.maps_to is not None:
        if instrument.maps_to not in available_instruments():
            raise _broken(
                f"{code}.json",
                f"omzetting naar onbekend instrument {instrument.maps_to}",
                f"a mapping to the unknown instrument {instrument.maps_to}",
            )
        target = set(load_instrument(instrument.maps_to).domain_codes)
        if instrument.mapping and set(instrument.mapping.values()) - target:
            raise _broken(
                f"{code}.json",
                "de omzetting noemt onbekende doel-leefgebieden",
                "the mapping names unknown target life domains",
            )
    return instrument


@cache
def all_domain_codes() -> frozenset[str]:
    """Every domain code of every shipped instrument; ConfigError when two share a code."""
    seen: dict[str, str] = {}
    for code in available_instruments():
        for domain in load_instrument(code).domain_codes:
            if domain in seen:
                raise _broken(
                    f"{code}.json",
                    f"leefgebied {domain!r} staat ook in {seen[domain]}",
                    f"life domain {domain!r} is also in {seen[domain]}",
                )
            seen[domain] = code
    return frozenset(seen)


def instrument_of(domain_code: str) -> Instrument:
    """The shipped instrument a domain code belongs to (KeyError if none)."""
    for code in available_instruments():
        loaded = load_instrument(code)
        if domain_code in loaded.domain_codes:
            return loaded
    raise KeyError(domain_code)


def domain_rank(code: str) -> int:
    """A domain's place in its instrument's list, for showing domains in that order;
    after every known domain when the code belongs to no shipped instrument."""
    try:
        return instrument_of(code).domain_codes.index(code)
    except KeyError:
        return 1_000


def domain_name(code: str, language: Language | None = None) -> str:
    """The display name of any known domain code; the code itself if unknown."""
    try:
        return instrument_of(code).domain(code).name(language)
    except KeyError:
        return code
