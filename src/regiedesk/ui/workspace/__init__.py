"""The family workspace: one tab per part of the family's record."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.removals import Removal
from ..context import AppContext
from ..messages import show_error
from ..translations import QT_TRANSLATE_NOOP
from .base import FamilyTab
from .corrections_tab import CorrectionsTab
from .domains_tab import DomainsTab
from .hours_tab import HoursTab
from .network_tab import NetworkTab
from .notes_tab import NotesTab
from .overview_tab import OverviewTab
from .plan_tab import PlanTab


def _tr(text: str) -> str:
    return QCoreApplication.translate("FamilyWorkspace", text)


# (title, factory): the registry of tabs, in order; titles are translated when shown
TABS: list[tuple[str, type[FamilyTab]]] = [
    (QT_TRANSLATE_NOOP("FamilyWorkspace", "&Overzicht"), OverviewTab),
    (QT_TRANSLATE_NOOP("FamilyWorkspace", "&Uren"), HoursTab),
    (QT_TRANSLATE_NOOP("FamilyWorkspace", "&Leefgebieden"), DomainsTab),
    (QT_TRANSLATE_NOOP("FamilyWorkspace", "&Netwerk"), NetworkTab),
    (QT_TRANSLATE_NOOP("FamilyWorkspace", "&Plan"), PlanTab),
    (QT_TRANSLATE_NOOP("FamilyWorkspace", "&Verslagen"), NotesTab),
    (QT_TRANSLATE_NOOP("FamilyWorkspace", "&Correcties"), CorrectionsTab),
]


@dataclass(frozen=True)
class ResumePoint:
    """Kept in memory over a lock (never on disk): ids and a tab, no client data."""

    family_id: str
    tab: int
    form: tuple[str, str | None] | None  # ("family", None) or ("member", its id or None)


UNDO_BAR_MS = 30_000  # the bar goes after this; Ctrl+Z undoes the last removal until then


class UndoBar(QWidget):
    """'X verwijderd. [Ongedaan maken]' beside the tabs, after a removal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.button = QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.text)
        layout.addWidget(self.button)
        self.hide()


class FamilyWorkspace(QTabWidget):
    """The tabs are built when first shown, so opening a family costs one tab, not seven."""

    timer_changed = Signal()

    def __init__(self, context: AppContext, family_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.family_id = family_id
        self.setAccessibleName(self.tr("Werkruimte van het gezin"))
        self.built: list[FamilyTab | None] = [None] * len(TABS)
        for title, _ in TABS:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.addTab(holder, _tr(title))
        self.last_removal: tuple[Removal, str] | None = None
        self.undo_bar = UndoBar()
        self.setCornerWidget(self.undo_bar, Qt.Corner.TopRightCorner)
        self.undo_bar.button.clicked.connect(self.undo_removal)
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.setInterval(UNDO_BAR_MS)
        self.undo_timer.timeout.connect(self._forget_removal)
        # Ctrl+Z in a text field undoes the typing (the field takes the key first)
        self.act_undo = QAction(self)
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_undo.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_undo.triggered.connect(self.undo_removal)
        self.addAction(self.act_undo)
        self.currentChanged.connect(self._show)
        self._show(0)
        self._label_undo()

    def _build(self, index: int) -> FamilyTab:
        tab = self.built[index]
        if tab is None:
            tab = TABS[index][1](self.context, self.family_id)
            holder = self.widget(index)
            layout = holder.layout() if holder is not None else None
            assert layout is not None
            layout.addWidget(tab)
            if isinstance(tab, HoursTab):
                tab.timer_changed.connect(self.timer_changed)
            tab.removed.connect(self.offer_undo)
            self.built[index] = tab
        return tab

    def _show(self, index: int) -> None:
        if index >= 0:
            self._build(index).refresh()
            family_id, part = self.family_id, TABS[index][1].__name__.removesuffix("Tab").lower()
            self.context.run(lambda s: s.audit.log_opened(family_id, part))  # NEN 7513 read

    @property
    def tabs(self) -> list[FamilyTab]:
        return [t for t in self.built if t is not None]

    def current_tab(self) -> FamilyTab:
        return self._build(self.currentIndex())

    def tab(self, kind: type[FamilyTab]) -> FamilyTab:
        index = next(i for i, (_, k) in enumerate(TABS) if k is kind)
        return self._build(index)

    def select(self, kind: type[FamilyTab]) -> FamilyTab:
        index = next(i for i, (_, k) in enumerate(TABS) if k is kind)
        self.setCurrentIndex(index)
        return self._build(index)

    def flush_drafts(self) -> None:
        for tab in self.tabs:
            if isinstance(tab, (NotesTab, OverviewTab)):
                tab.flush_draft()

    def resume_point(self) -> ResumePoint:
        """Where the caseworker was (before a lock): this family, its tab, an open form."""
        overview = self.built[0]
        form = overview.open_form_kind() if isinstance(overview, OverviewTab) else None
        return ResumePoint(self.family_id, self.currentIndex(), form)

    def resume(self, point: ResumePoint) -> None:
        self.setCurrentIndex(point.tab)
        if point.form is not None:
            overview = self.tab(OverviewTab)
            assert isinstance(overview, OverviewTab)
            overview.reopen_form(point.form)

    # --- undoing the last removal ------------------------------------------------

    def offer_undo(self, removal: Removal, what: str) -> None:
        self.last_removal = (removal, what)
        self._label_undo()
        self.undo_bar.show()
        self.undo_timer.start()

    def _forget_removal(self) -> None:
        self.last_removal = None
        self.undo_bar.hide()

    def undo_removal(self) -> None:
        if self.last_removal is None:
            return
        removal, _ = self.last_removal
        self._forget_removal()
        self.undo_timer.stop()
        self.context.run(
            lambda s: s.removals.undo_removal(removal),
            lambda _: self._refresh_tabs(),
            lambda error: show_error(self, error),
            owner=self,
        )

    def _refresh_tabs(self) -> None:
        for tab in self.tabs:
            tab.refresh()

    def _label_undo(self) -> None:
        what = self.last_removal[1] if self.last_removal is not None else ""
        what = self.undo_bar.text.fontMetrics().elidedText(what, Qt.TextElideMode.ElideRight, 400)
        self.undo_bar.text.setText(self.tr("'{0}' verwijderd.").format(what))
        self.undo_bar.button.setText(self.tr("Ongedaan maken"))
        self.undo_bar.button.setToolTip(self.tr("Ctrl+Z"))
        self.undo_bar.button.setAccessibleName(self.tr("Verwijderen ongedaan maken"))

    def retranslate(self) -> None:
        for index, (title, _) in enumerate(TABS):
            self.setTabText(index, _tr(title))
        self._label_undo()
        for tab in self.tabs:
            tab.retranslate()
