"""Leefgebieden: a new measurement scored 1 to 5 with the labels, and the history."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.instruments import domain_name, load_instrument
from ...domain.models import Member
from ...domain.vocabulary import Moment
from ...errors import ValidationError
from ...services import Services
from ...services.assessments import DomainPoint
from ..charts import BarChart
from ..format import date_text
from .base import FamilyTab, date_edit, date_of, fill, table


@dataclass
class DomainData:
    members: list[Member]
    history: dict[str | None, list[DomainPoint]]


def newest_measurement_first(points: list[DomainPoint]) -> list[DomainPoint]:
    """The measurements newest first, each one's domains still in the instrument's order."""
    groups = [list(g) for _, g in itertools.groupby(points, key=lambda p: p.assessment_id)]
    return [p for group in reversed(groups) for p in group]


class DomainsTab(FamilyTab):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.instrument = QComboBox()
        self.instrument.setAccessibleName(self.tr("Instrument"))
        for code, name in (
            ("zrm2017", "ZRM 2017"),
            ("zrm_huishoudens", "ZRM-Huishoudens"),
            ("zrm2010", "ZRM (11 domeinen)"),
        ):
            self.instrument.addItem(name, code)
        self.instrument.setCurrentIndex(
            max(0, self.instrument.findData(self.context.settings.instrument))
        )
        self.member = QComboBox()
        self.member.setAccessibleName(self.tr("Gezinslid"))
        self.moment = QComboBox()
        self.moment.setAccessibleName(self.tr("Moment"))
        for moment in Moment:
            self.moment.addItem(moment.label(self.context.settings.language), moment.value)
        self.date = date_edit(self.tr("Datum van de meting"), self.context.today())
        self.scores_box = QWidget()
        self.scores_grid = QGridLayout(self.scores_box)
        self.score_inputs: dict[str, tuple[QComboBox, QLineEdit]] = {}
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.scores_box)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the scores in it
        self.save_button = QPushButton(self.tr("Meting &opslaan"))
        self.history = table(
            [self.tr("Datum"), self.tr("Moment"), self.tr("Leefgebied"), self.tr("Score")],
            self.tr("Eerdere metingen"),
        )
        self.chart_domain = QComboBox()
        self.chart_domain.setAccessibleName(self.tr("Leefgebied voor de grafiek"))
        self.chart = BarChart(self.tr("Score door de tijd"))
        self.data: DomainData | None = None
        form = QFormLayout()
        form.addRow(self.tr("&Instrument:"), self.instrument)
        form.addRow(self.tr("&Voor:"), self.member)
        form.addRow(self.tr("&Moment:"), self.moment)
        form.addRow(self.tr("&Datum:"), self.date)
        new_box = QGroupBox(self.tr("Nieuwe meting"))
        new_layout = QVBoxLayout(new_box)
        new_layout.addLayout(form)
        new_layout.addWidget(scroll, 1)
        new_layout.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Geschiedenis")))
        right.addWidget(self.history, 2)
        right.addWidget(self.chart_domain)
        right.addWidget(self.chart, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(new_box, 1)
        layout.addLayout(right, 1)
        self.instrument.currentIndexChanged.connect(self._build_form)
        self.member.currentIndexChanged.connect(self._show_history)
        self.chart_domain.currentIndexChanged.connect(self._show_chart)
        self.save_button.clicked.connect(self.save)
        self._build_form()

    def _build_form(self) -> None:
        while self.scores_grid.count():
            item = self.scores_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:  # gone from the screen now, freed by Qt later
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.score_inputs.clear()
        instrument = load_instrument(self.instrument.currentData())
        language = self.context.settings.language
        # one list of choices shared by every domain's box (filling each box item by item
        # cost a fifth more when the tab first opens)
        choices = QStandardItemModel(self)
        choices.appendRow(QStandardItem(self.tr("(niet gescoord)")))
        for value in range(1, 6):
            choice = QStandardItem(f"{value} {instrument.score_label(value, language)}")
            choice.setData(value, Qt.ItemDataRole.UserRole)
            choices.appendRow(choice)
        for row, domain in enumerate(instrument.domains):
            label = QLabel(domain.name(language).replace("&", "&&"))
            score = QComboBox()
            score.setModel(choices)
            score.setAccessibleName(self.tr("Score {0}").format(domain.name(language)))
            label.setBuddy(score)
            note = QLineEdit()
            note.setPlaceholderText(self.tr("toelichting"))
            note.setAccessibleName(self.tr("Toelichting {0}").format(domain.name(language)))
            self.scores_grid.addWidget(label, row, 0)
            self.scores_grid.addWidget(score, row, 1)
            self.scores_grid.addWidget(note, row, 2)
            self.score_inputs[domain.code] = (score, note)
        # Tab runs date, then score and note per domain, then save (new widgets would come last)
        chain = [self.date, *(w for pair in self.score_inputs.values() for w in pair)]
        for before, after in itertools.pairwise([*chain, self.save_button]):
            QWidget.setTabOrder(before, after)
        self._fill_members()

    def _fill_members(self) -> None:
        instrument = load_instrument(self.instrument.currentData())
        current = self.member.currentData()
        self.member.blockSignals(True)
        self.member.clear()
        if instrument.level == "household":
            self.member.addItem(self.tr("Het huishouden"), None)
        elif self.data:
            for m in self.data.members:
                self.member.addItem(m.name, m.id)
        self.member.setCurrentIndex(max(0, self.member.findData(current)))
        self.member.blockSignals(False)
        self._show_history()

    def refresh(self) -> None:
        family_id = self.family_id

        def work(s: Services) -> DomainData:
            members = s.families.members(family_id)
            history: dict[str | None, list[DomainPoint]] = {None: s.assessments.history(family_id)}
            for m in members:
                history[m.id] = s.assessments.history(family_id, member_id=m.id)
            return DomainData(members, history)

        self.load(work, self._loaded)

    def _loaded(self, data: DomainData) -> None:
        self.data = data
        self._fill_members()

    def _show_history(self) -> None:
        points = self.data.history.get(self.member.currentData(), []) if self.data else []
        language = self.context.settings.language
        fill(
            self.history,
            [
                [
                    date_text(p.date),
                    Moment(p.moment).label(language),
                    domain_name(p.domain, language),
                    str(p.score),
                ]
                for p in newest_measurement_first(points)
            ],
        )
        current = self.chart_domain.currentData()
        self.chart_domain.blockSignals(True)
        self.chart_domain.clear()
        for code in dict.fromkeys(p.domain for p in points):
            self.chart_domain.addItem(domain_name(code, language), code)
        self.chart_domain.setCurrentIndex(max(0, self.chart_domain.findData(current)))
        self.chart_domain.blockSignals(False)
        self._show_chart()

    def _show_chart(self) -> None:
        points = self.data.history.get(self.member.currentData(), []) if self.data else []
        domain = self.chart_domain.currentData()
        chosen = [p for p in points if p.domain == domain]
        self.chart.set_data(
            [p.score for p in chosen], [date_text(p.date)[3:] for p in chosen], maximum=5
        )

    def save(self) -> None:
        scores = {
            code: (int(score.currentData()), note.text() or None)
            for code, (score, note) in self.score_inputs.items()
            if score.currentData() is not None
        }
        if not scores:
            self.failed(
                ValidationError(
                    "scores", "Vul minstens één leefgebied in.", "Score at least one life domain."
                )
            )
            return
        family_id, instrument = self.family_id, self.instrument.currentData()
        moment, day, member = (
            self.moment.currentData(),
            date_of(self.date),
            self.member.currentData(),
        )

        def done(_: object) -> None:
            for score, note in self.score_inputs.values():
                score.setCurrentIndex(0)
                note.clear()
            self.refresh()

        self.run(
            lambda s: s.assessments.record(
                family_id,
                instrument=instrument,
                moment=moment,
                date=day,
                scores=scores,
                member_id=member,
            ),
            done,
            self.failed,
        )
