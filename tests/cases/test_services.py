import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from cases import consents, services
from cases.models import Case, Person, TimelineEntry
from cases.national_id import synthesize
from core.errors import RuleViolation, StaleEdit
from followup import services as followup_services
from tests.factories import CaseFactory, ConsentFactory, UserFactory

S = Case.Status
TODAY = timezone.localdate  # frozen by the module's `today` mark

pytestmark = [pytest.mark.today("2026-06-15")]


def register(caseworker, person=None, **kwargs):
    defaults = {
        "person": person
        or Person.objects.create(
            given_name="Ola", family_name="Nordmann", born_on=datetime.date(1980, 1, 1)
        ),
        "origin": Case.Origin.APPLICATION,
        "received_on": TODAY(),
        "by": caseworker,
        "requests_coordinator": True,
    }
    return services.case_register(**{**defaults, **kwargs})


CONSENT = {
    "given_by": "person",
    "given_by_name": "Ola Nordmann",
    "given_on": datetime.date(2026, 1, 5),
    "form": "written",
    "covers_plan": True,
}


class TestRegistration:
    def test_a_notification_without_consent_waits_for_consent(self, caseworker):
        case = register(caseworker, origin=Case.Origin.NOTIFICATION, notifier_name="Dr. Lege")
        assert case.status == S.AWAITING_CONSENT

    def test_a_case_with_consent_goes_straight_to_assessment(self, caseworker):
        case = register(caseworker, consent=CONSENT)
        assert case.status == S.UNDER_ASSESSMENT

    def test_a_notification_without_a_notifier_is_refused_and_nothing_is_saved(self, caseworker):
        with pytest.raises(RuleViolation, match="navnet på den som meldte"):
            register(caseworker, origin=Case.Origin.NOTIFICATION, notifier_name="  ")
        assert Case.objects.count() == 0

    def test_case_numbers_run_per_year(self, caseworker):
        first = register(caseworker, received_on=datetime.date(2026, 3, 1))
        second = register(caseworker, received_on=datetime.date(2026, 3, 2))
        assert (first.number, second.number) == ("2026/0001", "2026/0002")

    def test_registration_writes_timeline_entries(self, caseworker):
        case = register(caseworker)
        assert case.timeline.filter(kind=TimelineEntry.Kind.STATUS).count() == 1


class TestPeople:
    def test_registering_a_known_number_reuses_the_person(self, db):
        number = synthesize(datetime.date(1985, 4, 12), 100)
        first, created = services.person_register(
            by=None,
            national_id=number,
            given_name="Kari",
            family_name="Nordmann",
            born_on=datetime.date(1985, 4, 12),
        )
        again, created_again = services.person_register(
            by=None,
            national_id=number,
            given_name="Kari",
            family_name="Nordmann",
            born_on=datetime.date(1985, 4, 12),
        )
        assert (created, created_again, again.pk) == (True, False, first.pk)
        assert Person.objects.count() == 1

    def test_reuse_fills_in_missing_contact_details_but_keeps_what_was_there(self, db):
        number = synthesize(datetime.date(1985, 4, 12), 100)
        services.person_register(
            by=None,
            national_id=number,
            given_name="Kari",
            family_name="Nordmann",
            born_on=datetime.date(1985, 4, 12),
            phone="",
        )
        person, _ = services.person_register(
            by=None,
            national_id=number,
            given_name="Karianne",
            family_name="Nordmann",
            born_on=datetime.date(1985, 4, 12),
            phone="900 00 000",
        )
        assert (person.given_name, person.phone) == ("Kari", "900 00 000")

    def test_an_unborn_child_is_registered_without_a_number(self, db):
        person, _ = services.person_register(
            by=None,
            national_id=None,
            given_name="Ufødt",
            family_name="Barn",
            expected_on=TODAY() + datetime.timedelta(days=60),
        )
        assert person.is_unborn is True


