"""Every page that can show a person's data logs it, so that the access log answers
"who has seen person X, and when" (issue 16, item 1; Normen faktaark 15).

The test walks every URL pattern of the project, the admin's included. A route is
either listed below as showing no personal data, with the reason, or it is requested as
a user allowed to see it, in a world where it shows person X, and must leave a row with
X, that user and the route's name. A new route fails here until it logs or is listed.
"""

import datetime
import io

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from pypdf import PdfWriter

from cases.models import AccessLog
from cases.national_id import synthesize
from decisions.models import Dispatch, Letter
from followup.models import Reminder
from plans.calendar import calendar_feed_renew
from tests.coordinators.factories import AttendanceFactory, TrainingSessionFactory
from tests.decisions.factories import AssessmentFactory, ComplaintFactory, DecisionFactory
from tests.factories import (
    AppointmentFactory,
    CaseFactory,
    ConsentFactory,
    CoordinatorFactory,
    FamilyMemberFactory,
    PersonFactory,
    PersonServiceFactory,
    RelationFactory,
    TimelineEntryFactory,
    UserFactory,
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

# Routes that show no one's personal data, and why. Everything else must log.
NO_PERSONAL_DATA = {
    "home": "only redirects to the user's start page",
    "health": "the health probe: names of checks and OK or not, no data",
    "login": "the login form",
    "logout": "logs out",
    "password_change": "the user's own password form",
    "password_change_done": "a confirmation",
    "session_keepalive": "renews the session; answers 204 and nothing else",
    "cases:register_application": "an empty intake form; the case it creates is logged",
    "cases:register_notification": "an empty intake form; the case it creates is logged",
    "coordinators:list": "coordinators (staff, not in the register) with their case counts",
    "coordinators:create": "a form for a new coordinator (staff)",
    "coordinators:edit": "a coordinator's own details (staff)",
    "coordinators:caseload": "counts of cases per coordinator, no case named",
    "coordinators:training": "courses, course days and guidance of coordinators (staff)",
    "coordinators:session": "a course day and the coordinators booked on it (staff)",
    # Forms on those two pages: shown again with errors, they show what the page shows.
    "coordinators:session_add": "a form on the training page",
    "coordinators:guidance_add": "a form on the training page",
    "coordinators:session_book": "a form on the course day's page",
    "followup:overview": "aggregate figures; no row names a case or a person",
    "cases:hand_over": "without ?fra= only the caseworkers; the cases it lists are logged "
    "(tests/cases/test_lifecycle.py)",
    "followup:overview_csv": "the same aggregate figures as CSV",
    "plans:calendar": "the user's own feed address; the feed itself is logged",
    "plans:calendar_renew": "the user's new feed address, shown once; the feed itself is logged",
    "staff_oidc_start": "redirects to the municipality's identity provider (404 unconfigured)",
    "staff_oidc_callback": "logs a staff member in, or says why not",
    "citizen:login": "the citizens' login page",
    "citizen:oidc_start": "redirects to ID-porten (404 unconfigured)",
    "citizen:oidc_callback": "logs a citizen in, or says why not",
    "citizen:dev_login": "off unless debug (404 here); with debug on it logs the demo people",
    "citizen:home": "lists nothing yet; each section an app registers logs what it shows",
    "participant:notices": "the user's own choice of email notices",
    "participant:invitation": "a form to choose a password; it shows no plan",
    "admin:index": "the list of models",
    "admin:app_list": "the models of one app",
    "admin:login": "the login form",
    "admin:logout": "logs out",
    "admin:password_change": "the user's own password form",
    "admin:password_change_done": "a confirmation",
    "admin:jsi18n": "translations for the admin's scripts",
    "admin:autocomplete": "the personal-data admins offer no search to autocomplete",
    "admin:view_on_site": "redirects to the object's own page, which logs",
}

# Admin models whose pages show no person in the register, and why.
ADMIN_WITHOUT_PERSONAL_DATA = {
    "auth.user": "staff accounts",
    "auth.group": "roles and their permissions",
    "axes.accessattempt": "failed logins: staff usernames and addresses",
    "axes.accessfailurelog": "failed logins: staff usernames and addresses",
    "axes.accesslog": "logins: staff usernames and addresses",
    "cases.service": "the service catalogue (reference data)",
    "cases.unit": "the KE units (reference data) and the staff in each",
    "coordinators.servicearea": "service areas (reference data)",
    "coordinators.course": "courses (reference data)",
    "coordinators.coordinator": "a coordinator's own record (staff); logged with no person",
    "coordinators.trainingsession": "a course day and who attended (staff); logged likewise",
    "coordinators.completion": "a coordinator's training (staff); logged likewise",
    "coordinators.guidancesession": "guidance given to coordinators (staff); logged likewise",
}

# The read-only admins of personal data refuse these pages to everyone.
ADMIN_REFUSED_VIEWS = ("add", "delete")


def _walk(patterns, namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield namespace + p.name, p


def _admin_model(name):
    """The "app_label.model" of an admin route, or None for the admin site's own."""
    for model in admin.site._registry:
        opts = model._meta
        if name.startswith(f"admin:{opts.app_label}_{opts.model_name}_"):
            return opts.label_lower
    return None


def routes_to_check():
    found = []
    for name, pattern in _walk(get_resolver().url_patterns):
        model = _admin_model(name)
        if name in NO_PERSONAL_DATA or model in ADMIN_WITHOUT_PERSONAL_DATA:
            continue
        found.append((name, pattern))
    return found


ROUTES = routes_to_check()
APP_ROUTES = [(n, p) for n, p in ROUTES if not n.startswith("admin:")]


# --- A world in which every page shows person X ----------------------------------------


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.localdate()
    caseworker = UserFactory(caseworker=True)
    coordinator = CoordinatorFactory()
    person = PersonFactory(
        given_name="Xenia",
        family_name="Xylograf",
        national_id=synthesize(datetime.date(1985, 4, 12), 100),
    )
    family_member = FamilyMemberFactory(person=person)
    case = CaseFactory(person=person, caseworker=caseworker, status="follow_up")
    consent = ConsentFactory(case=case)
    TimelineEntryFactory(case=case, author=caseworker)
    AssessmentFactory(case=case)
    appointment = AppointmentFactory(case=case, coordinator=coordinator)
    plan = PlanFactory(case=case, active=True, next_evaluation_on=today + datetime.timedelta(3))
    goal = GoalFactory(plan=plan)
    meeting = MeetingFactory(plan=plan, held_on=today - datetime.timedelta(1))
    # The plan's school, with a participant account and the owner's consent; the owner
    # herself, logged in with ID-porten.
    participant = ParticipantFactory(plan=plan, role="school")
    school = participant_user(participant)
    decision = DecisionFactory(case=case, sent=True)
    letter = Letter(
        kind=Letter.Kind.DECISION,
        decision=decision,
        recipient_key=f"person:{person.pk}",
        recipient_name=person.full_name,
        recipient_address=person.address,
        sha256="0" * 64,
    )
    letter.file.save("brev.pdf", ContentFile(_one_blank_page()), save=True)
    reminder = Reminder.objects.create(
        kind=Reminder.Kind.CONSENT_WAITING,
        object_type="case",
        object_id=str(case.pk),
        due_on=today,
        recipient=caseworker,
        text=f"Sak {case.number} har ventet på samtykke.",
        link=case.get_absolute_url(),
    )
    seen = AccessLog.objects.create(
        user=caseworker,
        username=caseworker.username,
        person_id=person.pk,
        object_type="case",
        object_id=str(case.pk),
        action=AccessLog.Action.VIEW,
        view_name="cases:detail",
    )
    session = TrainingSessionFactory()
    objects = {
        "person": person,
        "family": family_member.family,
        "case": case,
        "plan": plan,
        "decision": decision,
        "letter": letter,
        "dispatch": Dispatch.objects.create(
            letter=letter, channel=Dispatch.Channel.POST, address=person.address
        ),
        "complaint": ComplaintFactory(decision=decision),
        # The same letter "sent" to the local outbox too, for the outbox page.
        "outbox": Dispatch.objects.create(
            letter=letter, channel=Dispatch.Channel.OUTBOX, status=Dispatch.Status.SENT
        ),
        "appointment": appointment,
        "reminder": reminder,
        "accesslog": seen,
        "consent": consent,
        "goal": goal,
        "measure": MeasureFactory(plan=plan, goal=goal, participant=participant),
        "participant": participant,
        "access_consent": AccessConsentFactory(participant=participant),
        "point": ActionPointFactory(meeting=meeting, responsible_user=school),
        "coordinator": coordinator,
        "session": session,
        "attendance": AttendanceFactory(session=session, coordinator=coordinator),
        "relation": RelationFactory(person=person),
        "personservice": PersonServiceFactory(person=person),
        "closed_case": CaseFactory(person=person, caseworker=caseworker, closed=True),
        # Listed on the leader's start page.
        "unassigned_case": CaseFactory(person=person, caseworker=None),
    }
    EvaluationFactory(plan=plan, held_on=today - datetime.timedelta(1))
    users = {
        "caseworker": caseworker,
        "leader": UserFactory(leader=True),
        "coordinator": coordinator.user,
        "admin": UserFactory(is_staff=True, is_superuser=True),
        "school": school,
        "owner": citizen_user(person.national_id),
    }
    return {"objects": objects, "users": users, "token": calendar_feed_renew(user=caseworker)}


PARTICIPANT_ROUTES = [
    n for n, _ in _walk(get_resolver().url_patterns) if n.startswith("participant:")
]

# What `pk` means, where it is not the case.
PK_OF = {
    "cases:person_detail": "person",
    "coordinators:detail": "coordinator",
    "coordinators:completion_add": "coordinator",
    "coordinators:session_book": "session",
    "coordinators:attendance_mark": "attendance",
    "decisions:letter": "letter",
    "decisions:dispatch_retry": "dispatch",
    "decisions:complaint_forward": "complaint",
    "decisions:complaint_reverse": "complaint",
    "decisions:complaint_result": "complaint",
    "decisions:complaint_reject": "complaint",
    "decisions:rejection_reverse": "complaint",
    "followup:reminder_done": "reminder",
    "cases:reopen": "closed_case",
    **{
        f"decisions:{name}": "decision"
        for name in (
            "detail",
            "preview",
            "submit",
            "approve",
            "send",
            "received",
            "dispatch_status",
        )
    },
    "decisions:complaint_add": "decision",
    # The participant pages name the plan, never the case.
    **{name: "plan" for name in PARTICIPANT_ROUTES},
}
# The other parts of a URL, by converter name.
PART_OF = {
    "goal_pk": "goal",
    "measure_pk": "measure",
    "participant_pk": "participant",
    "point_pk": "point",
    "appointment_pk": "appointment",
    "consent_pk": "consent",
    "relation_pk": "relation",
    "service_pk": "personservice",
    "access_consent_pk": "access_consent",
}
# Who is allowed to see the page; KE's caseworker otherwise.
USER_OF = {
    "cases:access_log": "leader",
    "cases:hand_over": "leader",
    "followup:leader_home": "leader",
    "plans:my_plans": "coordinator",
    "plans:my_plans_export": "coordinator",
    # Only the appointed coordinator edits the plan.
    **{
        f"plans:{name}": "coordinator"
        for name in (
            "edit",
            "close",
            "activate",
            "goal_add",
            "goal_status",
            "measure_add",
            "measure_status",
            "participant_add",
            "participant_remove",
            "meeting_add",
            "action_point_done",
            "evaluation_add",
        )
    },
    "plans:participant_invite": "coordinator",
    "plans:consent_record": "coordinator",
    "plans:consent_revoke": "coordinator",
    # The plan's own school sees it and works in it; its owner decides over it.
    **{name: "school" for name in PARTICIPANT_ROUTES},
    **{
        f"participant:{name}": "owner"
        for name in (
            "consents",
            "consent_give",
            "consent_withdraw",
            "plan_consent_give",
            "plan_consent_withdraw",
            "access_log",
        )
    },
    # Reached by the caseworker's token, with no login: the row names the token's owner.
    "plans:calendar_feed": "caseworker",
}


def _admin_url(name, pattern, world):
    obj = world["objects"][_admin_model(name).split(".")[1]]
    if name.endswith("_simple_history"):
        return reverse(name, args=[obj.pk, obj.history.first().history_id])
    converters = pattern.pattern.converters
    return reverse(name, kwargs={"object_id": obj.pk}) if converters else reverse(name)


def _one_blank_page() -> bytes:
    # A real PDF: the print batch merges the letters it holds into one.
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _url(name, pattern, world):
    if name.startswith("admin:"):
        return _admin_url(name, pattern, world)
    objects = world["objects"]
    kwargs = {}
    for part in pattern.pattern.converters:
        if part == "pk":
            kwargs[part] = objects[PK_OF.get(name, "case")].pk
        elif part == "token":
            kwargs[part] = world["token"]
        else:
            kwargs[part] = objects[PART_OF[part]].pk
    return reverse(name, kwargs=kwargs)


def _client(name, world):
    role = "admin" if name.startswith("admin:") else USER_OF.get(name, "caseworker")
    user = world["users"][role]
    client = Client()
    if name != "plans:calendar_feed":
        client.force_login(user)
    return client, user


def _who_saw(world, name, since) -> set[str]:
    """Who the rows written since `since` say saw X on this page."""
    rows = AccessLog.objects.filter(
        pk__gt=since, person_id=world["objects"]["person"].pk, view_name=name
    )
    return set(rows.values_list("user__username", flat=True))


def _last_row() -> int:
    return AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.mark.parametrize("name,pattern", ROUTES, ids=[n for n, _ in ROUTES])
def test_every_page_that_shows_a_person_logs_who_saw_them(world, name, pattern):
    client, user = _client(name, world)
    since = _last_row()
    response = client.get(_url(name, pattern, world))
    if response.status_code == 405:
        return  # POST only: shows nothing on GET (the next test posts to it)
    view = name.rsplit("_", 1)[-1]
    if name.startswith("admin:") and view in ADMIN_REFUSED_VIEWS:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert user.username in _who_saw(world, name, since), f"{name} shows X but logs no row"


@pytest.mark.parametrize("name,pattern", APP_ROUTES, ids=[n for n, _ in APP_ROUTES])
def test_a_page_shown_again_after_a_failed_post_is_logged_too(world, name, pattern):
    """An empty POST either is refused, does its work and redirects, or shows the page
    again with the errors: then it is a read like a GET."""
    client, user = _client(name, world)
    since = _last_row()
    response = client.post(_url(name, pattern, world), {})
    assert response.status_code in (200, 302, 403, 405)
    if response.status_code == 200:
        assert user.username in _who_saw(world, name, since), f"{name} shows X but logs no row"


def test_the_walk_finds_the_pages_it_must_check():
    names = {name for name, _ in ROUTES}
    assert {"cases:list", "followup:dashboard", "plans:calendar_feed"} <= names
    assert {"admin:cases_person_change", "admin:cases_case_changelist"} <= names
    assert len(names) > 100


def test_every_listed_route_exists():
    names = {name for name, _ in _walk(get_resolver().url_patterns)}
    models = {model._meta.label_lower for model in admin.site._registry}
    assert set(NO_PERSONAL_DATA) - names == set()
    assert set(ADMIN_WITHOUT_PERSONAL_DATA) - models == set()
