"""Locking after a time without keyboard or mouse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow

if TYPE_CHECKING:
    pass


class IdleWatcher(QObject):
    """Restarts a timer on every key press and mouse action in the app's windows.

    It watches the top-level windows (QWindow), through which the window system's input
    reaches the widgets, not the whole application: an application-wide filter ran Python
    for every paint and layout event of every widget, which was most of the time a tab
    took to open, and took the GIL from the database thread.
    """

    idle = Signal()
    ACTIVITY: frozenset[QEvent.Type] = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
        }
    )

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.watching = False
        self._windows: list[QWindow] = []
        self.set_minutes(minutes)

    def watch(self, on: bool) -> None:
        """Watch while a profile is open (a dialog's window is added when it gets focus)."""
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        if on and not self.watching:
            app.focusWindowChanged.connect(self._follow)
            for window in app.topLevelWindows():
                self._follow(window)
        elif not on and self.watching:  # a lock before the caseload showed finds none
            app.focusWindowChanged.disconnect(self._follow)
            for window in self._windows:
                window.removeEventFilter(self)
            self._windows.clear()
        self.watching = on
        if on:
            self.timer.start()
        else:
            self.timer.stop()

    def _follow(self, window: QWindow | None) -> None:
        if window is not None and window not in self._windows:
            window.installEventFilter(self)
            window.destroyed.connect(lambda: self._forget(window))
            self._windows.append(window)

    def _forget(self, window: QWindow) -> None:
        if window in self._windows:
            self._windows.remove(window)

    def set_minutes(self, minutes: float) -> None:
        self.timer.setInterval(int(minutes * 60_000))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False
