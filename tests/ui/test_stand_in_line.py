"""Issue 10, 3: a caseworker sees which of their families are on stand-in, and which they
hold as a stand-in, above the caseload; a lock clears it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from regiedesk.services.team import StandInLine
from regiedesk.ui.caseload import CaseloadPage


def test_the_caseload_names_the_stand_ins(qtbot: Any) -> None:
    page = CaseloadPage()
    qtbot.addWidget(page)
    assert not page.stand_ins.isVisibleTo(page)
    week = (dt.date(2026, 12, 1), dt.date(2026, 12, 8))
    page.set_stand_ins(
        [
            StandInLine("f1", "Gezin Jansen", "bert", *week, held=False),
            StandInLine("f2", "Gezin Pietersen", "anna", *week, held=True),
        ]
    )
    text = page.stand_ins.text()
    assert page.stand_ins.isVisibleTo(page)
    assert "Gezin Jansen wordt waargenomen door bert (01-12-2026 tot en met 08-12-2026)" in text
    assert "U neemt waar voor Gezin Pietersen" in text
    page.clear()
    assert page.stand_ins.text() == "" and not page.stand_ins.isVisibleTo(page)
