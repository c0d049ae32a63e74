"""Helpers of the error-path tests: reading the message a user sees, making storage fail."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QMessageBox,
    QWidget,
)

from regiedesk.errors import StorageUnavailable
from regiedesk.ui.main_window import MainWindow

from .conftest import button
from .test_flows import WAIT

# Fragments that only an English or a technical message would contain.
NOT_DUTCH = ("Fill in", "Enter the", "Choose", "Traceback", " the ", "Exception", "Error:")


# --- helpers -------------------------------------------------------------------------------


def error_boxes(root: QWidget) -> list[QMessageBox]:
    return [
        box
        for box in root.findChildren(QMessageBox)
        if box.isVisible() and box.accessibleName() == "Foutmelding"
    ]


def read_error(qtbot, root: QWidget, timeout: int = WAIT) -> str:  # type: ignore[no-untyped-def]
    """Wait for the one error box, check it reads as Dutch, close it as a user would."""
    qtbot.waitUntil(lambda: len(error_boxes(root)) > 0, timeout=timeout)
    boxes = error_boxes(root)
    assert len(boxes) == 1, [b.text() for b in boxes]
    box = boxes[0]
    text = box.text()
    assert box.windowTitle() == "Niet gelukt"
    assert text.strip(), "an empty message"
    for fragment in NOT_DUTCH:
        assert fragment not in text, f"not a Dutch message: {text!r}"
    box.accept()  # the user clicks OK
    qtbot.waitUntil(lambda: not error_boxes(root), timeout=WAIT)
    return text


def assert_logged_without(caplog: pytest.LogCaptureFixture, kind: str, *typed: str) -> None:
    """The failure is in the log by its kind; nothing the user typed is."""
    messages = [record.getMessage() for record in caplog.records]
    assert any(kind in m for m in messages), messages
    for text in typed:
        assert text not in caplog.text, f"client text {text!r} in the log"
        for record in caplog.records:
            assert text not in record.getMessage()
            if record.exc_info and record.exc_info[1] is not None:
                assert text not in str(record.exc_info[1])


def idle(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.context.worker.idle, timeout=WAIT)


def failing(error: BaseException) -> Callable[..., Any]:
    """A service method that fails the way a broken disk or database makes it fail."""

    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise error

    return fail


def disk_full(window: MainWindow) -> StorageUnavailable:
    return StorageUnavailable(str(window.context.data_dir), "full")


def click(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button(widget, text), Qt.MouseButton.LeftButton)


def set_date(edit: QDateEdit, day: dt.date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


@pytest.fixture
def log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    return caplog
