"""A caseworker's long day in the real app, typed and clicked from inside its own process.

    python -X faulthandler -m tests.ui.long_session DATA_DIR LOG_DIR PASSPHRASE ROUNDS

Run from the repository's root by `tests/ui/test_long_session.py`. The app starts
through its real entry point (`regiedesk.cli.main`, as the `regiedesk` command does);
once its window shows, a script unlocks the profile and, ROUNDS times, goes through the
caseload and every tab of every family (hours typed, a visit timed and booked, scores,
parties and contacts, goals and agreements, notes and their revisions), syncs with F5,
locks and unlocks. Then it presses Ctrl+Q, and the process's exit code is the app's own.

Before quitting it prints ``SESSION actions=N rounds=R refs_to_true=A->B``: the references
to True at the start and the end (a PySide that takes them away shows there, see
`test_signal_references.py`). A step that does not
finish within STEP_SECONDS, or an error box the app shows, ends the app with exit code 3
and names the step on stderr.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator

STEP_SECONDS = 30
TICK_MS = 5

Step = tuple[str, Callable[[], bool]]  # what is awaited, and when it has happened


def main() -> int:
    data_dir, log_dir, passphrase, rounds = sys.argv[1:5]
    # as `regiedesk` loads them: the command line, then the app (the core before PySide)
    from regiedesk import cli  # noqa: I001
    from regiedesk.ui import app as _app  # noqa: F401

    from PySide6.QtCore import QObject, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import (
        QApplication,
        QComboBox,
        QLineEdit,
        QListWidget,
        QMessageBox,
        QPlainTextEdit,
        QTableView,
        QTableWidget,
        QWidget,
    )

    from regiedesk.ui.main_window import MainWindow
    from regiedesk.ui.sync import SyncState

    from .finding import button, by_name

    ctrl = Qt.KeyboardModifier.ControlModifier

    class Day(QObject):
        """Runs the script: each step acts, then waits on the GUI thread for its outcome."""

        def __init__(self, window: MainWindow) -> None:
            super().__init__(window)
            self.window = window
            self.actions = 0
            self.steps = self.script(int(rounds))
            self.awaited: Step | None = None
            self.deadline = 0.0
            self.ticker = QTimer(self)
            self.ticker.setInterval(TICK_MS)
            self.ticker.timeout.connect(self.tick)
            self.ticker.start()

        def tick(self) -> None:
            for box in self.window.findChildren(QMessageBox):
                if box.isVisible() and box.icon() is QMessageBox.Icon.Warning:
                    self.fail(f"an error box: {box.text()}")
                    return
            if self.awaited is not None:
                what, done = self.awaited
                if not done():
                    if time.monotonic() > self.deadline:
                        self.fail(f"waited {STEP_SECONDS} s for {what}")
                    return
            try:
                self.awaited = next(self.steps)
            except StopIteration:
                self.ticker.stop()
                return
            except Exception as error:  # a widget the script expected is not there
                self.fail(f"{type(error).__name__}: {error}")
                return
            self.deadline = time.monotonic() + STEP_SECONDS

        def fail(self, why: str) -> None:
            self.ticker.stop()
            print(f"SESSION FAILED after {self.actions} actions: {why}", file=sys.stderr)
            QApplication.exit(3)

        # --- what a user does ---------------------------------------------------------

        def idle(self) -> bool:
            return self.window.context.worker.idle

        def type_into(self, field: QWidget, text: str, *, enter: bool = False) -> None:
            field.setFocus()
            QTest.keyClicks(field, text)
            self.actions += 1
            if enter:
                self.key(field, Qt.Key.Key_Return)

        def key(self, widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = ctrl) -> None:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Down, Qt.Key.Key_F5):
                modifier = Qt.KeyboardModifier.NoModifier
            QTest.keyClick(widget, key, modifier)
            self.actions += 1

        def click(self, root: QWidget, text: str) -> None:
            QTest.mouseClick(button(root, text), Qt.MouseButton.LeftButton)
            self.actions += 1

        def choose_row(self, table: QTableWidget | QTableView, row: int) -> None:
            table.setFocus()
            table.selectRow(row)
            self.actions += 1

        def pick_next(self, combo: QComboBox) -> None:
            combo.setFocus()
            if combo.currentIndex() == combo.count() - 1:
                combo.setCurrentIndex(0)
            self.key(combo, Qt.Key.Key_Down)

        # --- the day ----------------------------------------------------------------------

        def script(self, rounds: int) -> Iterator[Step]:
            start = sys.getrefcount(True)
            yield from self.unlock()
            for _ in range(rounds):
                families = self.window.caseload.model.rowCount()
                for row in range(families):
                    yield from self.caseload_search(row)
                    yield from self.open_family(row)
                    yield from self.every_tab()
                    yield from self.hours()
                    yield from self.domains()
                    yield from self.network()
                    yield from self.plan()
                    yield from self.notes()
                    yield from self.sync()
                    self.key(self.window, Qt.Key.Key_Home)  # Ctrl+Home: back to the caseload
                    yield "the caseload", lambda: self.window.workspace is None and self.idle()
                yield from self.lock_and_unlock()
            print(
                f"SESSION actions={self.actions} rounds={rounds} "
                f"refs_to_true={start}->{sys.getrefcount(True)}",
                flush=True,
            )
            self.key(self.window, Qt.Key.Key_Q)  # Ctrl+Q

        def unlock(self) -> Iterator[Step]:
            self.window.activateWindow()  # under X without a window manager too
            yield "the window to be active", self.window.isActiveWindow
            yield "the unlock page", lambda: by_name(self.window, "Wachtwoord").isVisible()
            self.type_into(by_name(self.window, "Wachtwoord"), passphrase, enter=True)
            yield (
                "the caseload after unlocking",
                lambda: self.window.caseload.model.rowCount() > 0 and self.idle(),
            )

        def lock_and_unlock(self) -> Iterator[Step]:
            self.key(self.window, Qt.Key.Key_L)  # Ctrl+L
            yield "the lock", lambda: self.window.context.services is None and self.idle()
            yield from self.unlock()

        def caseload_search(self, row: int) -> Iterator[Step]:
            caseload = self.window.caseload
            name = caseload.proxy.index(row, 0).data()
            self.key(self.window, Qt.Key.Key_F)  # Ctrl+F
            search = by_name(caseload, "Zoeken op naam", QLineEdit)
            self.type_into(search, name.split()[-1][:4])
            yield "the search to filter", lambda: caseload.proxy.rowCount() >= 1
            search.selectAll()
            self.key(search, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier)
            yield (
                "the whole caseload again",
                lambda: caseload.proxy.rowCount() == caseload.model.rowCount(),
            )

        def open_family(self, row: int) -> Iterator[Step]:
            table = by_name(self.window.caseload, "Gezinnen", QTableView)
            self.choose_row(table, row)
            self.key(table, Qt.Key.Key_Return)
            yield (
                "the family's workspace",
                lambda: self.window.workspace is not None and self.idle(),
            )

        def tab(self) -> QWidget:
            workspace = self.window.workspace
            assert workspace is not None
            return workspace.currentWidget()

        def every_tab(self) -> Iterator[Step]:
            workspace = self.window.workspace
            assert workspace is not None
            for step in range(1, workspace.count() + 1):
                self.key(self.window, Qt.Key.Key_PageDown)  # Ctrl+PgDown
                index = step % workspace.count()
                yield "the next tab", lambda i=index: workspace.currentIndex() == i and self.idle()

        def go_to(self, index: int) -> Iterator[Step]:
            workspace = self.window.workspace
            assert workspace is not None
            while workspace.currentIndex() != index:
                self.key(self.window, Qt.Key.Key_PageDown)
                yield "the tab to load", self.idle

        def hours(self) -> Iterator[Step]:
            self.key(self.window, Qt.Key.Key_U)  # Ctrl+U: the hours tab, in its duration
            yield "the hours tab", lambda: self.window.workspace.currentIndex() == 1 and self.idle()
            tab = self.tab()
            entries = by_name(tab, "Urenregels van deze week", QTableWidget)
            before = entries.rowCount()
            self.type_into(by_name(tab, "Duur", QLineEdit), "0:20", enter=True)
            yield "the typed hours", lambda: entries.rowCount() == before + 1 and self.idle()
            for label in ("Start bezoek", "Pauze", "Hervat", "Stop en boek"):
                yield "the visit button " + label, lambda t=label: button(tab, t).isEnabled()
                self.click(tab, label)
                yield "the visit timer to " + label, self.idle
            hours = self.window.workspace.current_tab()  # the tab itself, not its page
            yield "the booking question", lambda: getattr(hours, "book_dialog", None) is not None
            self.pick_next(hours.book_dialog.activity)  # another activity than Huisbezoek
            self.click(hours.book_dialog, "Boeken")
            yield "the question answered", lambda: hours.book_dialog is None
            self.window.activateWindow()  # back from the dialog, without a window manager too
            yield "the window active again", self.window.isActiveWindow
            yield "the booked visit", lambda: entries.rowCount() == before + 2 and self.idle()
            self.choose_row(entries, 0)
            self.click(tab, "Regel bewerken")
            duration = by_name(tab, "Duur", QLineEdit)
            self.type_into(duration, "0:25", enter=True)
            yield "the edited hours", lambda: not duration.text() and self.idle()
            self.click(tab, "< Vorige week")
            yield "last week", self.idle
            self.click(tab, "Volgende week >")
            yield "this week", lambda: entries.rowCount() == before + 2 and self.idle()

        def domains(self) -> Iterator[Step]:
            yield from self.go_to(2)
            tab = self.tab()
            yield "the family's members", lambda: by_name(tab, "Gezinslid", QComboBox).count() > 0
            history = by_name(tab, "Eerdere metingen", QTableWidget)
            before = history.rowCount()
            self.pick_next(by_name(tab, "Score Financiën", QComboBox))
            self.pick_next(by_name(tab, "Score Huisvesting", QComboBox))
            self.type_into(by_name(tab, "Toelichting Huisvesting", QLineEdit), "huur betaald")
            self.click(tab, "Meting opslaan")
            yield "the measurement", lambda: history.rowCount() == before + 2 and self.idle()

        def network(self) -> Iterator[Step]:
            yield from self.go_to(3)
            tab = self.tab()
            parties = by_name(tab, "Betrokkenen", QTableWidget)
            before = parties.rowCount()
            self.type_into(by_name(tab, "Organisatie", QLineEdit), "Wijkteam")
            self.type_into(by_name(tab, "Rol", QLineEdit), "wijkcoach")
            self.click(tab, "Betrokkene toevoegen")
            yield "the new party", lambda: parties.rowCount() == before + 1 and self.idle()
            contacts = by_name(tab, "Contactmomenten", QTableWidget)
            before = contacts.rowCount()
            self.choose_row(parties, 0)
            self.type_into(by_name(tab, "Samenvatting contact", QLineEdit), "school gebeld")
            self.click(tab, "Contact vastleggen met geselecteerde betrokkene")
            yield "the contact", lambda: contacts.rowCount() == before + 1 and self.idle()

        def plan(self) -> Iterator[Step]:
            yield from self.go_to(4)
            tab = self.tab()
            goals = by_name(tab, "Doelen", QTableWidget)
            before = goals.rowCount()
            self.type_into(by_name(tab, "Doel in de woorden van het gezin", QLineEdit), "Rust")
            self.click(tab, "Doel toevoegen")
            yield "the new goal", lambda: goals.rowCount() == before + 1 and self.idle()
            self.choose_row(goals, 0)
            self.pick_next(by_name(tab, "Status van het doel", QComboBox))
            self.click(tab, "Status bijwerken")
            yield "the goal's status", self.idle
            agreements = by_name(tab, "Afspraken", QTableWidget)
            before = agreements.rowCount()
            self.type_into(by_name(tab, "Afspraak", QLineEdit), "Formulier invullen")
            self.click(tab, "Afspraak toevoegen")
            yield "the agreement", lambda: agreements.rowCount() == before + 1 and self.idle()
            self.choose_row(agreements, agreements.rowCount() - 1)
            self.click(tab, "Afspraak gedaan")
            yield "the agreement done", self.idle

        def notes(self) -> Iterator[Step]:
            yield from self.go_to(5)
            tab = self.tab()
            listed = by_name(tab, "Verslagen", QListWidget)
            before = listed.count()
            self.click(tab, "Nieuw verslag")
            self.type_into(by_name(tab, "Titel van het verslag", QLineEdit), "Huisbezoek")
            body = by_name(tab, "Tekst van het verslag", QPlainTextEdit)
            self.type_into(body, "Moeder vertelt over de week.")
            self.click(tab, "Verslag opslaan")
            yield "the note", lambda: listed.count() == before + 1 and self.idle()
            versions = by_name(tab, "Versies van het verslag")
            yield "the note's version", lambda: versions.count() == 1  # type: ignore[attr-defined]
            self.type_into(body, " Aangevuld.")
            self.click(tab, "Verslag opslaan")
            yield "the second version", lambda: versions.count() == 2  # type: ignore[attr-defined]

        def sync(self) -> Iterator[Step]:
            yield from self.go_to(0)
            self.key(self.window, Qt.Key.Key_F5)  # refresh the overview and sync
            yield (
                "the sync",
                lambda: (
                    self.window.sync.status.state is SyncState.IDLE
                    and not self.window.sync.status.waiting
                    and self.idle()
                ),
            )

    shown = MainWindow.show

    def show_and_start(window: MainWindow) -> None:
        shown(window)
        window.long_session = Day(window)  # type: ignore[attr-defined]

    MainWindow.show = show_and_start  # type: ignore[method-assign]
    return cli.main(["--data-dir", data_dir, "--log-dir", log_dir])


if __name__ == "__main__":
    sys.exit(main())
