from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regiedesk.domain.support_profiles import (
    load_support_profiles,
    parse_support_profiles,
    payment_schedule,
)
from regiedesk.errors import ConfigError, ValidationError

EXAMPLE = load_support_profiles()
START, END = dt.date(2025, 1, 6), dt.date(2026, 3, 2)


def example_doc() -> dict[str, Any]:
    text = (resources.files("regiedesk") / "resources" / "support_profiles.example.json").read_text(
        "utf-8"
    )
    doc: dict[str, Any] = json.loads(text)
    return doc


def test_example_has_the_amsterdam_shape() -> None:
    assert list(EXAMPLE.profiles) == [f"OP{n:02d}" for n in range(1, 12)]
    assert EXAMPLE.intensities == ("licht", "midden", "zwaar", "zeer_zwaar")
    assert [(m.percent, m.due) for m in EXAMPLE.milestones] == [(70, "start"), (30, "end")]
    assert EXAMPLE.intensity_names["zeer_zwaar"].nl == "Zeer zwaar"
    for profile in EXAMPLE.profiles.values():
        assert profile.nl and profile.en and profile.nl != profile.en
        tariffs = [profile.tariffs_cents[i] for i in EXAMPLE.intensities]
        assert tariffs == sorted(tariffs) and tariffs[0] > 0  # heavier costs more


def test_loaded_configuration_is_immutable() -> None:
    with pytest.raises(TypeError):
        EXAMPLE.profiles["OP99"] = EXAMPLE.profiles["OP01"]  # type: ignore[index]
    with pytest.raises(TypeError):
        EXAMPLE.profiles["OP01"].tariffs_cents["licht"] = 1  # type: ignore[index]
    assert load_support_profiles() is EXAMPLE


def test_schedule_pays_70_at_the_start_and_30_on_completion() -> None:
    tariff = EXAMPLE.tariff_cents("OP11", "zwaar")
    first, second = payment_schedule("OP11", "zwaar", START, END)
    assert (first.milestone, first.percent, first.due) == ("start", 70, START)
    assert first.amount_cents == tariff * 70 // 100
    assert (second.percent, second.due) == (30, END)
    assert first.amount_cents + second.amount_cents == tariff
    assert EXAMPLE.payment_schedule("OP11", "zwaar", START, END) == [first, second]
    running = payment_schedule("OP01", "licht", START, None)
    assert running[0].due == START and running[1].due is None


def test_schedule_refuses_unknown_codes_and_an_end_before_the_start() -> None:
    with pytest.raises(ConfigError) as err:
        payment_schedule("OP99", "licht", START)
    assert "OP99" in err.value.nl and "OP99" in err.value.en
    with pytest.raises(ConfigError):
        payment_schedule("OP01", "extreem", START)
    with pytest.raises(ValidationError) as bad:
        payment_schedule("OP01", "licht", END, START)
    assert bad.value.field == "einddatum"


def test_odd_tariff_rounds_so_the_parts_add_up() -> None:
    doc = example_doc()
    doc["profiles"][0]["tariffs_cents"]["licht"] = 1001
    doc["milestones"] = [
        {"code": c, "nl": c, "en": c, "percent": p, "due": "start"}
        for c, p in (("a", 33), ("b", 33), ("c", 34))
    ]
    config = parse_support_profiles(doc, source="t")
    parts = [p.amount_cents for p in config.payment_schedule("OP01", "licht", START)]
    assert parts == [330, 330, 341]


