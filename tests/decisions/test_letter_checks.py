"""What the letter check refuses beyond a missing part: reasons without the judgement that
was made, reasons that contradict the outcome, and a partly granted decision that does not
say what is refused. Without a database."""

from datetime import date

from cases.vocabulary import ServiceKind
from decisions import letter_checks, letters
from tests.decisions.letter_builders import complete_letter, complete_section, without

REFUSED, GRANTED, PARTLY = (
    letters.OUTCOME_REFUSED,
    letters.OUTCOME_GRANTED,
    letters.OUTCOME_PARTLY_GRANTED,
)
NOT_LONG_TERM = letters.Judgement(
    code="C4",
    met=False,
    conclusion="Behovet er vurdert som ikke langvarig.",
    reason="Legen venter at du er frisk etter opptreningen i vår, innen tre måneder.",
)


def refusal(**changes):
    return without(complete_letter(ServiceKind.COORDINATOR, REFUSED), **changes)


def test_a_refusal_on_a_judgement_with_no_recorded_reason_cannot_be_sent():
    letter = refusal(judgements=(letters.Judgement("C4", False, NOT_LONG_TERM.conclusion, ""),))

    assert letter_checks.missing_parts(letter) == [
        "hovedhensynene i skjønnsvurderingen «Behovet er vurdert som ikke langvarig» "
        "(skriv begrunnelsen for svaret i vurderingen)"
    ]


def test_a_refusal_whose_reasons_leave_out_the_caseworkers_reason_cannot_be_sent():
    letter = refusal(judgements=(NOT_LONG_TERM,), reasons=NOT_LONG_TERM.conclusion)

    assert letter_checks.missing_parts(letter) == [
        "hovedhensynene i skjønnsvurderingen «Behovet er vurdert som ikke langvarig» i begrunnelsen"
    ]


def test_a_refusal_that_gives_the_caseworkers_reason_can_be_sent():
    reasons = f"{NOT_LONG_TERM.conclusion} Dette har vi lagt vekt på: {NOT_LONG_TERM.reason}"

    assert letter_checks.missing_parts(refusal(judgements=(NOT_LONG_TERM,), reasons=reasons)) == []


def test_a_refusal_where_the_assessment_found_every_condition_met_cannot_be_sent():
    # The reasons say "not met" but name nothing: the assessment found no unmet condition.
    letter = refusal(reasons="Vilkårene for koordinator er ikke oppfylt:", every_condition_met=True)

    assert letter_checks.missing_parts(letter) == [
        "en grunn til avslaget: vurderingen fant at alle vilkårene er oppfylt (svar på "
        "nytt i vurderingen om et vilkår ikke er oppfylt, med begrunnelse)"
    ]


def test_a_refusal_whose_reasons_say_every_condition_is_met_cannot_be_sent():
    letter = refusal(reasons="Vilkårene for koordinator er oppfylt:\n– Du har to tjenester.")

    assert letter_checks.missing_parts(letter) == [
        "en begrunnelse som stemmer med utfallet (den sier at vilkårene er oppfylt)"
    ]


def test_a_grant_whose_reasons_say_a_condition_is_not_met_cannot_be_sent():
    letter = without(
        complete_letter(ServiceKind.COORDINATOR, GRANTED),
        reasons="Vilkårene for koordinator er ikke oppfylt:\n– Behovet er ikke langvarig.",
    )

    assert letter_checks.missing_parts(letter) == [
        "en begrunnelse som stemmer med utfallet (den sier at et vilkår ikke er oppfylt)"
    ]


def test_a_grant_whose_reasons_give_a_negative_judgement_cannot_be_sent():
    letter = without(
        complete_letter(ServiceKind.COORDINATOR, GRANTED),
        judgements=(NOT_LONG_TERM,),
        reasons=f"Du får koordinator. {NOT_LONG_TERM.conclusion}",
    )

    assert "den sier at et vilkår ikke er oppfylt" in " ".join(letter_checks.missing_parts(letter))


def test_a_partly_granted_decision_that_does_not_say_what_is_refused_cannot_be_sent():
    letter = complete_letter()
    letter = without(letter, decisions=(complete_section(outcome=PARTLY, refused_part=""),))

    assert letter_checks.missing_parts(letter) == ["hva som avslås, og hvorfor"]


def test_a_partly_granted_decision_that_does_not_say_what_is_granted_cannot_be_sent():
    letter = without(
        complete_letter(), decisions=(complete_section(outcome=PARTLY, granted_part=" "),)
    )

    assert letter_checks.missing_parts(letter) == ["hva som innvilges"]


def test_a_partly_granted_decision_saying_both_can_be_sent():
    letter = without(complete_letter(), decisions=(complete_section(outcome=PARTLY),))

    assert letter_checks.missing_parts(letter) == []


def test_text_left_unread_after_the_outcome_changed_cannot_be_sent():
    letter = without(complete_letter(), text_needs_review=True)

    assert letter_checks.missing_parts(letter) == [
        "en begrunnelse som er lest og rettet etter at utfallet ble endret"
    ]


def test_a_letter_covering_two_services_names_the_service_of_what_is_missing():
    both = (complete_section(), complete_section(ServiceKind.PLAN, facts=""))
    letter = without(complete_letter(), decisions=both)

    assert letter_checks.missing_parts(letter) == ["individuell plan: faktiske forhold"]


def test_the_barnekoordinator_is_the_parents_never_the_childs():
    voice = letters.Voice("dere", child="barnet deres, Noah")
    text = letters.decision_text(
        service=ServiceKind.CHILD_COORDINATOR, outcome=GRANTED, voice=voice
    )

    assert text == "Dere får barnekoordinator for barnet deres, Noah."


def test_the_barnekoordinator_for_an_unborn_child_is_the_parents():
    voice = letters.Voice("dere", child="barnet dere venter")
    text = letters.decision_text(
        service=ServiceKind.CHILD_COORDINATOR, outcome=REFUSED, voice=voice
    )

    assert text == "Dere får ikke barnekoordinator for barnet dere venter."


def test_an_adult_is_told_du():
    text = letters.decision_text(service=ServiceKind.PLAN, outcome=GRANTED, voice=letters.Voice())

    assert text == "Du får individuell plan."


def test_the_deadline_is_given_as_a_date_no_one_can_misread():
    letter = without(
        complete_letter(),
        assumed_received_on=date(2025, 3, 20),
        complaint_deadline=date(2025, 4, 22),
    )

    assert letter.deadline_text.startswith(
        "Vi regner med at du får brevet torsdag 20. mars 2025. "
        "Da er siste dag du kan klage tirsdag 22. april 2025."
    )


def test_the_rule_says_four_weeks_from_receipt():
    assert letters.COMPLAINT_RUNS_FROM == (
        "Du må sende klagen innen fire uker etter at du mottok dette brevet."
    )
