"""Qualification is pure: no database."""

import datetime

from coordinators.qualification import (
    CHILD_COORDINATOR,
    COORDINATOR,
    Completed,
    CourseRule,
    add_months,
    qualification,
)

TODAY = datetime.date(2026, 3, 10)
BASIC = CourseRule(1, "Grunnopplæring", None, frozenset({COORDINATOR, CHILD_COORDINATOR}))
CHILD = CourseRule(2, "Barnekoordinatoropplæring", 24, frozenset({CHILD_COORDINATOR}))
TOOL = CourseRule(3, "Planverktøyet", None, frozenset())
COURSES = [BASIC, CHILD, TOOL]


def test_it_qualifies_a_coordinator_with_every_required_course():
    done = [Completed(1, datetime.date(2020, 1, 1))]
    assert qualification(COORDINATOR, COURSES, done, TODAY).qualified is True


def test_it_names_the_missing_course():
    result = qualification(COORDINATOR, COURSES, [], TODAY)
    assert result.qualified is False
    assert result.missing == ("Grunnopplæring",)


def test_it_ignores_courses_the_role_does_not_require():
    done = [Completed(1, datetime.date(2020, 1, 1))]
    assert qualification(COORDINATOR, COURSES, done, TODAY).lacking == ()


def test_a_child_coordinator_needs_the_child_training_too():
    done = [Completed(1, datetime.date(2020, 1, 1))]
    result = qualification(CHILD_COORDINATOR, COURSES, done, TODAY)
    assert result.qualified is False
    assert result.missing == ("Barnekoordinatoropplæring",)


def test_child_training_within_its_validity_qualifies_until_it_expires():
    done = [Completed(1, datetime.date(2020, 1, 1)), Completed(2, datetime.date(2024, 3, 11))]
    result = qualification(CHILD_COORDINATOR, COURSES, done, TODAY)
    assert result.qualified is True
    assert result.valid_until == datetime.date(2026, 3, 11)


def test_training_expires_on_the_same_date_its_validity_later():
    done = [Completed(1, datetime.date(2020, 1, 1)), Completed(2, datetime.date(2024, 3, 10))]
    result = qualification(CHILD_COORDINATOR, COURSES, done, TODAY)
    assert result.qualified is False
    assert result.expired == (("Barnekoordinatoropplæring", TODAY),)


def test_the_newest_completion_renews_an_expired_one():
    done = [
        Completed(1, datetime.date(2020, 1, 1)),
        Completed(2, datetime.date(2020, 1, 1)),
        Completed(2, datetime.date(2025, 1, 1)),
    ]
    assert qualification(CHILD_COORDINATOR, COURSES, done, TODAY).qualified is True


def test_a_completion_dated_in_the_future_does_not_count():
    done = [Completed(1, TODAY + datetime.timedelta(days=1))]
    assert qualification(COORDINATOR, COURSES, done, TODAY).qualified is False


def test_a_role_that_requires_no_course_is_qualified():
    assert qualification(COORDINATOR, [TOOL], [], TODAY).qualified is True


def test_the_summary_says_when_training_expired():
    done = [Completed(1, datetime.date(2020, 1, 1)), Completed(2, datetime.date(2023, 1, 31))]
    summary = qualification(CHILD_COORDINATOR, COURSES, done, TODAY).summary
    assert summary == "Barnekoordinatoropplæring gikk ut 31.01.2025."


def test_adding_months_to_the_31st_lands_on_the_last_day_of_a_short_month():
    assert add_months(datetime.date(2024, 1, 31), 13) == datetime.date(2025, 2, 28)
