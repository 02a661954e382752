"""Input no page can use: NUL bytes in the address, the query or the form data.

No field, search or token here ever holds a NUL, and PostgreSQL refuses one in any text
parameter ("PostgreSQL text fields cannot contain NUL (0x00) bytes"), so a NUL that got
as far as a query made a 500. It is refused here, once, before any view, session lookup
or login check sees the request.
"""

from django.shortcuts import render

NUL = "\x00"


def strip_null_bytes(value: str) -> str:
    return value.replace(NUL, "")


def _in_querydict(query) -> bool:
    return any(NUL in key or any(NUL in v for v in values) for key, values in query.lists())


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


class RejectNullBytesMiddleware:
    """400 with a Norwegian page for a request carrying a NUL byte anywhere we read.

    It sits before the session middleware: a NUL in the session cookie must not reach
    the session lookup either. So the page is drawn for a logged-out visitor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_null_bytes(request):
            return render(request, "errors/400.html", status=400)
        return self.get_response(request)
