"""Complaint deadline arithmetic (dl §§ 148-149, pbrl § 7-5).

Every expected date below was worked out by hand from a calendar, using these Easter-based
holidays (Easter Sunday; Maundy Thursday = -3, Good Friday = -2, Easter Monday = +1,
Ascension Day = +39, Whit Monday = +50):

    year  Easter  Maundy Thu  Good Fri  Easter Mon  Ascension  Whit Mon
    2025  20 Apr  17 Apr      18 Apr    21 Apr      29 May     9 Jun
    2026   5 Apr   2 Apr       3 Apr     6 Apr      14 May     25 May
    2027  28 Mar  25 Mar      26 Mar    29 Mar       6 May     17 May
    2028  16 Apr  13 Apr      14 Apr    17 Apr      25 May      5 Jun
    2029   1 Apr  29 Mar      30 Mar     2 Apr      10 May     21 May
    2030  21 Apr  18 Apr      19 Apr    22 Apr      30 May     10 Jun
    2031  13 Apr  10 Apr      11 Apr    14 Apr      22 May      2 Jun
    2032  28 Mar  25 Mar      26 Mar    29 Mar       6 May     17 May
    2033  17 Apr  14 Apr      15 Apr    18 Apr      26 May      6 Jun
    2034   9 Apr   6 Apr       7 Apr    10 Apr      18 May     29 May
    2035  25 Mar  22 Mar      23 Mar    26 Mar       3 May     14 May
"""

from datetime import date, datetime

import pytest

from decisions.deadlines import (
    _non_working_holidays,
    assumed_received_on,
    complaint_deadline,
    is_working_day,
    next_working_day,
)

