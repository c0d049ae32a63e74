from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regiedesk.domain.instruments import load_instrument
from regiedesk.errors import ConfigError, ValidationError
from regiedesk.services.assessments import AssessmentService
from regiedesk.services.families import FamilyService
from regiedesk.store import Store

from .conftest import TODAY

Setup = tuple[AssessmentService, str, str]


def count(store: Store, table: str) -> int:
    return int(store.query(f"SELECT count(*) AS n FROM {table}")[0]["n"])


def snapshot(store: Store) -> tuple[int, ...]:
    return tuple(count(store, t) for t in ("assessments", "scores", "outbox", "audit_log"))


@pytest.fixture
def setup(store: Store) -> Setup:
    families = FamilyService(store, today=lambda: TODAY)
    fam = families.add_family(name="Gezin Meting").id
    mother = families.add_member(fam, name="Moeder", role="ouder").id
    return AssessmentService(store, today=lambda: TODAY), fam, mother


def test_record_writes_one_transaction_with_a_row_per_score(setup: Setup, store: Store) -> None:
    service, fam, mother = setup
    before = snapshot(store)
    assessment = service.add_assessment(
        fam,
        instrument="zrm2017",
        moment="intake",
        date=dt.date(2026, 1, 5),
        member_id=mother,
        scores={"financien": 2, "huisvesting": (4, "  woont bij zus  "), "justitie": (5, None)},
    )
    assert (assessment.instrument, assessment.moment, assessment.member_id) == (
        "zrm2017",
        "intake",
        mother,
    )
    assert assessment.date == dt.date(2026, 1, 5) and assessment.assessor == "regisseur.anna"
    scores = service.list_scores(assessment.id)
    assert [(s.domain, s.score, s.note) for s in scores] == [
        ("financien", 2, None),
        ("huisvesting", 4, "woont bij zus"),
        ("justitie", 5, None),
    ]
    # one assessment row + three score rows, four outbox entries, one audit event
    assert snapshot(store) == (before[0] + 1, before[1] + 3, before[2] + 4, before[3] + 1)
    audit = store.query("SELECT * FROM audit_log ORDER BY rowid DESC LIMIT 1")[0]
    assert audit["client"] == fam


def test_history_lists_a_measurement_in_the_instrument_order(setup: Setup) -> None:
    service, fam, mother = setup
    codes = load_instrument("zrm2017").domain_codes[:5]
    for day in (dt.date(2025, 1, 10), dt.date(2025, 6, 10)):
        service.add_assessment(  # scored in the reverse order
            fam,
            instrument="zrm2017",
            moment="tussenmeting",
            date=day,
            member_id=mother,
            scores={code: 3 for code in reversed(codes)},
        )
    history = service.history(fam, member_id=mother)
    assert [(p.date.month, p.domain) for p in history] == [
        *((1, code) for code in codes),
        *((6, code) for code in codes),
    ]


def test_history_maps_the_older_zrm_to_2017(setup: Setup) -> None:
    service, fam, mother = setup
    service.add_assessment(
        fam,
        instrument="zrm2010",
        moment="intake",
        date=dt.date(2025, 1, 10),
        member_id=mother,
        scores={"z10_financien": 1, "z10_verslaving": (2, "gebruikt dagelijks")},
    )
    service.add_assessment(
        fam,
        instrument="zrm2017",
        moment="tussenmeting",
        date=dt.date(2025, 9, 1),
        member_id=mother,
        scores={"financien": 3, "middelengebruik": 4},
    )
    mapped = service.history(fam, member_id=mother)
    assert [(p.date, p.domain, p.score) for p in mapped] == [
        (dt.date(2025, 1, 10), "financien", 1),
        (dt.date(2025, 1, 10), "middelengebruik", 2),
        (dt.date(2025, 9, 1), "financien", 3),
        (dt.date(2025, 9, 1), "middelengebruik", 4),
    ]
    raw = service.history(fam, member_id=mother, map_to_2017=False)
    assert [p.domain for p in raw][:2] == ["z10_financien", "z10_verslaving"]
    assert [p.score for p in service.history(fam, member_id=mother, domain="financien")] == [1, 3]
    by_domain = service.history_by_domain(fam, member_id=mother)
    assert {d: [p.moment for p in ps] for d, ps in by_domain.items()} == {
        "financien": ["intake", "tussenmeting"],
        "middelengebruik": ["intake", "tussenmeting"],
    }
    assert service.latest_scores(fam, member_id=mother) == {"financien": 3, "middelengebruik": 4}
    assert service.latest_scores(fam, member_id=mother, map_to_2017=False) == {
        "z10_financien": 1,
        "z10_verslaving": 2,
        "financien": 3,
        "middelengebruik": 4,
    }
    # the household's history is separate from the member's
    assert service.history(fam) == []


def test_latest_scores_follow_the_measurement_date_not_the_order_of_entry(setup: Setup) -> None:
    service, fam, mother = setup
    for moment, day, scores in [
        ("eindmeting", dt.date(2026, 6, 1), {"financien": 5}),
        ("intake", dt.date(2025, 6, 1), {"financien": 1, "justitie": 2}),
    ]:
        service.add_assessment(
            fam, instrument="zrm2017", moment=moment, date=day, member_id=mother, scores=scores
        )
    assert service.latest_scores(fam, member_id=mother) == {"financien": 5, "justitie": 2}
    assert [a.moment for a in service.list_assessments(fam)] == ["intake", "eindmeting"]


