"""Bad input never breaks a page: any text in any field gives a page, never a 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.models import Case, Person
from tests.factories import CaseFactory, UserFactory

text = st.text(max_size=300) | st.sampled_from(["", "\x00", "‮", "😀" * 50, "a" * 10000])
fields = st.fixed_dictionaries(
    {
        "national_id": text,
        "given_name": text,
        "family_name": text,
        "born_on": text,
        "expected_on": text,
        "residence": text,
        "postal_code": text,
        "email": text,
        "received_on": text,
        "notifier_name": text,
        "requests_coordinator": st.sampled_from(["", "on", "x"]),
        "consent_given": st.sampled_from(["", "on"]),
        "consent_given_by": text,
    }
)


def refused(*values) -> bool:
    """A NUL byte anywhere gets the 400 of core.input before the form sees it."""
    return any("\x00" in value for value in values)


FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.django_db
@FUZZ
@given(data=fields)
def test_the_registration_form_never_fails_on_any_text(client, data):
    user = UserFactory(username="fuzz", caseworker=True)
    client.force_login(user)
    response = client.post(reverse("cases:register_notification"), data)
    if refused(*data.values()):
        assert response.status_code == 400
        return
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert not Case.objects.exists()
    Case.objects.all().delete()
    Person.objects.all().delete()


@pytest.mark.django_db
@FUZZ
@given(q=text, status=text, overdue=text)
def test_the_case_search_never_fails_on_any_text(client, q, status, overdue):
    client.force_login(UserFactory(username="fuzz", caseworker=True))
    response = client.post(
        reverse("cases:list"), {"q": q, "status": status, "overdue": overdue}, follow=True
    )
    assert response.status_code == (400 if refused(q, status, overdue) else 200)


@pytest.mark.django_db
@FUZZ
@given(given_on=text, form=text, name=text)
def test_the_consent_form_never_fails_on_any_text(client, given_on, form, name):
    # `name` goes in as the giver: a value that is not one of the parties is refused.
    client.force_login(UserFactory(username="fuzz", caseworker=True))
    case = CaseFactory(awaiting_consent=True)
    response = client.post(
        reverse("cases:consent_add", args=[case.pk]),
        {
            "giver": name,
            "given_on": given_on,
            "form": form,
            "covers_plan": "on",
        },
    )
    if refused(given_on, form, name):
        assert response.status_code == 400
        return
    assert response.status_code in (200, 302)
