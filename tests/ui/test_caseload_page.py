"""The caseload page through the real window: what it shows, search, status filter, sort,
and families leaving it after a refresh."""

from __future__ import annotations

import datetime as dt
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from regiedesk.services.families import FamilyService
from regiedesk.services.hours import HoursService
from regiedesk.services.network import NetworkService
from regiedesk.services.plan import PlanService
from regiedesk.store import create_profile
from regiedesk.sync.purge import purge_family
from regiedesk.ui.caseload import CaseloadPage, fold
from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow

from ..conftest import FAST_KDF
from .conftest import PASSPHRASE, TODAY, by_name
from .test_flows import WAIT

D = dt.date
MONDAY = D(2026, 11, 23)  # TODAY is Tuesday 24-11-2026, ISO week 2026-W48
NOEL_NFD = unicodedata.normalize("NFD", "Gezin Noël")  # as some keyboards/pastes store it

NAME, STATUS, HOURS, VISIT, PARTIES, DUE = range(6)


@dataclass
class Loaded:
    window: MainWindow
    page: CaseloadPage
    ids: dict[str, str]  # name -> family id


def seed(context: AppContext) -> dict[str, str]:
    store = create_profile(context.data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    families = FamilyService(store, today=lambda: TODAY)
    hours = HoursService(store, today=lambda: TODAY)
    network = NetworkService(store, today=lambda: TODAY)
    plan = PlanService(store, today=lambda: TODAY)
    ids: dict[str, str] = {}

    def family(name: str, status: str = "actief") -> str:
        shown_as = unicodedata.normalize("NFC", name)  # a name is kept composed
        ids[shown_as] = families.add_family(name=name, status=status, start_date=D(2025, 1, 6)).id
        return ids[shown_as]

    koes = family("Gezin Koës")
    hours.add_entry(koes, date=TODAY, minutes=45, activity="huisbezoek")
    hours.add_entry(koes, date=D(2026, 11, 22), minutes=30, activity="huisbezoek")  # last week
    for until in (None, TODAY, MONDAY):  # the one that ended yesterday does not count
        network.add_party(
            koes, organisation="O", role="r", involved_from=D(2026, 1, 1), involved_until=until
        )
    for days in (-1, 0, 1):  # overdue, today: due; tomorrow: not yet
        plan.add_agreement(koes, text="a", owner="gezin", due_date=TODAY + dt.timedelta(days=days))
    ijzerman = family("Gezin IJzerman")
    hours.add_entry(ijzerman, date=MONDAY, minutes=600, activity="reistijd")  # no visit at all
    koster = family("Gezin Koster")
    hours.add_entry(koster, date=MONDAY, minutes=120, activity="administratie")
    hours.add_entry(koster, date=D(2026, 10, 1), minutes=60, activity="huisbezoek")
    ibrahim = family("Gezin Ibrahim", "aangemeld")
    hours.add_entry(ibrahim, date=D(2025, 12, 5), minutes=60, activity="huisbezoek")
    jansen = family("Gezin Jansen", "aangemeld")
    families.add_member(jansen, name="Pieter Zonnebloem", role="ouder")
    olmez = family("Gezin Ölmez")
    hours.add_entry(olmez, date=MONDAY, minutes=90, activity="huisbezoek")
    zwart = family("Gezin Zwart")
    families.close_family(zwart, end_date=D(2026, 11, 1), reason="doelen_behaald")
    family("Gezin de Wit (pleeg)")
    family(NOEL_NFD)
    store.close()
    return ids


@pytest.fixture
def loaded(qtbot, context: AppContext, open_window) -> Iterator[Loaded]:  # type: ignore[no-untyped-def]
    ids = seed(context)
    window = open_window(rows=len(ids))
    yield Loaded(window, window.caseload, ids)


def column(page: CaseloadPage, col: int) -> list[str]:
    proxy = page.proxy
    return [proxy.data(proxy.index(r, col)) for r in range(proxy.rowCount())]


def shown(page: CaseloadPage) -> list[str]:
    """The names as a reader sees them (composed or decomposed 'ë' look the same)."""
    return [unicodedata.normalize("NFC", n) for n in column(page, NAME)]


def search(page: CaseloadPage, text: str) -> list[str]:
    field = by_name(page, "Zoeken op naam", QLineEdit)
    field.setText(text)
    return sorted(shown(page))


def pick_status(page: CaseloadPage, value: str | None) -> None:
    """Choose a status in the filter box as a user does.

    The deprecation warning of QSortFilterProxyModel.invalidateFilter() is ignored here so
    the filter's logic can be checked; test_changing_the_status_raises_no_warning covers it.
    """
    box = by_name(page, "Filter op status", QComboBox)
    assert isinstance(box, QComboBox)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        box.setCurrentIndex(box.findData(value))


def cells(page: CaseloadPage, name: str) -> list[str]:
    model = page.model
    (row,) = [i for i, r in enumerate(model.rows) if r.name == name]
    return [model.data(model.index(row, c)) for c in range(model.COLUMNS)]


# --- what a row shows ---------------------------------------------------------------------


def test_the_figures_as_shown(loaded: Loaded) -> None:
    page = loaded.page
    assert cells(page, "Gezin Koës") == ["Gezin Koës", "Actief", "0:45", "24-11-2026", "2", "2"]
    assert cells(page, "Gezin IJzerman")[HOURS:] == ["10:00", "", "0", ""]
    assert cells(page, "Gezin Koster")[HOURS : VISIT + 1] == ["2:00", "01-10-2026"]
    assert cells(page, "Gezin Ibrahim")[STATUS : VISIT + 1] == ["Aangemeld", "0:00", "05-12-2025"]
    assert cells(page, "Gezin Zwart")[STATUS] == "Afgesloten"
    assert page.count.text() == f"{len(loaded.ids)} van {len(loaded.ids)} gezinnen"


# --- search ---------------------------------------------------------------------------------


def test_search_is_case_insensitive_also_for_ij_and_capital_diacritics(loaded: Loaded) -> None:
    page = loaded.page
    assert search(page, "ijzerman") == ["Gezin IJzerman"]
    assert search(page, "IJZERMAN") == ["Gezin IJzerman"]
    assert search(page, "KOËS") == ["Gezin Koës"]
    assert search(page, "ölmez") == ["Gezin Ölmez"]
    assert page.count.text() == f"1 van {len(loaded.ids)} gezinnen"
    assert search(page, "") == sorted(loaded.ids)


def test_search_without_diacritics_finds_the_name_with_them(loaded: Loaded) -> None:
    page = loaded.page
    assert search(page, "koes") == ["Gezin Koës"]
    assert search(page, "olmez") == ["Gezin Ölmez"]


def test_search_finds_a_decomposed_name(loaded: Loaded) -> None:
    assert search(loaded.page, "Noël") == [unicodedata.normalize("NFC", NOEL_NFD)]


def test_search_ignores_surrounding_spaces(loaded: Loaded) -> None:
    page = loaded.page
    assert search(page, "koster ") == ["Gezin Koster"]
    assert search(page, "  Koster  ") == ["Gezin Koster"]


def test_search_is_on_the_family_name_only(loaded: Loaded) -> None:
    """The product and the placeholder say: the name of the family, not of a member."""
    page = loaded.page
    assert search(page, "Zonnebloem") == []
    assert page.count.text() == f"0 van {len(loaded.ids)} gezinnen"
    assert search(page, "Jansen") == ["Gezin Jansen"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(", ["Gezin de Wit (pleeg)"]),
        ("(pleeg)", ["Gezin de Wit (pleeg)"]),
        ("[", []),
        ("*", []),
        (".*", []),
        ("?", []),
        ("\\", []),
        ("%", []),
        ("_", []),
        ("^Gezin", []),
        ("Koster|Zwart", []),
    ],
)
def test_search_takes_special_characters_literally(
    loaded: Loaded, text: str, expected: list[str]
) -> None:
    assert search(loaded.page, text) == expected


def test_status_filter_combined_with_search(loaded: Loaded) -> None:
    page = loaded.page
    pick_status(page, "afgesloten")
    assert sorted(shown(page)) == ["Gezin Zwart"]
    assert search(page, "k") == []  # search within the status, not beside it
    pick_status(page, "actief")
    assert search(page, "ko") == ["Gezin Koster", "Gezin Koës"]
    pick_status(page, "aangemeld")
    assert search(page, "") == ["Gezin Ibrahim", "Gezin Jansen"]
    assert page.count.text() == f"2 van {len(loaded.ids)} gezinnen"
    pick_status(page, None)  # Alle statussen
    assert search(page, "gezin") == sorted(loaded.ids)


def test_changing_the_status_raises_no_warning(qtbot, loaded: Loaded) -> None:  # type: ignore[no-untyped-def]
    page = loaded.page
    box = by_name(page, "Filter op status", QComboBox)
    assert isinstance(box, QComboBox)
    with qtbot.captureExceptions() as raised, warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        box.setCurrentIndex(box.findData("afgesloten"))  # the slot runs synchronously
    assert [str(e[1]) for e in raised] == []
    assert sorted(shown(page)) == ["Gezin Zwart"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet="()[]{}*+?.^$|\\%_-'GgEeZzIiJjKkOoSsTtWw", max_size=6))
