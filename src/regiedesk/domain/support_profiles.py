"""Support profiles (ondersteuningsprofielen): profiles x intensities with tariffs and
payment milestones, read from the organisation's configuration file.

The shipped example has the Amsterdam shape: eleven profiles, four intensities,
70% paid at the start of a trajectory and 30% on completion.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from ..errors import ConfigError

FORMAT = "regiedesk-support-profiles"


@dataclass(frozen=True, slots=True)
class Milestone:
    code: str
    nl: str
    en: str
    percent: int
    due: Literal["start", "end"]


@dataclass(frozen=True, slots=True)
class SupportProfile:
    code: str
    nl: str
    en: str
    tariffs_cents: dict[str, int]


@dataclass(frozen=True, slots=True)
class SupportProfiles:
    intensities: tuple[str, ...]
    milestones: tuple[Milestone, ...]
    profiles: dict[str, SupportProfile]

    def tariff_cents(self, profile: str, intensity: str) -> int:
        return self.profiles[profile].tariffs_cents[intensity]


@dataclass(frozen=True, slots=True)
class Payment:
    milestone: str
    amount_cents: int
    due: dt.date | None  # None: the trajectory has not ended yet


def _bad(source: str, problem: str) -> ConfigError:
    return ConfigError(
        f"Het bestand met ondersteuningsprofielen {source} klopt niet: {problem}. "
        "Laat de ICT-afdeling het bestand nakijken.",
        f"The support profile file {source} is invalid: {problem}. "
        "Ask your IT department to check the file.",
    )


def parse_support_profiles(doc: Any, *, source: str) -> SupportProfiles:
    try:
        if doc.get("format") != FORMAT:
            raise _bad(source, f"het formaat moet '{FORMAT}' zijn")
        intensities = tuple(str(i["code"]) for i in doc["intensities"])
        milestones = tuple(
            Milestone(str(m["code"]), str(m["nl"]), str(m["en"]), int(m["percent"]), m["due"])
            for m in doc["milestones"]
        )
        profiles = {
            str(p["code"]): SupportProfile(
                str(p["code"]),
                str(p["nl"]),
                str(p["en"]),
                {str(k): int(v) for k, v in p["tariffs_cents"].items()},
            )
            for p in doc["profiles"]
        }
    except ConfigError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _bad(source, f"een veld ontbreekt of is fout ({exc})") from exc
    if not intensities or len(set(intensities)) != len(intensities):
        raise _bad(source, "de intensiteiten ontbreken of komen dubbel voor")
    if sum(m.percent for m in milestones) != 100 or any(m.percent <= 0 for m in milestones):
        raise _bad(source, "de betaalmomenten moeten samen precies 100% zijn")
    if any(m.due not in ("start", "end") for m in milestones):
        raise _bad(source, "een betaalmoment valt op 'start' of 'end'")
    if not profiles:
        raise _bad(source, "er staan geen profielen in")
    for profile in profiles.values():
        if set(profile.tariffs_cents) != set(intensities):
            raise _bad(source, f"profiel {profile.code} heeft niet precies de intensiteiten")
        if any(t < 0 for t in profile.tariffs_cents.values()):
            raise _bad(source, f"profiel {profile.code} heeft een negatief tarief")
    return SupportProfiles(intensities, milestones, profiles)


def load_support_profiles(path: Path | None = None) -> SupportProfiles:
    """The organisation's file, or the shipped example when ``path`` is None."""
    if path is None:
        source = "support_profiles.example.json"
        text = (resources.files("regiedesk") / "resources" / source).read_text("utf-8")
    else:
        source = str(path)
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise _bad(source, "het bestand kan niet worden gelezen") from exc
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(source, f"geen geldige JSON (regel {exc.lineno})") from exc
    return parse_support_profiles(doc, source=source)


def payment_schedule(
    config: SupportProfiles,
    profile: str,
    intensity: str,
    start_date: dt.date,
    end_date: dt.date | None,
) -> list[Payment]:
    """The milestone payments of one trajectory; the parts add up exactly to the tariff."""
    if profile not in config.profiles or intensity not in config.intensities:
        raise ConfigError(
            f"Onbekend profiel of onbekende intensiteit: {profile} / {intensity}.",
            f"Unknown profile or intensity: {profile} / {intensity}.",
        )
    tariff = config.tariff_cents(profile, intensity)
    payments: list[Payment] = []
    paid = 0
    for index, milestone in enumerate(config.milestones):
        last = index == len(config.milestones) - 1
        amount = tariff - paid if last else tariff * milestone.percent // 100
        paid += amount
        due = start_date if milestone.due == "start" else end_date
        payments.append(Payment(milestone.code, amount, due))
    return payments
