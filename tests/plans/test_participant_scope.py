"""A participant of plan A reaches nothing of plan B, on any URL of the project.

Every URL pattern (the admin's included) is requested by plan A's school and by plan
A's parent, with every id in it taken from plan B, by GET and by POST. The answer is a
404 (a 405 for a GET to a POST-only page), or, for a page without ids, a page that does
not show plan B; and nothing of plan B changes.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from plans.models import AccessConsent, GoalComment, ItemStatus, PlanMessage, Proposal
from tests.factories import PersonServiceFactory, RelationFactory
from tests.plans.participant_world import two_plans

pytestmark = pytest.mark.django_db


def _walk(patterns, namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield namespace + p.name, p


ROUTES = sorted(dict(_walk(get_resolver().url_patterns)).items())
# Pages with no id that a participant may open: none of them shows another plan.
OPEN_TO_PARTICIPANTS = {
    "home",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "participant:plans",
    "participant:notices",
}


@pytest.fixture
def world():
    a, b, school, parent = two_plans()
    return {"a": a, "b": b, "users": {"school": school, "parent": parent}}


def _ids_of_b(b) -> list[dict]:
    """Each way plan B may be named in a URL: by its plan, case or person id."""
    parts = {
        "goal_pk": b.goal.pk,
        "measure_pk": b.measure.pk,
        "participant_pk": b.participant.pk,
        "point_pk": b.point.pk,
        "access_consent_pk": b.consent.pk,
        "consent_pk": b.plan.case.consents.get().pk,
        "appointment_pk": b.plan.case.appointments.get().pk,
        "relation_pk": RelationFactory(person=b.plan.person).pk,
        "service_pk": PersonServiceFactory(person=b.plan.person).pk,
    }
    return [
        {**parts, "pk": pk, "object_id": pk} for pk in (b.plan.pk, b.plan.case_id, b.plan.person_id)
    ]


def _urls(name, pattern, b):
    names = list(pattern.pattern.converters) or list(pattern.pattern.regex.groupindex)
    unnamed = pattern.pattern.regex.groups - len(names)
    if unnamed:  # the admin's history of one version: object id, version id
        return [reverse(name, args=[str(ids["pk"])] * unnamed) for ids in _ids_of_b(b)]
    if not names:
        return [reverse(name)]
    urls = []
    for ids in _ids_of_b(b):
        kwargs = {k: str(ids.get(k, "x" * 43)) for k in names}
        if "app_label" in kwargs:
            kwargs["app_label"] = "plans"
        if "content_type_id" in kwargs:
            kwargs["content_type_id"] = str(ids["pk"])
        urls.append(reverse(name, kwargs=kwargs))
    return sorted(set(urls))


def _b_is_untouched(b):
    b.measure.refresh_from_db()
    b.point.refresh_from_db()
    assert GoalComment.objects.filter(goal__plan=b.plan).count() == 1
    assert Proposal.objects.filter(plan=b.plan).count() == 1
    assert PlanMessage.objects.filter(plan=b.plan).count() == 1
    assert b.measure.status == ItemStatus.ACTIVE
    assert b.point.done is False
    assert AccessConsent.objects.get(pk=b.consent.pk).withdrawn_at is None


@pytest.mark.parametrize("who", ["school", "parent"])
def test_a_participant_of_plan_a_reaches_nothing_of_plan_b(world, who):
    b, user = world["b"], world["users"][who]
    failures = []
    client = Client()
    for name, pattern in ROUTES:
        for url in _urls(name, pattern, b):
            for method in ("get", "post"):
                if "_auth_user_id" not in client.session:  # logged out by the walk
                    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
                response = getattr(client, method)(url)
                body = response.content.decode(errors="replace")
                # The citizen's login and start page (cases/login) are open to them too.
                if name in OPEN_TO_PARTICIPANTS or name.startswith("citizen:"):
                    if b.marker in body or b.goal.text in body:
                        failures.append(f"{method.upper()} {name} shows plan B")
                elif response.status_code not in (404, 405) or (
                    method == "post" and response.status_code != 404
                ):
                    failures.append(f"{method.upper()} {name}: {response.status_code}")
    assert failures == []
    _b_is_untouched(b)


@pytest.mark.parametrize("who", ["school", "parent"])
def test_the_same_participant_opens_plan_a(world, who):
    client = Client()
    client.force_login(world["users"][who], backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("participant:plan", args=[world["a"].plan.pk]))
    assert world["a"].goal.text in response.content.decode()


def test_the_walk_covers_the_staff_and_admin_pages():
    names = {name for name, _ in ROUTES}
    assert {"cases:list", "plans:case_plan", "admin:cases_person_change"} <= names
    assert {"participant:plan", "participant:consents", "participant:access_log"} <= names
