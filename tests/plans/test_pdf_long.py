"""A long plan renders to PDF across many pages, and the PDF lists the consents
(issue 13.9 and 13.10)."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cases.models import Consent
from tests.factories import ConsentFactory
from tests.plans.factories import (
    AccessConsentFactory,
    GoalFactory,
    MeasureFactory,
    MeetingFactory,
    ParticipantFactory,
    PlanFactory,
)

TODAY = datetime.date(2026, 11, 23)

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


def text_of(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def long_plan(db):
    plan = PlanFactory(active=True)
    ConsentFactory(
        case=plan.case,
        given_by=Consent.GivenBy.PARENT,
        given_by_name="Mona Mor",
        covers_plan=True,
        covers_sharing=True,
        sharing_with="Skolen og fastlegen",
    )
    for n in range(30):
        GoalFactory(plan=plan, text=f"Mål nummer {n}: å klare mer selv, litt etter litt. " * 2)
    for _n in range(40):
        MeasureFactory(plan=plan, how="Hver uke, sammen med kontaktlæreren. " * 3)
    for n in range(10):
        MeetingFactory(
            plan=plan,
            held_on=TODAY - datetime.timedelta(days=30 * (n + 1)),
            agreements=f"Avtale fra møte {n}.",
        )
    AccessConsentFactory(participant=ParticipantFactory(plan=plan, name="Sara Skole"))
    AccessConsentFactory(
        participant=ParticipantFactory(plan=plan, name="Finn Fastlege"), confidential=True
    )
    return plan


@pytest.fixture
def long_pdf(caseworker_client, long_plan):
    response = caseworker_client.get(reverse("plans:pdf", args=[long_plan.case_id]))
    assert response.status_code == 200
    return response


def test_a_plan_with_30_goals_40_measures_and_10_meetings_renders_to_pdf(long_pdf, long_plan):
    text = text_of(long_pdf)
    assert len(PdfReader(io.BytesIO(long_pdf.content)).pages) > 3
    assert all(m.title in text for m in long_plan.measures.all())
    assert all(f"Avtale fra møte {n}." in text for n in range(10))


def test_the_plan_pdf_lists_the_consent_to_the_plan(long_pdf):
    assert "Samtykke til planen: gitt av Mona Mor (forelder med foreldreansvar)" in text_of(
        long_pdf
    )


def test_the_plan_pdf_lists_the_consent_to_share_and_with_whom(long_pdf):
    assert "med Skolen og fastlegen" in text_of(long_pdf)


def test_the_plan_pdf_says_per_participant_whether_they_see_confidential_information(long_pdf):
    text = text_of(long_pdf)
    assert "Sara Skole" in text and "Nei, får ikke se taushetsbelagte opplysninger" in text
    assert "Finn Fastlege" in text and "Ja, får se taushetsbelagte opplysninger" in text


def test_the_plan_pdf_says_what_membership_of_the_responsibility_group_is(long_pdf):
    text = text_of(long_pdf)
    assert "Medlem av ansvarsgruppen" in text
    assert "Ansvarsgruppen er deltakerne som møtes jevnlig" in text


def test_a_plan_with_no_consent_says_so(caseworker_client):
    plan = PlanFactory()
    response = caseworker_client.get(reverse("plans:pdf", args=[plan.case_id]))
    assert "Samtykke til planen er ikke registrert." in text_of(response)


@pytest.mark.parametrize("participants", range(1, 8))
def test_the_plan_pdf_renders_whatever_the_number_of_participants(caseworker_client, participants):
    # As the plan grows, the key table with its caption moves down to the foot of a page:
    # that once failed with "Table wrapper without a table" (a 500).
    plan = PlanFactory(active=True)
    for n in range(participants):
        ParticipantFactory(plan=plan, name=f"Deltaker {n}", contribution="Bidrar")
    response = caseworker_client.get(reverse("plans:pdf", args=[plan.case_id]))
    assert response.status_code == 200
