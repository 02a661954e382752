"""Geometry for bar charts drawn as inline SVG by templates/includes/bar_chart.html. Pure.

No chart library and nothing fetched from outside: the server computes the bars.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats

LABEL_WIDTH = 190
BAR_AREA = 380
VALUE_WIDTH = 70
BAR_HEIGHT = 18
ROW_HEIGHT = 26
TOP = 6


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    display: str
    y: int
    text_y: int
    width: int
    # An optional limit per bar (a coordinator's capacity), drawn as a marker.
    limit_x: int | None = None
    over: bool = False


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    bar_x: int
    value_x: int
    bar_height: int


def bar_chart(
    title: str,
    rows: list[tuple[str, float | None]],
    *,
    unit: str = "",
    limits: list[int] | None = None,
) -> BarChart:
    """Horizontal bars, one per (label, value), on one scale starting at zero.

    A value of None (no data) draws no bar and shows a dash, unlike a real zero.
    With `limits` (one per row) each bar gets a marker at its limit, shows
    "value / limit", and is flagged when it goes over.
    """
    limits = limits or [None] * len(rows)
    scale = max(
        [1, *(v for _, v in rows if v is not None), *(lim for lim in limits if lim is not None)]
    )
    bars = []
    for i, ((label, value), limit) in enumerate(zip(rows, limits, strict=True)):
        y = TOP + i * ROW_HEIGHT
        over = limit is not None and value is not None and value > limit
        if value is None:
            display, width = "–", 0
        else:
            # Through the locale: a decimal comma in Norwegian ("20,5 d").
            shown = formats.number_format(
                Decimal(f"{value:g}") if isinstance(value, float) else value
            )
            display, width = f"{shown}{unit}", max(0, round(value / scale * BAR_AREA))
        if limit is not None:
            display = f"{display} / {limit}{' !' if over else ''}"
        bars.append(
            Bar(
                label=label,
                value=value,
                display=display,
                y=y,
                text_y=y + BAR_HEIGHT - 4,
                width=width,
                limit_x=None if limit is None else LABEL_WIDTH + round(limit / scale * BAR_AREA),
                over=over,
            )
        )
    return BarChart(
        title=title,
        bars=tuple(bars),
        width=LABEL_WIDTH + BAR_AREA + VALUE_WIDTH,
        height=TOP * 2 + max(1, len(rows)) * ROW_HEIGHT,
        bar_x=LABEL_WIDTH,
        value_x=LABEL_WIDTH + BAR_AREA + 6,
        bar_height=BAR_HEIGHT,
    )
