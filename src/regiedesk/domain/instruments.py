"""Life-domain instruments (the ZRM variants), loaded from data files in resources/instruments.

An organisation picks the variant it uses; old measurements stay readable
because each assessment records its instrument, and the older 11-domain ZRM
maps onto the 2017 domains for trends across the change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

from ..errors import ConfigError
from ..i18n import Language, current_language

Level = Literal["person", "household"]
SCORES = (1, 2, 3, 4, 5)


@dataclass(frozen=True, slots=True)
class Domain:
    code: str
    nl: str
    en: str
    group: str | None = None

    def name(self, language: Language | None = None) -> str:
        return self.en if (language or current_language()) == "en" else self.nl


@dataclass(frozen=True, slots=True)
class Instrument:
    code: str
    nl: str
    en: str
    level: Level
    domains: tuple[Domain, ...]
    scale: dict[int, tuple[str, str]]
    maps_to: str | None = None
    mapping: dict[str, str] | None = None

    def name(self, language: Language | None = None) -> str:
        return self.en if (language or current_language()) == "en" else self.nl

    @property
    def domain_codes(self) -> tuple[str, ...]:
        return tuple(d.code for d in self.domains)

    def domain(self, code: str) -> Domain:
        for d in self.domains:
            if d.code == code:
                return d
        raise KeyError(code)

    def score_label(self, score: int, language: Language | None = None) -> str:
        nl, en = self.scale[score]
        return en if (language or current_language()) == "en" else nl

    def map_domain(self, code: str) -> str:
        """The domain code in the instrument this one maps to (itself when it maps nowhere)."""
        return self.mapping.get(code, code) if self.mapping else code


def _broken(name: str, problem: str) -> ConfigError:
    return ConfigError(
        f"Het instrumentbestand {name} is onbruikbaar: {problem}. Herinstalleer regiedesk of "
        "neem contact op met de ICT-afdeling.",
        f"The instrument file {name} is unusable: {problem}. Reinstall regiedesk or contact "
        "your IT department.",
    )


def parse_instrument(doc: Any, *, name: str) -> Instrument:
    try:
        domains = tuple(
            Domain(str(d["code"]), str(d["nl"]), str(d["en"]), d.get("group"))
            for d in doc["domains"]
        )
        scale = {int(s["score"]): (str(s["nl"]), str(s["en"])) for s in doc["scale"]}
        level = doc["level"]
        maps = doc.get("maps_to")
        instrument = Instrument(
            code=str(doc["code"]),
            nl=str(doc["nl"]),
            en=str(doc["en"]),
            level=level,
            domains=domains,
            scale=scale,
            maps_to=str(maps["instrument"]) if maps else None,
            mapping={str(k): str(v) for k, v in maps["domains"].items()} if maps else None,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _broken(name, f"veld ontbreekt of is fout ({exc})") from exc
    if level not in ("person", "household"):
        raise _broken(name, f"onbekend niveau {level!r}")
    if tuple(sorted(scale)) != SCORES:
        raise _broken(name, "de schaal moet precies de scores 1 tot en met 5 hebben")
    codes = instrument.domain_codes
    if not codes or len(set(codes)) != len(codes):
        raise _broken(name, "leefgebieden ontbreken of komen dubbel voor")
    if instrument.mapping and set(instrument.mapping) - set(codes):
        raise _broken(name, "de omzetting noemt onbekende leefgebieden")
    return instrument


@cache
def available_instruments() -> tuple[str, ...]:
    folder = resources.files("regiedesk") / "resources" / "instruments"
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json")))


@cache
def load_instrument(code: str) -> Instrument:
    if code not in available_instruments():
        raise ConfigError(
            f"Onbekend instrument '{code}'. Beschikbaar: {', '.join(available_instruments())}.",
            f"Unknown instrument '{code}'. Available: {', '.join(available_instruments())}.",
        )
    name = f"{code}.json"
    raw = (resources.files("regiedesk") / "resources" / "instruments" / name).read_text("utf-8")
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise _broken(name, "geen geldige JSON") from exc
    instrument = parse_instrument(doc, name=name)
    if instrument.code != code:
        raise _broken(name, "de code in het bestand wijkt af van de bestandsnaam")
    return instrument


@cache
def all_domain_codes() -> frozenset[str]:
    """Every domain code of every shipped instrument (codes are unique across instruments)."""
    return frozenset(c for i in available_instruments() for c in load_instrument(i).domain_codes)


def domain_name(code: str, language: Language | None = None) -> str:
    for instrument in available_instruments():
        loaded = load_instrument(instrument)
        if code in loaded.domain_codes:
            return loaded.domain(code).name(language)
    return code