@given(st.integers(0, 10**11), st.lists(st.integers(1, 60), min_size=1, max_size=6))
def test_parts_always_add_up_to_the_tariff(tariff: int, weights: list[int]) -> None:
    total = sum(weights)
    percents = [max(1, w * 100 // total) for w in weights]
    percents[percents.index(max(percents))] += 100 - sum(percents)
    if min(percents) <= 0:
        return
    doc = example_doc()
    doc["milestones"] = [
        {"code": f"m{i}", "nl": "x", "en": "x", "percent": p, "due": ("start", "end")[i % 2]}
        for i, p in enumerate(percents)
    ]
    doc["profiles"][0]["tariffs_cents"]["licht"] = tariff
    config = parse_support_profiles(doc, source="t")
    parts = config.payment_schedule("OP01", "licht", START, END)
    assert sum(p.amount_cents for p in parts) == tariff
    assert all(p.amount_cents >= 0 for p in parts)
    for part, percent in zip(parts, percents, strict=True):
        assert abs(part.amount_cents - tariff * percent / 100) < len(parts)
        assert part.due == (START if part.milestone in {"m0", "m2", "m4"} else END)


Mutation = Callable[[dict[str, Any]], object]

BROKEN: list[tuple[str, Mutation, str]] = [
    ("sum", lambda d: d["milestones"][0].update(percent=60), "90%"),
    ("sum over", lambda d: d["milestones"][1].update(percent=40), "110%"),
    ("zero percent", lambda d: d["milestones"][0].update(percent=0), "percentage"),
    ("float percent", lambda d: d["milestones"][0].update(percent=70.0), "percentage"),
    ("string percent", lambda d: d["milestones"][0].update(percent="70"), "percentage"),
    ("bool percent", lambda d: d["milestones"][0].update(percent=True), "percentage"),
    ("missing tariff", lambda d: d["profiles"][0]["tariffs_cents"].pop("licht"), "licht"),
    ("unknown intensity", lambda d: d["profiles"][2]["tariffs_cents"].update(extreem=5), "extreem"),
    ("negative", lambda d: d["profiles"][0]["tariffs_cents"].update(licht=-1), "negatief"),
    ("float tariff", lambda d: d["profiles"][0]["tariffs_cents"].update(licht=1.5), "heel"),
    ("text tariff", lambda d: d["profiles"][0]["tariffs_cents"].update(licht="100"), "heel"),
    ("huge tariff", lambda d: d["profiles"][0]["tariffs_cents"].update(licht=10**15), "hoog"),
    ("format", lambda d: d.update(format="iets anders"), "formaat"),
    ("newer", lambda d: d.update(version=2), "nieuwer"),
    ("no profiles", lambda d: d.pop("profiles"), "profiles"),
    ("empty profiles", lambda d: d.update(profiles=[]), "profiles"),
    ("no milestones", lambda d: d.update(milestones=[]), "milestones"),
    ("due", lambda d: d["milestones"][0].update(due="ooit"), "due"),
    ("double profile", lambda d: d["profiles"].append(copy.deepcopy(d["profiles"][0])), "OP01"),
    ("double intensity", lambda d: d["intensities"].append({**d["intensities"][0]}), "licht"),
    ("double milestone", lambda d: d["milestones"][1].update(code="start"), "start"),
    ("no name", lambda d: d["profiles"][3].pop("nl"), "nl"),
    ("empty name", lambda d: d["intensities"][0].update(en=" "), "en"),
    ("bad code", lambda d: d["profiles"][0].update(code="OP 01"), "OP 01"),
    ("profile not object", lambda d: d["profiles"].append("OP12"), "profiel 12"),
    ("tariffs not object", lambda d: d["profiles"][0].update(tariffs_cents=[1, 2]), "OP01"),
    ("top not object", lambda d: d.clear(), "formaat"),
]


@pytest.mark.parametrize(("mutate", "names"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_invalid_configuration_is_refused_with_the_reason(mutate: Mutation, names: str) -> None:
    doc = example_doc()
    mutate(doc)
    with pytest.raises(ConfigError) as err:
        parse_support_profiles(doc, source="org.json")
    assert "org.json" in err.value.nl and "org.json" in err.value.en
    assert names in err.value.nl
    assert err.value.nl != err.value.en


def test_a_file_that_is_not_an_object() -> None:
    with pytest.raises(ConfigError):
        parse_support_profiles([1, 2], source="lijst.json")


def test_organisation_file(tmp_path: Path) -> None:
    path = tmp_path / "profielen.json"
    doc = example_doc()
    doc["profiles"] = doc["profiles"][:3]
    path.write_text(json.dumps(doc), "utf-8")
    own = load_support_profiles(path)
    assert list(own.profiles) == ["OP01", "OP02", "OP03"]
    assert payment_schedule("OP02", "midden", START, config=own)[0].amount_cents == (
        own.tariff_cents("OP02", "midden") * 70 // 100
    )
    with pytest.raises(ConfigError):
        payment_schedule("OP04", "midden", START, config=own)


@pytest.mark.parametrize(
    ("content", "nl", "en"),
    [
        (b"{ niet json", "geen geldige JSON (regel 1", "not valid JSON (line 1"),
        (b"\xff\xfe\x00 kapot", "kan niet worden gelezen", "cannot be read"),
        (None, "bestaat niet", "does not exist"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes | None, nl: str, en: str) -> None:
    path = tmp_path / "org" / "profielen.json"
    if content is not None:
        path.parent.mkdir()
        path.write_bytes(content)
    with pytest.raises(ConfigError) as err:
        load_support_profiles(path)
    assert str(path) in err.value.nl and str(path) in err.value.en
    assert nl in err.value.nl and en in err.value.en
