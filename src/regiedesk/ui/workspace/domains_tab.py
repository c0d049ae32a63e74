"""Leefgebieden: a new measurement scored 1 to 5 with the labels, and the history."""

from __future__ import annotations

import dataclasses
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
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.instruments import domain_name, load_instrument
from ...domain.models import Assessment, Member, Score
from ...domain.vocabulary import Field, Moment
from ...errors import ValidationError
from ...services import Services
from ...services.assessments import DomainPoint
from ..charts import BarChart
from ..format import date_text
from .base import (
    FamilyTab,
    add_rows,
    ask,
    button_row,
    date_edit,
    date_of,
    fill,
    label_items,
    mark_statements,
    name_table,
    record_actions,
    refusing,
    relabel,
    selected_id,
    set_date,
    table,
)


@dataclass
class DomainData:
    members: list[Member]
    history: dict[str | None, list[DomainPoint]]
    statements: dict[str, str] = dataclasses.field(default_factory=dict)  # the client's


def newest_measurement_first(points: list[DomainPoint]) -> list[DomainPoint]:
    """The measurements newest first, each one's domains still in the instrument's order."""
    groups = [list(g) for _, g in itertools.groupby(points, key=lambda p: p.assessment_id)]
    return [p for group in reversed(groups) for p in group]


