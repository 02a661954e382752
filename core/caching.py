"""Responses with personal data are never kept by a browser or a proxy."""

from django.utils.cache import add_never_cache_headers


class NoStoreForUsersMiddleware:
    """`Cache-Control: no-store, private` (and friends) on every response to a signed-in user.

    What a signed-in user sees may hold personal data: pages, htmx partials, PDFs, CSV.
    Static files never get here: whitenoise answers them further up, with its own
    long-lived headers. Pages for anonymous users (the login page) hold no personal data;
    the calendar feed sets its own header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Read after the view: a login that just succeeded counts, a logout does not.
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response
