"""Geometry for the caseload bar chart, drawn as inline SVG by the template. Pure."""

from dataclasses import dataclass

LABEL_WIDTH = 200
BAR_AREA = 400
VALUE_WIDTH = 80
BAR_HEIGHT = 18
ROW_HEIGHT = 28
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    capacity: int
    y: int
    text_y: int
    width: int
    capacity_x: int
    over: bool


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    bar_x: int
    value_x: int
    bar_height: int


def bar_chart(rows: list[tuple[str, int, int]]) -> Chart:
    """rows: (label, active cases, capacity). Bars share one scale; over capacity is marked."""
    scale = max([1, *(max(value, capacity) for _, value, capacity in rows)])
    bars = []
    for i, (label, value, capacity) in enumerate(rows):
        y = TOP + i * ROW_HEIGHT
        bars.append(
            Bar(
                label=label,
                value=value,
                capacity=capacity,
                y=y,
                text_y=y + BAR_HEIGHT - 4,
                width=round(value / scale * BAR_AREA),
                capacity_x=LABEL_WIDTH + round(capacity / scale * BAR_AREA),
                over=value > capacity,
            )
        )
    return Chart(
        bars=tuple(bars),
        width=LABEL_WIDTH + BAR_AREA + VALUE_WIDTH,
        height=TOP * 2 + len(rows) * ROW_HEIGHT,
        bar_x=LABEL_WIDTH,
        value_x=LABEL_WIDTH + BAR_AREA + 8,
        bar_height=BAR_HEIGHT,
    )