def test_search_is_a_plain_case_insensitive_substring(loaded: Loaded, text: str) -> None:
    """For text without spaces: exactly the names that contain it, ignoring case and
    accents (an 'o' finds Ölmez)."""

    def bare(s: str) -> str:
        marks = unicodedata.normalize("NFD", s)
        return "".join(c for c in marks if unicodedata.category(c) != "Mn").casefold()

    expected = sorted(n for n in loaded.ids if bare(text) in bare(n))
    assert search(loaded.page, text) == expected
    assert loaded.page.count.text() == f"{len(expected)} van {len(loaded.ids)} gezinnen"


# --- sort -------------------------------------------------------------------------------------


def sort(page: CaseloadPage, col: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
    page.table.sortByColumn(col, order)


def test_hours_sort_as_numbers(loaded: Loaded) -> None:
    page = loaded.page
    sort(page, HOURS)
    hours = [h for h in column(page, HOURS) if h != "0:00"]
    assert hours == ["0:45", "1:30", "2:00", "10:00"]
    sort(page, HOURS, Qt.SortOrder.DescendingOrder)
    assert column(page, HOURS)[:4] == ["10:00", "2:00", "1:30", "0:45"]
    assert shown(page)[0] == "Gezin IJzerman"


def test_last_visit_sorts_by_date_and_empties_stay_together(loaded: Loaded) -> None:
    page = loaded.page
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        sort(page, VISIT, order)
        visits = column(page, VISIT)
        dates = [dt.datetime.strptime(v, "%d-%m-%Y").date() for v in visits if v]
        assert dates == sorted(dates, reverse=order == Qt.SortOrder.DescendingOrder)
        assert [D(2025, 12, 5), D(2026, 10, 1)] == sorted(dates)[:2]
        empty = [i for i, v in enumerate(visits) if not v]
        # the families without a visit form one block at one end, not mixed in
        assert empty == list(range(len(empty))) or empty == list(
            range(len(visits) - len(empty), len(visits))
        )


def test_parties_and_agreements_sort_as_numbers(loaded: Loaded) -> None:
    page = loaded.page
    sort(page, PARTIES, Qt.SortOrder.DescendingOrder)
    assert shown(page)[0] == "Gezin Koës"
    sort(page, DUE, Qt.SortOrder.DescendingOrder)
    assert column(page, DUE)[0] == "2"
    assert set(column(page, DUE)[1:]) == {""}


def test_status_sorts_by_the_course_of_a_case(loaded: Loaded) -> None:
    page = loaded.page
    sort(page, STATUS)
    statuses = column(page, STATUS)
    rank = {"Aangemeld": 0, "Actief": 1, "Afgesloten": 2}
    assert [rank[s] for s in statuses] == sorted(rank[s] for s in statuses)


def test_ij_sorts_as_i_plus_j(loaded: Loaded) -> None:
    page = loaded.page
    sort(page, NAME)
    names = shown(page)
    assert (
        names.index("Gezin Ibrahim") < names.index("Gezin IJzerman") < names.index("Gezin Jansen")
    )
    sort(page, NAME, Qt.SortOrder.DescendingOrder)
    assert shown(page) == list(reversed(names))


def test_names_with_diacritics_sort_as_dutch_readers_expect(loaded: Loaded) -> None:
    page = loaded.page
    sort(page, NAME)
    names = [unicodedata.normalize("NFC", n) for n in shown(page)]
    assert names.index("Gezin Koës") < names.index("Gezin Koster")
    assert names.index("Gezin Noël") < names.index("Gezin Ölmez") < names.index("Gezin Zwart")


def test_the_name_sort_ignores_case(loaded: Loaded) -> None:
    page = loaded.page
    sort(page, NAME)
    names = shown(page)
    # 'de Wit' (lower case d) is not put after every capital
    assert names.index("Gezin de Wit (pleeg)") < names.index("Gezin Ibrahim")


# --- refresh: families leaving, sort and search kept -------------------------------------------


def refresh(qtbot, window: MainWindow, rows: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.context.worker.idle, timeout=WAIT)
    window.act_caseload.trigger()
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == rows, timeout=WAIT)
    qtbot.waitUntil(lambda: window.context.worker.idle, timeout=WAIT)


