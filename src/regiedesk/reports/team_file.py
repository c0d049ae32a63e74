"""A team's figures as a JSON file, for `regiedesk report team --figures FILE`: the same
fields as ``TeamInput`` and ``CaseworkerFigures``, checked whole before anything prints.

    {"format": "regiedesk-team-figures", "version": 1,
     "teams": ["Team Oost"], "start": "2025-11-24", "end": "2026-11-22",
     "figures_date": "2026-11-23T07:45:00+00:00",
     "caseworkers": [{"caseworker": "...", "active": 12, "registered": 2,
                      "closed_in_period": 4, "minutes_in_period": 31230, ...}],
     "closures_by_reason": {"uitval": 2}, "intensity_names": {"zwaar": "Zwaar"},
     "team_weeks": [{"monday": "2026-11-16", "minutes": 900}], "hourly_cost_cents": 8500}
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .inputs import CaseworkerFigures, TeamInput, WeekTotal

FORMAT = "regiedesk-team-figures"
VERSION = 1


class _Bad(Exception):
    def __init__(self, nl: str, en: str) -> None:
        super().__init__(en)
        self.nl, self.en = nl, en


def _count(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Bad(
            f"{where}: verwacht een geheel getal van 0 of meer",
            f"{where}: expected a whole number of 0 or more",
        )
    return value


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise _Bad(
            f"{where}: verwacht een getal van 0 of meer", f"{where}: expected a number of 0 or more"
        )
    return float(value)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise _Bad(
            f"{where}: verwacht een tekst van 1 tot 200 tekens",
            f"{where}: expected 1 to 200 characters",
        )
    return value.strip()


def _date(value: Any, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _Bad(
            f"{where}: verwacht een datum als 2026-11-24",
            f"{where}: expected a date like 2026-11-24",
        ) from None


def _instant(value: Any, where: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        moment = None
    if moment is None or moment.tzinfo is None:
        raise _Bad(
            f"{where}: verwacht een tijdstip met tijdzone als 2026-11-23T07:45:00+00:00",
            f"{where}: expected an instant with a time zone like 2026-11-23T07:45:00+00:00",
        )
    return moment


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Bad(f"{where}: verwacht een object {{...}}", f"{where}: expected an object {{...}}")
    return value


def _counts(value: Any, where: str) -> dict[str, int]:
    return {_text(k, where): _count(v, f"{where}.{k}") for k, v in _object(value, where).items()}


def _names(value: Any, where: str) -> dict[str, str]:
    return {_text(k, where): _text(v, f"{where}.{k}") for k, v in _object(value, where).items()}


_TEXT_FIELDS = {"caseworker"}
_NUMBER_FIELDS = {"minutes_mean_4_weeks"}
_MAP_FIELDS = {"families_by_intensity"}
_REQUIRED = {"caseworker", "active", "registered", "closed_in_period", "minutes_in_period"}


def _caseworker(value: Any, where: str) -> CaseworkerFigures:
    item = _object(value, where)
    known = {f.name for f in dataclasses.fields(CaseworkerFigures)}
    unknown = sorted(set(item) - known)
    if unknown:
        raise _Bad(f"{where}: onbekend veld {unknown[0]}", f"{where}: unknown field {unknown[0]}")
    missing = sorted(_REQUIRED - set(item))
    if missing:
        raise _Bad(
            f"{where}: het veld {missing[0]} ontbreekt", f"{where}: field {missing[0]} is missing"
        )
    values: dict[str, Any] = {}
    for name, raw in item.items():
        at = f"{where}.{name}"
        if name in _TEXT_FIELDS:
            values[name] = _text(raw, at)
        elif name in _NUMBER_FIELDS:
            values[name] = _number(raw, at)
        elif name in _MAP_FIELDS:
            values[name] = _counts(raw, at)
        else:
            values[name] = _count(raw, at)
    return CaseworkerFigures(**values)


def parse_team_figures(doc: Any) -> TeamInput:
    """Check a parsed document whole; _Bad on the first problem."""
    top = _object(doc, "bestand")
    if top.get("format") != FORMAT or top.get("version") != VERSION:
        raise _Bad(
            f"geen bestand met teamcijfers (verwacht format '{FORMAT}', version {VERSION})",
            f"not a team figures file (expected format '{FORMAT}', version {VERSION})",
        )
    teams = top.get("teams", [])
    if not isinstance(teams, list):
        raise _Bad("teams: verwacht een lijst", "teams: expected a list")
    people = top.get("caseworkers")
    if not isinstance(people, list):
        raise _Bad("caseworkers: verwacht een lijst", "caseworkers: expected a list")
    weeks = top.get("team_weeks", [])
    if not isinstance(weeks, list):
        raise _Bad("team_weeks: verwacht een lijst", "team_weeks: expected a list")
    start, end = _date(top.get("start"), "start"), _date(top.get("end"), "end")
    if end < start:
        raise _Bad("end ligt voor start", "end lies before start")
    cost = top.get("hourly_cost_cents")
    return TeamInput(
        teams=tuple(_text(t, f"teams[{i}]") for i, t in enumerate(teams)),
        start=start,
        end=end,
        caseworkers=tuple(_caseworker(p, f"caseworkers[{i}]") for i, p in enumerate(people)),
        figures_date=_instant(top.get("figures_date"), "figures_date"),
        closures_by_reason=_counts(top.get("closures_by_reason", {}), "closures_by_reason"),
        intensity_names=_names(top.get("intensity_names", {}), "intensity_names"),
        team_weeks=tuple(
            WeekTotal(
                _date(_object(w, f"team_weeks[{i}]").get("monday"), f"team_weeks[{i}].monday"),
                _count(w.get("minutes"), f"team_weeks[{i}].minutes"),
            )
            for i, w in enumerate(weeks)
        ),
        hourly_cost_cents=None if cost is None else _count(cost, "hourly_cost_cents"),
    )


def read_team_figures(path: Path) -> TeamInput:
    """The team figures in ``path``; ConfigError naming the file and the problem."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        raise _error(
            path, "het bestand kan niet worden gelezen", "the file cannot be read"
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _error(path, "geen geldige JSON", "not valid JSON") from None
    try:
        return parse_team_figures(doc)
    except _Bad as bad:
        raise _error(path, bad.nl, bad.en) from None


def team_figures_document(team: TeamInput) -> dict[str, Any]:
    """The file's form of ``team`` (what ``parse_team_figures`` reads back)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "teams": list(team.teams),
        "start": team.start.isoformat(),
        "end": team.end.isoformat(),
        "figures_date": team.figures_date.isoformat(),
        "caseworkers": [
            {**dataclasses.asdict(c), "families_by_intensity": dict(c.families_by_intensity)}
            for c in team.caseworkers
        ],
        "closures_by_reason": dict(team.closures_by_reason),
        "intensity_names": dict(team.intensity_names),
        "team_weeks": [
            {"monday": w.monday.isoformat(), "minutes": w.minutes} for w in team.team_weeks
        ],
        "hourly_cost_cents": team.hourly_cost_cents,
    }


def _error(path: Path, nl: str, en: str) -> ConfigError:
    return ConfigError(
        f"Het bestand met teamcijfers {path} klopt niet: {nl}. Er is niets afgedrukt.",
        f"The team figures file {path} is wrong: {en}. Nothing was printed.",
    )
