from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from regiedesk.demo import DemoSummary, generate_demo
from regiedesk.domain.bsn import is_valid_bsn
from regiedesk.errors import PracticeNotConnectable
from regiedesk.services.indicators import IndicatorService
from regiedesk.store import Store, create_profile
from regiedesk.sync.session import connect_profile, is_practice

from .conftest import FAST_KDF, PASSPHRASE, TODAY


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, DemoSummary]]:
    store = create_profile(
        tmp_path_factory.mktemp("demo") / "p", PASSPHRASE, user="oefen", kdf=FAST_KDF
    )
    summary = generate_demo(store, today=TODAY)
    yield store, summary
    store.close()


def test_shape_of_the_practice_environment(demo: tuple[Store, DemoSummary]) -> None:
    store, summary = demo
    families = store.query("SELECT * FROM families WHERE deleted = 0")
    assert len(families) == summary.families >= 12
    sizes = store.query("SELECT family_id, count(*) AS n FROM members GROUP BY family_id")
    assert all(2 <= r["n"] <= 7 for r in sizes) and len(sizes) == len(families)
    for f in families:
        assert dt.date.fromisoformat(f["start_date"]) <= TODAY - dt.timedelta(days=680)
    assert {f["status"] for f in families} >= {"actief", "afgesloten"}
    bsns = [r["bsn"] for r in store.query("SELECT bsn FROM members WHERE bsn IS NOT NULL")]
    assert bsns and all(is_valid_bsn(b) and b.startswith("9999") for b in bsns)
    parties = store.query("SELECT family_id, count(*) AS n FROM parties GROUP BY family_id")
    assert all(5 <= r["n"] <= 25 for r in parties)
    moments = {r["moment"] for r in store.query("SELECT DISTINCT moment FROM assessments")}
    assert moments == {"intake", "tussenmeting", "eindmeting"}
    for table in ("contacts", "goals", "agreements", "notes"):
        assert store.query(f"SELECT count(DISTINCT family_id) AS n FROM {table}")[0]["n"] == len(
            families
        )
    multi = store.query(
        "SELECT note_id FROM note_revisions GROUP BY note_id HAVING count(*) > 1 LIMIT 1"
    )
    assert multi


def test_intensity_and_network_fall_over_time(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    indicators = IndicatorService(store, today=lambda: TODAY)
    falling_parties = 0
    early_total = late_total = 0
    families = store.query("SELECT id, start_date FROM families")
    for f in families:
        curve = [w.minutes for w in indicators.intensity_curve(f["id"])]
        quarter = len(curve) // 4
        early, late = sum(curve[:quarter]), sum(curve[-quarter:])
        assert early > late
        early_total, late_total = early_total + early, late_total + late
        start = dt.date.fromisoformat(f["start_date"])
        series = indicators.active_parties_over_time(f["id"], start=start, end=TODAY)
        if series[-1][1] < series[0][1]:
            falling_parties += 1
    assert early_total > 2 * late_total
    assert falling_parties >= len(families) * 3 // 4


def content(store: Store) -> list[object]:
    return [
        store.query("SELECT name, status, start_date, end_date FROM families ORDER BY name"),
        store.query("SELECT name, role, date_of_birth, bsn FROM members ORDER BY name, bsn"),
        store.query("SELECT date, minutes, activity FROM hours ORDER BY date, minutes, activity"),
        store.query(
            "SELECT s.domain, s.score, a.date FROM scores s JOIN assessments a"
            " ON a.id = s.assessment_id ORDER BY a.date, s.domain, s.score"
        ),
    ]


def test_same_seed_same_content(tmp_path: Path) -> None:
    runs = []
    for name in ("a", "b"):
        store = create_profile(tmp_path / name, PASSPHRASE, user="oefen", kdf=FAST_KDF)
        try:
            generate_demo(store, families=2, today=TODAY)
            runs.append(content(store))
        finally:
            store.close()
    assert runs[0] == runs[1]
    other = create_profile(tmp_path / "c", PASSPHRASE, user="oefen", kdf=FAST_KDF)
    try:
        generate_demo(other, families=2, today=TODAY, seed=1)
        assert content(other) != runs[0]
    finally:
        other.close()


def test_notes_are_written_on_the_day_of_the_visit(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    rows = store.query(
        "SELECT n.id, n.visit_date, r.created_at FROM notes n"
        " JOIN note_revisions r ON r.note_id = n.id ORDER BY n.id, r.created_at"
    )
    assert rows
    by_note: dict[str, list[str]] = {}
    for row in rows:
        assert row["created_at"][:10] == row["visit_date"]
        by_note.setdefault(row["id"], []).append(row["created_at"])
    assert all(len(set(times)) == len(times) for times in by_note.values())  # in order
    assert any(len(times) > 1 for times in by_note.values())


def test_a_practice_profile_is_never_connected(
    demo: tuple[Store, DemoSummary], store: Store
) -> None:
    practice, _ = demo
    asked: list[str] = []

    def client(url: str, token: str | None):  # type: ignore[no-untyped-def]
        asked.append(url)
        raise AssertionError("no server may be asked for a practice profile")

    with pytest.raises(PracticeNotConnectable) as refused:
        connect_profile(
            practice, "https://server.example", "anna", "pw", None, client_factory=client
        )
    assert "oefenomgeving" in refused.value.nl and "practice" in refused.value.en
    assert asked == [] and practice.meta("server_url") is None
    assert is_practice(practice) and not is_practice(store)  # a real profile is not one
