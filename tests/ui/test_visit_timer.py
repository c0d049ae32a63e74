"""The visit timer: seconds in its first minute, one value in the Uren tab and the status
bar at every tick, and a glyph that the shipped font has."""

from __future__ import annotations

import datetime as dt
from importlib import resources

from PySide6.QtGui import QFont, QFontMetrics, QRawFont

from regiedesk.ui.fonts import SHIPPED, shipped_family
from regiedesk.ui.format import TIMER_GLYPH, elapsed_text, next_tick_ms
from regiedesk.ui.main_window import MainWindow

from .conftest import Clock
from .test_flows import family_window, start_visit

__all__ = ["family_window"]
WAIT = 15_000


def test_elapsed_text_and_the_next_tick() -> None:
    assert [elapsed_text(s) for s in (0, 1, 35, 59, 60, 61, 119, 5400)] == [
        "0 s", "1 s", "35 s", "59 s", "0:01", "0:01", "0:01", "1:30",
    ]  # fmt: skip
    assert [next_tick_ms(s) for s in (0, 59, 60, 61, 119, 150)] == [
        1000, 1000, 60_000, 59_000, 1000, 30_000,
    ]  # fmt: skip


def test_seconds_first_and_the_same_time_in_tab_and_status_bar(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, clock: Clock
) -> None:
    window = family_window
    tab = start_visit(qtbot, window)
    assert window.timer_label.text() == f"{TIMER_GLYPH} Bezoek loopt: 0 s"
    for seconds, shown in ((35, "35 s"), (59, "59 s"), (60, "0:01"), (150, "0:02")):
        clock.value = tab.timer.started_at + dt.timedelta(seconds=seconds)  # type: ignore[union-attr]
        window.timer_tick.timeout.emit()  # the tick, as its timer fires
        assert window.timer_label.text() == f"{TIMER_GLYPH} Bezoek loopt: {shown}"
        assert tab.timer_state.text() == f"Bezoek loopt: {shown}"
        assert window.timer_tick.interval() == next_tick_ms(seconds)
    window.set_language("en")
    qtbot.waitUntil(lambda: "Visit running" in window.timer_label.text(), timeout=WAIT)
    assert window.timer_label.text().endswith(": 0:02")
    assert tab.timer_state.text() == "Visit running: 0:02"
    window.set_language("nl")


def test_the_glyph_is_in_the_shipped_font(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    path = resources.files("regiedesk") / "resources" / "fonts" / SHIPPED
    raw = QRawFont(str(path), 12)
    assert raw.isValid() and raw.supportsCharacter(ord(TIMER_GLYPH))
    assert not raw.supportsCharacter(0x23F1)  # the stopwatch shown before: not in it
    family = shipped_family()
    assert family is not None
    assert QFontMetrics(QFont(family)).inFontUcs4(ord(TIMER_GLYPH))
    window = family_window
    start_visit(qtbot, window)
    assert family in window.timer_label.font().families()
