"""Citizens never reach a staff page: deny by default.

A citizen's request reaches only the citizen pages (the `citizen` URL namespace), logout,
and views an app marks with `citizen_page`. Every other page answers 404, whatever its
own permission checks would have said, so that a staff page added tomorrow is closed to
citizens without anyone remembering to close it.
"""

from django.http import Http404

from cases.login.accounts import is_citizen

# Open to citizens besides their own namespace; an app above adds the namespace of its
# own citizen pages with `open_to_citizens` (plans: the participant pages).
CITIZEN_OPEN_URL_NAMES = {"logout", "home"}
CITIZEN_OPEN_NAMESPACES = {"citizen"}


def open_to_citizens(*, namespaces=()) -> None:
    CITIZEN_OPEN_NAMESPACES.update(namespaces)


def citizen_page(view):
    """Mark a view outside the `citizen` namespace as one citizens may reach (it must
    still check what this citizen may see)."""
    view.citizen_page = True
    return view


def is_marked(view) -> bool:
    while view is not None:
        if getattr(view, "citizen_page", False):
            return True
        view = getattr(view, "__wrapped__", None)
    return False


class CitizenBoundaryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_citizen(request.user):
            return None
        match = request.resolver_match
        if match.namespace in CITIZEN_OPEN_NAMESPACES or match.view_name in CITIZEN_OPEN_URL_NAMES:
            return None
        if is_marked(view_func) or is_marked(getattr(view_func, "view_class", None)):
            return None
        raise Http404
