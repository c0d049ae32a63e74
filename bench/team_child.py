"""The app as `regiedesk --data-dir DIR` starts it, for bench/team.py: unlocks a team
leader's profile with its passphrase and prints SHOWN once the team workspace has painted
its team table from the figures cached in the profile. Apart from bench/team.py, as
bench/ui_child.py is from bench/ui.py, so the measured process imports only what the app
imports.

    python bench/team_child.py DATA_DIR PASSPHRASE
"""

import sys
from typing import Any


def main() -> None:
    data_dir, passphrase = sys.argv[1], sys.argv[2]
    # first, as `regiedesk` loads it: regiedesk.ui.app loads the core before PySide
    from regiedesk.ui import app as desktop  # noqa: I001

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from regiedesk.ui.main_window import MainWindow

    shown, opened = MainWindow.show, MainWindow.open_team

    def show_and_unlock(window: MainWindow) -> None:
        shown(window)
        window.unlock_page.passphrase.setText(passphrase)
        window.unlock_page.button.click()

    def open_and_watch(window: MainWindow, login: Any) -> None:
        opened(window, login)
        team = window.team
        assert team is not None

        class FirstPaint(QObject):
            """SHOWN once the team table has painted rows (the cached figures)."""

            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if (
                    event.type() == QEvent.Type.Paint
                    and team.team_table.rowCount()
                    and team.team_table.isVisible()
                ):
                    watched.removeEventFilter(self)
                    QTimer.singleShot(0, done)
                return False

        team.team_table.installEventFilter(FirstPaint(team))

    def done() -> None:
        print("SHOWN", flush=True)
        QApplication.quit()

    MainWindow.show = show_and_unlock  # type: ignore[method-assign]
    MainWindow.open_team = open_and_watch  # type: ignore[method-assign]
    desktop.run(["--data-dir", data_dir])


if __name__ == "__main__":
    main()
