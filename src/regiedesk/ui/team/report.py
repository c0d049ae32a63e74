"""The Teamrapportage from the team workspace: from the figures on screen (the cached
snapshot), built and written with its audit event on the database thread, then offered
to open. The PDF goes only where the team leader chose to save it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...i18n import current_language
from ...services import Services
from ...services.team import TeamSnapshot

if TYPE_CHECKING:  # the reports (reportlab) load when a report is made, not at start
    from ...reports import Letterhead

AskPath = Callable[[QWidget, str], Path | None]


def ask_path(parent: QWidget, suggested: str) -> Path | None:
    """Where to save, by the file dialog (Documents first); None: cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("TeamReport", "Teamrapportage opslaan"),
        str(Path(folder) / suggested),
        QCoreApplication.translate("TeamReport", "PDF-bestanden (*.pdf)"),
    )
    if not path:
        return None
    target = Path(path)
    return target if target.suffix.lower() == ".pdf" else target.with_name(target.name + ".pdf")


def suggested_name(snapshot: TeamSnapshot) -> str:
    start, end = snapshot.period
    teams = " ".join(snapshot.overview["teams"])
    title = QCoreApplication.translate("TeamReport", "Teamrapportage")
    name = f"{title} {teams} {start.isoformat()} {end.isoformat()}"
    return "".join(c for c in name if c not in '<>:"/\\|?*') + ".pdf"


def report_job(
    snapshot: TeamSnapshot,
    target: Path,
    letterhead: Callable[[], Letterhead] | None,
    protected: Sequence[Path],
) -> Callable[[Services], Path]:
    """The job for the database thread: the PDF, written with its "print" event."""
    language = current_language()

    def job(services: Services) -> Path:
        from ...reports import render_team, write_report

        head = letterhead() if letterhead is not None else None
        report = render_team(snapshot.report_input(), language=language, letterhead=head)
        # the file dialog already asked whether to replace an existing file
        write_report(services.store, report, target, overwrite=True, protected=protected)
        return target

    return job


def offer_to_open(parent: QWidget, target: Path) -> QMessageBox:
    """Says where the report is and offers to open it (a box that does not block)."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("TeamReport", "Teamrapportage opgeslagen"),
        QCoreApplication.translate(
            "TeamReport",
            "De teamrapportage is opgeslagen als {0}. Dit bestand is niet versleuteld: bewaar "
            "het veilig. Wilt u het nu openen?",
        ).format(target),
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
        parent,
    )
    box.setObjectName("teamReportSaved")
    box.setDefaultButton(QMessageBox.StandardButton.Open)

    def answered(button: int) -> None:
        if button == QMessageBox.StandardButton.Open:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    box.finished.connect(answered)
    box.open()
    return box