class TestConsent:
    def test_recording_consent_moves_a_waiting_case_to_assessment(self, caseworker):
        case = register(caseworker)
        consents.consent_record(case=case, by=caseworker, **CONSENT)
        case.refresh_from_db()
        assert case.status == S.UNDER_ASSESSMENT

    def test_a_waiting_case_cannot_be_moved_to_assessment_without_consent(self, caseworker):
        case = register(caseworker)
        with pytest.raises(RuleViolation, match="samtykke"):
            services.case_transition(case=case, to=S.UNDER_ASSESSMENT, by=caseworker)
        case.refresh_from_db()
        assert case.status == S.AWAITING_CONSENT

    def test_withdrawing_the_only_consent_sends_the_case_back_to_waiting(self, caseworker):
        case = register(caseworker, consent=CONSENT)
        consent = case.consents.get()
        consents.consent_withdrawal_record(consent=consent, by=caseworker, withdrawn_on=TODAY())
        case.refresh_from_db()
        assert case.status == S.AWAITING_CONSENT
        assert case.consents.in_force().exists() is False

    def test_a_withdrawal_is_recorded_in_the_timeline(self, caseworker):
        case = register(caseworker, consent=CONSENT)
        consents.consent_withdrawal_record(
            consent=case.consents.get(), by=caseworker, withdrawn_on=TODAY()
        )
        assert case.timeline.filter(text="Samtykke trukket tilbake.").exists()

    def test_a_consent_cannot_be_withdrawn_twice(self, caseworker):
        case = register(caseworker, consent=CONSENT)
        consent = case.consents.get()
        consents.consent_withdrawal_record(consent=consent, by=caseworker, withdrawn_on=TODAY())
        with pytest.raises(RuleViolation, match="allerede"):
            consents.consent_withdrawal_record(consent=consent, by=caseworker, withdrawn_on=TODAY())

    def test_consent_given_in_the_future_is_refused(self, caseworker):
        case = register(caseworker)
        with pytest.raises(RuleViolation, match="fram i tid"):
            consents.consent_record(
                case=case, by=caseworker, **{**CONSENT, "given_on": TODAY() + datetime.timedelta(1)}
            )

    def test_consent_cannot_be_recorded_on_a_closed_case(self, caseworker):
        case = CaseFactory(closed=True)
        with pytest.raises(RuleViolation, match="avsluttet"):
            consents.consent_record(case=case, by=caseworker, **CONSENT)


class TestTransitions:
    def test_closing_needs_a_reason(self, caseworker):
        case = CaseFactory()
        with pytest.raises(RuleViolation, match="hvorfor"):
            followup_services.case_close(case=case, by=caseworker, closed_reason="")
        case.refresh_from_db()
        assert case.status == S.UNDER_ASSESSMENT

    def test_closing_records_the_reason_and_date(self, caseworker):
        case = CaseFactory()
        followup_services.case_close(
            case=case, by=caseworker, closed_reason=Case.ClosedReason.MOVED
        )
        case.refresh_from_db()
        assert (case.status, case.closed_reason, case.closed_on) == (S.CLOSED, "moved", TODAY())

    def test_a_closed_case_is_not_reopened_without_a_reason(self, caseworker):
        case = CaseFactory(closed=True)
        with pytest.raises(RuleViolation, match="hvorfor saken gjenåpnes"):
            services.case_transition(case=case, to=S.AWAITING_CONSENT, by=caseworker)

    def test_decided_needs_a_sent_decision(self, caseworker):
        case = CaseFactory()
        ConsentFactory(case=case)
        with pytest.raises(RuleViolation, match="vedtak er sendt"):
            services.case_transition(case=case, to=S.DECIDED, by=caseworker)

    def test_follow_up_needs_a_coordinator_or_an_active_plan(self, caseworker):
        case = CaseFactory(status=S.DECIDED)
        with pytest.raises(RuleViolation, match="koordinator"):
            services.case_transition(case=case, to=S.FOLLOW_UP, by=caseworker)

    def test_each_transition_writes_a_status_entry_with_from_and_to(self, caseworker):
        case = CaseFactory()
        followup_services.case_close(case=case, by=caseworker, closed_reason="need_ended")
        entry = case.timeline.get(kind=TimelineEntry.Kind.STATUS)
        assert (entry.from_status, entry.to_status, entry.author) == (
            S.UNDER_ASSESSMENT,
            S.CLOSED,
            caseworker,
        )


