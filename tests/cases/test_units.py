"""Several KE units in one municipality: who sees which cases, where a new case goes,
moving a case (issue 18, item 4)."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from cases import lifecycle, services
from cases.models import Case, Person, TimelineEntry, Unit
from cases.scoping import person_scope
from cases.units import default_unit, home_unit, unit_make_default, units_of
from core.errors import RuleViolation
from tests.factories import CaseFactory, PersonFactory, UserFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

# frogner, grorud and frogner_caseworker: tests/cases/conftest.py


@pytest.fixture
def grorud_case(grorud):
    return CaseFactory(unit=grorud, caseworker=None)


class TestTheDefaultUnit:
    def test_the_migration_made_it_from_the_letterhead_settings(self, settings):
        assert Unit.objects.get(is_default=True).name == settings.KE_UNIT_NAME

    def test_a_case_made_without_a_unit_goes_in_it(self):
        assert CaseFactory().unit == default_unit()

    def test_there_can_be_only_one(self, frogner):
        frogner.is_default = True
        with pytest.raises(IntegrityError), transaction.atomic():
            frogner.save()

    def test_making_another_unit_the_default_unsets_the_one_before(self, frogner):
        before = default_unit()
        unit_make_default(unit=frogner)
        assert list(Unit.objects.filter(is_default=True)) == [frogner]
        before.refresh_from_db()
        assert before.is_default is False

    def test_staff_in_no_unit_belong_to_it(self, caseworker):
        assert list(units_of(caseworker)) == [default_unit()]

    def test_staff_in_a_unit_do_not_belong_to_it_too(self, frogner_caseworker, frogner):
        assert list(units_of(frogner_caseworker)) == [frogner]


class TestScope:
    def test_a_caseworker_sees_their_units_cases(self, frogner_caseworker, frogner):
        case = CaseFactory(unit=frogner)
        assert list(Case.objects.visible_to(frogner_caseworker)) == [case]

    def test_a_caseworker_does_not_see_another_units_cases(self, frogner_caseworker, grorud_case):
        assert not Case.objects.visible_to(frogner_caseworker).filter(pk=grorud_case.pk).exists()

    def test_a_caseworker_in_no_unit_sees_the_default_units_cases_only(
        self, caseworker, grorud_case
    ):
        mine = CaseFactory()
        assert list(Case.objects.visible_to(caseworker)) == [mine]

    def test_a_caseworker_of_two_units_sees_both(self, frogner, grorud, grorud_case):
        user = UserFactory(caseworker=True)
        frogner.staff.add(user)
        grorud.staff.add(user)
        other = CaseFactory(unit=frogner)
        assert set(Case.objects.visible_to(user)) == {grorud_case, other}

    def test_a_leader_sees_every_unit(self, leader, grorud_case, frogner):
        other = CaseFactory(unit=frogner)
        assert set(Case.objects.visible_to(leader)) == {grorud_case, other}

    def test_a_leader_in_a_unit_still_sees_every_unit(self, leader, frogner, grorud_case):
        frogner.staff.add(leader)
        assert Case.objects.visible_to(leader).filter(pk=grorud_case.pk).exists()

    def test_with_one_unit_a_caseworker_sees_every_case(self, caseworker):
        cases = CaseFactory.create_batch(3)
        assert set(Case.objects.visible_to(caseworker)) == set(cases)

    def test_a_coordinator_keeps_their_appointed_cases_in_any_unit(self, grorud_case):
        from tests.factories import AppointmentFactory

        appointment = AppointmentFactory(case=grorud_case)
        assert list(Case.objects.visible_to(appointment.coordinator.user)) == [grorud_case]

    def test_a_caseworker_appointed_coordinator_in_another_unit_sees_that_case(
        self, frogner_caseworker, frogner, grorud_case
    ):
        from tests.factories import AppointmentFactory, CoordinatorFactory

        AppointmentFactory(
            case=grorud_case, coordinator=CoordinatorFactory(user=frogner_caseworker)
        )
        mine = CaseFactory(unit=frogner)
        assert set(Case.objects.visible_to(frogner_caseworker)) == {grorud_case, mine}

    def test_another_units_case_answers_404(self, client, frogner_caseworker, grorud_case):
        client.force_login(frogner_caseworker)
        assert client.get(reverse("cases:detail", args=[grorud_case.pk])).status_code == 404

    def test_another_units_person_answers_404(self, client, frogner_caseworker, grorud_case):
        client.force_login(frogner_caseworker)
        url = reverse("cases:person_detail", args=[grorud_case.person_id])
        assert client.get(url).status_code == 404

    def test_a_person_with_no_case_is_seen_by_every_caseworker(self, frogner_caseworker):
        person = PersonFactory()
        assert person_scope(Person.objects.all(), frogner_caseworker).filter(pk=person.pk).exists()

    def test_the_case_list_leaves_out_another_units_cases(
        self, client, frogner_caseworker, frogner, grorud_case
    ):
        mine = CaseFactory(unit=frogner)
        client.force_login(frogner_caseworker)
        numbers = {c.number for c in client.get(reverse("cases:list")).context["page"].items}
        assert numbers == {mine.number}

    def test_the_search_finds_no_case_of_another_unit(
        self, client, frogner_caseworker, grorud_case
    ):
        client.force_login(frogner_caseworker)
        response = client.post(reverse("cases:list"), {"q": grorud_case.number}, follow=True)
        assert list(response.context["page"].items) == []

    def test_the_case_list_runs_the_same_queries_for_one_case_or_many(
        self, client, frogner_caseworker, frogner
    ):
        client.force_login(frogner_caseworker)
        one, many = assert_constant_queries(
            lambda: client.get(reverse("cases:list")),
            lambda k: CaseFactory.create_batch(k, unit=frogner),
            n=30,
        )
        assert len(many.context["page"].items) == 25


class TestIntake:
    FIELDS = {
        "given_name": "Kari",
        "family_name": "Nordmann",
        "born_on": "2001-02-03",
        "residence": "registered",
        "language": "norsk",
        "requests_coordinator": "on",
        "received_on": "2026-11-20",
    }

    def _register(self, client, **extra):
        return client.post(reverse("cases:register_application"), {**self.FIELDS, **extra})

    @pytest.mark.today("2026-12-01")
    def test_a_new_case_goes_to_the_registering_caseworkers_unit(
        self, client, frogner_caseworker, frogner, today
    ):
        client.force_login(frogner_caseworker)
        self._register(client)
        assert Case.objects.get().unit == frogner

    def test_a_caseworker_of_one_unit_is_not_asked(self, client, frogner_caseworker, grorud):
        client.force_login(frogner_caseworker)
        response = client.get(reverse("cases:register_application"))
        assert "unit" not in response.context["form"].fields

    def test_a_leader_of_a_municipality_of_several_units_chooses(self, client, leader, frogner):
        client.force_login(leader)
        response = client.get(reverse("cases:register_application"))
        choices = [label for _, label in response.context["form"].fields["unit"].choices]
        assert frogner.name in choices and default_unit().name in choices

    @pytest.mark.today("2026-12-01")
    def test_the_chosen_unit_is_the_cases(self, client, leader, frogner, today):
        client.force_login(leader)
        self._register(client, unit=frogner.pk)
        assert Case.objects.get().unit == frogner

    @pytest.mark.today("2026-12-01")
    def test_no_unit_chosen_is_refused_in_norwegian(self, client, leader, frogner, today):
        client.force_login(leader)
        response = self._register(client, unit="")
        assert response.context["form"].errors["unit"] == ["Velg hvilken enhet saken hører til."]
        assert not Case.objects.exists()

    def test_with_one_unit_nobody_is_asked(self, client, leader):
        client.force_login(leader)
        response = client.get(reverse("cases:register_application"))
        assert "unit" not in response.context["form"].fields

    def test_the_service_refuses_a_unit_the_caseworker_is_not_in(
        self, frogner_caseworker, grorud, today
    ):
        with pytest.raises(RuleViolation, match="din egen enhet"):
            services.case_register(
                person=PersonFactory(),
                origin=Case.Origin.APPLICATION,
                received_on=today,
                by=frogner_caseworker,
                requests_coordinator=True,
                unit=grorud,
            )

    def test_home_unit_of_a_user_in_no_unit_is_the_default(self, caseworker):
        assert home_unit(caseworker) == default_unit()


class TestMove:
    def test_it_moves_the_case_and_says_so_in_the_journal(self, leader, frogner):
        case = CaseFactory(caseworker=None)
        lifecycle.case_move_to_unit(case=case, unit=frogner, by=leader, reason="Flyttet bydel.")
        case.refresh_from_db()
        assert case.unit == frogner
        entry = case.timeline.get(kind=TimelineEntry.Kind.SYSTEM)
        assert entry.text == f"Flyttet fra {default_unit().name} til {frogner.name}: Flyttet bydel."

    def test_a_caseworker_not_in_the_new_unit_stops_being_its_caseworker(self, leader, frogner):
        case = CaseFactory()
        lifecycle.case_move_to_unit(case=case, unit=frogner, by=leader, reason="Ny adresse.")
        case.refresh_from_db()
        assert case.caseworker is None
        assert "er ikke lenger saksbehandler" in case.timeline.get(kind="system").text

    def test_a_caseworker_in_the_new_unit_keeps_the_case(self, leader, frogner):
        case = CaseFactory()
        frogner.staff.add(case.caseworker)
        lifecycle.case_move_to_unit(case=case, unit=frogner, by=leader, reason="Ny adresse.")
        case.refresh_from_db()
        assert case.caseworker is not None

    def test_it_raises_the_version(self, leader, frogner):
        case = CaseFactory()
        lifecycle.case_move_to_unit(case=case, unit=frogner, by=leader, reason="Ny adresse.")
        assert Case.objects.get(pk=case.pk).version == case.version + 1

    @pytest.mark.parametrize(
        "unit,reason,message",
        [
            (None, "Ny adresse.", "Velg enheten saken skal flyttes til."),
            ("same", "Ny adresse.", "Saken hører allerede til"),
            ("frogner", "  ", "Oppgi hvorfor saken flyttes."),
        ],
    )
    def test_bad_input_is_refused_and_changes_nothing(self, leader, frogner, unit, reason, message):
        case = CaseFactory()
        target = {"same": case.unit, "frogner": frogner, None: None}[unit]
        with pytest.raises(RuleViolation, match=message):
            lifecycle.case_move_to_unit(case=case, unit=target, by=leader, reason=reason)
        assert Case.objects.get(pk=case.pk).unit == case.unit
        assert not case.timeline.exists()

    def test_a_caseworker_of_another_unit_may_not_move_it(self, frogner_caseworker, grorud):
        case = CaseFactory()
        with pytest.raises(RuleViolation, match="Bare enhetens"):
            lifecycle.case_move_to_unit(
                case=case, unit=grorud, by=frogner_caseworker, reason="Ny adresse."
            )

    def test_a_caseworker_of_the_cases_unit_may_move_it_away(
        self, client, frogner_caseworker, frogner, grorud
    ):
        case = CaseFactory(unit=frogner, caseworker=frogner_caseworker)
        client.force_login(frogner_caseworker)
        response = client.post(
            reverse("cases:move", args=[case.pk]), {"unit": grorud.pk, "reason": "Ny adresse."}
        )
        # The case is now out of the caseworker's sight: back to the list.
        assert response["Location"] == reverse("cases:list")
        assert Case.objects.get(pk=case.pk).unit == grorud

    def test_the_form_without_a_reason_says_so_and_changes_nothing(self, client, leader, frogner):
        case = CaseFactory()
        client.force_login(leader)
        response = client.post(reverse("cases:move", args=[case.pk]), {"unit": frogner.pk})
        assert response.status_code == 200
        assert "Oppgi hvorfor saken flyttes." in response.content.decode()
        assert Case.objects.get(pk=case.pk).unit == default_unit()

    def test_the_case_page_offers_the_move_with_several_units(self, client, leader, frogner):
        case = CaseFactory()
        client.force_login(leader)
        html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
        assert reverse("cases:move", args=[case.pk]) in html

    def test_the_case_page_does_not_offer_it_with_one_unit(self, client, leader):
        case = CaseFactory()
        client.force_login(leader)
        html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
        assert reverse("cases:move", args=[case.pk]) not in html


class TestHandOverAcrossUnits:
    def test_cases_go_only_to_a_caseworker_in_their_unit(self, leader, frogner_caseworker):
        case = CaseFactory()
        with pytest.raises(RuleViolation, match="hører ikke til enheten"):
            lifecycle.cases_hand_over(case_ids=[case.pk], to=frogner_caseworker, by=leader)
        assert Case.objects.get(pk=case.pk).caseworker == case.caseworker
