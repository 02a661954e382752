"""The menu: one list of items, each marked current from one rule."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from cases import tabs
from cases.scoping import sees_all_cases
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
    "followup:overview": "overview",
    "cases:access_log": "access_log",
    "followup:dashboard": "cases",
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


def navigation(request):
    context = {"MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    confined = is_confined(request)
    is_ke = not confined and sees_all_cases(user)
    section = current_section(getattr(request, "resolver_match", None))
    menu = PARTICIPANT_MENU if confined else MENU
    context.update(
        nav_is_ke=is_ke,
        nav_is_participant=confined,
        nav_items=[
            (item, reverse(item.url_name), item.section == section)
            for item in menu
            if _shown(item, user, is_ke)
        ],
    )
    return context
