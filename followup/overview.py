"""Figures for the KE's overview ("Oversikt"). Pure: rows in, figures out."""

import datetime
import math
from collections import Counter
from dataclasses import dataclass


def percentile(counts: dict[int, int], p: float) -> int | None:
    """Nearest-rank percentile (p in 0-100) of values given as {value: how many}, or None
    for none: the same as over the values listed one by one."""
    total = sum(counts.values())
    if not total:
        return None
    rank, seen = max(1, math.ceil(p / 100 * total)), 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= rank:
            break
    return value


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
    sent: list[tuple[datetime.date, int | None, int]], months: list[datetime.date]
) -> list[MonthlyProcessing]:
    """Days from received to decision, by the month of the decision: `sent` holds (a day
    in the month the decisions were sent, their days to decision, how many), so a year
    of a city's decisions arrives as a few hundred rows, not one per decision. A decision
    whose days are not yet worked out (None: the nightly scan fills them in) counts as
    decided, not in the percentiles."""
    decided: Counter[datetime.date] = Counter()
    by_month: dict[datetime.date, Counter[int]] = {m: Counter() for m in months}
    for sent_on, days, n in sent:
        key = sent_on.replace(day=1)
        if key in by_month:
            decided[key] += n
            if days is not None:
                by_month[key][days] += n
    return [
        MonthlyProcessing(
            month=m,
            decided=decided[m],
            median_days=percentile(days, 50),
            p90_days=percentile(days, 90),
        )
        for m, days in by_month.items()
    ]
