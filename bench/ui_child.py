"""The app as `regiedesk --data-dir DIR` starts it, for bench/ui.py: prints SHOWN once the
table has painted the caseload rows. Kept apart from bench/ui.py so that the measured process
imports nothing the app itself would not (compileall, statistics and subprocess cost
the old child about 20 ms).

    python bench/ui_child.py DATA_DIR practice|PASSPHRASE
"""

import sys


def main() -> None:
    data_dir, how = sys.argv[1], sys.argv[2]
    # first, as `regiedesk` loads it: regiedesk.ui.app loads the core before PySide
    from regiedesk.ui import app as desktop  # noqa: I001

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from regiedesk.ui.main_window import MainWindow

    shown = MainWindow.show

    def show_and_open(window: MainWindow) -> None:
        shown(window)
        if how == "practice":
            window.start_page.practice_button.click()
        else:
            window.unlock_page.passphrase.setText(how)
            window.unlock_page.button.click()

        class FirstPaint(QObject):
            """SHOWN once the table has painted the caseload rows.

            It watches the table, not its viewport: Qt paints the viewport in the same pass,
            and asking for viewport(), a widget PySide did not make, made PySide build every
            widget class to find its type, about 7 ms the app itself never spends.
            """

            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if (
                    event.type() == QEvent.Type.Paint
                    and window.caseload.model.rowCount()
                    and window.caseload.isVisible()
                ):
                    watched.removeEventFilter(self)
                    QTimer.singleShot(0, done)
                return False

        def done() -> None:
            print("SHOWN", flush=True)
            QApplication.quit()

        window.caseload.table.installEventFilter(FirstPaint(window))

    MainWindow.show = show_and_open  # type: ignore[method-assign]
    desktop.run(["--data-dir", data_dir])


if __name__ == "__main__":
    main()
