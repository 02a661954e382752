"""Every URL: anonymous users go to login; coordinators get 403 on KE-only pages; citizens
reach nothing but their own pages."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cases.login.boundary import is_marked
from tests.factories import CaseFactory

# The calendar feed authenticates by its secret token, not by session. The OIDC
# redirects and callbacks log a user in; the development login is a 404 with debug off;
# the health probe answers the load balancer, which has no session; a participant's
# invitation opens by its secret token.
PUBLIC = {
    "login",
    "favicon",
    "plans:calendar_feed",
    "staff_oidc_start",
    "staff_oidc_callback",
    "citizen:login",
    "citizen:oidc_start",
    "citizen:oidc_callback",
    "citizen:dev_login",
    "health",
    "participant:invitation",
}
# What a citizen may reach besides the citizen namespace (cases/login/boundary.py).
CITIZEN_OPEN = {"home", "logout"}


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
    login = "citizen:login" if name.startswith("citizen:") else "login"
    assert response["Location"].startswith(reverse(login))


def staff_routes():
    """Every route but the citizen's own and those an app marks `citizen_page` (which
    check for themselves what a citizen may see)."""
    return [
        (n, p)
        for n, p in app_routes()
        # The participant pages are the citizen's too: the participant scope walk
        # (tests/plans) checks that each answers only for the participant's own plans.
        if not n.startswith(("citizen:", "participant:"))
        and n not in CITIZEN_OPEN
        and not citizen_page_view(p)
    ]


def citizen_page_view(pattern) -> bool:
    view = pattern.callback
    return is_marked(view) or is_marked(getattr(view, "view_class", None))


@pytest.mark.django_db
@pytest.mark.parametrize("name,pattern", staff_routes(), ids=[n for n, _ in staff_routes()])
def test_citizens_reach_no_staff_page(citizen_client, name, pattern):
    case = CaseFactory()
    for method in (citizen_client.get, citizen_client.post):
        assert method(_url(name, pattern, case.pk)).status_code in (403, 404), method


@pytest.mark.django_db
def test_citizens_reach_not_even_the_admin_index(citizen_client):
    assert citizen_client.get(reverse("admin:index")).status_code == 404


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
