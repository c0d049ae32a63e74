"""Qt values the start path needs without PySide's `Qt` namespace.

The first use of `PySide6.QtCore.Qt` makes all its 93 enums (1,195 members) as Python
enums at once: about 21 ms, a tenth of the window's start. The widgets on the way to the
first paint (the unlock page, the caseload, the team workspace) set their few values of
it by Qt's own names through the property system, or use the roles' numbers; the
caseload keeps its cells in Qt's own model and switches its header's sorting on after
the first paint (both take a Qt enum). tests/ui/test_first_screen_cost.py keeps the
start from loading the namespace.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence

# item data takes its role as an int
TEXT_ALIGNMENT_ROLE = 7  # Qt.ItemDataRole.TextAlignmentRole
USER_ROLE = 256  # Qt.ItemDataRole.UserRole
SORT_ROLE = USER_ROLE + 1  # the caseload's sort keys
ALIGN_RIGHT = 0x0002 | 0x0080  # Qt.AlignmentFlag.AlignRight | AlignVCenter, as an int
KEY_DOWN = 0x01000015  # Qt.Key.Key_Down: QKeyEvent.key() is an int


def set_properties(widget: QObject, **values: object) -> None:
    """Set properties through Qt's property system, enums and flags by their Qt names:
    ``alignment="AlignCenter"``. (`QAction.setShortcut` and the `QKeySequence`
    constructor load the namespace when PySide weighs their overloads.)"""
    for name, value in values.items():
        if not widget.setProperty(name, value):
            raise ValueError(f"{type(widget).__name__} has no property {name} = {value}")


def key_sequence(key: str | QKeySequence.StandardKey) -> QKeySequence:
    """What ``QKeySequence(key)`` makes: a text as native text, a standard key as its
    first binding."""
    if isinstance(key, str):
        return QKeySequence.fromString(key, QKeySequence.SequenceFormat.NativeText)
    return QKeySequence.keyBindings(key)[0]
