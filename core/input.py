"""Input no page can use, refused once, before any view, session lookup or login check.

A NUL byte in the address, the query, a cookie or the form data: no field, search or
token here ever holds one, and PostgreSQL refuses one in any text parameter
("PostgreSQL text fields cannot contain NUL (0x00) bytes"), so a NUL that got as far as
a query made a 500.

A query-string value over MAX_QUERY_VALUE characters: every parameter here is a choice,
a date, an id or a short key (search terms go by POST, cases.search). A long one is
refused before it turns into a query: the admin's search makes one condition per word,
and a thousand words overflow SQLite's expression depth.
"""

from django.shortcuts import render

NUL = "\x00"
# Longer than any address a browser keeps safely (about 2,000 characters in all).
MAX_QUERY_VALUE = 1_000


def strip_null_bytes(value: str) -> str:
    return value.replace(NUL, "")


def _in_querydict(query) -> bool:
    return any(NUL in key or any(NUL in v for v in values) for key, values in query.lists())


def has_overlong_query(request) -> bool:
    return any(len(v) > MAX_QUERY_VALUE for _, values in request.GET.lists() for v in values)


def has_null_bytes(request) -> bool:
    """A NUL in the path, the query string, a cookie or a form field.

    Uploaded files are not looked at: a PDF may hold NULs, and Django already drops
    them from a file's name.
    """
    if NUL in request.path_info or NUL in request.path or _in_querydict(request.GET):
        return True
    if any(NUL in key or NUL in value for key, value in request.COOKIES.items()):
        return True
    return request.method == "POST" and _in_querydict(request.POST)


class BadInputMiddleware:
    """400 with a Norwegian page for a request carrying input no page can use.

    It sits before the session middleware: a NUL in the session cookie must not reach
    the session lookup either. So the page is drawn for a logged-out visitor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_null_bytes(request) or has_overlong_query(request):
            return render(request, "errors/400.html", status=400)
        return self.get_response(request)
