"""Screenshots of every screen of the real app with the demo data, for the user guide.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python tools/screenshots.py [OUT_DIR]

Dates are pinned to 24-11-2026 so the pictures do not change from day to day.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from regiedesk.services import Services
from regiedesk.store import create_profile
from regiedesk.sync.protocol import Reason
from regiedesk.ui.context import PRACTICE_KDF as FAST_KDF
from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.settings import Settings
from regiedesk.ui.sync import SyncState, SyncStatus
from regiedesk.ui.translations import install_language
from regiedesk.ui.worker import DbWorker
from regiedesk.ui.workspace.drafts import new_draft_key, store_draft

# the stand-in server the tests use, for the picture of set-aside work
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.refusing import sync_with

TODAY = dt.date(2026, 11, 24)
clock = [dt.datetime(2026, 11, 24, 10, 30, tzinfo=dt.UTC)]  # pinned; moved on by hand


def refused_at() -> str:  # pinned, like the dates
    return "2026-11-24T10:12:00.000+00:00"


def settle(app: QApplication, worker: DbWorker, seconds: float = 0.3) -> None:
    end = time.monotonic() + 120
    while not worker.idle and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        app.processEvents()
        time.sleep(0.01)


def shoot(widget: QWidget, out: Path, name: str) -> None:
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)


def refuse_work_in(services: Services, family_id: str, scope: list[str]) -> None:
    """Work written in a family after its handover, refused and set aside by the engine."""
    sync_with(services.store, lambda m: None, scope, now=refused_at)
    services.hours.add_entry(family_id, date=TODAY, minutes=45, activity="huisbezoek")
    body = "Moeder belt de school over het verzuim."
    services.notes.add_note(family_id, title="Huisbezoek", body=body, visit_date=TODAY)
    sync_with(
        services.store,
        lambda m: (
            Reason.OUT_OF_SCOPE
            if m["family_id"] == family_id and m["entity"] != "families"
            else None
        ),
        [f for f in scope if f != family_id],
        now=refused_at,
    )


def shoot_family_forms(app: QApplication, worker: DbWorker, overview, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The family's form (as when closing it) and a member's form, from the Overzicht."""
    overview.edit_family()
    settle(app, worker, 0.3)
    family = overview.form
    family.status.setCurrentIndex(family.status.findData("afgesloten"))
    family.reason.setCurrentIndex(family.reason.findData("doelen_behaald"))
    settle(app, worker, 0.2)
    shoot(family, out, "23-gezinsgegevens")
    family.reject()
    overview.members.selectRow(0)
    overview.edit_member()
    settle(app, worker, 0.3)
    shoot(overview.form, out, "24-gezinslid")
    overview.form.reject()
    settle(app, worker, 0.2)


def shoot_booking(app: QApplication, worker: DbWorker, hours, out: Path) -> None:  # type: ignore[no-untyped-def]
    """Picture: "Stop en boek" asking for the activity of the running visit; not booked."""
    clock[0] += dt.timedelta(minutes=52)
    hours.book_timer()
    settle(app, worker, 0.3)
    shoot(hours.book_dialog, out, "31-stop-en-boek")
    hours.book_dialog.reject()
    settle(app, worker)
    clock[0] -= dt.timedelta(minutes=52)


