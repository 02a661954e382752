"""Figures for the KE's overview ("Oversikt"). Pure: rows in, figures out."""

import datetime
import math
from dataclasses import dataclass


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0-100) of the values, or None for none."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def months_back(today: datetime.date, count: int) -> list[datetime.date]:
    """The first day of this month and the count - 1 months before it, oldest first."""
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append(datetime.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


@dataclass(frozen=True)
class MonthlyProcessing:
    month: datetime.date
    decided: int
    median_days: float | None
    p90_days: float | None


def processing_times(
    sent: list[tuple[datetime.date, int]], months: list[datetime.date]
) -> list[MonthlyProcessing]:
    """Days from received to decision (each decision's sent day and its days), grouped by
    the month of the decision."""
    by_month: dict[datetime.date, list[int]] = {m: [] for m in months}
    for sent_on, days in sent:
        key = sent_on.replace(day=1)
        if key in by_month:
            by_month[key].append(days)
    return [
        MonthlyProcessing(
            month=m,
            decided=len(days),
            median_days=percentile(days, 50),
            p90_days=percentile(days, 90),
        )
        for m, days in by_month.items()
    ]
