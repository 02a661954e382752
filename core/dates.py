"""Calendar arithmetic that the standard library leaves to the caller."""

import datetime


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later (earlier if negative).

    29 February becomes 1 March in a year without it: the day a person born on
    29 February turns a year older.
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return datetime.date(day.year + years, 3, 1)
