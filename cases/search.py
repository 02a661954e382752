"""Search terms that may hold personal data travel by POST and wait in the session.

A fødselsnummer or a name in a URL ends up in server logs, browser history and
proxies. The filter form posts; the term is kept in the session under a random key,
and the URL (and its pagination links) carry only that key.
"""

import re
import secrets

from django.http import QueryDict

from core.input import strip_null_bytes

SESSION_KEY = "ke_searches"
URL_PARAM = "sok"
KEEP = 20
MAX_LENGTH = 200


def stash(request, field: str, allowed) -> QueryDict:
    """The POSTed filters as a GET query, with `field` replaced by a session key.

    Only the filter's own fields go on, each cut to a sane length, so no input can
    make the address too long to redirect to. NUL bytes are dropped: the middleware
    refuses them in a request (core.input), and a term kept here is replayed into
    queries on every page of the list.
    """
    query = QueryDict(mutable=True)
    for name in allowed:
        if name != field and request.POST.get(name):
            query[name] = _clean(request.POST[name])
    term = _clean(request.POST.get(field, ""))
    if term:
        key = secrets.token_urlsafe(9)
        searches = request.session.get(SESSION_KEY, {})
        searches[key] = term
        # Keep the session small: only the newest searches.
        request.session[SESSION_KEY] = dict(list(searches.items())[-KEEP:])
        query[URL_PARAM] = key
    return query


def unstash(request, field: str) -> QueryDict:
    """The GET filters with `field` filled in from the session, and never from the URL."""
    query = request.GET.copy()
    query.pop(field, None)
    key = query.get(URL_PARAM)
    term = request.session.get(SESSION_KEY, {}).get(key, "") if key else ""
    # A session saved before NULs were dropped may still hold one.
    term = _clean(term) if isinstance(term, str) else ""
    if term:
        query[field] = term
    return query


def term_kind(term: str) -> str:
    """What kind of term a search used, for the access log, which never holds the term."""
    term = term.strip()
    if not term:
        return ""
    if re.fullmatch(r"\d{11}", re.sub(r"\s", "", term)):
        return "fødselsnummer"
    if re.fullmatch(r"[\d/]+", term):
        return "saksnummer"
    return "navn"


def _clean(value: str) -> str:
    return strip_null_bytes(value)[:MAX_LENGTH].strip()
