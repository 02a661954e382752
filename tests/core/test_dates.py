import datetime

from core.dates import add_years


def test_a_year_later_is_the_same_day():
    assert add_years(datetime.date(2026, 11, 23), 1) == datetime.date(2027, 11, 23)


def test_years_back_is_the_same_day():
    assert add_years(datetime.date(2028, 2, 28), -7) == datetime.date(2021, 2, 28)


def test_29_february_becomes_1_march_in_a_year_without_it():
    assert add_years(datetime.date(2028, 2, 29), -7) == datetime.date(2021, 3, 1)


def test_29_february_stays_in_a_leap_year():
    assert add_years(datetime.date(2028, 2, 29), 4) == datetime.date(2032, 2, 29)
