from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regiedesk.domain.support_profiles import (
    load_support_profiles,
    parse_support_profiles,
    payment_schedule,
)
from regiedesk.errors import ConfigError

EXAMPLE = load_support_profiles()


def example_doc() -> dict:  # type: ignore[type-arg]
    from importlib import resources

    text = (
        resources.files("regiedesk") / "resources" / "support_profiles.example.json"
    ).read_text()
    return json.loads(text)  # type: ignore[no-any-return]


def test_example_has_the_amsterdam_shape() -> None:
    assert len(EXAMPLE.profiles) == 11
    assert len(EXAMPLE.intensities) == 4
    assert [m.percent for m in EXAMPLE.milestones] == [70, 30]


def test_schedule_pays_70_then_30() -> None:
    start, end = dt.date(2025, 1, 6), dt.date(2026, 3, 2)
    tariff = EXAMPLE.tariff_cents("OP11", "zwaar")
    first, second = payment_schedule(EXAMPLE, "OP11", "zwaar", start, end)
    assert (first.amount_cents, first.due) == (tariff * 70 // 100, start)
    assert (second.amount_cents + first.amount_cents, second.due) == (tariff, end)
    assert payment_schedule(EXAMPLE, "OP01", "licht", start, None)[1].due is None
    with pytest.raises(ConfigError):
        payment_schedule(EXAMPLE, "OP99", "licht", start, None)


@given(st.integers(0, 10**9), st.lists(st.integers(1, 60), min_size=1, max_size=5))
def test_parts_always_add_up_to_the_tariff(tariff: int, weights: list[int]) -> None:
    doc = example_doc()
    total = sum(weights)
    percents = [w * 100 // total for w in weights]
    percents[-1] += 100 - sum(percents)
    if any(p <= 0 for p in percents):
        return
    doc["milestones"] = [
        {"code": f"m{i}", "nl": "x", "en": "x", "percent": p, "due": "start"}
        for i, p in enumerate(percents)
    ]
    doc["profiles"][0]["tariffs_cents"]["licht"] = tariff
    config = parse_support_profiles(doc, source="t")
    parts = payment_schedule(config, "OP01", "licht", dt.date(2025, 1, 1), None)
    assert sum(p.amount_cents for p in parts) == tariff


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d["milestones"][0].update(percent=60),
        lambda d: d["profiles"][0]["tariffs_cents"].pop("licht"),
        lambda d: d["profiles"][0]["tariffs_cents"].update(licht=-1),
        lambda d: d.update(format="iets anders"),
        lambda d: d.pop("profiles"),
        lambda d: d["milestones"][0].update(due="ooit"),
    ],
)
def test_invalid_configuration_is_refused(mutate: object) -> None:
    doc = example_doc()
    mutate(doc)  # type: ignore[operator]
    with pytest.raises(ConfigError):
        parse_support_profiles(doc, source="org.json")


def test_organisation_file(tmp_path: Path) -> None:
    path = tmp_path / "profielen.json"
    path.write_text(json.dumps(example_doc()))
    assert load_support_profiles(path) == EXAMPLE
    path.write_text("{ niet json")
    with pytest.raises(ConfigError) as err:
        load_support_profiles(path)
    assert str(path) in err.value.nl
    with pytest.raises(ConfigError):
        load_support_profiles(tmp_path / "bestaat-niet.json")
