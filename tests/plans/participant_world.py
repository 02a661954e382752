"""Two plans, A and B, with everything a participant page shows, and who takes part in A:
its school (a participant account) and a parent (a citizen)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from cases.national_id import synthesize
from plans.models import GoalComment, PlanMessage, Proposal
from tests.factories import (
    AppointmentFactory,
    CaseFactory,
    ConsentFactory,
    PersonFactory,
    RelationFactory,
)
from tests.plans.factories import (
    AccessConsentFactory,
    ActionPointFactory,
    EvaluationFactory,
    GoalFactory,
    MeasureFactory,
    MeetingFactory,
    ParticipantFactory,
    PlanFactory,
    citizen_user,
    participant_user,
)

# Every confidential field of a plan holds a marker; none may reach a participant
# whose consent does not cover confidential information.
CONFIDENTIAL = {
    "resources": "HEMMELIG-RESSURSER",
    "needs": "HEMMELIG-BEHOV",
    "person_contribution": "HEMMELIG-EGET-BIDRAG",
    "next_of_kin_contribution": "HEMMELIG-PARORENDE",
}
CONFIDENTIAL_MEETING = {"minutes": "HEMMELIG-REFERAT", "agreements": "HEMMELIG-AVTALER"}
CONFIDENTIAL_EVALUATION = {"what_worked": "HEMMELIG-FUNGERT", "what_changes": "HEMMELIG-ENDRES"}
CONFIDENTIAL_MESSAGE = "HEMMELIG-MELDING"
ALL_MARKERS = [
    *CONFIDENTIAL.values(),
    *CONFIDENTIAL_MEETING.values(),
    *CONFIDENTIAL_EVALUATION.values(),
    CONFIDENTIAL_MESSAGE,
]


@dataclass
class PlanWorld:
    plan: object
    goal: object
    measure: object
    meeting: object
    point: object
    participant: object
    consent: object
    marker: str  # a text only this plan's pages show


def a_plan(label: str, *, child: bool = True, parent_id: str = "") -> PlanWorld:
    born_on = timezone.localdate() - datetime.timedelta(days=365 * 7)
    person = PersonFactory(
        given_name=f"Person{label}",
        family_name=f"Plan{label}",
        born_on=born_on if child else datetime.date(1985, 4, 12),
    )
    if parent_id:
        RelationFactory(person=person, name=f"Forelder {label}", national_id=parent_id)
    case = CaseFactory(person=person, status="follow_up")
    ConsentFactory(case=case)
    AppointmentFactory(case=case)
    plan = PlanFactory(case=case, active=True, **CONFIDENTIAL)
    goal = GoalFactory(plan=plan, text=f"Mål i plan {label}")
    participant = ParticipantFactory(plan=plan, name=f"Skolen {label}", role="school")
    measure = MeasureFactory(plan=plan, participant=participant, title=f"Tiltak {label}")
    meeting = MeetingFactory(
        plan=plan, held_on=timezone.localdate() - datetime.timedelta(1), **CONFIDENTIAL_MEETING
    )
    point = ActionPointFactory(meeting=meeting, what=f"Punkt {label}")
    EvaluationFactory(
        plan=plan, held_on=timezone.localdate() - datetime.timedelta(1), **CONFIDENTIAL_EVALUATION
    )
    consent = AccessConsentFactory(participant=participant)
    author = case.caseworker or consent.recorded_by
    GoalComment.objects.create(goal=goal, author=author, author_name="K", text=f"Kommentar {label}")
    Proposal.objects.create(plan=plan, author=author, author_name="K", kind="goal", text="Forslag")
    PlanMessage.objects.create(
        plan=plan, author=author, author_name="K", text=CONFIDENTIAL_MESSAGE, confidential=True
    )
    return PlanWorld(plan, goal, measure, meeting, point, participant, consent, f"Plan{label}")


PARENT_A = synthesize(datetime.date(1980, 1, 2), 101)
PARENT_B = synthesize(datetime.date(1981, 2, 3), 102)


def two_plans():
    """Plan A with its school (consent to the plan without confidential information) and
    a parent of the child; plan B, of another child, that neither takes part in."""
    a = a_plan("A", parent_id=PARENT_A)
    b = a_plan("B", parent_id=PARENT_B)
    school = participant_user(a.participant)
    a.point.responsible_user = school
    a.point.save(update_fields=["responsible_user"])
    parent = citizen_user(PARENT_A)
    return a, b, school, parent
