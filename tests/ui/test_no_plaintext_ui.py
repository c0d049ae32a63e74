"""What a caseworker types in the window is never written in plaintext: not by drafts, the
settings, the log or Qt itself (the services' side: tests/test_no_plaintext.py)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from regiedesk.logging_setup import setup_logging
from regiedesk.services.families import FamilyService
from regiedesk.store import create_profile, open_profile
from regiedesk.ui.context import AppContext

from ..conftest import FAST_KDF
from ..test_no_plaintext import leaks
from .conftest import PASSPHRASE, TODAY, by_name
from .test_flows import WAIT, go_to_tab

FAMILY = "Gezin Zwanenburg-Oudekerk"
TYPED = "Vader vertelt over de schulden bij Kraaijeveld"
SEARCHED = "Zwanenburg"


def test_typed_text_reaches_no_file_in_plaintext(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, context: AppContext, open_window
) -> None:
    log_file = setup_logging(tmp_path / "logs")
    assert log_file is not None
    store = create_profile(context.data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    FamilyService(store, today=lambda: TODAY).add_family(name=FAMILY, status="actief")
    store.close()
    window = open_window(rows=1)
    search = by_name(window, "Zoeken op naam", QLineEdit)
    qtbot.keyClicks(search, SEARCHED)
    window.open_family(window.caseload.model.rows[0].family_id)
    tab = go_to_tab(qtbot, window, "Verslagen")
    qtbot.keyClicks(by_name(tab, "Tekst van het verslag", QPlainTextEdit), TYPED)  # a draft
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # lock
    qtbot.waitUntil(lambda: context.services is None and context.worker.idle, timeout=WAIT)
    window.close()  # keeps its geometry in the settings
    context.settings.sync()
    logging.getLogger("regiedesk").info("closed")

    assert (tmp_path / "settings.ini").exists() and log_file.stat().st_size > 0
    assert leaks(tmp_path, [FAMILY, TYPED, SEARCHED]) == []
    # and the typed text was written: the lock kept it as a draft, in the encrypted profile
    with open_profile(context.data_dir, PASSPHRASE) as reopened:
        assert [r["body"] for r in reopened.query("SELECT body FROM drafts")] == [TYPED]
