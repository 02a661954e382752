"""The participant pages: each participant sees what the owner's consent allows, loses
access at once, and every view is logged with the role they saw the plan in."""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cases.models import AccessLog
from followup.models import Reminder
from followup.scans.plans import action_points_overdue
from followup.services import case_close
from plans import participation, selectors, services
from plans.models import AccessConsent, ItemStatus, PlanMessage
from tests.factories import UserFactory
from tests.plans.factories import AccessConsentFactory, ParticipantFactory, participant_user
from tests.plans.participant_world import ALL_MARKERS, CONFIDENTIAL_MESSAGE, two_plans
from tests.queries import assert_constant_queries

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-06-15")]
BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def world():
    a, b, school, parent = two_plans()
    return a, school, parent


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def _prefixed(participant, **data) -> dict:
    return {f"deltaker{participant.pk}-{k}": v for k, v in data.items()}


def _page(client, plan):
    return client.get(reverse("participant:plan", args=[plan.pk]))


def _pdf_text(client, plan) -> str:
    response = client.get(reverse("participant:plan_pdf", args=[plan.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


# --- What the consent allows ---------------------------------------------------------------


def test_without_confidential_access_no_confidential_field_reaches_the_page(world):
    a, school, _ = world
    html = _page(_client(school), a.plan).content.decode()
    assert [m for m in ALL_MARKERS if m in html] == []


def test_without_confidential_access_no_confidential_field_reaches_the_pdf(world):
    a, school, _ = world
    text = _pdf_text(_client(school), a.plan)
    assert a.goal.text in text
    assert [m for m in ALL_MARKERS if m in text] == []


def test_with_confidential_access_the_participant_sees_the_confidential_fields(world):
    a, school, _ = world
    a.consent.scope = AccessConsent.Scope.CONFIDENTIAL
    a.consent.save(update_fields=["scope"])
    html = _page(_client(school), a.plan).content.decode()
    assert [m for m in ALL_MARKERS if m not in html] == []


def test_the_parent_of_a_child_under_16_sees_everything(world):
    a, _, parent = world
    text = _pdf_text(_client(parent), a.plan)
    assert "HEMMELIG-BEHOV" in text


def test_a_confidential_message_cannot_go_to_a_participant_without_confidential_access(world):
    a, _, parent = world
    response = _client(parent).post(
        reverse("participant:message_send", args=[a.plan.pk]),
        {"text": "Diagnosen er ...", "recipients": [a.participant.pk], "confidential": "on"},
        follow=True,
    )
    assert "ikke samtykke til taushetsbelagte" in response.content.decode()
    assert not PlanMessage.objects.filter(text="Diagnosen er ...").exists()


def test_a_message_to_named_participants_is_not_shown_to_the_others(world):
    a, school, parent = world
    other = ParticipantFactory(plan=a.plan, name="Fastlegen")
    AccessConsentFactory(participant=other)
    _client(parent).post(
        reverse("participant:message_send", args=[a.plan.pk]),
        {"text": "Bare til fastlegen", "recipients": [other.pk]},
    )
    assert "Bare til fastlegen" not in _page(_client(school), a.plan).content.decode()


def test_the_coordinator_sees_every_message(world, client):
    a, _, _ = world
    client.force_login(a.plan.case.appointments.get().coordinator.user)
    response = client.get(reverse("plans:together", args=[a.plan.case_id]))
    assert CONFIDENTIAL_MESSAGE in response.content.decode()


# --- Access lost at once -------------------------------------------------------------------


def test_a_withdrawn_consent_makes_the_next_request_a_404(world):
    a, school, parent = world
    client = _client(school)
    _client(parent).post(reverse("participant:consent_withdraw", args=[a.plan.pk, a.consent.pk]))
    assert _page(client, a.plan).status_code == 404


def test_an_expired_consent_makes_the_next_request_a_404(world, today):
    a, school, _ = world
    AccessConsent.objects.filter(pk=a.consent.pk).update(
        valid_from=today - datetime.timedelta(30), valid_to=today - datetime.timedelta(1)
    )
    assert _page(_client(school), a.plan).status_code == 404


def test_a_removed_participant_gets_a_404(world):
    a, school, _ = world
    services.participant_remove(participant=a.participant, by=UserFactory())
    assert _page(_client(school), a.plan).status_code == 404


def test_a_closed_plan_gives_its_participants_a_404(world):
    a, school, _ = world
    case_close(case=a.plan.case, by=UserFactory(), closed_reason="need_ended")
    assert _page(_client(school), a.plan).status_code == 404


def test_a_refused_request_is_logged_as_denied(world):
    a, school, _ = world
    AccessConsent.objects.filter(pk=a.consent.pk).update(withdrawn_at=timezone.now())
    _page(_client(school), a.plan)
    assert AccessLog.objects.filter(user=school, action=AccessLog.Action.DENIED).exists()


def test_a_parent_of_a_16_year_old_sees_the_plan_only_by_the_young_persons_consent(world):
    a, _, parent = world
    person = a.plan.person
    person.born_on = timezone.localdate().replace(year=timezone.localdate().year - 16)
    person.save(update_fields=["born_on"])
    assert _page(_client(parent), a.plan).status_code == 404


def test_a_citizen_known_only_by_name_sees_nothing(world):
    a, _, _ = world
    relation = a.plan.person.relations.get()
    stranger = UserFactory(first_name=relation.name.split()[0], last_name=relation.name.split()[-1])
    assert _page(_client(stranger), a.plan).status_code == 404


# --- The owner decides ----------------------------------------------------------------------


def test_the_parents_consent_records_who_when_how_and_for_what(world, today):
    a, _, parent = world
    other = ParticipantFactory(plan=a.plan, role="nav")
    _client(parent).post(
        reverse("participant:consent_give", args=[a.plan.pk, other.pk]),
        _prefixed(other, scope="plan", valid_from=today, valid_to=today + datetime.timedelta(90)),
    )
    consent = other.access_consents.get()
    assert (consent.given_as, consent.method, consent.acr, consent.recorded_by) == (
        "parent",
        "idporten",
        "idporten-loa-substantial",
        parent,
    )


def test_changing_a_consent_withdraws_the_old_one(world, today):
    a, _, parent = world
    _client(parent).post(
        reverse("participant:consent_give", args=[a.plan.pk, a.participant.pk]),
        _prefixed(a.participant, scope="confidential", valid_from=today, valid_to=today),
    )
    scopes = a.participant.access_consents.filter(withdrawn_at__isnull=True)
    assert list(scopes.values_list("scope", flat=True)) == ["confidential"]


def test_a_participant_who_does_not_decide_cannot_open_the_consents(world):
    a, school, _ = world
    response = _client(school).get(reverse("participant:consents", args=[a.plan.pk]))
    assert response.status_code == 404


def test_the_coordinator_records_a_consent_given_on_paper(world, today, client):
    a, _, _ = world
    other = ParticipantFactory(plan=a.plan, role="gp")
    client.force_login(a.plan.case.appointments.get().coordinator.user)
    client.post(
        reverse("plans:consent_record", args=[a.plan.case_id, other.pk]),
        {
            "given_as": "parent",
            "given_by_name": "Mor",
            "method": "paper",
            "scope": "plan",
            "valid_from": today,
            "valid_to": today + datetime.timedelta(30),
        },
    )
    assert other.access_consents.get().how == "På papir"


# --- Working together --------------------------------------------------------------------------


def test_a_participant_marks_their_own_measure_done(world):
    a, school, _ = world
    _client(school).post(reverse("participant:measure_done", args=[a.plan.pk, a.measure.pk]))
    a.measure.refresh_from_db()
    assert a.measure.status == ItemStatus.REACHED


def test_a_participant_cannot_mark_anothers_measure_done(world):
    a, _, parent = world
    response = _client(parent).post(
        reverse("participant:measure_done", args=[a.plan.pk, a.measure.pk])
    )
    assert response.status_code == 404


def test_a_participant_marks_their_own_action_point_done(world):
    a, school, _ = world
    _client(school).post(
        reverse("participant:action_point_done", args=[a.plan.pk, a.point.pk]), {"done": "1"}
    )
    a.point.refresh_from_db()
    assert a.point.done is True


def test_a_comment_on_a_goal_tells_the_coordinator_by_a_link_only(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    a, school, _ = world
    with django_capture_on_commit_callbacks(execute=True):
        _client(school).post(
            reverse("participant:comment_add", args=[a.plan.pk, a.goal.pk]),
            {"text": "Eleven trenger pauser"},
        )
    body = mailoutbox[-1].body
    assert "/samarbeid/" in body and "pauser" not in body and a.plan.person.given_name not in body


def test_a_user_who_turned_message_notices_off_gets_none(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    a, school, parent = world
    _client(school).post(reverse("participant:notices"), {"on_comment": "on"})
    a.participant.email = "skole@skole.example"
    a.participant.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        _client(parent).post(
            reverse("participant:message_send", args=[a.plan.pk]),
            {"text": "Hei", "to_everyone": "on"},
        )
    assert [m for m in mailoutbox if "skole@skole.example" in m.to] == []


# --- Who has looked at my plan ----------------------------------------------------------------


def test_the_parent_sees_the_schools_visit_and_its_role(world):
    a, school, parent = world
    _page(_client(school), a.plan)
    response = _client(parent).get(reverse("participant:access_log", args=[a.plan.pk]))
    html = response.content.decode()
    assert school.get_full_name() in html and "Skole" in html


def test_every_view_of_a_participant_page_is_logged_with_the_role(world):
    a, school, _ = world
    _page(_client(school), a.plan)
    row = AccessLog.objects.filter(user=school, view_name="participant:plan").get()
    assert (row.person_id, row.role) == (a.plan.person_id, "Skole")


# --- Invitations ---------------------------------------------------------------------------------


def test_an_invitation_is_a_notice_and_a_link_only(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    a, _, _ = world
    nav = ParticipantFactory(plan=a.plan, role="nav", email="nav@nav.example")
    with django_capture_on_commit_callbacks(execute=True):
        participation.participant_invite(participant=nav, by=UserFactory())
    body = mailoutbox[-1].body
    assert "/deltaker/invitasjon/" in body and a.plan.person.given_name not in body


def test_the_invitation_link_sets_a_password_once(
    world, mailoutbox, client, django_capture_on_commit_callbacks
):
    a, _, _ = world
    nav = ParticipantFactory(plan=a.plan, role="nav", email="nav@nav.example")
    with django_capture_on_commit_callbacks(execute=True):
        participation.participant_invite(participant=nav, by=UserFactory())
    link = next(w for w in mailoutbox[-1].body.split() if "/deltaker/invitasjon/" in w)
    path = link.split("127.0.0.1:8000", 1)[-1]
    password = {"new_password1": "Et-langt-passord-42", "new_password2": "Et-langt-passord-42"}
    client.post(path, password)
    assert Client().post(path, password).status_code == 404


def test_a_citizen_is_invited_only_through_a_relation_with_a_national_id(world):
    a, _, _ = world
    aunt = ParticipantFactory(plan=a.plan, role="next_of_kin", email="tante@epost.example")
    with pytest.raises(participation.RuleViolation, match="ID-porten"):
        participation.participant_invite(participant=aunt, by=UserFactory())


def test_an_email_of_a_staff_member_is_not_made_a_participant_account(world):
    a, _, _ = world
    staff = UserFactory(username="ansatt@kommune.example", caseworker=True)
    nav = ParticipantFactory(plan=a.plan, role="nav", email=staff.username)
    with pytest.raises(participation.RuleViolation, match="ansatt"):
        participation.participant_invite(participant=nav, by=UserFactory())


# --- Query count ----------------------------------------------------------------------------------


# Session and user (2), the citizen account (1), the plan in the participant scope (1),
# the person's relations (1), goals and their comments (2), measures, participants with
# their access consents, meetings with action points, evaluations (6), messages and
# their recipients (2), the coordinator (1), the access-log row (1), saving the session
# in a savepoint (3).
PARTICIPANT_PAGE_QUERIES = 21


def test_the_participant_plan_page_runs_a_constant_number_of_queries(world):
    a, school, _ = world
    client = _client(school)
    author = UserFactory()

    def add_rows(k):
        for i in range(k):
            other = ParticipantFactory(plan=a.plan)
            AccessConsentFactory(participant=other)
            participant_user(other)
            message = PlanMessage.objects.create(
                plan=a.plan, author=author, author_name="K", text=f"M{i}", to_everyone=False
            )
            message.recipients.set([other, a.participant])
            a.goal.comments.create(author=author, author_name="K", text=f"K{i}")

    one, many = assert_constant_queries(
        lambda: _page(client, a.plan), add_rows, n=50, at_most=PARTICIPANT_PAGE_QUERIES
    )
    assert (one.status_code, many.status_code) == (200, 200)


def test_an_action_point_may_be_given_to_a_participant_who_logs_in(world):
    a, school, parent = world
    ParticipantFactory(plan=a.plan, role="parent", relation=a.plan.person.relations.get())
    assert {school, parent} <= set(selectors.action_point_users(a.plan.case))


def test_a_participants_overdue_action_point_reminds_the_coordinator(world, today):
    a, school, _ = world
    a.point.due_on = today - datetime.timedelta(days=2)
    a.point.save(update_fields=["due_on"])
    action_points_overdue(today)
    recipients = set(Reminder.objects.values_list("recipient", flat=True))
    assert recipients == {a.plan.case.appointments.get().coordinator.user_id}


# --- The owner's consent to the plan itself ---------------------------------------------------


def test_the_parent_withdraws_consent_to_the_plan_and_every_participant_loses_access(world):
    a, school, parent = world
    _client(parent).post(reverse("participant:plan_consent_withdraw", args=[a.plan.pk]))
    a.plan.refresh_from_db()
    assert (a.plan.status, _page(_client(school), a.plan).status_code) == ("draft", 404)


def test_the_parent_gives_consent_to_the_plan_in_the_app_with_the_idporten_level(world):
    a, _, parent = world
    a.plan.case.consents.update(withdrawn_on=timezone.localdate())
    _client(parent).post(reverse("participant:plan_consent_give", args=[a.plan.pk]))
    consent = a.plan.case.consents.get(withdrawn_on__isnull=True)
    assert (consent.form, consent.acr, consent.given_by, consent.covers_plan) == (
        "electronic",
        "idporten-loa-substantial",
        "parent",
        True,
    )


def test_staff_cannot_note_a_consent_as_given_in_idporten():
    from cases.forms import ConsentForm

    assert "electronic" not in dict(ConsentForm().fields["form"].choices)


def test_a_participant_without_access_gets_no_notice_of_a_message(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    a, _, parent = world
    ParticipantFactory(plan=a.plan, role="nav", email="nav@nav.example")
    with django_capture_on_commit_callbacks(execute=True):
        _client(parent).post(
            reverse("participant:message_send", args=[a.plan.pk]),
            {"text": "Hei", "to_everyone": "on"},
        )
    assert [m for m in mailoutbox if "nav@nav.example" in m.to] == []


def test_a_consent_to_the_plan_needs_the_idporten_level_of_the_login(world):
    a, _, parent = world
    parent.citizen.last_acr = ""
    parent.citizen.save(update_fields=["last_acr"])
    a.plan.case.consents.update(withdrawn_on=timezone.localdate())
    _client(parent).post(reverse("participant:plan_consent_give", args=[a.plan.pk]))
    assert not a.plan.case.consents.filter(withdrawn_on__isnull=True).exists()


def test_the_plan_names_the_person_whose_contribution_it_is(world):
    a, _, parent = world
    html = _page(_client(parent), a.plan).content.decode()
    assert f"Det {a.plan.person.given_name} selv bidrar med" in html
    assert "Personen bidrar med" not in html
