"""Bar charts as plain numbers for an SVG template: no charting library, no JavaScript.

Each bar has its label above it and its number beside it, so that neither colour nor length
alone carries the figure; the table next to the chart holds the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# The drawing's own units (the SVG scales to the page): label line, bar, gap.
WIDTH = 600
BAR_SPACE = 480
ROW = 44
LABEL_Y = 14
BAR_Y = 20
BAR_HEIGHT = 16


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: str
    top: int
    width: int

    @property
    def label_y(self) -> int:
        return self.top + LABEL_Y

    @property
    def bar_y(self) -> int:
        return self.top + BAR_Y

    @property
    def value_x(self) -> int:
        return self.width + 6

    @property
    def value_y(self) -> int:
        return self.top + BAR_Y + BAR_HEIGHT - 3


@dataclass(frozen=True, slots=True)
class Chart:
    bars: tuple[Bar, ...]
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return len(self.bars) * ROW


def bar_chart(points: list[tuple[str, Decimal, str]]) -> Chart:
    """A horizontal bar per (label, value, value as shown); the longest bar is the largest."""
    largest = max((value for _label, value, _shown in points), default=Decimal(0))
    bars = tuple(
        Bar(
            label=label,
            value=shown,
            top=index * ROW,
            width=int(value / largest * BAR_SPACE) if largest > 0 else 0,
        )
        for index, (label, value, shown) in enumerate(points)
    )
    return Chart(bars)
