"""Mijn week: the caseworker's week across all families (``services.week``), a page of
the main window reached from the caseload."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..services.week import QUIET_DAYS, MyWeek
from .format import date_text, duration_text
from .workspace.base import fill, mark_late, table

HOURS_COLUMNS = 9  # the family, seven days, the week


class MyWeekPage(QWidget):
    open_family = Signal(str)
    moved = Signal(object)  # a day of the week to show (None: this week)
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.week: MyWeek | None = None
        self.asked: dt.date | None = None  # the Monday asked for last, shown or on its way
        self.title = QLabel()
        self.week_label = QLabel()
        self.previous = QPushButton()
        self.next = QPushButton()
        self.this_week = QPushButton()
        self.back_button = QPushButton()
        self.hours = table(HOURS_COLUMNS)
        self.total = QLabel()
        self.agreements = table(4)
        self.evaluations = table(3)
        self.quiet = table(3)
        self.headings = [QLabel() for _ in range(4)]
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.back_button)
        nav = QHBoxLayout()
        nav.addWidget(self.previous)
        nav.addWidget(self.week_label, 1, Qt.AlignmentFlag.AlignCenter)
        nav.addWidget(self.this_week)
        nav.addWidget(self.next)
        lists = QGridLayout()
        lists.addWidget(self.headings[1], 0, 0)
        lists.addWidget(self.agreements, 1, 0, 3, 1)
        lists.addWidget(self.headings[2], 0, 1)
        lists.addWidget(self.evaluations, 1, 1)
        lists.addWidget(self.headings[3], 2, 1)
        lists.addWidget(self.quiet, 3, 1)
        lists.setColumnStretch(0, 3)
        lists.setColumnStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(nav)
        layout.addWidget(self.headings[0])
        layout.addWidget(self.hours, 2)
        layout.addWidget(self.total)
        layout.addLayout(lists, 3)
        order = (
            self.previous, self.this_week, self.next, self.hours,
            self.agreements, self.evaluations, self.quiet, self.back_button,
        )  # fmt: skip
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self.previous.clicked.connect(lambda: self._move(-7))
        self.next.clicked.connect(lambda: self._move(7))
        self.this_week.clicked.connect(self._to_this_week)
        self.back_button.clicked.connect(self.back)
        for widget, wide in (
            (self.hours, 0), (self.agreements, 2), (self.evaluations, 1), (self.quiet, 0),
        ):  # fmt: skip
            header = widget.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(wide, QHeaderView.ResizeMode.Stretch)  # the name or text
            widget.setTabKeyNavigation(False)  # Tab goes on to the next list, arrows move within
            # Enter or a double click on a row opens its family
            widget.activated.connect(lambda index, w=widget: self._open(w, index.row()))
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("<h2>Mijn week</h2>"))
        self.previous.setText(self.tr("< V&orige week"))
        self.next.setText(self.tr("Vo&lgende week >"))
        self.this_week.setText(self.tr("Deze wee&k"))
        self.back_button.setText(self.tr("&Terug naar mijn gezinnen"))
        for heading, text in zip(
            self.headings,
            (
                self.tr("<b>Uren per dag en gezin</b> (die u boekte)"),
                self.tr("<b>Afspraken</b> die deze week verlopen of al te laat zijn"),
                self.tr("<b>Evaluaties</b> van het plan deze week of verstreken"),
                self.tr("<b>Zonder contact</b> al {0} dagen of langer").format(QUIET_DAYS),
            ),
            strict=True,
        ):
            heading.setText(text)
        self.hours.setAccessibleName(self.tr("Uren per dag en gezin"))
        self.agreements.setAccessibleName(self.tr("Afspraken deze week en te laat"))
        self.evaluations.setAccessibleName(self.tr("Evaluaties deze week en verstreken"))
        self.quiet.setAccessibleName(self.tr("Gezinnen zonder contact"))
        self.agreements.setHorizontalHeaderLabels(
            [self.tr("Datum"), self.tr("Gezin"), self.tr("Afspraak"), self.tr("Stand")]
        )
        self.evaluations.setHorizontalHeaderLabels(
            [self.tr("Datum"), self.tr("Gezin"), self.tr("Stand")]
        )
        self.quiet.setHorizontalHeaderLabels(
            [self.tr("Gezin"), self.tr("Laatste contact"), self.tr("Dagen")]
        )
        if self.week is not None:
            self.show_week(self.week)
        else:
            self._label_hours_header(None)

    def _weekdays(self) -> tuple[str, ...]:
        return (
            self.tr("ma"), self.tr("di"), self.tr("wo"), self.tr("do"),
            self.tr("vr"), self.tr("za"), self.tr("zo"),
        )  # fmt: skip

    def _label_hours_header(self, week: MyWeek | None) -> None:
        days = (
            [
                f"{name} {d.day:02d}-{d.month:02d}"
                for name, d in zip(self._weekdays(), week.days, strict=True)
            ]
            if week is not None
            else list(self._weekdays())
        )
        self.hours.setHorizontalHeaderLabels([self.tr("Gezin"), *days, self.tr("Week")])

    def _move(self, days: int) -> None:
        """From the week asked for last: two quick clicks move two weeks."""
        if self.asked is not None:
            self.asked += dt.timedelta(days=days)
            self.moved.emit(self.asked)

    def _to_this_week(self) -> None:
        self.asked = None
        self.moved.emit(None)

    def show_week(self, week: MyWeek) -> None:
        self.week = week
        if self.asked is None:
            self.asked = week.monday
        year, number, _ = week.monday.isocalendar()
        self.week_label.setText(
            self.tr("Week {0} van {1} ({2} t/m {3})").format(
                number, year, date_text(week.monday), date_text(week.sunday)
            )
        )
        self._label_hours_header(week)

        def cell(minutes: int) -> str:
            return duration_text(minutes) if minutes else ""

        for widget in (self.hours, self.agreements, self.evaluations, self.quiet):
            widget.clearSpans()  # of an empty list's line
        rows = [[f.name, *map(cell, f.per_day), duration_text(f.minutes)] for f in week.hours]
        rows.append([self.tr("Totaal"), *map(cell, week.per_day), duration_text(week.minutes)])
        fill(self.hours, rows, [f.family_id for f in week.hours] + [""])
        bold = QFont(self.hours.font())
        bold.setBold(True)
        last = len(rows) - 1
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row in range(len(rows)):
            for column in range(HOURS_COLUMNS):
                item = self.hours.item(row, column)
                assert item is not None  # fill made every cell
                if row == last:
                    item.setFont(bold)
                if column:
                    item.setTextAlignment(right)
        self.total.setText(
            self.tr("Weektotaal: <b>{0}</b> uur bij {1} gezinnen").format(
                duration_text(week.minutes), len(week.hours)
            )
        )
        self._show_agreements(week)
        self._show_evaluations(week)
        self._show_quiet(week)

    def _show_agreements(self, week: MyWeek) -> None:
        items = week.agreements_overdue + week.agreements_due
        fill(
            self.agreements,
            [
                [
                    date_text(a.due_date),
                    a.family_name,
                    a.text,
                    self.tr("te laat") if a.late else self.tr("deze week"),
                ]
                for a in items
            ],
            [a.family_id for a in items],
        )
        self._mark_due(
            self.agreements,
            [a.late for a in items],
            self.tr("Geen open afspraken in deze week."),
            [self.tr("{0}, te laat").format(date_text(a.due_date)) for a in items],
        )

    def _show_evaluations(self, week: MyWeek) -> None:
        items = week.evaluations_overdue + week.evaluations_due
        fill(
            self.evaluations,
            [
                [
                    date_text(e.evaluation_date),
                    e.family_name,
                    self.tr("verstreken") if e.late else self.tr("deze week"),
                ]
                for e in items
            ],
            [e.family_id for e in items],
        )
        self._mark_due(
            self.evaluations,
            [e.late for e in items],
            self.tr("Geen evaluaties in deze week."),
            [self.tr("{0}, verstreken").format(date_text(e.evaluation_date)) for e in items],
        )

    def _mark_due(
        self, widget: QTableWidget, late: list[bool], empty: str, late_texts: list[str]
    ) -> None:
        """A filled list of what is due: says so when empty, marks each late row."""
        if not late:
            self._nothing(widget, empty)
        for row, (is_late, said) in enumerate(zip(late, late_texts, strict=True)):
            if is_late:
                mark_late(widget, row, 0, said)

    def _show_quiet(self, week: MyWeek) -> None:
        items = week.without_contact
        fill(
            self.quiet,
            [
                [
                    q.name,
                    date_text(q.last_contact) if q.last_contact else self.tr("nog geen contact"),
                    str(q.days) if q.days is not None else "",
                ]
                for q in items
            ],
            [q.family_id for q in items],
        )
        if not items:
            self._nothing(
                self.quiet, self.tr("Met elk gezin was er de laatste {0} dagen contact.").format(
                    QUIET_DAYS
                ),
            )  # fmt: skip

    @staticmethod
    def _nothing(widget: QTableWidget, text: str) -> None:
        """An empty list says so (a row that opens nothing)."""
        widget.setRowCount(1)
        item = QTableWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        widget.setItem(0, 0, item)
        widget.setSpan(0, 0, 1, widget.columnCount())

    def _open(self, widget: QTableWidget, row: int) -> None:
        item = widget.item(row, 0)
        family_id = item.data(256) if item is not None else None  # Qt.UserRole
        if family_id:
            self.open_family.emit(str(family_id))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.back.emit()
            return
        super().keyPressEvent(event)

    def clear(self) -> None:
        """A lock leaves no family name behind."""
        self.week = self.asked = None
        for widget in (self.hours, self.agreements, self.evaluations, self.quiet):
            widget.clearSpans()
            widget.setRowCount(0)
        self.week_label.clear()
        self.total.clear()
