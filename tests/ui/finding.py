"""Finding widgets the way a user or a screen reader does: by accessible name or by text.

Free of pytest, so the long-session script (a process of its own) finds them the same way.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QWidget


def by_name(root: QWidget, name: str, kind: type = QWidget) -> QWidget:  # type: ignore[type-arg]
    """Find a visible widget the way a screen reader does: by its accessible name."""
    found = [
        w for w in root.findChildren(kind) if w.accessibleName() == name and w.isVisibleTo(root)
    ]
    assert found, f"no widget named {name!r}"
    return found[0]


def button(root: QWidget, text: str) -> QAbstractButton:
    found = [
        b
        for b in root.findChildren(QAbstractButton)
        if b.text().replace("&", "") == text and b.isVisibleTo(root)
    ]
    assert found, f"no button {text!r}"
    return found[0]
