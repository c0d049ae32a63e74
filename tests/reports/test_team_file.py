"""The team figures file is checked whole; each problem is named with where it is."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from regiedesk.errors import ConfigError
from regiedesk.reports.practice import practice_team
from regiedesk.reports.team_file import read_team_figures, team_figures_document


def _good() -> dict[str, Any]:
    return team_figures_document(practice_team(caseworkers=2, end=dt.date(2026, 11, 22)))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="iets anders"), "geen bestand met teamcijfers"),
        (
            lambda d: d["caseworkers"][1].update(active=-1),
            "caseworkers[1].active: verwacht een geheel",
        ),
        (lambda d: d["caseworkers"][0].update(active=True), "caseworkers[0].active"),
        (lambda d: d["caseworkers"][0].update(bsn="123456782"), "onbekend veld bsn"),
        (lambda d: d["caseworkers"][0].pop("registered"), "het veld registered ontbreekt"),
        (
            lambda d: d.update(figures_date="2026-11-23T07:45:00"),
            "figures_date: verwacht een tijdstip",
        ),
        (lambda d: d.update(start="2027-01-01"), "end ligt voor start"),
        (lambda d: d["team_weeks"][0].update(minutes="veel"), "team_weeks[0].minutes"),
        (lambda d: d.update(closures_by_reason=[]), "closures_by_reason: verwacht een object"),
    ],
)
def test_bad_files_are_refused_with_the_place(tmp_path: Path, change: Any, message: str) -> None:
    doc = copy.deepcopy(_good())
    change(doc)
    path = tmp_path / "team.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")) as err:
        read_team_figures(path)
    assert str(path) in err.value.message and "Er is niets afgedrukt." in err.value.message


def test_unreadable_and_not_json(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="kan niet worden gelezen"):
        read_team_figures(tmp_path / "missing.json")
    (tmp_path / "x.json").write_text("{nee")
    with pytest.raises(ConfigError, match="geen geldige JSON"):
        read_team_figures(tmp_path / "x.json")
