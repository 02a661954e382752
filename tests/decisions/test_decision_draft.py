import pytest

from cases.errors import RuleViolation
from cases.models import TimelineEntry
from decisions import services
from decisions.models import Decision
from tests.decisions.factories import YES, AssessmentFactory, DecisionFactory, facts_for
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def draft(case, service="koordinator"):
    return services.decision_draft(case=case, service=service, by=case.caseworker)


def test_it_drafts_a_grant_from_an_eligible_assessment(assessed_case):
    assert draft(assessed_case).outcome == Decision.Outcome.GRANTED


def test_the_draft_cites_the_assessment_it_rests_on(assessed_case):
    assert draft(assessed_case).assessment == assessed_case.assessments.get()


def test_the_draft_reasons_carry_the_findings_with_their_legal_references(assessed_case):
    decision = draft(assessed_case)
    assert "Vilkårene for koordinator er oppfylt" in decision.reasons
    assert "(hol. § 7-2; pbrl. § 2-5 b)" in decision.reasons


def test_the_draft_legal_basis_names_the_provision(assessed_case):
    assert "pasient- og brukerrettighetsloven § 2-5 b" in draft(assessed_case).legal_basis


def test_it_drafts_a_refusal_when_the_assessment_finds_no_right(db):
    case = CaseFactory()
    AssessmentFactory(case=case, facts=facts_for(case, services=[]))
    assert draft(case).outcome == Decision.Outcome.REFUSED


def test_it_drafts_a_child_coordinator_decision_for_a_child(assessed_child_case):
    decision = draft(assessed_child_case, "barnekoordinator")
    assert decision.outcome == Decision.Outcome.GRANTED


def test_drafting_writes_the_timeline(assessed_case):
    draft(assessed_case)
    assert assessed_case.timeline.filter(text__startswith="Utkast til vedtak").exists()


def test_it_refuses_a_case_without_an_assessment(db):
    with pytest.raises(RuleViolation, match="ingen lagret vurdering"):
        draft(CaseFactory())


def test_it_refuses_a_service_nobody_asked_for(assessed_case):
    with pytest.raises(RuleViolation, match="ikke søkt om"):
        draft(assessed_case, "barnekoordinator")


def test_it_refuses_an_assessment_with_unanswered_questions(db):
    case = CaseFactory()
    AssessmentFactory(case=case, facts=facts_for(case, judgements={}))
    with pytest.raises(RuleViolation, match="ubesvarte skjønnsspørsmål"):
        draft(case)


def test_it_refuses_a_second_decision_on_the_same_service(assessed_case):
    draft(assessed_case)
    with pytest.raises(RuleViolation, match="allerede et vedtak"):
        draft(assessed_case)
    assert Decision.objects.count() == 1


def test_it_refuses_a_closed_case(db):
    case = CaseFactory(closed=True)
    AssessmentFactory(case=case)
    with pytest.raises(RuleViolation, match="avsluttet"):
        draft(case)


def test_an_update_without_reasons_is_refused_and_changes_nothing(db):
    decision = DecisionFactory()
    with pytest.raises(RuleViolation, match="begrunnelse"):
        services.decision_update(decision=decision, by=decision.decided_by, reasons="  ")
    decision.refresh_from_db()
    assert decision.reasons.startswith("Behovet")


def test_an_update_saves_the_edited_text(db):
    decision = DecisionFactory()
    services.decision_update(decision=decision, by=decision.decided_by, reasons="Ny tekst.")
    decision.refresh_from_db()
    assert decision.reasons == "Ny tekst."


def test_a_sent_decision_cannot_be_edited(db):
    decision = DecisionFactory(sent=True)
    with pytest.raises(RuleViolation, match="sendt vedtak kan ikke endres"):
        services.decision_update(decision=decision, by=decision.decided_by, reasons="Ny.")


def test_editing_a_decision_awaiting_approval_sends_it_back_to_draft(db):
    decision = DecisionFactory(status=Decision.Status.AWAITING_APPROVAL)
    updated = services.decision_update(decision=decision, by=decision.decided_by, facts="Nye.")
    assert updated.status == Decision.Status.DRAFT


def test_the_yes_answers_cover_every_judgement():
    # Guards the factory: a new judgement in the engine must be answered in tests too.
    from eligibility.facts import JUDGEMENT_KEYS

    assert set(YES) == set(JUDGEMENT_KEYS)


def test_drafting_never_touches_the_timeline_when_refused(db):
    case = CaseFactory()
    before = TimelineEntry.objects.filter(case=case).count()
    with pytest.raises(RuleViolation):
        draft(case)
    assert TimelineEntry.objects.filter(case=case).count() == before