COMPLAINT_DEADLINES = [
    # Ordinary weeks and weekends.
    pytest.param(date(2025, 3, 3), date(2025, 3, 31), id="Mon 3 Mar 2025 -> Mon 31 Mar"),
    pytest.param(date(2031, 6, 10), date(2031, 7, 8), id="Tue 10 Jun 2031 -> Tue 8 Jul"),
    pytest.param(date(2025, 3, 1), date(2025, 3, 31), id="Sat 1 Mar 2025 -> Sat 29 Mar -> Mon 31"),
    pytest.param(date(2025, 3, 2), date(2025, 3, 31), id="Sun 2 Mar 2025 -> Sun 30 Mar -> Mon 31"),
    pytest.param(date(2035, 11, 3), date(2035, 12, 3), id="Sat 3 Nov 2035 -> Sat 1 Dec -> Mon 3"),
    # Easter.
    pytest.param(
        date(2025, 3, 20), date(2025, 4, 22), id="Thu 20 Mar 2025 -> Maundy Thursday -> Tue 22 Apr"
    ),
    pytest.param(
        date(2025, 3, 19), date(2025, 4, 16), id="Wed 19 Mar 2025 -> Wed 16 Apr, day before Easter"
    ),
    pytest.param(
        date(2025, 3, 21), date(2025, 4, 22), id="Fri 21 Mar 2025 -> Good Friday -> Tue 22 Apr"
    ),
    pytest.param(
        date(2025, 3, 22), date(2025, 4, 22), id="Sat 22 Mar 2025 -> Easter Saturday -> Tue 22 Apr"
    ),
    pytest.param(
        date(2025, 3, 24), date(2025, 4, 22), id="Mon 24 Mar 2025 -> Easter Monday -> Tue 22 Apr"
    ),
    pytest.param(
        date(2025, 3, 25), date(2025, 4, 22), id="Tue 25 Mar 2025 -> Tue 22 Apr, after Easter"
    ),
    pytest.param(
        date(2026, 3, 5), date(2026, 4, 7), id="Thu 5 Mar 2026 -> Maundy Thursday -> Tue 7 Apr"
    ),
    pytest.param(
        date(2026, 3, 9), date(2026, 4, 7), id="Mon 9 Mar 2026 -> Easter Monday -> Tue 7 Apr"
    ),
    pytest.param(
        date(2027, 2, 26), date(2027, 3, 30), id="Fri 26 Feb 2027 -> Good Friday -> Tue 30 Mar"
    ),
    pytest.param(
        date(2028, 3, 16), date(2028, 4, 18), id="Thu 16 Mar 2028 -> Maundy Thursday -> Tue 18 Apr"
    ),
    pytest.param(
        date(2029, 3, 1), date(2029, 4, 3), id="Thu 1 Mar 2029 -> Maundy Thursday -> Tue 3 Apr"
    ),
    pytest.param(
        date(2029, 3, 5), date(2029, 4, 3), id="Mon 5 Mar 2029 -> Easter Monday -> Tue 3 Apr"
    ),
    pytest.param(
        date(2030, 3, 22), date(2030, 4, 23), id="Fri 22 Mar 2030 -> Good Friday -> Tue 23 Apr"
    ),
    pytest.param(
        date(2031, 3, 17), date(2031, 4, 15), id="Mon 17 Mar 2031 -> Easter Monday -> Tue 15 Apr"
    ),
    pytest.param(
        date(2032, 2, 26),
        date(2032, 3, 30),
        id="Thu 26 Feb 2032 (leap year) -> Maundy Thursday 25 Mar -> Tue 30 Mar",
    ),
    pytest.param(
        date(2035, 2, 23), date(2035, 3, 27), id="Fri 23 Feb 2035 -> Good Friday -> Tue 27 Mar"
    ),
    # Ascension Day and Whit Monday.
    pytest.param(
        date(2025, 5, 1), date(2025, 5, 30), id="Thu 1 May 2025 -> Ascension Day -> Fri 30 May"
    ),
    pytest.param(
        date(2026, 4, 16), date(2026, 5, 15), id="Thu 16 Apr 2026 -> Ascension Day -> Fri 15 May"
    ),
    pytest.param(
        date(2035, 4, 5), date(2035, 5, 4), id="Thu 5 Apr 2035 -> Ascension Day -> Fri 4 May"
    ),
    pytest.param(
        date(2025, 5, 12), date(2025, 6, 10), id="Mon 12 May 2025 -> Whit Monday -> Tue 10 Jun"
    ),
    pytest.param(
        date(2028, 5, 8), date(2028, 6, 6), id="Mon 8 May 2028 -> Whit Monday -> Tue 6 Jun"
    ),
    pytest.param(
        date(2027, 4, 19),
        date(2027, 5, 18),
        id="Mon 19 Apr 2027 -> Whit Monday and 17 May -> Tue 18 May",
    ),
    # 1 May and 17 May.
    pytest.param(date(2025, 4, 3), date(2025, 5, 2), id="Thu 3 Apr 2025 -> 1 May Thu -> Fri 2 May"),
    pytest.param(date(2026, 4, 3), date(2026, 5, 4), id="Fri 3 Apr 2026 -> 1 May Fri -> Mon 4 May"),
    pytest.param(date(2029, 4, 3), date(2029, 5, 2), id="Tue 3 Apr 2029 -> 1 May Tue -> Wed 2 May"),
    pytest.param(
        date(2030, 4, 19), date(2030, 5, 20), id="Fri 19 Apr 2030 -> 17 May Fri -> Mon 20 May"
    ),
    pytest.param(
        date(2026, 4, 19), date(2026, 5, 18), id="Sun 19 Apr 2026 -> 17 May Sun -> Mon 18 May"
    ),
    pytest.param(
        date(2029, 4, 19), date(2029, 5, 18), id="Thu 19 Apr 2029 -> 17 May Thu -> Fri 18 May"
    ),
    pytest.param(
        date(2033, 4, 19), date(2033, 5, 18), id="Tue 19 Apr 2033 -> 17 May Tue -> Wed 18 May"
    ),
    pytest.param(
        date(2034, 4, 19),
        date(2034, 5, 19),
        id="Wed 19 Apr 2034 -> 17 May Wed, Ascension Thu -> Fri 19 May",
    ),
    # Christmas and New Year.
    pytest.param(
        date(2025, 11, 26), date(2025, 12, 24), id="Wed 26 Nov 2025 -> julaften is a working day"
    ),
    pytest.param(
        date(2032, 11, 26),
        date(2032, 12, 24),
        id="Fri 26 Nov 2032 -> julaften Fri is a working day",
    ),
    pytest.param(
        date(2025, 11, 27), date(2025, 12, 29), id="Thu 27 Nov 2025 -> 25 Dec Thu -> Mon 29 Dec"
    ),
    pytest.param(
        date(2025, 11, 28), date(2025, 12, 29), id="Fri 28 Nov 2025 -> 26 Dec Fri -> Mon 29 Dec"
    ),
    pytest.param(
        date(2031, 11, 28), date(2031, 12, 29), id="Fri 28 Nov 2031 -> 26 Dec Fri -> Mon 29 Dec"
    ),
    pytest.param(
        date(2026, 11, 27), date(2026, 12, 28), id="Fri 27 Nov 2026 -> 25 Dec Fri -> Mon 28 Dec"
    ),
    pytest.param(
        date(2028, 11, 27), date(2028, 12, 27), id="Mon 27 Nov 2028 -> 25 Dec Mon -> Wed 27 Dec"
    ),
    pytest.param(
        date(2030, 11, 28), date(2030, 12, 27), id="Thu 28 Nov 2030 -> 26 Dec Thu -> Fri 27 Dec"
    ),
    pytest.param(
        date(2033, 11, 28), date(2033, 12, 27), id="Mon 28 Nov 2033 -> 26 Dec Mon -> Tue 27 Dec"
    ),
    pytest.param(
        date(2025, 12, 3), date(2025, 12, 31), id="Wed 3 Dec 2025 -> nyttårsaften is a working day"
    ),
    pytest.param(
        date(2025, 12, 4), date(2026, 1, 2), id="Thu 4 Dec 2025 -> 1 Jan Thu -> Fri 2 Jan 2026"
    ),
    pytest.param(
        date(2026, 12, 4), date(2027, 1, 4), id="Fri 4 Dec 2026 -> 1 Jan Fri -> Mon 4 Jan 2027"
    ),
    pytest.param(
        date(2027, 12, 4), date(2028, 1, 3), id="Sat 4 Dec 2027 -> 1 Jan Sat -> Mon 3 Jan 2028"
    ),
    pytest.param(
        date(2028, 12, 4), date(2029, 1, 2), id="Mon 4 Dec 2028 -> 1 Jan Mon -> Tue 2 Jan 2029"
    ),
]