class TestConcurrentEdits:
    def test_a_save_from_a_stale_page_is_refused_and_overwrites_nothing(self, caseworker):
        case = CaseFactory()
        opened_version = case.version
        services.case_update(
            case=case,
            expected_version=opened_version,
            by=caseworker,
            requests_child_coordinator=True,
        )
        with pytest.raises(StaleEdit, match="endret av noen andre"):
            services.case_update(
                case=case,
                expected_version=opened_version,
                by=caseworker,
                requests_child_coordinator=False,
            )
        case.refresh_from_db()
        assert case.requests_child_coordinator is True

    def test_a_closed_case_cannot_be_edited(self, caseworker):
        case = CaseFactory(closed=True)
        with pytest.raises(RuleViolation, match="avsluttet"):
            services.case_update(
                case=case, expected_version=case.version, by=caseworker, requests_plan=False
            )


@pytest.mark.django_db(transaction=True)
def test_two_transactions_registering_at_once_get_different_case_numbers(on_postgresql):
    caseworker = UserFactory(caseworker=True)
    people = [
        Person.objects.create(
            given_name=f"P{i}", family_name="Samtidig", born_on=datetime.date(1980, 1, 1)
        )
        for i in range(6)
    ]
    barrier = threading.Barrier(len(people))
    numbers, errors = [], []

    def work(person):
        try:
            barrier.wait()
            numbers.append(register(caseworker, person=person).number)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == [f"{TODAY().year}/{n:04d}" for n in range(1, 7)]


class TestFamilies:
    def test_a_barnekoordinator_case_groups_the_child_in_a_family(self, caseworker):
        child = Person.objects.create(
            given_name="Emma", family_name="Hansen", born_on=datetime.date(2019, 5, 17)
        )
        case = register(caseworker, person=child, requests_child_coordinator=True)
        assert case.family.name == "Familien Hansen"
        assert list(case.family.members.values_list("person", "role")) == [(child.pk, "child")]

    def test_a_second_case_for_the_child_reuses_the_family(self, caseworker):
        child = Person.objects.create(
            given_name="Emma", family_name="Hansen", born_on=datetime.date(2019, 5, 17)
        )
        first = register(caseworker, person=child, requests_child_coordinator=True)
        second = register(caseworker, person=child, requests_child_coordinator=True)
        assert first.family_id == second.family_id


class TestClosingEndsFollowUp:
    def test_closing_a_case_closes_its_plan_with_the_matching_reason(self, caseworker):
        from tests.plans.factories import PlanFactory

        plan = PlanFactory(active=True)
        followup_services.case_close(case=plan.case, by=caseworker, closed_reason="deceased")
        plan.refresh_from_db()
        assert (plan.status, plan.closed_reason) == ("closed", "need_ended")

    def test_closing_a_case_ends_its_coordinators_appointments(self, caseworker):
        from tests.factories import AppointmentFactory

        appointment = AppointmentFactory()
        followup_services.case_close(case=appointment.case, by=caseworker, closed_reason="moved")
        appointment.refresh_from_db()
        assert appointment.ended_on == TODAY()

    def test_the_coordinator_no_longer_sees_a_closed_case(self, caseworker):
        from tests.factories import AppointmentFactory

        appointment = AppointmentFactory()
        coordinator = appointment.coordinator.user
        assert list(Case.objects.visible_to(coordinator)) == [appointment.case]
        followup_services.case_close(case=appointment.case, by=caseworker, closed_reason="moved")
        assert not Case.objects.visible_to(coordinator).exists()

    def test_an_appointment_that_never_started_ends_on_its_start_date(self, caseworker):
        from tests.factories import AppointmentFactory

        start = TODAY() + datetime.timedelta(days=10)
        appointment = AppointmentFactory(started_on=start)
        followup_services.case_close(case=appointment.case, by=caseworker, closed_reason="moved")
        appointment.refresh_from_db()
        assert appointment.ended_on == start


