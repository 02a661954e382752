"""Complaint deadline arithmetic (klagefrist), free of Django.

The complaint deadline under pbrl § 7-5 is 4 weeks from the day the decision was received.
forvaltningsloven has no computation rule of its own; its drafters modelled it on
domstolloven:

* dl § 148(2): a deadline counted in weeks ends on the same weekday as the start day.
* dl § 149: if the last day is a Saturday, Sunday or public holiday (helligdag or
  lovbestemt høytidsdag), the deadline runs to the next working day.

Public holidays come from the ``holidays`` package (helligdagsloven and 1 and 17 May):
1 Jan, Maundy Thursday, Good Friday, Easter Sunday and Monday, 1 May, 17 May, Ascension
Day, Whit Sunday and Monday, 25 and 26 Dec.
"""

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays

COUNTRY = "NO"

# Policy: julaften (24 Dec) and nyttårsaften (31 Dec) are not public holidays under
# helligdagsloven, so they count as working days when a deadline ends on them, even though
# many offices close early. Set this to False to treat both as non-working days instead.
CHRISTMAS_AND_NEW_YEARS_EVE_ARE_WORKING_DAYS = True

_EVES = ((12, 24), (12, 31))

# The dispatch channels (Dispatch.Channel). Every one counts the post days at sending: KS
# SvarUt may print and post a letter the party does not read digitally (the local outbox
# stands in for SvarUt), so the party gets the post's days until its receipts say otherwise.
CHANNEL_SVARUT = "svarut"
CHANNEL_OUTBOX = "outbox"
CHANNEL_POST = "post"
CHANNELS = (CHANNEL_SVARUT, CHANNEL_OUTBOX, CHANNEL_POST)


@lru_cache(maxsize=32)  # a few years are ever in play at once
def _non_working_holidays(year: int) -> frozenset[date]:
    """Public holidays in Norway for one year (weekends are handled separately)."""
    # include_sundays is passed explicitly: older releases defaulted it to True and
    # listed every Sunday as a holiday. Weekends are checked by is_working_day itself.
    days = set(holidays.country_holidays(COUNTRY, years=year, include_sundays=False))
    if not CHRISTMAS_AND_NEW_YEARS_EVE_ARE_WORKING_DAYS:
        days.update(date(year, month, day) for month, day in _EVES)
    return frozenset(days)


def _require_date(value: date, name: str) -> None:
    # A datetime is a date subclass but never equals a date, so it would slip past the
    # holiday lookup silently.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a datetime.date, not {type(value).__name__}")


def is_working_day(day: date) -> bool:
    """True unless ``day`` is a Saturday, Sunday or Norwegian public holiday."""
    _require_date(day, "day")
    return day.weekday() < 5 and day not in _non_working_holidays(day.year)


def next_working_day(day: date) -> date:
    """Return ``day`` itself if it is a working day, otherwise the first working day after it.

    This is the dl § 149 roll-forward: a deadline ending on a non-working day moves to the
    next working day; one ending on a working day stays put.
    """
    _require_date(day, "day")
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def complaint_deadline(received_on: date, *, weeks: int = 4) -> date:
    """Last day to send a complaint on a decision received on ``received_on``.

    Same weekday ``weeks`` weeks later (dl § 148(2)), moved to the next working day if that
    is a weekend or public holiday (dl § 149).
    """
    _require_date(received_on, "received_on")
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    return next_working_day(received_on + timedelta(weeks=weeks))


def add_working_days(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (``day`` itself if a working day and 0)."""
    _require_date(day, "day")
    if count < 0:
        raise ValueError(f"count must not be negative, got {count}")
    day = next_working_day(day) if count == 0 else day
    for _ in range(count):
        day = next_working_day(day + timedelta(days=1))
    return day


def assumed_received_on(sent_on: date, *, channel: str, post_days: int) -> date:
    """The day a decision is assumed received when the actual day is unknown.

    Every channel: ``post_days`` working days after it was sent (no post is carried or
    delivered on weekends or public holidays, so a letter posted on a Friday with three
    post days arrives on Wednesday, not Monday). SvarUt (and the outbox standing in for
    it) may print the letter, so it assumes the post too, in the party's favour.
    """
    _require_date(sent_on, "sent_on")
    if channel in CHANNELS:
        if post_days < 0:
            raise ValueError(f"post_days must not be negative, got {post_days}")
        return add_working_days(sent_on, post_days)
    raise ValueError(f"channel must be one of {CHANNELS}, got {channel!r}")


DELIVERY_DIGITAL = "digital"
DELIVERY_READ = "read"
DELIVERY_PRINT = "print"


def received_on_from_deliveries(events: list[tuple[str, date]], *, post_days: int) -> date | None:
    """The day a letter reached its recipient, from what SvarUt reported, or None while it
    has reported nothing that says so. ``events`` are (kind, day) with kind "digital"
    (made available in a digital mailbox or Altinn), "read" or "print" (others ignored).

    * Printed: the post-days rule from the day it went to print. SvarUt prints a letter
      the recipient has not read digitally, so the paper is what reached them; a read
      before the paper arrived counts from that day.
    * Otherwise delivered digitally: the day it was made available (eForvaltningsforskriften
      § 11(2) counts from when the letter was available and the notice sent).
    * Otherwise read: the day it was read.
    """
    days = {
        kind: sorted(d for k, d in events if k == kind)
        for kind in (DELIVERY_DIGITAL, DELIVERY_READ, DELIVERY_PRINT)
    }
    if days[DELIVERY_PRINT]:
        arrival = assumed_received_on(
            days[DELIVERY_PRINT][0], channel=CHANNEL_POST, post_days=post_days
        )
        return min([arrival, *(d for d in days[DELIVERY_READ] if d >= days[DELIVERY_PRINT][0])])
    if days[DELIVERY_DIGITAL]:
        return days[DELIVERY_DIGITAL][0]
    if days[DELIVERY_READ]:
        return days[DELIVERY_READ][0]
    return None
