"""The family workspace: one tab per part of the family's record."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from ..context import AppContext
from .base import FamilyTab
from .domains_tab import DomainsTab
from .hours_tab import HoursTab
from .network_tab import NetworkTab
from .notes_tab import NotesTab
from .overview_tab import OverviewTab
from .plan_tab import PlanTab


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    return text


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
    timer_changed = Signal()

    def __init__(self, context: AppContext, family_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.family_id = family_id
        self.setAccessibleName(self.tr("Werkruimte van het gezin"))
        self.tabs: list[FamilyTab] = []
        for title, factory in TABS:
            tab = factory(context, family_id)
            self.tabs.append(tab)
            self.addTab(tab, _tr(title))
            if isinstance(tab, HoursTab):
                tab.timer_changed.connect(self.timer_changed)
        self.currentChanged.connect(lambda i: self.tabs[i].refresh())
        self.tabs[0].refresh()

    def tab(self, kind: type[FamilyTab]) -> FamilyTab:
        return next(t for t in self.tabs if isinstance(t, kind))

    def flush_drafts(self) -> None:
        for tab in self.tabs:
            if isinstance(tab, NotesTab):
                tab.flush_draft()

    def retranslate(self) -> None:
        for index, (title, _) in enumerate(TABS):
            self.setTabText(index, _tr(title))
        for tab in self.tabs:
            tab.retranslate()
