from django.conf import settings

from cases.scoping import sees_all_cases

# URL namespace -> menu section, so the current section is marked in the menu.
_SECTIONS = {
    "cases": "cases",
    "eligibility": "cases",
    "coordinators": "coordinators",
    "plans": "plans",
    "decisions": "decisions",
    "followup": "cases",
}


def navigation(request):
    context = {"MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    match = getattr(request, "resolver_match", None)
    section = _SECTIONS.get(match.namespace, "") if match else ""
    if match and match.url_name in ("deadlines", "access_log", "overview"):
        section = match.url_name
    context.update(
        nav_section=section,
        nav_is_ke=sees_all_cases(user),
        nav_can_read_access_log=user.has_perm("cases.view_accesslog"),
    )
    return context
