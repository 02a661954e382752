"""Participant users (citizens, other services' staff) reach only the participant pages.

Deny by default: every other page answers 404, as if it did not exist, so a staff page
that forgets its own check still shows a participant nothing. The answer is worked out
once per session and kept in it: staff pages pay no query for it.
"""

from django.http import Http404

from plans.access import is_participant_user

SESSION_KEY = "ke_participant_only"

# Where a participant user may go besides the participant pages. A login provider's
# callbacks and landing page are added with allow_for_participants().
_ALLOWED_NAMESPACES = {"participant", "citizen"}
_ALLOWED_NAMES = {"home", "login", "logout", "password_change", "password_change_done"}


def allow_for_participants(*, url_names=(), namespaces=()) -> None:
    _ALLOWED_NAMES.update(url_names)
    _ALLOWED_NAMESPACES.update(namespaces)


def is_confined(request) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    confined = request.session.get(SESSION_KEY)
    if confined is None or confined[0] != user.pk:
        confined = (user.pk, is_participant_user(user))
        request.session[SESSION_KEY] = confined
    return confined[1]


class ParticipantConfinementMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not is_confined(request):
            return None
        if match.url_name in _ALLOWED_NAMES and not match.namespace:
            return None
        if match.namespaces and match.namespaces[0] in _ALLOWED_NAMESPACES:
            return None
        raise Http404
