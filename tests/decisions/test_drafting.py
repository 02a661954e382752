import pytest
from django.utils import timezone

from cases.models import TimelineEntry
from core.errors import RuleViolation
from decisions import drafting, letter_checks, letter_content
from decisions.models import Decision, Letter
from tests.decisions.factories import YES, AssessmentFactory, DecisionFactory, facts_for
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def draft(case, service="koordinator"):
    return drafting.decision_draft(case=case, service=service, by=case.caseworker)


def test_it_drafts_a_grant_from_an_eligible_assessment(assessed_case):
    assert draft(assessed_case).outcome == Decision.Outcome.GRANTED


def test_the_draft_cites_the_assessment_it_rests_on(assessed_case):
    assert draft(assessed_case).assessment == assessed_case.assessments.get()


def test_the_draft_reasons_carry_the_findings_with_their_legal_references(assessed_case):
    decision = draft(assessed_case)
    assert "Vilkårene for koordinator er oppfylt" in decision.reasons
    # The koordinator provision is cited in the legal basis; the reasons cite the rest.
    assert (
        "– Du bor eller oppholder deg i kommunen (helse- og omsorgstjenesteloven § 3-1)."
        in decision.reasons
    )
    assert "2-5 b" not in decision.reasons


def test_an_adults_koordinator_draft_cites_no_child_coordinator_provision(assessed_case):
    decision = draft(assessed_case)
    text = "\n".join([decision.legal_basis, decision.facts, decision.reasons])
    assert "2-5 c" not in text
    assert decision.legal_basis.count("§ 2-5 b") == 1


def test_the_draft_facts_name_the_services_from_the_assessment(db):
    case = CaseFactory()
    services_ = [
        {"name": "Hjemmesykepleie", "category": "municipal_health_care", "status": "received"},
        {"name": "Fysioterapi", "category": "municipal_health_care", "status": "received"},
        {"name": "Avlastning", "category": "municipal_health_care", "status": "applied"},
    ]
    AssessmentFactory(case=case, facts=facts_for(case, services=services_))
    facts = draft(case).facts
    assert "Du mottar hjemmesykepleie og fysioterapi, og har søkt om avlastning." in facts
    assert "tjeneste(r)" not in facts


@pytest.mark.parametrize(
    "case_fixture,service",
    [
        ("assessed_case", "koordinator"),
        ("assessed_case", "individuell_plan"),
        ("assessed_child_case", "barnekoordinator"),
    ],
)
def test_a_draft_from_an_assessment_gives_a_complete_letter(request, case_fixture, service):
    decision = draft(request.getfixturevalue(case_fixture), service)
    assert letter_checks.missing_parts(letter_content.decision_letter(decision)) == []


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
        drafting.decision_update(decision=decision, by=decision.decided_by, reasons="  ")
    decision.refresh_from_db()
    assert decision.reasons.startswith("Behovet")


def test_an_update_saves_the_edited_text(db):
    decision = DecisionFactory()
    drafting.decision_update(decision=decision, by=decision.decided_by, reasons="Ny tekst.")
    decision.refresh_from_db()
    assert decision.reasons == "Ny tekst."


def test_a_sent_decision_cannot_be_edited(db):
    decision = DecisionFactory(sent=True)
    with pytest.raises(RuleViolation, match="sendt vedtak kan ikke endres"):
        drafting.decision_update(decision=decision, by=decision.decided_by, reasons="Ny.")


def test_saving_unchanged_text_keeps_the_leaders_approval(db, leader):
    decision = DecisionFactory(
        status=Decision.Status.AWAITING_APPROVAL, approved_by=leader, approved_at=timezone.now()
    )
    unchanged = {name: getattr(decision, name) for name in drafting.EDITABLE_FIELDS}
    updated = drafting.decision_update(decision=decision, by=decision.decided_by, **unchanged)
    assert updated.status == Decision.Status.AWAITING_APPROVAL
    assert updated.approved_by == leader


def test_editing_a_decision_awaiting_approval_sends_it_back_to_draft(db):
    decision = DecisionFactory(status=Decision.Status.AWAITING_APPROVAL)
    updated = drafting.decision_update(decision=decision, by=decision.decided_by, facts="Nye.")
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


# --- Approval --------------------------------------------------------------------------------


def test_a_caseworker_cannot_approve(caseworker):
    decision = DecisionFactory(status=Decision.Status.AWAITING_APPROVAL)
    with pytest.raises(RuleViolation, match="Bare en leder"):
        drafting.decision_approve(decision=decision, by=caseworker)


def test_a_leader_cannot_approve_their_own_decision(leader):
    decision = DecisionFactory(decided_by=leader, status=Decision.Status.AWAITING_APPROVAL)
    with pytest.raises(RuleViolation, match="selv har skrevet"):
        drafting.decision_approve(decision=decision, by=leader)