@pytest.mark.parametrize(("received_on", "expected"), COMPLAINT_DEADLINES)
def test_deadline_is_four_weeks_later_moved_to_the_next_working_day(received_on, expected):
    assert complaint_deadline(received_on) == expected


def test_deadline_can_be_counted_in_a_different_number_of_weeks():
    assert complaint_deadline(date(2025, 3, 20), weeks=3) == date(2025, 4, 10)


def test_deadline_of_three_weeks_also_moves_past_easter():
    assert complaint_deadline(date(2025, 3, 27), weeks=3) == date(2025, 4, 22)


def test_deadline_rejects_fewer_than_one_week():
    with pytest.raises(ValueError, match="weeks"):
        complaint_deadline(date(2025, 3, 3), weeks=0)


def test_deadline_rejects_a_datetime_instead_of_a_date():
    with pytest.raises(TypeError, match="received_on"):
        complaint_deadline(datetime(2025, 3, 3, 12, 0))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(date(2025, 3, 3), date(2025, 3, 3), id="a working Monday stays put"),
        pytest.param(date(2027, 12, 31), date(2027, 12, 31), id="nyttårsaften Fri stays put"),
        pytest.param(date(2025, 3, 1), date(2025, 3, 3), id="Saturday -> Monday"),
        pytest.param(date(2025, 3, 2), date(2025, 3, 3), id="Sunday -> Monday"),
        pytest.param(
            date(2025, 4, 17), date(2025, 4, 22), id="Maundy Thursday -> Tue after Easter"
        ),
        pytest.param(date(2025, 12, 25), date(2025, 12, 29), id="Christmas Day Thu -> Mon 29 Dec"),
        pytest.param(date(2028, 1, 1), date(2028, 1, 3), id="1 Jan 2028 Sat -> Mon 3 Jan"),
        pytest.param(
            date(2026, 5, 16), date(2026, 5, 18), id="Sat before 17 May Sun -> Mon 18 May"
        ),
        pytest.param(
            date(2027, 5, 15), date(2027, 5, 18), id="Sat before Whit Monday 17 May -> Tue 18 May"
        ),
        pytest.param(date(2025, 12, 27), date(2025, 12, 29), id="Sat 27 Dec 2025 -> Mon 29 Dec"),
    ],
)
def test_next_working_day_rolls_forward_only_past_non_working_days(day, expected):
    assert next_working_day(day) == expected


