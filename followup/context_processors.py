"""The menu: one list of items, each marked current from one rule."""

import time
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from cases import tabs
from cases.login.accounts import is_citizen
from cases.scoping import is_ke_staff
from followup.selectors import open_reminder_count
from plans.confinement import is_confined


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    section: str
    who: str  # "ke", "not_ke", "all", or a permission


MENU = (
    NavItem("Saker", "cases:list", "cases", "ke"),
    NavItem("Koordinatorer", "coordinators:list", "coordinators", "ke"),
    NavItem("Mine planer", "plans:my_plans", "my_plans", "not_ke"),
    NavItem("Planer", "plans:list", "plans", "all"),
    NavItem("Vedtak", "decisions:list", "decisions", "ke"),
    NavItem("Frister", "followup:deadlines", "deadlines", "all"),
    NavItem("Påminnelser", "followup:reminders", "reminders", "all"),
    NavItem("Oversikt", "followup:overview", "overview", "ke"),
    NavItem("Tilgangslogg", "cases:access_log", "access_log", "cases.view_accesslog"),
)
# A citizen or another service's participant sees only their own pages.
PARTICIPANT_MENU = (
    NavItem("Mine planer", "participant:plans", "participant", "all"),
    NavItem("Varsler", "participant:notices", "participant_notices", "all"),
)

# Pages of their own in the menu; every other page belongs to its app's section.
_PAGE_SECTIONS = {
    "plans:my_plans": "my_plans",
    "followup:deadlines": "deadlines",
    "followup:reminders": "reminders",
    "followup:overview": "overview",
    "cases:access_log": "access_log",
    "followup:dashboard": "cases",
    "followup:leader_home": "cases",
    "cases:hand_over": "cases",
    "participant:notices": "participant_notices",
}


def current_section(match) -> str:
    """The menu section a resolved URL belongs to; inside a case, every tab is "Saker"."""
    if match is None:
        return ""
    if match.view_name in _PAGE_SECTIONS:
        return _PAGE_SECTIONS[match.view_name]
    if match.view_name in tabs.case_page_url_names():
        return "cases"
    return match.namespace


def _shown(item: NavItem, user, is_ke: bool) -> bool:
    if item.who == "ke":
        return is_ke
    if item.who == "not_ke":
        return not is_ke
    if item.who == "all":
        return True
    return user.has_perm(item.who)


# The count of open reminders in the menu is kept in the session for a minute: it is
# read on every page, and the session is loaded and saved on every request anyway.
# Closing a reminder or opening the list forgets it (`forget_reminder_count`).
REMINDER_COUNT_KEY = "ke_reminder_count"
REMINDER_COUNT_SECONDS = 60


def reminder_count(request) -> int:
    stored = request.session.get(REMINDER_COUNT_KEY)
    now = time.time()
    if stored and 0 <= now - stored[1] < REMINDER_COUNT_SECONDS:
        return stored[0]
    count = open_reminder_count(request.user)
    request.session[REMINDER_COUNT_KEY] = [count, now]
    return count


def forget_reminder_count(request) -> None:
    request.session.pop(REMINDER_COUNT_KEY, None)


def navigation(request):
    context = {
        "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
        # For the idle warning (static/js/idle.js).
        "SESSION_IDLE_SECONDS": settings.SESSION_COOKIE_AGE,
    }
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    if is_citizen(user):
        # A citizen's menu is their own page only; the staff menu is not for them.
        item = NavItem("Mine planer", "citizen:home", "citizen", "citizen")
        current = getattr(getattr(request, "resolver_match", None), "namespace", "") == "citizen"
        context.update(
            nav_is_ke=False,
            nav_is_citizen=True,
            nav_items=[(item, reverse(item.url_name), current)],
        )
        return context
    confined = is_confined(request)
    is_ke = not confined and is_ke_staff(user)
    section = getattr(request, "menu_section", "") or current_section(
        getattr(request, "resolver_match", None)
    )
    menu = PARTICIPANT_MENU if confined else MENU
    context.update(
        nav_is_ke=is_ke,
        nav_is_participant=confined,
        # Lazy: read only where a page shows the menu (not the admin's, not a PDF's).
        nav_reminder_count=SimpleLazyObject(lambda: reminder_count(request)),
        nav_items=[
            (item, reverse(item.url_name), item.section == section)
            for item in menu
            if _shown(item, user, is_ke)
        ],
    )
    return context
