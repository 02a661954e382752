"""Consent on a child's case with two holders of parental responsibility (issue 13.9):
the giver is one of the registered parties, the tab shows whose consent is there and whose
is missing, and going on with one consent needs the caseworker's reason."""

import datetime

import pytest
from django.urls import reverse

from cases import consents, selectors
from cases.models import Case, Consent, Relation
from core.errors import RuleViolation
from tests.factories import CaseFactory, PersonFactory, RelationFactory

TODAY = datetime.date(2026, 11, 23)

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


@pytest.fixture
def child_case(db):
    case = CaseFactory(awaiting_consent=True, person__born_on=datetime.date(2019, 5, 1))
    RelationFactory(person=case.person, name="Mona Mor")
    RelationFactory(person=case.person, name="Per Far")
    RelationFactory(person=case.person, name="Mormor", role=Relation.Role.NEXT_OF_KIN)
    return case


def key_of(case, name):
    return f"relation:{case.person.relations.get(name=name).pk}"


def record(case, name, **kwargs):
    return consents.consent_record(
        case=case,
        by=case.caseworker,
        given_by=Consent.GivenBy.PARENT,
        given_by_name=name,
        given_by_key=key_of(case, name),
        given_on=TODAY,
        form=Consent.Form.WRITTEN,
        covers_plan=True,
        **kwargs,
    )


def post_consent(client, case, giver, **extra):
    return client.post(
        reverse("cases:consent_add", args=[case.pk]),
        {
            "giver": giver,
            "form": "written",
            "given_on": TODAY.isoformat(),
            "covers_plan": "on",
            **extra,
        },
    )


# --- Who can give the consent ------------------------------------------------------------


def test_a_young_child_s_consent_is_given_by_the_holders_of_parental_responsibility(child_case):
    names = [g.name for g in selectors.consent_givers(child_case)]
    assert sorted(names) == ["Mona Mor", "Per Far"]


def test_from_sixteen_the_young_person_gives_it_themselves():
    person = PersonFactory(born_on=datetime.date(2010, 11, 23))
    RelationFactory(person=person, name="Mona Mor")
    case = CaseFactory(person=person)
    assert [g.name for g in selectors.consent_givers(case)] == [person.full_name]


def test_the_giver_is_chosen_from_the_parties_not_written_in(caseworker_client, child_case):
    response = post_consent(caseworker_client, child_case, giver="Onkel Ole")
    assert response.status_code == 200
    assert not child_case.consents.exists()


def test_the_chosen_party_is_recorded_as_the_giver(caseworker_client, child_case):
    post_consent(caseworker_client, child_case, giver=key_of(child_case, "Per Far"))
    consent = child_case.consents.get()
    assert (consent.given_by_name, consent.given_by, consent.given_by_key) == (
        "Per Far",
        Consent.GivenBy.PARENT,
        key_of(child_case, "Per Far"),
    )


# --- Whose consent is recorded, whose is missing ----------------------------------------------


def test_the_tab_shows_whose_consent_is_recorded_and_whose_is_missing(
    caseworker_client, child_case
):
    record(child_case, "Mona Mor")
    html = caseworker_client.get(reverse("cases:consent", args=[child_case.pk])).content.decode()
    assert "Mona Mor: samtykke 23.11.2026" in html
    assert "Per Far: samtykke er ikke registrert" in html


# --- Going on with one consent ------------------------------------------------------------------


def test_one_parent_s_consent_alone_does_not_move_the_case_on(child_case):
    record(child_case, "Mona Mor")
    child_case.refresh_from_db()
    assert child_case.status == Case.Status.AWAITING_CONSENT


def test_the_tab_asks_why_one_consent_is_enough(caseworker_client, child_case):
    record(child_case, "Mona Mor")
    html = caseworker_client.get(reverse("cases:consent", args=[child_case.pk])).content.decode()
    assert reverse("cases:consent_enough", args=[child_case.pk]) in html


def test_with_a_reason_why_one_is_enough_the_case_moves_on(caseworker_client, child_case):
    record(child_case, "Mona Mor")
    caseworker_client.post(
        reverse("cases:consent_enough", args=[child_case.pk]),
        {"reason": "Far kan ikke nås, og familien trenger hjelp nå."},
    )
    child_case.refresh_from_db()
    assert child_case.status == Case.Status.UNDER_ASSESSMENT
    assert child_case.consents.get().enough_reason.startswith("Far kan ikke nås")


def test_going_on_with_one_consent_without_a_reason_is_refused(child_case):
    record(child_case, "Mona Mor")
    with pytest.raises(RuleViolation, match="hvorfor ett samtykke er nok"):
        consents.consent_enough_record(case=child_case, by=child_case.caseworker, reason=" ")


def test_a_reason_given_with_the_consent_moves_the_case_on(child_case):
    record(child_case, "Mona Mor", enough_reason="Mor har foreldreansvaret alene i praksis.")
    child_case.refresh_from_db()
    assert child_case.status == Case.Status.UNDER_ASSESSMENT


def test_both_parents_consents_move_the_case_on_without_a_reason(child_case):
    record(child_case, "Mona Mor")
    record(child_case, "Per Far")
    child_case.refresh_from_db()
    assert child_case.status == Case.Status.UNDER_ASSESSMENT


def test_a_child_with_one_holder_moves_on_with_that_consent():
    case = CaseFactory(awaiting_consent=True, person__born_on=datetime.date(2019, 5, 1))
    RelationFactory(person=case.person, name="Mona Mor")
    record(case, "Mona Mor")
    case.refresh_from_db()
    assert case.status == Case.Status.UNDER_ASSESSMENT