class DomainsTab(FamilyTab):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.instrument = QComboBox()
        for code in ("zrm2017", "zrm_huishoudens", "zrm2010"):
            self.instrument.addItem("", code)
        self.instrument.setCurrentIndex(
            max(0, self.instrument.findData(self.context.settings.instrument))
        )
        self.member = QComboBox()
        self.moment = QComboBox()
        for moment in Moment:
            self.moment.addItem("", moment.value)
        self.date = date_edit("", self.context.today())
        self.scores_box = QWidget()
        self.scores_grid = QGridLayout(self.scores_box)
        self.score_inputs: dict[str, tuple[QComboBox, QLineEdit]] = {}
        self.score_labels: dict[str, QLabel] = {}
        # one list of choices shared by every domain's box (filling each box item by item
        # cost a fifth more when the tab first opens), named per instrument in _label_scores
        self.choices = QStandardItemModel(self)
        self.choices.appendRow(QStandardItem())
        for value in range(1, 6):
            choice = QStandardItem()
            choice.setData(value, Qt.ItemDataRole.UserRole)
            self.choices.appendRow(choice)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.scores_box)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the scores in it
        self.save_button = QPushButton()
        self.remove_button = QPushButton()
        self.edit_button = QPushButton()
        self.editing: Assessment | None = None  # the measurement the form corrects
        self.history = table(4)
        self.chart_domain = QComboBox()
        self.chart = BarChart()
        self.data: DomainData | None = None
        self.form = QFormLayout()
        add_rows(self.form, self.instrument, self.member, self.moment, self.date)
        self.new_box = QGroupBox()
        new_layout = QVBoxLayout(self.new_box)
        new_layout.addLayout(self.form)
        new_layout.addWidget(scroll, 1)
        new_layout.addWidget(self.save_button)
        self.history_label = QLabel()
        right = QVBoxLayout()
        right.addWidget(self.history_label)
        right.addWidget(self.history, 2)
        right.addLayout(button_row(self.edit_button, self.remove_button, None))
        right.addWidget(self.chart_domain)
        right.addWidget(self.chart, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.new_box, 1)
        layout.addLayout(right, 1)
        self.shown_instrument = self.instrument.currentData()  # the one the form scores
        self.switch_question: QMessageBox | None = None  # asked before scores are dropped
        self.instrument.currentIndexChanged.connect(self._instrument_chosen)
        self.member.currentIndexChanged.connect(self._show_history)
        self.chart_domain.currentIndexChanged.connect(self._show_chart)
        self.save_button.clicked.connect(self.save)
        record_actions(
            self.history,
            self.edit_button,
            self.edit_measurement,
            self.remove_button,
            self.remove_measurement,
        )
        self._build_form()
        self.retranslate()

    def retranslate(self) -> None:
        names = {
            "zrm2017": self.tr("ZRM 2017"),
            "zrm_huishoudens": self.tr("ZRM-Huishoudens"),
            "zrm2010": self.tr("ZRM (11 domeinen)"),
        }
        label_items(self.instrument, names.__getitem__)
        label_items(self.moment, lambda value: Moment(value).label())
        self.instrument.setAccessibleName(self.tr("Instrument"))
        self.member.setAccessibleName(self.tr("Gezinslid"))
        self.moment.setAccessibleName(self.tr("Moment"))
        self.date.setAccessibleName(self.tr("Datum van de meting"))
        self.save_button.setText(
            self.tr("Wijziging opsl&aan") if self.editing else self.tr("Meting opsl&aan")
        )
        self.edit_button.setText(self.tr("Meting aanpassen"))
        self.remove_button.setText(self.tr("Meting verwijderen"))
        name_table(
            self.history,
            self.tr("Eerdere metingen"),
            [self.tr("Datum"), self.tr("Moment"), self.tr("Leefgebied"), self.tr("Score")],
        )
        self.chart_domain.setAccessibleName(self.tr("Leefgebied voor de grafiek"))
        self.chart.title = self.tr("Score door de tijd")
        for field, text in (
            (self.instrument, self.tr("&Instrument:")),
            (self.member, self.tr("Voo&r:")),
            (self.moment, self.tr("&Moment:")),
            (self.date, self.tr("Da&tum:")),
        ):
            relabel(self.form, field, text)
        self.new_box.setTitle(self.tr("Nieuwe meting"))
        self.history_label.setText(self.tr("Geschiedenis"))
        self._label_scores()
        self._fill_members()  # the household's name, the history and the chart's domains

    def _filled(self) -> bool:
        return any(
            score.currentData() is not None or note.text().strip()
            for score, note in self.score_inputs.values()
        )

    def _show_instrument(self, code: str) -> None:
        self.instrument.blockSignals(True)
        self.instrument.setCurrentIndex(max(0, self.instrument.findData(code)))
        self.instrument.blockSignals(False)

    def _instrument_chosen(self) -> None:
        """Another instrument: its own form. Scores already entered go only when asked."""
        chosen, shown = self.instrument.currentData(), self.shown_instrument
        if chosen == shown:
            return
        if not self._filled():
            self._build_form()
            return
        self._show_instrument(shown)  # until the caseworker says yes
        names = [self.instrument.itemText(self.instrument.findData(c)) for c in (shown, chosen)]

        def closed(box: QMessageBox) -> None:
            if self.switch_question is box:
                self.switch_question = None

        def switch() -> None:
            self._show_instrument(chosen)
            self._build_form()

        self.switch_question = ask(
            self,
            self.tr("Ander instrument"),
            self.tr(
                "De scores en toelichtingen die u invulde, horen bij {0} en zijn nog niet "
                "opgeslagen. Wisselt u naar {1}, dan gaan ze verloren."
            ).format(*names),
            (self.tr("Toch wisselen"), self.tr("Scores houden")),  # Enter keeps the scores
            switch,
            closed,
        )

    def _build_form(self) -> None:
        while self.scores_grid.count():
            item = self.scores_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:  # gone from the screen now, freed by Qt later
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.score_inputs.clear()
        self.score_labels.clear()
        self.shown_instrument = self.instrument.currentData()
        instrument = load_instrument(self.shown_instrument)
        for row, domain in enumerate(instrument.domains):
            label = QLabel()
            score = QComboBox()
            score.setModel(self.choices)
            label.setBuddy(score)
            note = QLineEdit()
            self.scores_grid.addWidget(label, row, 0)
            self.scores_grid.addWidget(score, row, 1)
            self.scores_grid.addWidget(note, row, 2)
            self.score_inputs[domain.code] = (score, note)
            self.score_labels[domain.code] = label
        # Tab runs date, then score and note per domain, then save (new widgets would come last)
        chain = [self.date, *(w for pair in self.score_inputs.values() for w in pair)]
        for before, after in itertools.pairwise([*chain, self.save_button]):
            QWidget.setTabOrder(before, after)
        self._label_scores()
        self._fill_members()

    def _label_scores(self) -> None:
        """The score rows' texts; the choices and notes typed stay."""
        instrument = load_instrument(self.instrument.currentData())
        self.choices.item(0).setText(self.tr("(niet gescoord)"))
        for value in range(1, 6):
            self.choices.item(value).setText(f"{value} {instrument.score_label(value)}")
        for domain in instrument.domains:
            name = domain.name()
            score, note = self.score_inputs[domain.code]
            self.score_labels[domain.code].setText(name.replace("&", "&&"))
            score.setAccessibleName(self.tr("Score {0}").format(name))
            note.setPlaceholderText(self.tr("toelichting"))
            note.setAccessibleName(self.tr("Toelichting {0}").format(name))

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
            members = s.families.list_members(family_id)
            history: dict[str | None, list[DomainPoint]] = {None: s.assessments.history(family_id)}
            for m in members:
                history[m.id] = s.assessments.history(family_id, member_id=m.id)
            return DomainData(members, history, s.corrections.statements(family_id))

        self.load(work, self._loaded)

    def _loaded(self, data: DomainData) -> None:
        self.data = data
        self._fill_members()

    def _show_history(self) -> None:
        points = self.data.history.get(self.member.currentData(), []) if self.data else []
        shown = newest_measurement_first(points)
        fill(
            self.history,
            [
                [
                    date_text(p.date),
                    Moment(p.moment).label(),
                    domain_name(p.domain),
                    str(p.score),
                ]
                for p in shown
            ],
            [p.assessment_id for p in shown],  # a row's measurement, for its removal
        )
        mark_statements(self.history, self.data.statements if self.data else {})
        current = self.chart_domain.currentData()
        self.chart_domain.blockSignals(True)
        self.chart_domain.clear()
        for code in dict.fromkeys(p.domain for p in points):
            self.chart_domain.addItem(domain_name(code), code)
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

    @refusing
    def save(self) -> None:
        scores = {
            code: (int(score.currentData()), note.text() or None)
            for code, (score, note) in self.score_inputs.items()
            if score.currentData() is not None
        }
        if not scores:
            self.failed(
                ValidationError(
                    Field.SCORES,
                    "Vul minstens één leefgebied in.",
                    "Score at least one life domain.",
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
            self.editing = None
            for fixed in (self.instrument, self.member):
                fixed.setEnabled(True)
            self.retranslate()
            self.refresh()

        editing = self.editing
        if editing is not None:
            self.run(
                lambda s: s.assessments.update_assessment(
                    editing.id, moment=moment, date=day, scores=scores
                ),
                done,
            )
            return

        self.run(
            lambda s: s.assessments.add_assessment(
                family_id,
                instrument=instrument,
                moment=moment,
                date=day,
                scores=scores,
                member_id=member,
            ),
            done,
        )

    def save_form(self) -> None:
        self.save()

    def remove_measurement(self) -> None:
        """The whole measurement of the selected row, with all its scores."""
        assessment_id = selected_id(self.history)
        points = self.data.history.get(self.member.currentData(), []) if self.data else []
        point = next((p for p in points if p.assessment_id == assessment_id), None)
        if point is not None:
            what = self.tr("meting van {1} ({0})").format(
                Moment(point.moment).label(), date_text(point.date)
            )
            self.remove_after_asking(
                what, lambda s: s.assessments.remove_assessment(point.assessment_id)
            )

    def edit_measurement(self) -> None:
        """Load the selected measurement into the form; saving corrects it."""
        assessment_id = selected_id(self.history)
        if assessment_id is None:
            return
        self.load(
            lambda s: (
                s.assessments.get_assessment(assessment_id),
                s.assessments.list_scores(assessment_id),
            ),
            self._edit_loaded,
        )

    def _edit_loaded(self, loaded: tuple[Assessment, list[Score]]) -> None:
        assessment, scores = loaded
        self.editing = assessment
        if assessment.instrument != self.shown_instrument:  # the form of what was measured
            self._show_instrument(assessment.instrument)
            self._build_form()
        self.member.setCurrentIndex(max(0, self.member.findData(assessment.member_id)))
        for fixed in (self.instrument, self.member):  # a correction keeps what was measured
            fixed.setEnabled(False)
        self.moment.setCurrentIndex(max(0, self.moment.findData(assessment.moment)))
        set_date(self.date, assessment.date)
        for code, (score, note) in self.score_inputs.items():
            given = next((s for s in scores if s.domain == code), None)
            score.setCurrentIndex(0 if given is None else given.score)
            note.setText("" if given is None or given.note is None else given.note)
        self.retranslate()
        self.date.setFocus()
