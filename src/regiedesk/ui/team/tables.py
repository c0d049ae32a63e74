"""The team workspace's tables: cells that sort by their number, and the rows of the
team, of the families and of a family's domains (the headers stay with the workspace,
which translates them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ..format import date_text, duration_text, euro_text

if TYPE_CHECKING:
    from ...sync import protocol as p

Row = list[tuple[str, Any]]


class Item(QTableWidgetItem):
    """A cell that sorts by its number when it has one."""

    def __init__(self, text: str, key: Any = None) -> None:
        super().__init__(text)
        self.key = key if key is not None else text

    def __lt__(self, other: QTableWidgetItem) -> bool:
        theirs = other.key if isinstance(other, Item) else other.text()
        try:
            return bool(self.key < theirs)
        except TypeError:
            return str(self.key) < str(theirs)


def new_table(name: str) -> QTableWidget:
    table = QTableWidget()
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setSortingEnabled(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill(table: QTableWidget, headers: list[str], rows: list[list[tuple[str, Any]]]) -> None:
    table.setSortingEnabled(False)
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, (text, key) in enumerate(row):
            table.setItem(r, c, Item(text, key))
    table.setSortingEnabled(True)


def euro_or_blank(cents: int | None) -> str:
    return "" if cents is None else euro_text(cents)


def team_rows(people: list[p.CaseworkerFigures]) -> list[Row]:
    return [
        [
            (f["caseworker"], f["caseworker"]),
            (str(f["active"]), f["active"]),
            (str(f["registered"]), f["registered"]),
            (str(f["closed_in_period"]), f["closed_in_period"]),
            (duration_text(f["minutes_this_week"]), f["minutes_this_week"]),
            (duration_text(round(f["minutes_mean_4_weeks"])), f["minutes_mean_4_weeks"]),
            (str(f["without_contact"]), f["without_contact"]),
            (str(f["overdue_agreements"]), f["overdue_agreements"]),
            (str(f["overdue_evaluations"]), f["overdue_evaluations"]),
            (str(f["dropouts_in_period"]), f["dropouts_in_period"]),
        ]
        for f in people
    ]


def family_rows(rows: list[p.TeamFamily], status: Callable[[p.TeamFamily], str]) -> list[Row]:
    table: list[Row] = []
    for f in rows:
        since = f["days_since_contact"]
        stand_in = ", ".join(
            f"{s['user']} {date_text(dt.date.fromisoformat(s['start']))}–"
            f"{date_text(dt.date.fromisoformat(s['end']))}"
            for s in f["stand_ins"]
        )
        table.append(
            [
                (f["name"], f["family_id"]),
                (f["caseworker"], f["caseworker"]),
                (status(f), f["status"]),
                ("–" if since is None else str(since), -1 if since is None else since),
                (f"{f['parties_now']} / {f['parties_at_intake'] or '–'}", f["parties_now"]),
                (
                    f"{f['goals_reached']} / {f['goals_open']} / {f['goals_not_reached']}",
                    f["goals_reached"],
                ),
                (str(f["overdue_agreements"]), f["overdue_agreements"]),
                (stand_in, stand_in),
                (euro_or_blank(f["tariff_cents"]), f["tariff_cents"] or 0),
            ]
        )
    return table


def domain_rows(domains: list[p.DomainScores], member: Callable[[int | None], str]) -> list[Row]:
    from ...domain.instruments import domain_name  # with the first family page opened

    return [
        [
            (
                member(d["member"]),
                d["member"] or 0,
            ),
            (domain_name(d["domain"]), d["domain"]),
            (f"{d['first']} ({date_text(dt.date.fromisoformat(d['first_date']))})", d["first"]),
            (
                f"{d['latest']} ({date_text(dt.date.fromisoformat(d['latest_date']))})",
                d["latest"],
            ),
        ]
        for d in domains
    ]


def code_label(kind: Any, code: str) -> str:
    from ...i18n import pick

    try:
        member = kind(code)
    except ValueError:
        return code
    return pick(member.nl, member.en)
