"""F1 opens the user guide shipped with the app (not the About box)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument

from regiedesk.ui.guide import GuideWindow, guide_file
from regiedesk.ui.main_window import MainWindow


def test_f1_opens_the_shipped_guide(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.guide_window
    assert isinstance(guide, GuideWindow)
    qtbot.waitUntil(guide.isVisible, timeout=5000)
    assert window.about_box is None
    assert guide.browser.source().toLocalFile() == str(guide_file())
    text = guide.browser.toPlainText()
    assert text.startswith("regiedesk: gebruikershandleiding") and "Ctrl+L" in text
    assert guide.windowTitle() == "Handleiding"
    assert not guide.note.isVisible()  # the guide is in the interface's language
    picture = guide.browser.loadResource(
        QTextDocument.ResourceType.ImageResource.value, QUrl("screenshots/01-eerste-start.png")
    )
    assert picture  # the screenshots are found beside the page
    qtbot.keyClick(window, Qt.Key.Key_F1)  # again: the same window, not a second one
    assert window.guide_window is guide


def test_in_english_the_guide_says_it_is_dutch(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.set_language("en")
    window.show_help()
    guide = window.guide_window
    assert guide is not None
    qtbot.waitUntil(guide.isVisible, timeout=5000)
    assert guide.windowTitle() == "User guide"
    assert guide.note.isVisible() and "Dutch" in guide.note.text()
    window.set_language("nl")  # the switch reaches the open window as well
    qtbot.waitUntil(lambda: guide.windowTitle() == "Handleiding", timeout=5000)
    assert not guide.note.isVisible()
