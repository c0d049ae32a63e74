"""Uren: a week view with ISO week numbers, entries, totals, and the visit timer."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.instruments import domain_name, load_instrument
from ...domain.models import HoursEntry, VisitTimer
from ...domain.vocabulary import Activity, Field, TimerState
from ...domain.weeks import monday_of
from ...errors import ValidationError
from ...i18n import month_name
from ...services import Services
from ..format import date_text, duration_text, elapsed_text, parse_duration
from .base import (
    FamilyTab,
    add_rows,
    button_row,
    date_edit,
    date_of,
    fill,
    form_box,
    label_items,
    mark_statements,
    name_table,
    record_actions,
    refusing,
    relabel,
    selected_record,
    set_date,
    table,
)


@dataclass
class Week:
    entries: list[HoursEntry]
    week_total: int
    month: tuple[int, int]  # the calendar month beside the week: today's, if in the week
    month_total: int
    timer: VisitTimer | None
    statements: dict[str, str] = dataclasses.field(default_factory=dict)  # the client's

    @property
    def by_activity(self) -> dict[str, int]:
        """The shown week's minutes per activity."""
        totals: dict[str, int] = {}
        for entry in self.entries:
            totals[entry.activity] = totals.get(entry.activity, 0) + entry.minutes
        return totals


def month_beside(monday: dt.date, today: dt.date) -> tuple[int, int]:
    """The calendar month of today when the week holds today, else of the week's Monday
    (week 49 of 2026 runs 30-11 to 06-12: on 3 December it is December)."""
    day = today if monday <= today <= monday + dt.timedelta(days=6) else monday
    return day.year, day.month


