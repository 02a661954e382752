"""Demo data for plans: Emma Demo-Johansen's active plan, kept by Kari Koordinator.

Called by `seed_demo` inside its transaction, after the base data.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from cases.models import Case
from cases.services import case_transition
from cases.vocabulary import ServiceKind
from coordinators.models import Appointment, Coordinator
from plans import meetings, services
from plans.models import Goal, Participant, Plan


def _appoint(case: Case, coordinator: Coordinator, by, today: datetime.date) -> None:
    """Appointing needs a sent grant (decisions); the demo writes both rows directly.

    Sending through `decisions.delivery.decision_send` would render and queue letters; the
    demo writes the row as that service leaves it: sent a week ago by post, with the
    assumed received date and the complaint deadline that follow from it.
    """
    from decisions import deadlines, decided, letters
    from decisions.models import Decision

    # The plan is active, so it was granted too: a decision for each service asked for.
    reasons = {
        ServiceKind.CHILD_COORDINATOR: "Familien har rett til barnekoordinator.",
        ServiceKind.PLAN: "Emma har rett til individuell plan.",
    }
    sent_on = today - datetime.timedelta(days=7)
    received_on = deadlines.assumed_received_on(
        sent_on, channel=deadlines.CHANNEL_POST, post_days=settings.KE_POST_DAYS
    )
    for kind, reason in reasons.items():
        if Decision.objects.filter(case=case, service=kind).exists():
            continue
        Decision.objects.create(
            case=case,
            service=kind,
            outcome=Decision.Outcome.GRANTED,
            status=Decision.Status.SENT,
            legal_basis=f"Vedtaket er fattet etter {letters.reference(kind)}.",
            facts="Emma har en alvorlig sykdom og behov for langvarige, koordinerte tjenester.",
            reasons=reason,
            starts_on=sent_on,
            decided_by=by,
            sent_on=sent_on,
            assumed_received_on=received_on,
            received_on=received_on,
            complaint_deadline=deadlines.complaint_deadline(received_on),
        )
        decided.case_mark_decided(case=case, services=[kind])
    if case.status == Case.Status.UNDER_ASSESSMENT:
        case_transition(
            case=case, to=Case.Status.DECIDED, by=by, reason="Vedtak er sendt.", decision_sent=True
        )
    if not case.appointments.filter(ended_on__isnull=True).exists():
        Appointment.objects.create(
            case=case,
            coordinator=coordinator,
            kind=Appointment.Kind.CHILD_COORDINATOR,
            started_on=today - datetime.timedelta(days=5),
            appointed_by=by,
        )


def seed() -> None:
    User = get_user_model()
    sara = User.objects.get(username="saksbehandler")
    kari = User.objects.get(username="koordinator")
    today = timezone.localdate()
    case = Case.objects.filter(person__given_name="Emma", person__family_name="Demo-Johansen")
    case = case.order_by("id").first()
    if case is None or Plan.objects.filter(case=case).exists():
        return
    _appoint(case, kari.coordinator, sara, today)

    plan = services.plan_create(case=case, by=sara)
    services.plan_update(
        plan=plan,
        by=kari,
        resources="Emma er nysgjerrig, glad i musikk og har en trygg familie og besteforeldre "
        "som bor i nærheten.",
        needs="Trening av motorikk, tilrettelegging i barnehagen og avlastning for foreldrene.",
        person_contribution="Emma viser hva hun liker og hva som er vanskelig.",
        next_of_kin_contribution="Mona følger opp øvelsene hjemme og deltar i ansvarsgruppen.",
        cooperation="HABU (spesialisthelsetjenesten), fysioterapeut i kommunen, "
        "Solsikken barnehage, fastlege.",
        valid_from=today - datetime.timedelta(days=3),
        valid_to=today + datetime.timedelta(days=365),
    )
    walk = services.goal_add(
        plan=plan,
        by=kari,
        text="Jeg vil gå selv på tur med familien.",
        horizon=Goal.Horizon.LONG_TERM,
    )
    services.goal_add(
        plan=plan,
        by=kari,
        text="Jeg vil leke sammen med de andre barna i barnehagen.",
        horizon=Goal.Horizon.LONG_TERM,
    )
    services.goal_add(
        plan=plan,
        by=kari,
        text="Gå ti skritt med rullator innen sommeren.",
        horizon=Goal.Horizon.SHORT_TERM,
    )
    services.measure_add(
        plan=plan,
        by=kari,
        goal=walk,
        title="Fysioterapi med gangtrening",
        scope="2 timer i uken",
        provider="Fysioterapitjenesten, Eksempel kommune",
        responsible="Per Fysioterapeut",
        how="I barnehagen og hjemme, med øvelser foreldrene kan gjøre videre.",
        starts_on=today - datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=180),
    )
    services.measure_add(
        plan=plan,
        by=kari,
        title="Ekstra voksen i barnehagen",
        scope="20 timer i uken",
        provider="Solsikken barnehage",
        responsible="Styrer Anne Barnehage",
        how="Støtte i lek og måltider.",
        starts_on=today - datetime.timedelta(days=3),
    )
    services.measure_add(
        plan=plan,
        by=kari,
        title="Avlastning i helg",
        scope="1 helg i måneden",
        provider="Avlastningstjenesten, Eksempel kommune",
        responsible="Leder for avlastningen",
        starts_on=today + datetime.timedelta(days=14),
    )
    parent = case.person.relations.filter(role="parent").order_by("id").first()
    for name, role, organisation, contribution, member in [
        ("Mona Johansen", Participant.Role.PARENT, "", "Følger opp hjemme.", True),
        (
            "Kari Koordinator",
            Participant.Role.COORDINATOR,
            "Helsestasjonen sentrum",
            "Kaller inn og leder møtene.",
            True,
        ),
        (
            "Per Fysioterapeut",
            Participant.Role.SERVICE_PROVIDER,
            "Fysioterapitjenesten",
            "Gangtrening.",
            True,
        ),
        ("Anne Barnehage", Participant.Role.KINDERGARTEN, "Solsikken barnehage", "", True),
        ("Dr. Lise Lege", Participant.Role.SPECIALIST, "HABU", "Faglige råd.", False),
    ]:
        # The parent logs in with ID-porten through her registered relation.
        relation = parent if parent and name == parent.name else None
        services.participant_add(
            plan=plan,
            by=kari,
            name=name,
            role=role,
            organisation=organisation,
            contribution=contribution,
            contact="",
            email=relation.email if relation else "",
            relation=relation,
            in_responsibility_group=member,
        )
    meetings.meeting_record(
        plan=plan,
        by=kari,
        held_on=today - datetime.timedelta(days=2),
        place="Helsestasjonen sentrum",
        agenda="Oppstart av planen. Mål og tiltak.",
        minutes="Vi ble kjent og gikk gjennom Emmas mål.",
        agreements="Fysioterapeuten kommer i barnehagen tirsdager og torsdager.",
        next_meeting_on=today + datetime.timedelta(days=40),
        action_points=[
            {
                "what": "Sende timeplan for fysioterapi",
                "who": "Per Fysioterapeut",
                "due_on": today + datetime.timedelta(days=7),
            },
        ],
    )
    meetings.evaluation_record(
        plan=plan,
        by=kari,
        held_on=today - datetime.timedelta(days=1),
        what_worked="Oppstarten gikk fint; familien er fornøyd med møtet.",
        what_changes="Avlastning starter om to uker.",
        next_evaluation_on=today + datetime.timedelta(days=90),
    )
    services.plan_activate(plan=plan, by=kari)
