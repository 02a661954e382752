"""Citizens log in with ID-porten: through the local provider, over real HTTP."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from axes.models import AccessLog as LoginLog
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from cases.models import CitizenAccount
from cases.national_id import synthesize
from tests.factories import PersonFactory, RelationFactory
from tests.oidc import path_of

pytestmark = pytest.mark.django_db

PID = synthesize(datetime.date(1980, 5, 17), 123)
OTHER_PID = synthesize(datetime.date(1981, 6, 18), 124)
SUBSTANTIAL = "idporten-loa-substantial"


def start(client):
    response = client.get(reverse("citizen:oidc_start"))
    assert response.status_code == 302
    return response["Location"]


def log_in(client, provider, *, pid=PID, acr=SUBSTANTIAL):
    """The whole round: our redirect, the provider's login page, our callback."""
    callback = provider.log_in(start(client), pid=pid, acr=acr)
    return client.get(path_of(callback))


def logged_in(client) -> bool:
    return SESSION_KEY in client.session


def test_the_login_asks_id_porten_for_pkce_s256_and_at_least_substantial(client, idporten):
    query = parse_qs(urlsplit(start(client)).query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43
    assert query["acr_values"] == [SUBSTANTIAL]
    assert query["scope"] == ["openid"]


def test_a_parent_registered_by_national_id_is_logged_in_and_sent_to_mine_planer(client, idporten):
    RelationFactory(national_id=PID)
    response = log_in(client, idporten)
    assert response.status_code == 302
    assert response["Location"] == reverse("citizen:home")
    assert logged_in(client)


def test_the_plans_person_is_logged_in_by_their_national_id(client, idporten):
    PersonFactory(national_id=PID)
    log_in(client, idporten, acr="idporten-loa-high")
    assert logged_in(client)


def test_the_login_makes_a_citizen_account_with_no_password_and_no_role(client, idporten):
    RelationFactory(national_id=PID)
    log_in(client, idporten)
    account = CitizenAccount.objects.get(national_id=PID)
    assert account.last_acr == SUBSTANTIAL
    assert not account.user.has_usable_password()
    assert not account.user.groups.exists()
    assert not account.user.is_staff
    assert PID not in account.user.username


def test_a_second_login_updates_the_same_account_with_its_level(client, idporten):
    RelationFactory(national_id=PID)
    log_in(client, idporten)
    client.post(reverse("logout"))
    log_in(client, idporten, acr="idporten-loa-high")
    assert CitizenAccount.objects.get().last_acr == "idporten-loa-high"


def test_the_login_is_in_the_login_log_without_the_national_id(client, idporten):
    RelationFactory(national_id=PID)
    log_in(client, idporten)
    row = LoginLog.objects.get()
    assert row.username == CitizenAccount.objects.get().user.username
    assert PID not in f"{row.username} {row.user_agent} {row.path_info}"


def test_mine_planer_answers_the_citizen(client, idporten):
    RelationFactory(national_id=PID)
    log_in(client, idporten)
    response = client.get(reverse("citizen:home"))
    assert response.status_code == 200
    assert "Mine planer" in response.content.decode()


def test_logout_ends_the_id_porten_session_too(client, idporten):
    RelationFactory(national_id=PID)
    log_in(client, idporten)
    response = client.post(reverse("logout"))
    assert not logged_in(client)
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{idporten.issuer}/logout"
    query = parse_qs(location.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/innbygger/logg-inn/"]
    # The provider accepts the hint and the address: it asks to confirm the logout.
    assert requests.get(response["Location"], timeout=10).status_code == 200


def test_the_login_returns_the_citizen_to_the_page_they_asked_for(client, idporten):
    RelationFactory(national_id=PID)
    asked = client.get(reverse("citizen:home"))
    login_page = client.get(asked["Location"]).content.decode()
    assert f"{reverse('citizen:oidc_start')}?next=" in login_page
    wanted = reverse("citizen:home") + "?fra=lenke"
    authorize = client.get(reverse("citizen:oidc_start"), {"next": wanted})
    response = client.get(path_of(idporten.log_in(authorize["Location"], pid=PID, acr=SUBSTANTIAL)))
    assert response["Location"] == wanted