def test_household_measurement_with_the_children_supplement(setup: Setup) -> None:
    service, fam, _ = setup
    household = service.add_assessment(
        fam,
        instrument="zrm_huishoudens",
        moment="intake",
        date=TODAY,
        scores={"hh_financien": 2, "kind_scholing": 3},
    )
    assert household.member_id is None
    assert service.latest_scores(fam) == {"hh_financien": 2, "kind_scholing": 3}


def test_delete_tombstones_the_assessment_and_its_scores(setup: Setup, store: Store) -> None:
    service, fam, mother = setup
    a = service.add_assessment(
        fam, instrument="zrm2017", moment="intake", date=TODAY, member_id=mother,
        scores={"financien": 2, "justitie": 4},
    )  # fmt: skip
    service.remove_assessment(a.id)
    assert service.list_assessments(fam) == [] and service.list_scores(a.id) == []
    assert service.history(fam, member_id=mother) == []
    assert count(store, "scores") == 2  # tombstones, not removed


def test_labels_come_from_the_instrument() -> None:
    assert AssessmentService.label("zrm2017", 3, "nl") == "Beperkt zelfredzaam"
    assert AssessmentService.label("zrm_huishoudens", 1, "en") == "Acute problems"
    assert load_instrument("zrm2010").score_label(4, "nl") == "Voldoende zelfredzaam"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"scores": {"financien": 6}}, "score"),
        ({"scores": {"financien": 0}}, "score"),
        ({"scores": {"financien": 2.5}}, "score"),
        ({"scores": {"financien": True}}, "score"),
        ({"scores": {"financien": "3"}}, "score"),
        ({"scores": {"financien": (3, "x", "y")}}, "score"),
        ({"scores": {"financien": 3, "justitie": 9}}, "score"),
        ({"scores": {"hh_financien": 3}}, "leefgebied"),
        ({"scores": {"z10_dagbesteding": 3}}, "leefgebied"),
        ({"scores": {}}, "scores"),
        ({"moment": "halverwege"}, "moment"),
        ({"member_id": None}, "gezinslid"),
        ({"member_id": "01900000-0000-7000-8000-000000000000"}, "gezinslid"),
        ({"date": dt.date(2026, 11, 25)}, "datum"),
        ({"instrument": "zrm_huishoudens"}, "gezinslid"),
        ({"scores": {"financien": (3, "x" * 2001)}}, "toelichting"),
    ],
)
def test_invalid_measurements_write_nothing(
    setup: Setup, store: Store, kwargs: dict[str, object], field: str
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
    before = snapshot(store)
    with pytest.raises(ValidationError) as err:
        service.add_assessment(fam, **args)  # type: ignore[arg-type]
    assert err.value.field == field
    assert snapshot(store) == before


def test_a_member_of_another_family_is_refused(setup: Setup, store: Store) -> None:
    service, fam, _ = setup
    families = FamilyService(store, today=lambda: TODAY)
    other = families.add_family(name="Gezin Ander").id
    stranger = families.add_member(other, name="Buurman", role="ouder").id
    before = snapshot(store)
    with pytest.raises(ValidationError) as err:
        service.add_assessment(
            fam,
            instrument="zrm2017",
            moment="intake",
            date=TODAY,
            member_id=stranger,
            scores={"financien": 3},
        )
    assert err.value.field == "gezinslid" and snapshot(store) == before


def test_an_unknown_instrument_is_a_config_error(setup: Setup, store: Store) -> None:
    service, fam, mother = setup
    before = snapshot(store)
    with pytest.raises(ConfigError):
        service.add_assessment(
            fam, instrument="zrm1999", moment="intake", date=TODAY, member_id=mother,
            scores={"financien": 3},
        )  # fmt: skip
    assert snapshot(store) == before


DOMAINS_2017 = load_instrument("zrm2017").domain_codes


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.dictionaries(st.sampled_from(DOMAINS_2017), st.integers(-1, 7), min_size=1, max_size=13))
def test_a_measurement_is_stored_whole_or_not_at_all(
    setup: Setup, store: Store, scores: dict[str, int]
) -> None:
    service, fam, mother = setup
    before = snapshot(store)
    kw: dict[str, object] = {"instrument": "zrm2017", "moment": "tussenmeting", "date": TODAY}
    if all(1 <= s <= 5 for s in scores.values()):
        a = service.add_assessment(fam, member_id=mother, scores=scores, **kw)  # type: ignore[arg-type]
        assert {s.domain: s.score for s in service.list_scores(a.id)} == scores
        assert snapshot(store)[:2] == (before[0] + 1, before[1] + len(scores))
    else:
        with pytest.raises(ValidationError):
            service.add_assessment(fam, member_id=mother, scores=scores, **kw)  # type: ignore[arg-type]
        assert snapshot(store) == before
