"""The caseworker's families: search, filter and the figures per family."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.vocabulary import FamilyStatus
from ..services.indicators import CaseloadRow
from .first_paint import AfterFirstPaint
from .format import date_text, duration_text
from .qt_names import ALIGN_RIGHT, KEY_DOWN, SORT_ROLE, TEXT_ALIGNMENT_ROLE, USER_ROLE

if TYPE_CHECKING:
    from ..services.team import StandInLine

Index = QModelIndex | QPersistentModelIndex


def fold(text: str) -> str:
    """A name as a Dutch reader compares it: without case or accents (Koës ~ koes)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class CaseloadModel(QStandardItemModel):
    """The families' cells, kept by Qt: a Python ``headerData`` would be called with a
    ``Qt.Orientation``, and making that loads PySide's whole `Qt` namespace before the
    first paint (``qt_names``)."""

    COLUMNS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, self.COLUMNS, parent)
        self.rows: list[CaseloadRow] = []

    def set_rows(self, rows: list[CaseloadRow]) -> None:
        self.rows = list(rows)
        self.setRowCount(0)
        for row in self.rows:
            self.appendRow(self._cells(row))

    def _cells(self, row: CaseloadRow) -> list[QStandardItem]:
        shown = (
            row.name,
            FamilyStatus(row.status).label(),
            duration_text(row.minutes_this_week),
            date_text(row.last_visit),
            str(row.active_parties),
            str(row.agreements_due) if row.agreements_due else "",
        )
        keys = (
            fold(row.name),
            row.status,
            row.minutes_this_week,
            row.last_visit.isoformat() if row.last_visit else "",
            row.active_parties,
            row.agreements_due,
        )
        cells = []
        for column, (text, key) in enumerate(zip(shown, keys, strict=True)):
            cell = QStandardItem(text)
            cell.setData(row.family_id, USER_ROLE)
            cell.setData(key, SORT_ROLE)
            if column >= 2:
                cell.setData(ALIGN_RIGHT, TEXT_ALIGNMENT_ROLE)
            cells.append(cell)
        return cells

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels(
            [
                self.tr("Gezin"),
                self.tr("Status"),
                self.tr("Uren deze week"),
                self.tr("Laatste huisbezoek"),
                self.tr("Actieve betrokkenen"),
                self.tr("Afspraken te doen (t/m vandaag)"),
            ]
        )
        for r, row in enumerate(self.rows):
            cell = self.item(r, 1)
            if cell is not None:
                cell.setText(FamilyStatus(row.status).label())


class CaseloadFilter(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status: str | None = None
        self.search = ""
        self.setSortRole(SORT_ROLE)

    def set_status(self, status: str | None) -> None:
        self.beginFilterChange()
        self.status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        """Part of the family's name: case, accents and surrounding spaces do not matter
        ('koes' finds Koës)."""
        self.beginFilterChange()
        self.search = fold(text.strip())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, CaseloadModel)
        row = model.rows[source_row]
        if self.status and row.status != self.status:
            return False
        return self.search in fold(row.name)


SEARCH_SETTLED_MS = 1000  # a search is logged once the typing stops, not per keystroke


