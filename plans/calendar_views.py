"""The calendar page (the user's own feed address, shown once) and the feed, reached by token."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from cases.access import log_list
from cases.models import AccessLog
from plans import calendar
from plans.models import CalendarFeed


def calendar_page(request):
    feed = CalendarFeed.objects.filter(user=request.user, revoked_at__isnull=True).first()
    return render(request, "plans/calendar.html", {"feed": feed, "feed_url": ""})


@require_POST
def calendar_renew(request):
    """The new address is shown on this answer only: the token itself is not stored.

    Rendered, not redirected, so the token never waits in a session; the answer is
    no-store like every page of a signed-in user (core.caching).
    """
    token = calendar.calendar_feed_renew(user=request.user)
    feed = CalendarFeed.objects.get(user=request.user)
    path = reverse("plans:calendar_feed", args=[token])
    feed_url = settings.SITE_URL.rstrip("/") + path
    messages.success(
        request,
        "Du har fått en ny kalenderadresse. Kopier den nå: den vises bare denne ene gangen. "
        "En eldre adresse virker ikke.",
    )
    return render(request, "plans/calendar.html", {"feed": feed, "feed_url": feed_url})


@require_POST
def calendar_revoke(request):
    calendar.calendar_feed_revoke(user=request.user)
    messages.success(request, "Kalenderadressen virker ikke lenger.")
    return redirect("plans:calendar")


@login_not_required
@require_GET
def calendar_feed(request, token):
    """Public by design: the token is the key. Unknown or revoked gives 404, like no page."""
    feed = calendar.calendar_feed_get(token=token)
    if feed is None:
        raise Http404
    events = calendar.events_for(feed.user)
    body = calendar.build_ics(events, name=f"{settings.KE_UNIT_NAME} – mine datoer")
    # Case numbers with the dates of a person's plan are personal data, even without a
    # name: logged as the plans shown, to the owner of the token, as they leave for
    # another program.
    log_list(
        request,
        object_type="plan",
        shown=[(event.plan_id, event.person_id) for event in events],
        action=AccessLog.Action.EXPORT,
        user=feed.user,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="kalender.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