@pytest.mark.parametrize(
    "day",
    [
        pytest.param(date(2025, 3, 3), id="an ordinary Monday"),
        pytest.param(date(2025, 4, 16), id="the Wednesday before Maundy Thursday"),
        pytest.param(date(2025, 4, 22), id="the Tuesday after Easter Monday"),
        pytest.param(date(2025, 12, 24), id="julaften"),
        pytest.param(date(2025, 12, 31), id="nyttårsaften"),
        pytest.param(date(2030, 5, 31), id="the Friday after Ascension Day"),
    ],
)
def test_is_working_day_is_true_on_an_ordinary_weekday(day):
    assert is_working_day(day) is True


@pytest.mark.parametrize(
    "day",
    [
        pytest.param(date(2025, 3, 1), id="Saturday"),
        pytest.param(date(2025, 3, 2), id="Sunday"),
        pytest.param(date(2025, 1, 1), id="New Year's Day"),
        pytest.param(date(2025, 4, 17), id="Maundy Thursday"),
        pytest.param(date(2025, 4, 18), id="Good Friday"),
        pytest.param(date(2025, 4, 20), id="Easter Sunday"),
        pytest.param(date(2025, 4, 21), id="Easter Monday"),
        pytest.param(date(2025, 5, 1), id="1 May"),
        pytest.param(date(2029, 5, 17), id="17 May"),
        pytest.param(date(2025, 5, 29), id="Ascension Day"),
        pytest.param(date(2025, 6, 8), id="Whit Sunday"),
        pytest.param(date(2025, 6, 9), id="Whit Monday"),
        pytest.param(date(2025, 12, 25), id="Christmas Day"),
        pytest.param(date(2025, 12, 26), id="Boxing Day"),
    ],
)
def test_is_working_day_is_false_on_weekends_and_public_holidays(day):
    assert is_working_day(day) is False


def test_holiday_set_holds_the_twelve_public_holidays_and_not_every_sunday():
    assert _non_working_holidays(2025) == {
        date(2025, 1, 1),
        date(2025, 4, 17),
        date(2025, 4, 18),
        date(2025, 4, 20),
        date(2025, 4, 21),
        date(2025, 5, 1),
        date(2025, 5, 17),
        date(2025, 5, 29),
        date(2025, 6, 8),
        date(2025, 6, 9),
        date(2025, 12, 25),
        date(2025, 12, 26),
    }


@pytest.mark.parametrize("channel", ["svarut", "outbox"])
def test_svarut_and_the_outbox_assume_the_post_days_as_svarut_may_print(channel):
    assert assumed_received_on(date(2025, 3, 3), channel=channel, post_days=3) == date(2025, 3, 6)


def test_there_is_no_email_channel():
    with pytest.raises(ValueError):
        assumed_received_on(date(2025, 4, 18), channel="email", post_days=3)


def test_post_is_assumed_received_after_the_post_days():
    assert assumed_received_on(date(2025, 3, 3), channel="post", post_days=3) == date(2025, 3, 6)


def test_post_days_are_working_days_so_the_weekend_does_not_count():
    assert assumed_received_on(date(2025, 3, 6), channel="post", post_days=3) == date(2025, 3, 11)


def test_a_letter_posted_on_a_friday_is_not_received_on_monday():
    assert assumed_received_on(date(2025, 3, 7), channel="post", post_days=3) == date(2025, 3, 12)


def test_post_days_skip_whit_monday():
    # Friday 6 June 2025; Monday 9 June is Whit Monday.
    assert assumed_received_on(date(2025, 6, 6), channel="post", post_days=1) == date(2025, 6, 10)


def test_post_arriving_over_easter_is_assumed_received_after_easter_monday():
    assert assumed_received_on(date(2025, 4, 15), channel="post", post_days=2) == date(2025, 4, 22)


def test_post_sent_on_a_saturday_with_no_post_days_is_assumed_received_on_monday():
    assert assumed_received_on(date(2025, 3, 1), channel="post", post_days=0) == date(2025, 3, 3)


def test_post_sent_before_easter_gets_its_deadline_counted_from_after_easter():
    received_on = assumed_received_on(date(2025, 4, 15), channel="post", post_days=2)
    assert complaint_deadline(received_on) == date(2025, 5, 20)


def test_assumed_received_on_rejects_an_unknown_channel():
    with pytest.raises(ValueError, match="channel"):
        assumed_received_on(date(2025, 3, 3), channel="fax", post_days=3)


def test_assumed_received_on_rejects_negative_post_days():
    with pytest.raises(ValueError, match="post_days"):
        assumed_received_on(date(2025, 3, 3), channel="post", post_days=-1)
