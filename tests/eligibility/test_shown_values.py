"""What the assessment shows people: service names in words and times in Oslo time."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from eligibility import services
from tests.factories import (
    CaseFactory,
    ConsentFactory,
    PersonServiceFactory,
    ServiceFactory,
)

# 07:10:59 UTC on 1 December is 08:10 in Oslo (winter time, UTC+1).
ANSWERED_AT = datetime.datetime(2026, 12, 1, 7, 10, 59, tzinfo=datetime.UTC)


@pytest.fixture
def case(db):
    case = CaseFactory(requests_coordinator=True, requests_plan=True)
    ConsentFactory(case=case)
    PersonServiceFactory(person=case.person, service=ServiceFactory(name="Hjemmesykepleie"))
    PersonServiceFactory(person=case.person, service=ServiceFactory(name="Fysioterapi"))
    return case


def test_the_journal_names_each_service_in_words_not_as_stored(case, caseworker):
    services.assessment_run(case=case, by=caseworker)
    text = case.timeline.get(text__startswith="Vurdering lagret").text
    assert "Individuell plan: trenger skjønnsvurdering" in text
    assert "individuell_plan" not in text


def test_an_answer_is_shown_at_its_local_time_in_day_month_year(case, caseworker, client):
    with time_machine.travel(ANSWERED_AT, tick=False):
        services.assessment_run(case=case, by=caseworker)
        services.assessment_answer(
            case=case, by=caseworker, key="long_term", answer=True, reason="Varig behov."
        )
    client.force_login(caseworker)
    content = client.get(reverse("eligibility:case_assessment", args=[case.pk])).content.decode()
    assert "<td>01.12.2026 08:10</td>" in content
    assert "2026-12-01T07:10:59" not in content
