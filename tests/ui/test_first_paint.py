"""Work that waits for the first paint: the workspace's modules load once the caseload
is on screen, not when the first family is opened (bench/ui.py's max_stall_ms)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QLabel

from regiedesk import ui
from regiedesk.demo import generate_demo
from regiedesk.store import create_profile
from regiedesk.ui.context import AppContext
from regiedesk.ui.first_paint import AfterFirstPaint

from ..conftest import FAST_KDF, TODAY
from .conftest import PASSPHRASE


def test_the_call_waits_for_the_first_paint_and_comes_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel("regiedesk")
    qtbot.addWidget(label)
    calls: list[int] = []
    AfterFirstPaint(label, lambda: calls.append(1))
    qtbot.wait(50)
    assert calls == []  # never shown, never painted
    label.show()
    qtbot.waitUntil(lambda: calls == [1])
    label.update()
    label.repaint()
    qtbot.wait(50)
    assert calls == [1]


def test_the_workspace_modules_load_once_the_caseload_shows(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, context: AppContext, open_window
) -> None:
    with create_profile(Path(context.data_dir), PASSPHRASE, user="t", kdf=FAST_KDF) as store:
        generate_demo(store, today=TODAY)
    # as in a fresh process: nothing has loaded the workspace yet (put back afterwards,
    # the package's attribute too, so later tests see the modules they imported)
    monkeypatch.setattr(ui, "workspace", getattr(ui, "workspace", None), raising=False)
    for name in [n for n in sys.modules if n.startswith("regiedesk.ui.workspace")]:
        monkeypatch.delitem(sys.modules, name)
    window = open_window()
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() > 0)
    qtbot.waitUntil(lambda: "regiedesk.ui.workspace" in sys.modules, timeout=5000)
    assert window.workspace is None  # loaded, not opened
