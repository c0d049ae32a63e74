from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from regiedesk.domain.instruments import (
    all_domain_codes,
    available_instruments,
    domain_name,
    instrument_of,
    load_instrument,
    parse_instrument,
    read_instrument,
)
from regiedesk.errors import ConfigError

LABELS_NL = [
    "Acute problematiek",
    "Niet zelfredzaam",
    "Beperkt zelfredzaam",
    "Voldoende zelfredzaam",
    "Volledig zelfredzaam",
]


def shipped(code: str) -> dict[str, Any]:
    path = resources.files("regiedesk") / "resources" / "instruments" / f"{code}.json"
    doc: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return doc


def test_the_shipped_instruments() -> None:
    assert available_instruments() == ("zrm2010", "zrm2017", "zrm_huishoudens")
    for code in available_instruments():
        instrument = load_instrument(code)
        assert instrument.code == code
        assert [instrument.score_label(s, "nl") for s in range(1, 6)] == LABELS_NL
        assert instrument.score_label(5, "en") == "Fully self-sufficient"
        for d in instrument.domains:
            assert re.fullmatch(r"[a-z0-9_]+", d.code) and d.nl and d.en


def test_zrm2017_has_the_13_domains_per_person() -> None:
    zrm = load_instrument("zrm2017")
    assert zrm.level == "person" and zrm.maps_to is None
    assert [d.name("nl") for d in zrm.domains] == [
        "Financiën",
        "Werk & Opleiding",
        "Tijdsbesteding",
        "Huisvesting",
        "Huiselijke relaties",
        "Geestelijke gezondheid",
        "Lichamelijke gezondheid",
        "Middelengebruik",
        "Basale ADL",
        "Instrumentele ADL",
        "Sociaal netwerk",
        "Maatschappelijke participatie",
        "Justitie",
    ]
    assert zrm.domain("werk_opleiding").name("en") == "Work & Education"
    with pytest.raises(KeyError):
        zrm.domain("z10_dagbesteding")


def test_households_with_the_children_supplement() -> None:
    hh = load_instrument("zrm_huishoudens")
    assert hh.level == "household"
    core = [d.nl for d in hh.domains if d.group is None]
    children = [d.nl for d in hh.domains if d.group == "kinderen"]
    assert core == [
        "Financiën op huishoudniveau",
        "Huisvesting",
        "Organisatie van het huishouden",
        "Huiselijke relaties",
        "Sociale omgeving",
    ]
    assert children == [
        "Gezinsstructuur",
        "Lichamelijke verzorging",
        "Emotionele ondersteuning",
        "Socialisering",
        "Opvang",
        "Scholing",
    ]
    assert hh.group_name("kinderen", "nl") == "Aanvulling kind(eren) in het gezin"


def test_the_older_zrm_maps_onto_2017() -> None:
    old, new = load_instrument("zrm2010"), load_instrument("zrm2017")
    assert len(old.domains) == 11 and old.maps_to == "zrm2017"
    mapping = old.map_to("zrm2017")
    assert set(mapping) == set(old.domain_codes)  # every old domain has a 2017 counterpart
    assert set(mapping.values()) <= set(new.domain_codes)
    assert mapping["z10_dagbesteding"] == "werk_opleiding"
    assert mapping["z10_verslaving"] == "middelengebruik"
    assert mapping["z10_adl"] == "basale_adl"
    assert old.map_domain("z10_financien") == "financien"
    assert new.map_domain("financien") == "financien"
    assert new.map_to("zrm2017") == {c: c for c in new.domain_codes}
    with pytest.raises(ConfigError):
        new.map_to("zrm2010")
    with pytest.raises(ConfigError):
        old.map_to("zrm_huishoudens")


def test_all_domain_codes_and_names() -> None:
    codes = all_domain_codes()
    assert len(codes) == 13 + 11 + 11
    assert {"financien", "z10_dagbesteding", "hh_financien", "kind_scholing"} <= codes
    assert instrument_of("kind_opvang").code == "zrm_huishoudens"
    assert domain_name("middelengebruik", "nl") == "Middelengebruik"
    assert domain_name("middelengebruik", "en") == "Substance use"
    assert domain_name("onbekend") == "onbekend"


def test_instruments_are_immutable_and_hashable() -> None:
    zrm = load_instrument("zrm2017")
    with pytest.raises(TypeError):
        zrm.scale[1] = ("x", "y")  # type: ignore[index]
    assert hash(zrm) == hash(load_instrument("zrm2017"))


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d.update(scale=d["scale"][:4]), "1 tot en met 5"),
        (lambda d: d["scale"].append({"score": 6, "nl": "x", "en": "x"}), "1 tot en met 5"),
        (lambda d: d["scale"][0].update(score="1"), "fout"),
        (lambda d: d["scale"][0].update(nl=""), "fout"),
        (lambda d: d.update(domains=d["domains"] * 2), "dubbel"),
        (lambda d: d.update(domains=[]), "ontbreken"),
        (lambda d: d["domains"][0].update(code="Financiën"), "snake_case"),
        (lambda d: d["domains"][0].update(code="werk & opleiding"), "snake_case"),
        (lambda d: d["domains"][0].pop("en"), "ontbreekt"),
        (lambda d: d["domains"][0].update(group="onbekend"), "groep"),
        (lambda d: d.update(level="planet"), "niveau"),
        (lambda d: d.update(maps_to={"instrument": "x", "domains": {"nope": "a"}}), "omzetting"),
        (lambda d: d.pop("domains"), "ontbreekt"),
    ],
)
def test_broken_definitions_are_refused(change: Any, problem: str) -> None:
    doc = shipped("zrm2017")
    change(doc)
    with pytest.raises(ConfigError, match=problem) as err:
        parse_instrument(doc, name="x.json")
    assert "x.json" in err.value.nl and "x.json" in err.value.en


def test_broken_files_are_refused(tmp_path: Path) -> None:
    good = shipped("zrm2017")
    (tmp_path / "zrm2017.json").write_text(json.dumps(good), "utf-8")
    assert read_instrument(tmp_path / "zrm2017.json").domain_codes[0] == "financien"
    (tmp_path / "kapot.json").write_text('{"code": "kapot", ', "utf-8")
    with pytest.raises(ConfigError, match="JSON"):
        read_instrument(tmp_path / "kapot.json")
    (tmp_path / "anders.json").write_text(json.dumps(good), "utf-8")
    with pytest.raises(ConfigError, match="bestandsnaam"):
        read_instrument(tmp_path / "anders.json")
    (tmp_path / "latin1.json").write_bytes('{"nl": "Financiën"}'.encode("latin-1"))
    with pytest.raises(ConfigError):
        read_instrument(tmp_path / "latin1.json")
    with pytest.raises(ConfigError):
        read_instrument(tmp_path / "missing.json")


def test_an_unknown_instrument_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="zrm2017") as err:
        load_instrument("zrm1999")
    assert "zrm1999" in err.value.en
