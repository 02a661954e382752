"""The engine inside a case: facts built from the case, answers stored, snapshots kept."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Service
from core.errors import RuleViolation
from eligibility import services
from eligibility.models import Assessment
from tests.factories import (
    CaseFactory,
    ConsentFactory,
    PersonFactory,
    PersonServiceFactory,
    ServiceFactory,
)


@pytest.fixture
def adult_case(db):
    case = CaseFactory(requests_coordinator=True, requests_plan=True)
    ConsentFactory(case=case)
    PersonServiceFactory(person=case.person, service=ServiceFactory(name="Hjemmesykepleie"))
    PersonServiceFactory(
        person=case.person,
        service=ServiceFactory(name="HAVO", category=Service.Category.SPECIALIST_HEALTH_CARE),
    )
    return case


def test_the_facts_carry_age_services_consent_residence_and_what_is_asked(adult_case):
    facts = services.case_facts(adult_case, assessed_on=datetime.date(2026, 11, 23))
    assert facts["requested"] == ["koordinator", "individuell_plan"]
    assert facts["person"] == {
        "born_on": "1985-04-12",
        "expected_on": None,
        "stays_in_municipality": True,
    }
    assert facts["consent"] == {"plan": True, "participant_access": True}
    assert [s["category"] for s in facts["services"]] == [
        "specialist_health_care",
        "municipal_health_care",
    ]


def test_a_run_stores_a_snapshot_with_facts_result_and_engine_version(adult_case, caseworker):
    assessment = services.assessment_run(case=adult_case, by=caseworker)
    assert assessment.result["koordinator"]["outcome"] == "needs_judgement"
    assert assessment.engine_version == "1.0"
    assert assessment.facts["services"][0]["name"] == "HAVO"


def test_answering_every_question_makes_the_outcome_eligible(adult_case, caseworker):
    services.assessment_run(case=adult_case, by=caseworker)
    for key in ("long_term", "coordinated", "current_need", "participation"):
        latest = services.assessment_answer(
            case=adult_case, by=caseworker, key=key, answer=True, reason="Dokumentert i søknaden."
        )
    assert latest.result["koordinator"]["outcome"] == "eligible"
    assert latest.result["individuell_plan"]["outcome"] == "eligible"
    assert latest.answers["long_term"]["reason"] == "Dokumentert i søknaden."


def test_every_answer_keeps_the_earlier_snapshot(adult_case, caseworker):
    services.assessment_run(case=adult_case, by=caseworker)
    services.assessment_answer(
        case=adult_case, by=caseworker, key="long_term", answer=True, reason="Varig"
    )
    assert Assessment.objects.filter(case=adult_case).count() == 2


def test_an_answer_without_a_reason_is_refused(adult_case, caseworker):
    services.assessment_run(case=adult_case, by=caseworker)
    with pytest.raises(RuleViolation, match="begrunnelse"):
        services.assessment_answer(
            case=adult_case, by=caseworker, key="long_term", answer=True, reason=" "
        )


def test_a_case_waiting_for_consent_cannot_be_assessed(caseworker):
    case = CaseFactory(awaiting_consent=True)
    with pytest.raises(RuleViolation, match="Under vurdering"):
        services.assessment_run(case=case, by=caseworker)


def test_changing_the_facts_marks_the_assessment_outdated(adult_case, caseworker):
    assessment = services.assessment_run(case=adult_case, by=caseworker)
    assert services.assessment_is_outdated(assessment, adult_case) is False
    PersonServiceFactory(person=adult_case.person, service=ServiceFactory(name="Fysioterapi"))
    assert services.assessment_is_outdated(assessment, adult_case) is True


def test_an_unborn_child_is_assessed_for_a_barnekoordinator(caseworker):
    person = PersonFactory(unborn=True)
    case = CaseFactory(
        person=person,
        requests_coordinator=False,
        requests_child_coordinator=True,
        requests_plan=False,
    )
    ConsentFactory(case=case)
    assessment = services.assessment_run(case=case, by=caseworker)
    b6 = [f for f in assessment.result["barnekoordinator"]["findings"] if f["code"] == "B6"]
    assert b6[0]["met"] is True


class TestPage:
    def test_the_tab_shows_findings_and_open_questions(
        self, caseworker_client, adult_case, caseworker
    ):
        services.assessment_run(case=adult_case, by=caseworker)
        content = caseworker_client.get(
            reverse("eligibility:case_assessment", args=[adult_case.pk])
        ).content.decode()
        assert "hol. § 7-2" in content
        assert "Er behovet for tjenester langvarig?" in content

    def test_posting_an_answer_updates_the_outcome(self, caseworker_client, adult_case, caseworker):
        services.assessment_run(case=adult_case, by=caseworker)
        caseworker_client.post(
            reverse("eligibility:answer", args=[adult_case.pk]),
            {"answer_long_term": "nei", "reason_long_term": "Kortvarig behov etter operasjon."},
        )
        latest = adult_case.assessments.order_by("-id").first()
        assert latest.answers["long_term"]["answer"] is False

    def test_an_answer_without_a_reason_shows_a_message_and_stores_nothing(
        self, caseworker_client, adult_case, caseworker
    ):
        services.assessment_run(case=adult_case, by=caseworker)
        response = caseworker_client.post(
            reverse("eligibility:answer", args=[adult_case.pk]),
            {"answer_long_term": "ja", "reason_long_term": ""},
        )
        assert "Skriv en kort begrunnelse" in response.content.decode()
        assert adult_case.assessments.count() == 1

    def test_the_questions_are_one_form_with_one_save_button(
        self, caseworker_client, adult_case, caseworker
    ):
        services.assessment_run(case=adult_case, by=caseworker)
        content = caseworker_client.get(
            reverse("eligibility:case_assessment", args=[adult_case.pk])
        ).content.decode()
        answer_url = reverse("eligibility:answer", args=[adult_case.pk])
        assert content.count(f'action="{answer_url}"') == 1
        assert content.count("Lagre svarene") == 1

    def test_answers_posted_together_are_one_new_snapshot(
        self, caseworker_client, adult_case, caseworker
    ):
        services.assessment_run(case=adult_case, by=caseworker)
        caseworker_client.post(
            reverse("eligibility:answer", args=[adult_case.pk]),
            {
                "answer_long_term": "ja",
                "reason_long_term": "Varig behov.",
                "answer_coordinated": "ja",
                "reason_coordinated": "Tre tjenester må samordnes.",
                "answer_current_need": "",
                "reason_current_need": "",
            },
        )
        assert adult_case.assessments.count() == 2
        latest = adult_case.assessments.order_by("-id").first()
        assert set(latest.answers) == {"long_term", "coordinated"}

    def test_saving_with_nothing_answered_says_so_and_stores_nothing(
        self, caseworker_client, adult_case, caseworker
    ):
        services.assessment_run(case=adult_case, by=caseworker)
        response = caseworker_client.post(reverse("eligibility:answer", args=[adult_case.pk]), {})
        assert "Svar på minst ett av spørsmålene" in response.content.decode()
        assert adult_case.assessments.count() == 1

    def test_an_unanswered_reason_is_kept_when_the_form_comes_back(
        self, caseworker_client, adult_case, caseworker
    ):
        services.assessment_run(case=adult_case, by=caseworker)
        response = caseworker_client.post(
            reverse("eligibility:answer", args=[adult_case.pk]),
            {"answer_long_term": "", "reason_long_term": "Skrevet, men ikke svart."},
        )
        content = response.content.decode()
        assert "Velg ja eller nei." in content
        assert "Skrevet, men ikke svart.</textarea>" in content

    def test_running_from_the_page_stores_the_function_level(self, caseworker_client, adult_case):
        caseworker_client.post(
            reverse("eligibility:run", args=[adult_case.pk]), {"function_level": "4"}
        )
        assert adult_case.assessments.get().facts["function_level"] == 4

    def test_the_outcome_is_shown_after_the_status_changed(
        self, caseworker_client, adult_case, caseworker
    ):
        services.assessment_run(case=adult_case, by=caseworker)
        Case.objects.filter(pk=adult_case.pk).update(
            status=Case.Status.DECIDED, updated_at=timezone.now()
        )
        content = caseworker_client.get(
            reverse("eligibility:case_assessment", args=[adult_case.pk])
        ).content.decode()
        assert "kan ikke vurderes nå" in content


def test_an_adult_is_never_asked_the_child_questions(caseworker_client, adult_case, caseworker):
    services.assessment_run(case=adult_case, by=caseworker)
    content = caseworker_client.get(
        reverse("eligibility:case_assessment", args=[adult_case.pk])
    ).content.decode()
    assert 'name="answer_long_term"' in content  # an adult's question is asked
    assert 'name="answer_serious_condition"' not in content


def test_answered_questions_are_shown_by_their_text(caseworker_client, adult_case, caseworker):
    services.assessment_run(case=adult_case, by=caseworker)
    services.assessment_answer(
        case=adult_case, by=caseworker, key="long_term", answer=True, reason="Varig behov"
    )
    content = caseworker_client.get(
        reverse("eligibility:case_assessment", args=[adult_case.pk])
    ).content.decode()
    assert "<td>Er behovet for tjenester langvarig?</td>" in content