class BookVisitDialog(QDialog):
    """What "Stop en boek" asks before booking: the activity (the timer's, Huisbezoek unless
    another was chosen at the start) and the life domain."""

    def __init__(
        self, minutes: int, day: dt.date, activity: str, domain: QComboBox, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bezoek boeken"))
        self.what = QLabel(
            self.tr("Het bezoek van {0} op {1} boeken als urenregel.").format(
                duration_text(minutes), date_text(day)
            )
        )
        self.activity = QComboBox()
        self.activity.setAccessibleName(self.tr("Activiteit"))
        for choice in Activity:
            self.activity.addItem(choice.label(), choice.value)
        self.activity.setCurrentIndex(max(0, self.activity.findData(activity)))
        self.domain = QComboBox()
        self.domain.setAccessibleName(self.tr("Leefgebied"))
        for index in range(domain.count()):
            self.domain.addItem(domain.itemText(index), domain.itemData(index))
        self.domain.setCurrentIndex(domain.currentIndex())
        form = QFormLayout()
        form.addRow(self.what)
        form.addRow(self.tr("&Activiteit:"), self.activity)
        form.addRow(self.tr("Lee&fgebied:"), self.domain)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Boeken"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.activity.setFocus()


class HoursTab(FamilyTab):
    timer_changed = Signal()

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.monday = monday_of(self.context.today())
        self.week: Week | None = None
        self.timer: VisitTimer | None = None
        self.editing: HoursEntry | None = None
        self.book_dialog: BookVisitDialog | None = None  # "Stop en boek", while it asks
        self.week_label = QLabel()
        self.previous = QPushButton()
        self.next = QPushButton()
        self.entries = table(4)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.date = date_edit("", self.context.today())
        self.duration = QLineEdit()
        self.activity = QComboBox()
        for activity in Activity:
            self.activity.addItem("", activity.value)
        self.domain = QComboBox()
        self.add_button = QPushButton()
        self.delete_button = QPushButton()
        self.edit_button = QPushButton()
        self.timer_state = QLabel()
        self.start_button = QPushButton()
        self.pause_button = QPushButton()
        self.book_button = QPushButton()
        nav = QHBoxLayout()
        nav.addWidget(self.previous)
        nav.addWidget(self.week_label, 1)
        nav.addWidget(self.next)
        self.form = form = QFormLayout()
        add_rows(form, self.date, self.duration, self.activity, self.domain)
        form.addRow(self.add_button)
        self.add_box = form_box(form)
        self.timer_box = timer_box = QGroupBox()
        timer_layout = QHBoxLayout(timer_box)
        timer_layout.addWidget(self.timer_state, 1)
        timer_layout.addWidget(self.start_button)
        timer_layout.addWidget(self.pause_button)
        timer_layout.addWidget(self.book_button)
        left = QVBoxLayout()
        left.addLayout(nav)
        left.addWidget(self.entries)
        left.addWidget(self.totals)
        left.addLayout(button_row(self.edit_button, self.delete_button))
        self.lay_out(left, timer_box, self.add_box)
        self.previous.clicked.connect(lambda: self._move(-7))
        self.next.clicked.connect(lambda: self._move(7))
        self.add_button.clicked.connect(self.add_entry)
        self.duration.returnPressed.connect(self.add_entry)
        record_actions(
            self.entries, self.edit_button, self.edit_entry, self.delete_button, self.delete_entry
        )
        self.start_button.clicked.connect(self.start_timer)
        self.pause_button.clicked.connect(self.pause_timer)
        self.book_button.clicked.connect(self.book_timer)
        self.retranslate()

    def retranslate(self) -> None:
        self.previous.setText(self.tr("< Vorige week"))
        self.next.setText(self.tr("Volgende week >"))
        name_table(
            self.entries,
            self.tr("Urenregels van deze week"),
            [self.tr("Datum"), self.tr("Duur"), self.tr("Activiteit"), self.tr("Leefgebied")],
        )
        self.date.setAccessibleName(self.tr("Datum"))
        self.duration.setPlaceholderText(self.tr("1:30 of 1,5 uur, of 90 minuten"))
        self.duration.setAccessibleName(self.tr("Duur"))
        self.activity.setAccessibleName(self.tr("Activiteit"))
        self.domain.setAccessibleName(self.tr("Leefgebied"))
        relabel(self.form, self.date, self.tr("Datu&m:"))
        relabel(self.form, self.duration, self.tr("Duu&r:"))
        relabel(self.form, self.activity, self.tr("&Activiteit:"))
        relabel(self.form, self.domain, self.tr("Lee&fgebied:"))
        self.add_box.setTitle(self.tr("Nieuwe urenregel"))
        self.timer_box.setTitle(self.tr("Bezoektimer"))
        self.delete_button.setText(self.tr("Regel verwijderen"))
        self.edit_button.setText(self.tr("Regel be&werken"))
        self.start_button.setText(self.tr("&Start bezoek"))
        self.book_button.setText(self.tr("Stop en boe&k"))
        self._label_choices()
        self._label_add_button()
        self._label_timer()
        if self.week is not None:
            self._label_week(self.week)

    def _label_choices(self) -> None:
        """Name the choices in the current language; the domains follow the instrument."""
        label_items(self.activity, lambda value: Activity(value).label())
        instrument = load_instrument(self.context.settings.instrument)
        codes = [None, *instrument.domain_codes]
        if [self.domain.itemData(i) for i in range(self.domain.count())] != codes:
            chosen = self.domain.currentData()
            self.domain.clear()
            for code in codes:
                self.domain.addItem("", code)
            self.domain.setCurrentIndex(max(0, self.domain.findData(chosen)))
        label_items(
            self.domain,
            lambda code: self.tr("(geen)") if code is None else domain_name(code),
        )

    def _label_add_button(self) -> None:
        editing = self.editing is not None
        self.add_button.setText(
            self.tr("Wij&ziging opslaan") if editing else self.tr("Uren &toevoegen")
        )

    def _move(self, days: int) -> None:
        self.monday += dt.timedelta(days=days)
        self.refresh()

    def refresh(self) -> None:
        family_id, monday = self.family_id, self.monday
        month = month_beside(monday, self.context.today())

        def work(s: Services) -> Week:
            sunday = monday + dt.timedelta(days=6)
            entries = s.hours.list_entries(family_id, start=monday, end=sunday)
            current = s.timer.current()
            return Week(
                entries,
                sum(e.minutes for e in entries),
                month,
                s.hours.totals_by_month(family_id).get(month, 0),
                current if current and current.family_id == family_id else None,
                s.corrections.statements(family_id),
            )

        self.load(work, self.show_week)

    def show_week(self, week: Week) -> None:
        self.week = week
        self._label_week(week)
        self.show_timer(week.timer)

    def _label_week(self, week: Week) -> None:
        year, number, _ = self.monday.isocalendar()
        self.week_label.setText(
            self.tr("Week {0} van {1} ({2} t/m {3})").format(
                number, year, date_text(self.monday), date_text(self.monday + dt.timedelta(days=6))
            )
        )
        instrument = load_instrument(self.context.settings.instrument)
        fill(
            self.entries,
            [
                [
                    date_text(e.date),
                    duration_text(e.minutes),
                    Activity(e.activity).label(),
                    instrument.domain(e.domain).name()
                    if e.domain in instrument.domain_codes
                    else (e.domain or ""),
                ]
                for e in week.entries
            ],
            [e.id for e in week.entries],
        )
        mark_statements(self.entries, week.statements)
        per_activity = ", ".join(
            f"{Activity(a).label()} {duration_text(m)}" for a, m in week.by_activity.items()
        )
        figures = (
            duration_text(week.week_total),
            per_activity or self.tr("nog niets"),
            f"{month_name(week.month[1])} {week.month[0]}",
            duration_text(week.month_total),
        )
        if self.monday == monday_of(self.context.today()):
            text = self.tr("Deze week: {0} ({1}) · {2}: {3}").format(*figures)
        else:  # another week says which, not "deze week"
            text = self.tr("Week {0}: {1} ({2}) · {3}: {4}").format(number, *figures)
        self.totals.setText(text)

    def show_timer(self, timer: VisitTimer | None) -> None:
        self.timer = timer
        self.start_button.setEnabled(timer is None)
        self.pause_button.setEnabled(timer is not None)
        self.book_button.setEnabled(timer is not None)
        self._label_timer()

    def _label_timer(self, now: dt.datetime | None = None) -> None:
        """``now``: the status bar's, so both show the same time."""
        timer = self.timer
        paused = timer is not None and timer.state == TimerState.PAUSED
        self.pause_button.setText(self.tr("H&ervat") if paused else self.tr("Pauz&e"))
        for button in (self.start_button, self.pause_button, self.book_button):
            button.setAccessibleName(button.text().replace("&", ""))
        if self.week is None:  # not loaded yet
            return
        if timer is None:
            self.timer_state.setText(self.tr("Geen bezoek bezig."))
        else:
            elapsed = timer.elapsed_seconds(now or self.context.now())
            state = self.tr("loopt") if timer.state == TimerState.RUNNING else self.tr("gepauzeerd")
            self.timer_state.setText(
                self.tr("Bezoek {0}: {1}").format(state, elapsed_text(elapsed))
            )

    def tick(self, now: dt.datetime) -> None:
        """The window's timer tick: the running visit's time, as in the status bar."""
        if self.timer is not None:
            self._label_timer(now)

    @refusing
    def add_entry(self) -> None:
        minutes = parse_duration(self.duration.text())
        if minutes is None:
            self.failed(
                ValidationError(
                    Field.DURATION,
                    "Vul de duur in als u:mm (1:30), in uren met een komma (1,5) of in"
                    " minuten (90). Er is niets opgeslagen.",
                    "Enter the duration as h:mm (1:30), in hours with a decimal point (1.5)"
                    " or in minutes (90). Nothing was saved.",
                )
            )
            return
        family_id, day = self.family_id, date_of(self.date)
        activity, domain = self.activity.currentData(), self.domain.currentData()
        editing = self.editing

        def save(s: Services) -> HoursEntry:
            if editing is not None:
                return s.hours.update_entry(
                    editing.id, date=day, minutes=minutes, activity=activity, domain=domain
                )
            return s.hours.add_entry(
                family_id, date=day, minutes=minutes, activity=activity, domain=domain
            )

        def done(_: object) -> None:
            self.duration.clear()
            self.stop_editing()
            self.refresh()

        self.run(save, done)

    def save_form(self) -> None:
        self.add_entry()

    def edit_entry(self) -> None:
        """Load the selected entry into the form; saving changes that entry."""
        entry = self._selected_entry()
        if entry is None:
            return
        self.editing = entry
        set_date(self.date, entry.date)
        self.duration.setText(duration_text(entry.minutes))
        self.activity.setCurrentIndex(max(0, self.activity.findData(entry.activity)))
        self.domain.setCurrentIndex(max(0, self.domain.findData(entry.domain)))
        self._label_add_button()
        self.duration.setFocus()
        self.duration.selectAll()

    def stop_editing(self) -> None:
        self.editing = None
        self._label_add_button()

    def delete_entry(self) -> None:
        entry = self._selected_entry()
        if entry is not None:
            entry_id = entry.id
            what = self.tr("{0} {1} op {2}").format(
                Activity(entry.activity).label(),
                duration_text(entry.minutes),
                date_text(entry.date),
            )
            self.remove_after_asking(what, lambda s: s.hours.remove_entry(entry_id))

    def _selected_entry(self) -> HoursEntry | None:
        return selected_record(self.entries, self.week.entries if self.week is not None else [])

    def _timer_action(self, action: Any) -> None:
        def done(_: object) -> None:
            self.timer_changed.emit()
            self.refresh()

        self.run(action, done)

    def start_timer(self) -> None:
        family_id, activity = self.family_id, self.activity.currentData()
        self._timer_action(lambda s: s.timer.start(family_id, activity))

    def pause_timer(self) -> None:
        if self.timer is None:
            return
        timer_id, paused = self.timer.id, self.timer.state == TimerState.PAUSED
        self._timer_action(
            lambda s: s.timer.resume(timer_id) if paused else s.timer.pause(timer_id)
        )

    def book_timer(self) -> None:
        """Ask for the activity (and life domain), then stop the timer and book it; the
        timer runs on while the question is open and after Annuleren."""
        timer = self.timer
        if timer is None or self.book_dialog is not None:
            return
        minutes = max(1, (timer.elapsed_seconds(self.context.now()) + 30) // 60)
        day = timer.started_at.astimezone().date()
        dialog = BookVisitDialog(minutes, day, timer.activity, self.domain, self)
        self.book_dialog = dialog

        def answered(result: int) -> None:
            self.book_dialog = None
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted:
                activity, domain = dialog.activity.currentData(), dialog.domain.currentData()
                self._timer_action(
                    lambda s: s.timer.book(timer.id, activity=activity, domain=domain)
                )

        dialog.finished.connect(answered)
        dialog.open()
