"""Charts for the reports (reportlab.graphics), labelled in the reports' own font."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import cm

from .document import ACCENT, CONTENT_WIDTH, MUTED, RULE
from .fonts import FAMILY
from .words import Words

FIRST = colors.HexColor("#9aa5b1")
SCALE_MAX = 5


def score_pair(first: int, latest: int, *, width: float = 4.2 * cm) -> Drawing:
    """Two bars on the 1-5 scale: the first score (grey) above the latest (coloured)."""
    height = 0.75 * cm
    drawing = Drawing(width, height)
    step = width / SCALE_MAX
    for tick in range(SCALE_MAX + 1):
        drawing.add(Line(tick * step, 0, tick * step, height, strokeColor=RULE, strokeWidth=0.4))
    bar = height * 0.32
    drawing.add(Rect(0, height - bar - 1, first * step, bar, fillColor=FIRST, strokeColor=None))
    drawing.add(Rect(0, 1, latest * step, bar, fillColor=ACCENT, strokeColor=None))
    return drawing


def _month_ticks(days: Sequence[dt.date], words: Words, most: int = 9) -> list[tuple[int, str]]:
    """Indexes of the first point in each month (thinned to at most ``most``), labelled."""
    firsts = [
        (i, d)
        for i, d in enumerate(days)
        if i == 0 or (d.year, d.month) != (days[i - 1].year, days[i - 1].month)
    ]
    every = max(1, -(-len(firsts) // most))
    return [
        (i, f"{words.month(d.year, d.month)[:3]} '{d.year % 100:02d}") for i, d in firsts[::every]
    ]


def time_series(
    points: Sequence[tuple[dt.date, float]],
    *,
    words: Words,
    unit: str,
    height: float = 5.2 * cm,
    width: float = CONTENT_WIDTH,
) -> Drawing:
    """A line over dated points (weeks), with month labels and a y axis from zero."""
    drawing = Drawing(width, height)
    plot = LinePlot()
    plot.x, plot.y = 1.3 * cm, 0.9 * cm
    plot.width, plot.height = width - 1.6 * cm, height - 1.4 * cm
    days = [d for d, _ in points]
    plot.data = [[(i, float(v)) for i, (_, v) in enumerate(points)]]
    plot.lines[0].strokeColor = ACCENT
    plot.lines[0].strokeWidth = 1.4
    ticks = _month_ticks(days, words)
    labels = dict(ticks)
    x = plot.xValueAxis
    x.valueMin, x.valueMax = 0, max(1, len(points) - 1)
    x.valueSteps = [i for i, _ in ticks]
    x.labelTextFormat = lambda value: labels.get(round(value), "")
    y = plot.yValueAxis
    top = max((v for _, v in points), default=0.0)
    y.valueMin, y.valueMax = 0, max(1.0, top * 1.1)
    for axis in (x, y):
        axis.labels.fontName = FAMILY
        axis.labels.fontSize = 7
        axis.labels.fillColor = MUTED
        axis.strokeColor = RULE
    y.visibleGrid = True
    y.gridStrokeColor = colors.HexColor("#e4e7eb")
    y.gridStrokeWidth = 0.4
    x.labels.angle = 0
    drawing.add(plot)
    drawing.add(String(0, height - 0.35 * cm, unit, fontName=FAMILY, fontSize=7, fillColor=MUTED))
    return drawing


def horizontal_bars(
    values: Sequence[tuple[str, float]],
    *,
    unit: str,
    width: float = CONTENT_WIDTH,
    bar_height: float = 0.42 * cm,
) -> Drawing:
    """One labelled bar per row (a caseworker's hours, say), the first at the top."""
    names = [name for name, _ in values]
    label_width = min(5.5 * cm, max(2.0 * cm, max((len(n) for n in names), default=0) * 0.17 * cm))
    height = bar_height * len(values) + 1.3 * cm
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 0.8 * cm
    chart.width, chart.height = width - label_width - 0.4 * cm, bar_height * len(values)
    chart.data = [[float(v) for _, v in reversed(values)]]
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.categoryAxis.categoryNames = list(reversed(names))
    chart.categoryAxis.labels.fontName = FAMILY
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.strokeColor = RULE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = FAMILY
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e4e7eb")
    chart.barSpacing = 1
    drawing.add(chart)
    drawing.add(String(label_width, 0, unit, fontName=FAMILY, fontSize=7, fillColor=MUTED))
    return drawing