def test_deleted_and_purged_families_are_gone_after_a_refresh(qtbot, loaded: Loaded) -> None:  # type: ignore[no-untyped-def]
    window, page, ids = loaded.window, loaded.page, loaded.ids
    services = window.context.services
    assert services is not None
    services.families.remove_family(ids["Gezin Koster"])
    refresh(qtbot, window, len(ids) - 1)
    assert "Gezin Koster" not in shown(page)
    purge_family(services.store, ids["Gezin Koës"])  # handed over: purged after the push
    refresh(qtbot, window, len(ids) - 2)
    assert "Gezin Koës" not in shown(page)
    assert page.count.text() == f"{len(ids) - 2} van {len(ids) - 2} gezinnen"


def test_a_closed_family_stays_as_closed_after_a_refresh(qtbot, loaded: Loaded) -> None:  # type: ignore[no-untyped-def]
    window, page, ids = loaded.window, loaded.page, loaded.ids
    assert window.context.services is not None
    window.context.services.families.close_family(
        ids["Gezin Koster"], end_date=TODAY, reason="verhuisd"
    )
    refresh(qtbot, window, len(ids))
    pick_status(page, "afgesloten")
    assert sorted(shown(page)) == ["Gezin Koster", "Gezin Zwart"]


def test_search_and_sort_survive_a_refresh(qtbot, loaded: Loaded) -> None:  # type: ignore[no-untyped-def]
    window, page, ids = loaded.window, loaded.page, loaded.ids
    sort(page, HOURS, Qt.SortOrder.DescendingOrder)
    search(page, "gezin k")
    assert shown(page) == ["Gezin Koster", "Gezin Koës"]  # 2:00 before 0:45
    assert window.context.services is not None
    window.context.services.hours.add_entry(
        ids["Gezin Koës"], date=TODAY, minutes=200, activity="huisbezoek"
    )
    refresh(qtbot, window, len(ids))
    assert page.search.text() == "gezin k"
    assert shown(page) == ["Gezin Koës", "Gezin Koster"]  # now 4:05 before 2:00
    assert column(page, HOURS) == ["4:05", "2:00"]
    assert page.count.text() == f"2 van {len(ids)} gezinnen"


def test_the_headers_sort_by_click_once_the_caseload_has_painted(qtbot, loaded: Loaded) -> None:  # type: ignore[no-untyped-def]
    """By name at first, with the arrow on the name; a click on a header sorts by it, a
    second click the other way round (the header's sorting is switched on after the
    first paint, see ui/qt_names.py)."""
    page = loaded.page
    header = page.table.horizontalHeader()
    qtbot.waitUntil(page.table.isSortingEnabled, timeout=WAIT)
    assert header.isSortIndicatorShown() and header.sortIndicatorSection() == NAME
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    names = shown(page)
    assert names == sorted(names, key=fold) and names[0] == "Gezin de Wit (pleeg)"

    def click(section: int) -> None:
        x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    click(HOURS)
    first = [h for h in column(page, HOURS) if h != "0:00"]
    assert first == ["0:45", "1:30", "2:00", "10:00"]
    click(HOURS)
    assert column(page, HOURS)[:4] == ["10:00", "2:00", "1:30", "0:45"]
    click(NAME)
    assert shown(page) == names
