"""Geometry for small server-rendered SVG charts: no library, no script, no CDN.

The templates draw these shapes with presentation attributes; the numbers are also given
as text next to each chart, so the charts are never the only way to read them.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 640
ROW = 30  # height of one row of a horizontal bar chart
LABELS = 170  # width of the label column of a horizontal bar chart
COLUMN_LABELS = 36  # height of the labels under a vertical bar chart


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def above(self) -> float:
        """Where a value written over a vertical bar sits."""
        return round(self.y - 6, 1)

    @property
    def after(self) -> float:
        """Where a value written after a horizontal bar starts."""
        return round(self.x + self.width + 8, 1)

    @property
    def text_y(self) -> float:
        """The baseline of text beside a horizontal bar."""
        return round(self.y + self.height / 2 + 5, 1)


@dataclass(frozen=True)
class Chart:
    slug: str  # unique on the page: ids for <title> and <desc>
    title: str
    description: str
    width: int
    height: int
    bars: list[Bar]

    @property
    def axis_y(self) -> int:
        return self.height - COLUMN_LABELS

    @property
    def label_y(self) -> int:
        return self.height - 14

    @property
    def is_empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def columns(slug: str, title: str, data: list[tuple[str, int]], height: int = 220) -> Chart:
    """A vertical bar per item, labels underneath (e.g. conversations per week)."""
    top = 24
    plot = height - top - COLUMN_LABELS
    slot = WIDTH / max(len(data), 1)
    peak = max([value for _, value in data] + [1])
    bars = [
        Bar(
            label=label,
            value=value,
            x=round(index * slot + slot * 0.15, 1),
            y=round(top + plot - plot * value / peak, 1),
            width=round(slot * 0.7, 1),
            height=round(plot * value / peak, 1),
        )
        for index, (label, value) in enumerate(data)
    ]
    return Chart(slug, title, _describe(title, data), WIDTH, height, bars)


def rows(slug: str, title: str, data: list[tuple[str, int]]) -> Chart:
    """A horizontal bar per item, labels on the left (e.g. opportunities by stage)."""
    space = WIDTH - LABELS - 48  # room on the right for the value
    peak = max([value for _, value in data] + [1])
    bars = [
        Bar(
            label=label,
            value=value,
            x=LABELS,
            y=index * ROW + 6,
            width=round(space * value / peak, 1),
            height=ROW - 12,
        )
        for index, (label, value) in enumerate(data)
    ]
    return Chart(slug, title, _describe(title, data), WIDTH, max(len(data), 1) * ROW, bars)


def shares(slug: str, title: str, data: list[tuple[str, int]]) -> Chart:
    """One bar split into parts of a whole (e.g. hidden and advertised leads)."""
    total = sum(value for _, value in data) or 1
    bars, x = [], 0.0
    for label, value in data:
        width = round(WIDTH * value / total, 1)
        bars.append(Bar(label=label, value=value, x=x, y=0, width=width, height=32))
        x += width
    return Chart(slug, title, _describe(title, data), WIDTH, 32, bars)


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _describe(title: str, data: list[tuple[str, int]]) -> str:
    return f"{title}: " + "; ".join(f"{label} {value}" for label, value in data) + "."
