"""Each user's private iCalendar feed: the evaluations and responsibility-group meetings
of their own plans, for Outlook or a phone calendar to subscribe to.

`build_ics` is pure (RFC 5545 text from events). The rest reads the events and keeps
the feed's token, as a hash. The feed is reached by its token alone, so what it shows is
kept to dates, the case number and a link: no names, no health data. A case number still
points at one person, so every read of the feed is logged, as the plans it shows.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from cases.scoping import is_ke_staff
from coordinators.models import Appointment
from plans import selectors
from plans.models import CalendarFeed, Evaluation, Meeting, Plan

PRODID = "-//Koordinerende enhet//Saksbehandling//NB"
DAYS_BACK = 30
DAYS_AHEAD = 365
MAX_EVENTS = 500
MEETING_LENGTH = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Event:
    """All day when `start` is a date; timed when it is an aware datetime (with `end`)."""

    uid: str
    summary: str
    start: datetime.date | datetime.datetime
    url: str = ""
    end: datetime.datetime | None = None
    # The plan the event is about and its person, for the access log; not in the feed.
    plan_id: int | None = None
    person_id: int | None = None


# --- The text format (pure) -------------------------------------------------------------------


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line over 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    if len(line.encode()) <= 75:
        return line
    parts, current, size, limit = [], [], 0, 75
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append("".join(current))
            # A continuation line starts with a space, which counts against the 75.
            current, size, limit = [], 0, 74
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _when(event: Event) -> list[str]:
    if isinstance(event.start, datetime.datetime):
        end = event.end or event.start + MEETING_LENGTH
        return [f"DTSTART:{_utc(event.start)}", f"DTEND:{_utc(end)}"]
    next_day = event.start + datetime.timedelta(days=1)
    return [f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}", f"DTEND;VALUE=DATE:{next_day:%Y%m%d}"]


def build_ics(events, *, name: str = "", now: datetime.datetime | None = None) -> str:
    """A VCALENDAR with one VEVENT per event, CRLF line endings and folded lines."""
    stamp = _utc(now or datetime.datetime.now(datetime.UTC))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    if name:
        lines.append(f"X-WR-CALNAME:{escape(name)}")
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{escape(event.uid)}", f"DTSTAMP:{stamp}"]
        lines += _when(event)
        lines.append(f"SUMMARY:{escape(event.summary)}")
        if event.url:
            # A URI value, not TEXT: it is not escaped.
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


# --- The events of one user --------------------------------------------------------------------


def _own_cases(user):
    """A coordinator's actively appointed cases; for KE staff also the cases they handle."""
    own = Q(
        pk__in=Appointment.objects.filter(coordinator__user=user, ended_on__isnull=True).values(
            "case_id"
        )
    )
    if is_ke_staff(user):
        own |= Q(caseworker=user)
    return Case.objects.filter(own).values("pk")


def _evaluation(case_number: str) -> str:
    return f"Evaluering av plan – sak {case_number}"


def _meeting(case_number: str) -> str:
    return f"Ansvarsgruppemøte – sak {case_number}"


def _about(plan_id, person_id) -> dict:
    """The plan and person an event is about: logged when the feed is read, never in it."""
    return {"plan_id": plan_id, "person_id": person_id}


def events_for(user, today: datetime.date | None = None) -> list[Event]:
    """The user's own evaluations and meetings, 30 days back to a year ahead, 500 at most.

    Four queries whatever the number of plans: planned and held evaluations, held
    meetings, and each plan's next meeting (`selectors.next_meetings`).
    """
    today = today or timezone.localdate()
    first = today - datetime.timedelta(days=DAYS_BACK)
    last = today + datetime.timedelta(days=DAYS_AHEAD)
    cases = _own_cases(user)
    site = settings.SITE_URL.rstrip("/")
    host = urlsplit(site).hostname or "ke"

    def link(case_id):
        return site + reverse("plans:case_plan", args=[case_id])

    events = []
    planned = Plan.objects.filter(
        case__in=cases, status=Plan.Status.ACTIVE, next_evaluation_on__range=(first, last)
    ).values_list("pk", "case_id", "case__number", "next_evaluation_on", "person_id")
    for pk, case_id, number, on, person in planned.order_by("next_evaluation_on", "pk")[
        :MAX_EVENTS
    ]:
        uid = f"plan-{pk}-evaluering-{on:%Y%m%d}@{host}"
        events.append(Event(uid, _evaluation(number), on, link(case_id), **_about(pk, person)))

    open_plans = Q(plan__case__in=cases) & ~Q(plan__status=Plan.Status.CLOSED)
    plan_columns = ("plan_id", "plan__person_id")
    held = Evaluation.objects.filter(open_plans, held_on__range=(first, today)).values_list(
        "pk", "plan__case_id", "plan__case__number", "held_on", *plan_columns
    )
    for pk, case_id, number, on, plan, person in held.order_by("held_on", "pk")[:MAX_EVENTS]:
        uid = f"evaluering-{pk}@{host}"
        events.append(Event(uid, _evaluation(number), on, link(case_id), **_about(plan, person)))

    meetings = Meeting.objects.filter(open_plans, held_on__range=(first, today)).values_list(
        "pk", "plan__case_id", "plan__case__number", "held_on", *plan_columns
    )
    for pk, case_id, number, on, plan, person in meetings.order_by("held_on", "pk")[:MAX_EVENTS]:
        uid = f"mote-{pk}@{host}"
        events.append(Event(uid, _meeting(number), on, link(case_id), **_about(plan, person)))

    # The plan's next meeting, read as the plan page reads it.
    agreed = selectors.next_meetings(
        Meeting.objects.filter(open_plans, next_meeting_on__range=(first, last))
    ).values_list(
        "pk",
        "plan__case_id",
        "plan__case__number",
        "next_meeting_on",
        "next_meeting_at",
        *plan_columns,
    )
    for pk, case_id, number, on, at, plan, person in agreed.order_by("next_meeting_on", "pk")[
        :MAX_EVENTS
    ]:
        start = timezone.make_aware(datetime.datetime.combine(on, at)) if at else on
        uid = f"mote-{pk}-neste@{host}"
        events.append(Event(uid, _meeting(number), start, link(case_id), **_about(plan, person)))

    events.sort(key=lambda e: (_sort_day(e.start), e.uid))
    return events[:MAX_EVENTS]


def _sort_day(start) -> datetime.date:
    return timezone.localdate(start) if isinstance(start, datetime.datetime) else start


# --- The token ---------------------------------------------------------------------------------
# The token is a key to the user's dates, so it is kept like a password: only its hash is
# stored. A plain SHA-256 is enough (no salt, no slow hash): the token is 256 random bits,
# not something a person chose, and the feed must look it up by hash in one query.


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def calendar_feed_get(*, token: str) -> CalendarFeed | None:
    """The active feed with this token, for an active user; None for anything else."""
    return (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def calendar_feed_renew(*, user) -> str:
    """A new token for the user, returned to be shown once; the old one stops working at once."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user,
        defaults={
            "token_hash": token_hash(token),
            "created_at": timezone.now(),
            "revoked_at": None,
        },
    )
    return token


def calendar_feed_revoke(*, user) -> None:
    CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
