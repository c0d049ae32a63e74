from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pytest

from regiedesk.domain.instruments import (
    all_domain_codes,
    available_instruments,
    load_instrument,
    parse_instrument,
)
from regiedesk.errors import ConfigError, ValidationError
from regiedesk.services.assessments import AssessmentService
from regiedesk.services.families import FamilyService
from regiedesk.store import Store

from .conftest import TODAY


def test_shipped_instruments() -> None:
    assert available_instruments() == ("zrm2010", "zrm2017", "zrm_huishoudens")
    zrm = load_instrument("zrm2017")
    assert len(zrm.domains) == 13 and zrm.level == "person"
    assert zrm.score_label(1, "nl") == "Acute problematiek"
    assert zrm.score_label(5, "en") == "Fully self-sufficient"
    households = load_instrument("zrm_huishoudens")
    assert households.level == "household"
    assert len([d for d in households.domains if d.group == "kinderen"]) == 6
    assert len(households.domains) == 11
    old = load_instrument("zrm2010")
    assert len(old.domains) == 11
    assert old.map_domain("z10_dagbesteding") == "werk_opleiding"
    assert old.map_domain("z10_verslaving") == "middelengebruik"
    assert set(old.mapping.values()) <= set(zrm.domain_codes)  # type: ignore[union-attr]
    assert len(all_domain_codes()) == 13 + 11 + 11


def test_broken_instrument_files_are_refused() -> None:
    shipped = resources.files("regiedesk") / "resources" / "instruments" / "zrm2017.json"
    good = json.loads(shipped.read_text("utf-8"))
    with pytest.raises(ConfigError):
        parse_instrument({**good, "scale": good["scale"][:4]}, name="x.json")
    with pytest.raises(ConfigError):
        parse_instrument({**good, "domains": good["domains"] * 2}, name="x.json")
    with pytest.raises(ConfigError):
        parse_instrument({**good, "level": "planet"}, name="x.json")
    with pytest.raises(ConfigError):
        parse_instrument({"code": "x"}, name="x.json")
    with pytest.raises(ConfigError):
        load_instrument("zrm1999")


@pytest.fixture
def setup(store: Store) -> tuple[AssessmentService, str, str]:
    families = FamilyService(store, today=lambda: TODAY)
    fam = families.create(name="Gezin Meting").id
    mother = families.add_member(fam, name="Moeder", role="ouder").id
    return AssessmentService(store, today=lambda: TODAY), fam, mother


def test_record_and_history(setup: tuple[AssessmentService, str, str], store: Store) -> None:
    service, fam, mother = setup
    intake = service.record(
        fam,
        instrument="zrm2010",
        moment="intake",
        date=dt.date(2025, 1, 10),
        member_id=mother,
        scores={"z10_financien": 1, "z10_verslaving": (2, "gebruikt dagelijks")},
    )
    service.record(
        fam,
        instrument="zrm2017",
        moment="tussenmeting",
        date=dt.date(2025, 9, 1),
        member_id=mother,
        scores={"financien": 3, "middelengebruik": 4},
    )
    assert [s.score for s in service.scores(intake.id)] == [1, 2]
    assert service.scores(intake.id)[1].note == "gebruikt dagelijks"
    assert service.latest_scores(fam, member_id=mother) == {"financien": 3, "middelengebruik": 4}
    raw = service.history(fam, member_id=mother, map_to_2017=False)
    assert [p.domain for p in raw][:2] == ["z10_financien", "z10_verslaving"]
    # one transaction: the assessment and its scores share one audit event
    assert store.query("SELECT count(*) AS n FROM audit_log")[0]["n"] == 2 + 2  # + family, member
    household = service.record(
        fam,
        instrument="zrm_huishoudens",
        moment="intake",
        date=TODAY,
        scores={"hh_financien": 2, "kind_scholing": 3},
    )
    assert household.member_id is None
    assert service.latest_scores(fam) == {"hh_financien": 2, "kind_scholing": 3}


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"scores": {"financien": 6}}, "score"),
        ({"scores": {"financien": 0}}, "score"),
        ({"scores": {"hh_financien": 3}}, "leefgebied"),
        ({"scores": {}}, "scores"),
        ({"moment": "halverwege"}, "moment"),
        ({"member_id": None}, "gezinslid"),
        ({"date": dt.date(2027, 1, 1)}, "datum"),
    ],
)
def test_invalid_measurements_write_nothing(
    setup: tuple[AssessmentService, str, str], store: Store, kwargs: dict[str, object], field: str
) -> None:
    service, fam, mother = setup
    args: dict[str, object] = {
        "instrument": "zrm2017",
        "moment": "intake",
        "date": TODAY,
        "member_id": mother,
        "scores": {"financien": 3},
    }
    args.update(kwargs)
    before = store.query("SELECT count(*) AS n FROM outbox")[0]["n"]
    with pytest.raises(ValidationError) as err:
        service.record(fam, **args)  # type: ignore[arg-type]
    assert err.value.field == field
    assert store.query("SELECT count(*) AS n FROM outbox")[0]["n"] == before


def test_household_instrument_takes_no_member(setup: tuple[AssessmentService, str, str]) -> None:
    service, fam, mother = setup
    with pytest.raises(ValidationError):
        service.record(
            fam,
            instrument="zrm_huishoudens",
            moment="intake",
            date=TODAY,
            member_id=mother,
            scores={"hh_financien": 3},
        )