class TestRulesHoldWithoutTheForm:
    """The services refuse what the forms refuse, for a caller that skips the form."""

    def test_a_birth_date_before_1900_is_refused(self, db):
        with pytest.raises(ValidationError, match="Fødselsdatoen kan ikke være før 01.01.1900"):
            services.person_register(
                by=None,
                national_id=None,
                given_name="Kari",
                family_name="Nordmann",
                born_on=datetime.date(1850, 1, 1),
            )
        assert not Person.objects.exists()

    def test_a_registration_with_a_consent_covering_nothing_is_refused(self, caseworker):
        with pytest.raises(RuleViolation, match="hva samtykket gjelder"):
            register(caseworker, consent={**CONSENT, "covers_plan": False})
        assert not Case.objects.exists()

    def test_a_case_asking_for_nothing_is_refused(self, caseworker):
        with pytest.raises(RuleViolation, match="minst én tjeneste"):
            register(caseworker, requests_coordinator=False)

    def test_an_edit_that_removes_every_service_is_refused(self, caseworker):
        case = CaseFactory(requests_coordinator=True)
        with pytest.raises(RuleViolation, match="minst én tjeneste"):
            services.case_update(
                case=case,
                expected_version=case.version,
                by=caseworker,
                requests_coordinator=False,
                requests_child_coordinator=False,
                requests_plan=False,
            )

    def test_a_second_open_case_for_the_same_person_is_refused(self, caseworker):
        number = synthesize(datetime.date(1980, 1, 1), 400)
        fields = {
            "given_name": "Ola",
            "family_name": "Nordmann",
            "born_on": datetime.date(1980, 1, 1),
        }
        intake = {
            "national_id": number,
            "person_fields": fields,
            "case_fields": {
                "origin": Case.Origin.APPLICATION,
                "received_on": TODAY(),
                "requests_coordinator": True,
            },
            "consent": None,
            "by": caseworker,
        }
        services.intake_register(**intake)
        with pytest.raises(services.SecondOpenCase):
            services.intake_register(**intake)
        assert Case.objects.count() == 1

    def test_a_confirmed_second_open_case_is_registered(self, caseworker):
        number = synthesize(datetime.date(1980, 1, 1), 400)
        intake = {
            "national_id": number,
            "person_fields": {"given_name": "Ola", "family_name": "Nordmann", "born_on": None},
            "case_fields": {
                "origin": Case.Origin.APPLICATION,
                "received_on": TODAY(),
                "requests_coordinator": True,
            },
            "consent": None,
            "by": caseworker,
        }
        services.intake_register(**intake)
        services.intake_register(**intake, confirm_new_case=True)
        assert Case.objects.filter(person__national_id=number).count() == 2


class TestHistoryUser:
    """The history row names the acting user, also outside a request (no middleware)."""

    def test_registering_a_person_records_who_registered_them(self, caseworker):
        person, _ = services.person_register(
            national_id=synthesize(datetime.date(1985, 4, 12), 100),
            by=caseworker,
            given_name="Kari",
            family_name="Nordmann",
            born_on=datetime.date(1985, 4, 12),
        )
        assert person.history.latest().history_user == caseworker

    def test_a_case_edit_records_who_edited(self, caseworker):
        case = CaseFactory()
        services.case_update(
            case=case, expected_version=case.version, by=caseworker, requests_plan=True
        )
        assert case.history.latest().history_user == caseworker

    def test_a_transition_records_who_moved_the_case(self, caseworker):
        case = register(caseworker)
        assert case.history.latest().history_user == caseworker

    def test_recording_consent_records_who_noted_it(self, caseworker):
        consent = consents.consent_record(case=CaseFactory(), by=caseworker, **CONSENT)
        assert consent.history.latest().history_user == caseworker

    def test_a_withdrawal_records_who_withdrew_the_consent(self, caseworker, leader):
        consent = ConsentFactory()
        consents.consent_withdrawal_record(consent=consent, by=leader, withdrawn_on=TODAY())
        assert consent.history.latest().history_user == leader

    def test_a_relation_records_who_added_it(self, caseworker):
        person = CaseFactory().person
        relation = services.relation_add(person=person, by=caseworker, name="Per", role="parent")
        assert relation.history.latest().history_user == caseworker

    def test_closing_ends_an_unstarted_appointment_in_the_closers_name(self, caseworker):
        from tests.factories import AppointmentFactory

        appointment = AppointmentFactory(started_on=TODAY() + datetime.timedelta(days=10))
        followup_services.case_close(case=appointment.case, by=caseworker, closed_reason="moved")
        assert appointment.history.latest().history_user == caseworker
