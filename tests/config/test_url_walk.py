"""Every URL: anonymous users go to login; coordinators get 403 on KE-only pages."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import CaseFactory

# The calendar feed and a participant's invitation open by their secret token, not a session.
PUBLIC = {"login", "favicon", "plans:calendar_feed", "participant:invitation"}


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield namespace + (p.name or ""), p


def _url(name, pattern, pk):
    kwargs = {k: pk for k in pattern.pattern.converters}
    return reverse(name, kwargs=kwargs) if kwargs else reverse(name)


def app_routes():
    return [
        (name, pattern)
        for name, pattern in _walk(get_resolver().url_patterns)
        if name and name not in PUBLIC
    ]


def _view(pattern):
    view = pattern.callback
    while hasattr(view, "__wrapped__") and not hasattr(view, "caseworker_only"):
        view = view.__wrapped__
    return view


@pytest.mark.django_db
@pytest.mark.parametrize("name,pattern", app_routes(), ids=[n for n, _ in app_routes()])
def test_anonymous_users_are_sent_to_login(client, name, pattern):
    url = _url(name, pattern, 1)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,pattern",
    [(n, p) for n, p in app_routes() if getattr(_view(p), "caseworker_only", False)],
    ids=[n for n, p in app_routes() if getattr(_view(p), "caseworker_only", False)],
)
def test_coordinators_get_403_on_caseworker_only_pages(coordinator_client, name, pattern):
    case = CaseFactory()
    # POST reaches the permission check on POST-only views too.
    response = coordinator_client.post(_url(name, pattern, case.pk))
    assert response.status_code == 403
    assert "ikke tilgang" in response.content.decode()


def test_there_are_caseworker_only_pages_to_check():
    assert len([p for _, p in app_routes() if getattr(_view(p), "caseworker_only", False)]) >= 10


@pytest.mark.django_db
def test_the_login_page_is_open_and_norwegian(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Logg inn" in response.content.decode()


@pytest.mark.django_db
def test_static_files_need_no_login(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
