"""Starting the desktop app: `regiedesk` without a sub-command."""

from __future__ import annotations

import argparse
import concurrent.futures.thread  # noqa: F401  (before PySide, see below)
import html  # noqa: F401  (before PySide, see below)
import locale  # noqa: F401  (before PySide, see below: argparse's messages load it in run)
import logging
import sys
import unicodedata  # noqa: F401  (before PySide, see below)
from pathlib import Path
from typing import Any

import platformdirs  # noqa: F401  (before PySide, see below: run's log folder)

from .. import __version__, i18n
from .. import paths as _paths  # noqa: F401
from ..errors import OrganisationFileError
from ..logging_setup import setup_logging
from ..organisation import load_organisation

# The core loads before PySide on purpose: PySide6 hooks __import__ and reads the source
# of every module imported after it (looking for `from __feature__`), about 5 ms here.
# So do the modules run() and the first screen load anyway: locale (argparse's messages,
# when run makes its parser), platformdirs (the log folder's default), the team service
# (the caseload's stand-in lines, the team leader's cached figures); and the plain modules
# the window's own load: the thread pools, html, unicodedata, paths, the session and the
# passphrase meter.
from ..services import indicators as _indicators  # noqa: F401
from ..services import team as _team  # noqa: F401
from ..store import profile as _profile  # noqa: F401
from ..store import strength as _strength  # noqa: F401
from ..sync import session as _session  # noqa: F401

log = logging.getLogger(__name__)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="regiedesk")
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--log-dir", type=Path, default=None)
    args, _ = parser.parse_known_args(argv)
    return args


def refuse_to_start(app: Any, language: i18n.Language, error: OrganisationFileError) -> int:
    """A bad organisation file: say so and stop, rather than run with half of it."""
    from PySide6.QtWidgets import QMessageBox

    from .translations import install_language

    log.error("organisation file %s refused (line %s): not started", error.path, error.line)
    install_language(app, language)
    title = i18n.pick("regiedesk kan niet starten", "regiedesk cannot start")
    QMessageBox.critical(None, title, error.message)
    return 1


def run(argv: list[str]) -> int:
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QApplication

    from .context import AppContext
    from .main_window import MainWindow
    from .settings import Settings
    from .translations import install_language
    from .worker import DbWorker

    args = parse(argv)
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName("regiedesk")
    app.setOrganizationName("regiedesk")
    # paths are resolved only now that the QApplication exists; the log never goes into
    # the data directory
    data_dir = args.data_dir or Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    )
    log_file = setup_logging(args.log_dir, data_dir=data_dir)
    try:
        organisation = load_organisation()
    except OrganisationFileError as error:
        return refuse_to_start(app, Settings().language, error)
    settings = Settings(organisation=organisation)
    log.info(
        "regiedesk %s started: data directory %s, settings %s, log %s, %s",
        __version__,
        data_dir,
        settings.location,
        log_file,
        organisation.describe(),
    )
    install_language(app, settings.language)
    worker = DbWorker()
    window = MainWindow(AppContext(data_dir=data_dir, settings=settings, worker=worker))
    window.show()
    log.info("window shown")
    code = app.exec()
    window.sync.shutdown()
    worker.shutdown()
    return int(code)