def main() -> int:
    out = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).parents[1] / "docs" / "screenshots"
    )
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    install_language(app, "nl")  # as the app does at start: Dutch texts and calendar
    # a fixed folder, not a random one: the settings dialog shows the data folder
    tmp = Path(tempfile.gettempdir()) / "regiedesk-screenshots"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        settings = Settings(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        worker = DbWorker()
        context = AppContext(
            data_dir=Path(tmp) / "data",
            settings=settings,
            worker=worker,
            today=lambda: TODAY,
            now=lambda: clock[0],
        )
        window = MainWindow(context)
        window.resize(1360, 860)
        window.show()
        settle(app, worker)
        shoot(window, out, "01-eerste-start")
        start = window.start_page  # a passphrase that is long enough but quickly guessed
        start.first.setText("wachtwoord")
        start.second.setText("wachtwoord")
        start.create_button.click()
        settle(app, worker, 0.2)
        shoot(window, out, "28-wachtwoord-te-makkelijk")
        start.clear()
        window.open_practice()
        settle(app, worker, 1.0)
        shoot(window, out, "02-mijn-gezinnen")
        window.show_my_week()
        settle(app, worker, 0.5)
        shoot(window, out, "27-mijn-week")
        window.show_caseload()
        settle(app, worker, 0.5)
        rows = window.caseload.model.rows
        family = next(r for r in rows if r.status == "actief" and r.minutes_this_week)
        window.open_family(family.family_id)
        settle(app, worker, 0.5)
        assert window.workspace is not None
        names = [
            "03-overzicht",
            "04-uren",
            "05-leefgebieden",
            "06-netwerk",
            "07-plan",
            "08-verslagen",
        ]
        for index, name in enumerate(names):
            window.workspace.setCurrentIndex(index)
            settle(app, worker, 0.5)
            if name == "04-uren":  # a visit in its first minute: seconds, tab and status bar
                tab = window.workspace.current_tab()
                tab.start_timer()
                settle(app, worker, 0.3)
                clock[0] += dt.timedelta(seconds=35)
                window.refresh_timer_label()
                settle(app, worker, 0.2)
            if name == "05-leefgebieden":
                tab = window.workspace.current_tab()
                tab.instrument.setCurrentIndex(tab.instrument.findData("zrm_huishoudens"))
                settle(app, worker, 0.3)
            if name == "08-verslagen":
                tab = window.workspace.current_tab()
                key = new_draft_key(tab.family_id)
                context.run(  # a new note not saved yet: a concept at the top of the list
                    lambda s, k=key: store_draft(s, k, "Gesprek met de mentor", "Mentor belde over")
                )
                settle(app, worker)
                tab.refresh()
                settle(app, worker, 0.3)
                tab.list.setCurrentRow(1)  # the newest saved note, its versions beside it
                settle(app, worker, 0.3)
                tab.history.setCurrentRow(tab.history.count() - 1)
                settle(app, worker, 0.2)
            if name == "06-netwerk":
                tab = window.workspace.current_tab()
                tab.parties.selectRow(0)
                tab.contact_mode.setCurrentIndex(tab.contact_mode.findData("telefoon"))
                tab.summary.setText("Gebeld over de schoolgang")
                tab.contact_minutes.setText("0:20")  # booked as hours with the contact
                settle(app, worker, 0.2)
            shoot(window, out, name)
            if name == "04-uren":  # the date field's calendar, in regiedesk's language
                calendar = window.workspace.current_tab().date.calendarWidget()
                calendar.resize(calendar.sizeHint())
                settle(app, worker, 0.2)
                shoot(calendar, out, "30-kalender")
            if name == "04-uren":  # "Stop en boek" asks first: the running visit's question
                shoot_booking(app, worker, window.workspace.current_tab(), out)
            if name == "04-uren":  # gone again: the other pictures show no visit
                running = window.running_timer
                context.run(lambda s, t=running.id: s.timer.discard(t))
                clock[0] -= dt.timedelta(seconds=35)
                window.refresh_timer()
                settle(app, worker, 0.3)
            if name == "06-netwerk":
                tab.summary.clear()
                tab.contact_minutes.clear()
                tab.contact_mode.setCurrentIndex(0)
            if name == "03-overzicht":
                shoot_family_forms(app, worker, window.workspace.current_tab(), out)
        notes_tab = window.workspace.current_tab()
        note_id = notes_tab.current.note.id

        def clash(services):  # type: ignore[no-untyped-def]
            shown = services.notes.latest_revision(note_id)
            first = shown.body.split("\n")[0]
            versions = (
                ["Oma was er ook bij.", first, "Moeder belt dinsdag terug."],
                [first, "Afspraak met school verzet naar volgende week."],
            )
            for lines in versions:  # a minute apart: which one is newest is then fixed
                clock[0] += dt.timedelta(minutes=1)
                services.notes.revise_note(note_id, body="\n".join(lines), parent_id=shown.id)

        context.run(clash)
        settle(app, worker)
        notes_tab.list.setCurrentRow(-1)
        notes_tab.list.setCurrentRow(1)
        settle(app, worker, 0.3)
        window.show_sync_status(
            SyncStatus(
                SyncState.IDLE, waiting=2, conflicts=1, last_sync=dt.datetime(2026, 11, 24, 9, 58)
            )
        )
        settle(app, worker, 0.3)
        shoot(window, out, "11-twee-versies")
        notes_tab.open_merge()
        settle(app, worker, 0.5)
        notes_tab.merge_dialog.resize(1100, 640)
        settle(app, worker, 0.2)
        shoot(notes_tab.merge_dialog, out, "12-samenvoegen")
        notes_tab.merge_dialog.reject()
        handed_over = next(r.family_id for r in rows if r.family_id != family.family_id)
        context.run(lambda s: refuse_work_in(s, handed_over, [r.family_id for r in rows]))
        settle(app, worker)
        window.open_rejected()
        settle(app, worker, 0.5)
        assert window.rejected_dialog is not None
        window.rejected_dialog.table.selectRow(0)
        settle(app, worker, 0.2)
        shoot(window.rejected_dialog, out, "14-apart-gezet")
        window.rejected_dialog.reject()
        window.open_family(family.family_id)
        settle(app, worker)
        window.open_report()
        settle(app, worker, 0.5)
        report = window.report_dialog
        assert report is not None
        report.kind.setCurrentIndex(report.kind.findData("progress"))
        report.text.setPlainText(
            "Het gezin heeft de schulden in beeld. De kinderen gaan weer elke dag naar school."
        )
        report.notes.item(0).setCheckState(Qt.CheckState.Checked)
        settle(app, worker, 0.3)
        shoot(report, out, "19-rapport-afdrukken")
        report.accept()  # leaves no draft behind in the pictures' profile
        window.open_settings()
        settle(app, worker)
        shoot(window.settings_dialog, out, "09-instellingen")
        window.settings_dialog.reject()
        # a profile of one's own by now, so locking shows the passphrase page
        own = "een eigen wachtwoord"
        create_profile(context.data_dir, own, user="regisseur", kdf=FAST_KDF)
        window.lock()
        settle(app, worker)
        # one's own profile, not linked yet: the status bar and F5 say so; connecting
        window.unlock_page.passphrase.setText(own)
        window.unlock_page.button.click()
        settle(app, worker, 0.5)
        window.refresh_and_sync()
        settle(app, worker, 0.2)
        shoot(window, out, "29-niet-gekoppeld")
        window.open_connect()
        settle(app, worker)
        shoot(window.connect_dialog, out, "13-koppelen")
        window.connect_dialog.reject()
        window.lock()
        settle(app, worker)
        for attempt in range(3):  # the third wrong one: a wait that counts down
            window.unlock_page.passphrase.setText(f"verkeerd wachtwoord {attempt}")
            window.unlock_page.button.click()
            settle(app, worker)
        shoot(window, out, "10-vergrendeld")
        window.close()
        settle(app, worker)
        worker.shutdown()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
