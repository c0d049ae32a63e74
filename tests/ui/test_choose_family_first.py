"""Ctrl+P, the trail and Ctrl+U with no family open or chosen: one hint, nothing opens."""

from __future__ import annotations

from pathlib import Path

from regiedesk import i18n
from regiedesk.store import create_profile
from regiedesk.ui.context import AppContext

from ..conftest import FAST_KDF
from .conftest import PASSPHRASE


def test_each_family_action_asks_for_a_family_first(  # type: ignore[no-untyped-def]
    qtbot, context: AppContext, open_window
) -> None:
    create_profile(Path(context.data_dir), PASSPHRASE, user="t", kdf=FAST_KDF).close()
    window = open_window(rows=0)
    for action in (window.act_report, window.act_trail, window.act_new_hours):
        window.statusBar().clearMessage()
        action.trigger()
        assert window.statusBar().currentMessage() == "Kies eerst een gezin."
        assert window.workspace is None
    assert window.report_dialog is None
    window.set_language("en")
    try:
        window.act_report.trigger()
        assert window.statusBar().currentMessage() == "Choose a family first."
    finally:
        window.set_language("nl")
        i18n.set_language(None)
