"""A small bar chart drawn with QPainter (QtCharts is not part of PySide6-Essentials)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class BarChart(QWidget):
    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.values: list[float] = []
        self.labels: list[str] = []
        self.value_text: Callable[[float], str] = lambda v: f"{v:g}"
        self.maximum: float | None = None
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(
        self, values: list[float], labels: list[str], maximum: float | None = None
    ) -> None:
        self.values, self.labels, self.maximum = list(values), list(labels), maximum
        self.setAccessibleDescription(
            f"{self.title}: "
            + ", ".join(f"{k} {self.value_text(v)}" for k, v in zip(labels, values, strict=False))
        )
        self.update()

    def clear(self) -> None:
        self.set_data([], [])

    def sizeHint(self) -> QSize:
        return QSize(400, 180)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        rect = QRectF(self.rect()).adjusted(36, 24, -8, -22)
        painter.setPen(palette.text().color())
        painter.drawText(QRectF(0, 2, self.width(), 20), Qt.AlignmentFlag.AlignHCenter, self.title)
        if not self.values:
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("Nog geen gegevens"))
            return
        top = self.maximum or max(self.values) or 1.0
        painter.setPen(QPen(palette.mid().color()))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.drawText(
            QRectF(0, rect.top() - 8, 34, 16), Qt.AlignmentFlag.AlignRight, self.value_text(top)
        )
        painter.drawText(
            QRectF(0, rect.bottom() - 8, 34, 16), Qt.AlignmentFlag.AlignRight, self.value_text(0)
        )
        step = rect.width() / len(self.values)
        bar = QColor(41, 98, 163)
        every = max(1, int(60 / step))
        for i, value in enumerate(self.values):
            height = rect.height() * min(value, top) / top
            x = rect.left() + i * step
            painter.fillRect(
                QRectF(x + step * 0.1, rect.bottom() - height, step * 0.8, height), bar
            )
            if i % every == 0 and i < len(self.labels):
                painter.setPen(palette.text().color())
                painter.drawText(
                    QRectF(x - 20, rect.bottom() + 2, 60, 18),
                    Qt.AlignmentFlag.AlignLeft,
                    self.labels[i],
                )
        painter.end()