def test_an_incomplete_letter_cannot_go_for_approval(db):
    decision = DecisionFactory(starts_on=None)
    with pytest.raises(RuleViolation, match="startdato"):
        drafting.decision_submit_for_approval(decision=decision, by=decision.decided_by)


# --- The edit form: save, then the button's step ---------------------------------------------


def edit(decision, action, **fields):
    return drafting.decision_edit(
        decision=decision, by=decision.decided_by, action=action, **fields
    )


def test_an_edit_and_send_sends_the_edited_text():
    decision = DecisionFactory(case__person__email="kari@epost.example")
    result = edit(decision, "send", reasons="Ny begrunnelse.")
    assert (result.decision.status, result.decision.reasons) == (
        Decision.Status.SENT,
        "Ny begrunnelse.",
    )


def test_a_refused_send_keeps_the_saved_edit_and_says_why():
    decision = DecisionFactory(
        case__person__email="",
        case__person__address="",
        case__person__postal_code="",
        case__person__postal_town="",
    )
    result = edit(decision, "send", reasons="Ny begrunnelse.")
    decision.refresh_from_db()
    assert (decision.status, decision.reasons) == (Decision.Status.DRAFT, "Ny begrunnelse.")
    assert "verken fødselsnummer eller postadresse" in " ".join(result.refused.messages)
    assert not Letter.objects.exists()


def test_a_refused_edit_saves_nothing_and_takes_no_step():
    decision = DecisionFactory(case__person__email="kari@epost.example")
    with pytest.raises(RuleViolation, match="begrunnelse"):
        edit(decision, "send", reasons=" ")
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT
    assert decision.reasons.startswith("Behovet")


def test_an_edit_awaiting_approval_makes_a_draft_again_and_is_not_approved(leader):
    decision = DecisionFactory(status=Decision.Status.AWAITING_APPROVAL)
    result = drafting.decision_edit(decision=decision, by=leader, action="approve", facts="Nye.")
    assert result.reopened is True
    assert (result.decision.status, result.decision.approved_at) == (Decision.Status.DRAFT, None)


def test_an_edit_of_a_sent_decision_is_not_editable():
    decision = DecisionFactory(sent=True)
    with pytest.raises(drafting.NotEditable):
        edit(decision, "save", reasons="Ny.")


# --- Reasons from the judgement made, and text that follows the outcome -----------------------

REASONS = {
    "long_term": {"answer": False, "reason": "Legen venter at du er frisk innen tre måneder."},
    "coordinated": {"answer": True, "reason": "Fastlegen og fysioterapeuten må samarbeide."},
    "current_need": {"answer": True, "reason": "Tjenestene er i gang nå."},
}


def judged_case(long_term=False):
    case = CaseFactory()
    judgements = {**YES, "long_term": long_term}
    answers = {**REASONS, "long_term": {**REASONS["long_term"], "answer": long_term}}
    AssessmentFactory(case=case, facts=facts_for(case, judgements=judgements), answers=answers)
    return case


def test_the_caseworkers_recorded_reason_reaches_the_draft(db):
    decision = draft(judged_case())
    assert "Legen venter at du er frisk innen tre måneder." in decision.reasons


def test_changing_the_outcome_drafts_the_reasons_anew_for_the_new_outcome(db):
    decision = draft(judged_case())
    drafting.decision_update(
        decision=decision, by=decision.decided_by, outcome=Decision.Outcome.GRANTED
    )
    decision.refresh_from_db()
    assert decision.reasons.startswith("Vilkårene for koordinator er oppfylt:")


def test_changing_the_outcome_with_no_assessment_flags_the_text(db):
    decision = DecisionFactory(case=CaseFactory(person__email="kari@epost.example"))
    drafting.decision_update(
        decision=decision, by=decision.decided_by, outcome=Decision.Outcome.REFUSED
    )
    decision.refresh_from_db()
    assert decision.text_needs_review is True


def test_rewriting_the_reasons_clears_the_flag(db):
    decision = DecisionFactory(text_needs_review=True)
    drafting.decision_update(decision=decision, by=decision.decided_by, reasons="Ny begrunnelse.")
    decision.refresh_from_db()
    assert decision.text_needs_review is False


def test_a_refusal_whose_reasons_lost_the_caseworkers_reason_cannot_be_sent(db):
    decision = draft(judged_case())
    drafting.decision_update(
        decision=decision,
        by=decision.decided_by,
        reasons="Vilkårene for koordinator er ikke oppfylt: behovet er ikke langvarig.",
    )
    decision.refresh_from_db()
    missing = letter_checks.missing_parts(letter_content.decision_letter(decision))
    assert missing == [
        "hovedhensynene i skjønnsvurderingen «Behovet er vurdert som ikke langvarig» i begrunnelsen"
    ]
