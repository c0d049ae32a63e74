"""The family workspace: one tab per part of the family's record."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..context import AppContext
from ..translations import QT_TRANSLATE_NOOP
from .base import FamilyTab
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
]


class FamilyWorkspace(QTabWidget):
    """The tabs are built when first shown, so opening a family costs one tab, not six."""

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
        self.currentChanged.connect(self._show)
        self._show(0)

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
            if isinstance(tab, NotesTab):
                tab.flush_draft()

    def retranslate(self) -> None:
        for index, (title, _) in enumerate(TABS):
            self.setTabText(index, _tr(title))
        for tab in self.tabs:
            tab.retranslate()
