"""What the parts of the team workspace (``family_page.py``, ``workspace_actions.py``) use
of ``TeamWorkspace``, for the type checker only: at run time each part is a plain class
that ``TeamWorkspace`` brings together (as ``ui/window_parts.py`` for the main window),
and the parts import this module only when type checking."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path

    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QLabel, QPushButton, QTableWidget, QTabWidget, QWidget

    from ...reports import Letterhead
    from ...services import Services
    from ...services.team import TeamSnapshot
    from ...sync import protocol as p
    from ..worker import DbWorker
    from .actions import Job
    from .report import AskPath

    class WorkspaceBase(QWidget):
        _acted: SignalInstance
        services: Services
        worker: DbWorker
        act: Callable[[Job], object] | None
        letterhead: Callable[[], Letterhead] | None
        protected: tuple[Path, ...]
        ask_report_path: AskPath | None
        snapshot: TeamSnapshot | None
        _page_family: str | None
        _pool: ThreadPoolExecutor
        status: QLabel
        report_button: QPushButton
        tabs: QTabWidget
        families_table: QTableWidget
        family_page: QWidget

        def refresh(self) -> None: ...
        def _show(self, snapshot: TeamSnapshot | None) -> None: ...
        def _status(self, family: p.TeamFamily) -> str: ...

else:
    WorkspaceBase = object
