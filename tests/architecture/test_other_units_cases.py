"""Another unit's case answers 404 on every route bound to it (issue 18, item 4; quality
figure 17: "404 on 100% of detail and download routes").

The walk reuses the world of the access-log walk, in which every page shows person X,
moves X's cases to a unit of their own, and opens each route bound to a case, a person,
a plan, a decision, a letter, a dispatch or a complaint as a caseworker of another unit.
A new route of that kind is walked here without being listed.
"""

import pytest
from django.test import Client
from django.urls import reverse

from cases.models import Case
from tests.architecture.test_reads_are_logged import (  # noqa: F401  (the fixture)
    APP_ROUTES,
    PK_OF,
    _url,
    world,
)
from tests.factories import UnitFactory, UserFactory

# Bound to staff or to the user's own things, not to a case: coordinators, course days,
# their attendances; the caseworker's own reminders.
NOT_CASE_BOUND = {"coordinator", "session", "attendance", "reminder"}


def case_bound_routes():
    return [
        (name, pattern)
        for name, pattern in APP_ROUTES
        if pattern.pattern.converters
        and "token" not in pattern.pattern.converters
        and not name.startswith("participant:")
        and PK_OF.get(name, "case") not in NOT_CASE_BOUND
    ]


ROUTES = case_bound_routes()


@pytest.fixture
def elsewhere(world):  # noqa: F811  (the imported fixture)
    """X's cases in a district unit; a caseworker of another district looking."""
    theirs, ours = UnitFactory(), UnitFactory()
    Case.objects.filter(person=world["objects"]["person"]).update(unit=theirs)
    outsider = UserFactory(caseworker=True)
    ours.staff.add(outsider)
    client = Client()
    client.force_login(outsider)
    return client


def _nowhere(name, pattern) -> str:
    return reverse(name, kwargs={part: 999_999 for part in pattern.pattern.converters})


@pytest.mark.parametrize("name,pattern", ROUTES, ids=[n for n, _ in ROUTES])
def test_a_caseworker_of_another_unit_gets_404(world, elsewhere, name, pattern):  # noqa: F811
    """404, as for a case that does not exist. A 403 tells nothing either where the route
    refuses this user before it looks anything up (a leader's approval, a coordinator's
    plan page): then a route to nothing gives the same 403."""
    url = _url(name, pattern, world)
    for method in (elsewhere.get, elsewhere.post):
        status = method(url).status_code
        if status == 403:
            assert method(_nowhere(name, pattern)).status_code == 403, name
        else:
            assert status in (404, 405), f"{method.__name__.upper()} {name}: {status}"


def test_the_walk_covers_the_case_pages_and_downloads():
    names = {name for name, _ in ROUTES}
    assert {
        "cases:detail",
        "cases:person_detail",
        "decisions:letter",
        "plans:pdf",
        "cases:move",
    } <= names
    assert len(names) > 60
