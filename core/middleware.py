import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

from core import request_id

SESSION_STARTED_KEY = "ke_session_started_at"


class AbsoluteSessionTimeoutMiddleware:
    """Log out 12 hours after login, however active the session (ASVS V3.3.2).

    The idle timeout is SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(SESSION_STARTED_KEY, now)
            if now - started > settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS:
                logout(request)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class RequestIdMiddleware:
    """Give each request its id (core.request_id), for the log lines written while it
    runs and the X-Request-ID response header. First in MIDDLEWARE, so every response
    carries it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id.request_id_for(request)
        token = request_id.current.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id.current.reset(token)
        response["X-Request-ID"] = request.request_id
        return response