class CaseloadPage(QWidget):
    open_family = Signal(str)
    new_family = Signal()
    my_week = Signal()
    searched = Signal(list)  # the ids of the families a settled search listed (NEN 7513)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CaseloadModel(self)
        self.proxy = CaseloadFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.status = QComboBox()
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.proxy.sort(0)  # by name (C++'s default order: ascending)
        # the header's sort arrow and clicks after the first paint: they take a Qt.SortOrder
        AfterFirstPaint(self.table, self._sort_by_header)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.title = QLabel()
        self.stand_ins = QLabel()  # which families are on stand-in, and which I hold
        self.stand_ins.setObjectName("standIns")
        self.stand_ins.setWordWrap(True)
        self.stand_ins.setVisible(False)
        self._stand_in_lines: list[StandInLine] = []
        self.count = QLabel()
        self.new_button = QPushButton()
        self.week_button = QPushButton()
        top = QHBoxLayout()
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.search_label)
        top.addWidget(self.search, 2)
        top.addWidget(self.status)
        top.addWidget(self.new_button)
        top.addWidget(self.week_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stand_ins)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._open_match)
        self.search.installEventFilter(self)
        self._search_settled = QTimer(self)
        self._search_settled.setSingleShot(True)
        self._search_settled.setInterval(SEARCH_SETTLED_MS)
        self._search_settled.timeout.connect(self._log_search)
        self.status.currentIndexChanged.connect(
            lambda _: self.proxy.set_status(self.status.currentData())
        )
        self.table.activated.connect(self._activated)
        self.new_button.clicked.connect(self.new_family)
        self.week_button.clicked.connect(self.my_week)
        self.retranslate()

    def set_stand_ins(self, lines: list[StandInLine]) -> None:
        self._stand_in_lines = list(lines)
        parts = [
            (
                self.tr("U neemt waar voor {family} ({start} tot en met {end})")
                if line.held
                else self.tr("{family} wordt waargenomen door {user} ({start} tot en met {end})")
            ).format(
                family=line.family_name,
                user=line.user,
                start=date_text(line.start),
                end=date_text(line.end),
            )
            for line in lines
        ]
        self.stand_ins.setText(self.tr("Waarneming: ") + "; ".join(parts) if parts else "")
        self.stand_ins.setVisible(bool(parts))

    def retranslate(self) -> None:
        self.set_stand_ins(self._stand_in_lines)
        self.title.setText(self.tr("<h2>Mijn gezinnen</h2>"))
        self.search_label.setText(self.tr("&Zoeken:"))
        self.search.setPlaceholderText(self.tr("Naam van het gezin (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Zoeken op naam"))
        current = self.status.currentData()
        self.status.blockSignals(True)
        self.status.clear()
        self.status.addItem(self.tr("Alle statussen"), None)
        for status in FamilyStatus:
            self.status.addItem(status.label(), status.value)
        self.status.setCurrentIndex(max(0, self.status.findData(current)))
        self.status.blockSignals(False)
        self.status.setAccessibleName(self.tr("Filter op status"))
        self.new_button.setText(self.tr("&Nieuw gezin"))
        self.week_button.setText(self.tr("Mijn &week"))
        self.week_button.setToolTip(
            self.tr("Uren, afspraken en evaluaties van deze week (Ctrl+Shift+W)")
        )
        self.table.setAccessibleName(self.tr("Gezinnen"))
        self.model.retranslate()
        self._update_count()

    def _sort_by_header(self) -> None:
        from PySide6.QtCore import Qt

        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

    def _filter(self, text: str) -> None:
        if text and not self.search.isClearButtonEnabled():
            # the clear button shows only over typed text; its icon comes from the icon
            # theme, about 5 ms on first use, which the caseload's first paint waited for
            self.search.setClearButtonEnabled(True)
        self.proxy.set_search(text)
        self._update_count()
        if text.strip():
            self._search_settled.start()
        else:
            self._search_settled.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the search moves to the list, on the first match (or the chosen one)."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == KEY_DOWN
            and self.proxy.rowCount()
        ):
            self.table.selectRow(self._match_row())
            self.table.setFocus()
            return True
        return super().eventFilter(watched, event)

    def _match_row(self) -> int:
        """The selected row if the search still lists it, else the first."""
        index = self.table.currentIndex()
        if index.isValid() and self.table.selectionModel().isSelected(index):
            return index.row()
        return 0

    def _open_match(self) -> None:
        """Enter in the search opens the match: the selected listed family, else the first."""
        if self.proxy.rowCount():
            self._activated(self.proxy.index(self._match_row(), 0))

    def listed_family_ids(self) -> list[str]:
        return [
            str(self.proxy.data(self.proxy.index(row, 0), USER_ROLE))
            for row in range(self.proxy.rowCount())
        ]

    def _log_search(self) -> None:
        if self.proxy.search:
            self.searched.emit(self.listed_family_ids())

    def _update_count(self) -> None:
        self.count.setText(
            self.tr("{0} van {1} gezinnen").format(self.proxy.rowCount(), self.model.rowCount())
        )

    def set_rows(self, rows: list[CaseloadRow]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._update_count()

    def clear(self) -> None:
        self.model.set_rows([])
        self.set_stand_ins([])  # a lock leaves no family name behind
        self.search.clear()
        self._update_count()

    def selected_family_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return None
        return self.proxy.data(index, USER_ROLE) or None

    def _activated(self, index: QModelIndex) -> None:
        family_id = self.proxy.data(index, USER_ROLE)
        if family_id:
            self.open_family.emit(family_id)
