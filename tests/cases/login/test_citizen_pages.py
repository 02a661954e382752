"""The citizen's own pages, the development login, and the boundary around them."""

import io

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from cases import citizen_home
from cases.login.boundary import citizen_page
from cases.models import AccessLog, CitizenAccount
from cases.roles import CITIZEN_ROLE
from tests.factories import PersonFactory, RelationFactory

pytestmark = pytest.mark.django_db

PID = "03028232135"


def test_mine_planer_says_there_is_nothing_yet(citizen_client):
    response = citizen_client.get(reverse("citizen:home"))
    assert response.status_code == 200
    assert "ingen planer å se her ennå" in response.content.decode()


def test_the_start_page_sends_a_citizen_to_mine_planer(citizen_client):
    response = citizen_client.get(reverse("home"))
    assert response["Location"] == reverse("citizen:home")


def test_the_menu_shows_a_citizen_only_their_own_page(citizen_client):
    html = citizen_client.get(reverse("citizen:home")).content.decode()
    assert reverse("citizen:home") in html
    assert reverse("plans:list") not in html
    assert "Endre passord" not in html


def test_mine_planer_is_a_404_for_staff(caseworker_client):
    assert caseworker_client.get(reverse("citizen:home")).status_code == 404


def test_a_section_registered_by_an_app_above_is_shown(citizen_client, monkeypatch):
    monkeypatch.setattr(citizen_home, "_sections", {})
    citizen_home.register_section(
        citizen_home.CitizenSection(
            key="test",
            template="login/refused.html",
            context=lambda request, account: {"message": f"konto {account.pk}"},
        )
    )
    html = citizen_client.get(reverse("citizen:home")).content.decode()
    assert "ingen planer å se her ennå" not in html
    assert "Du ble ikke logget inn" in html


def test_a_citizens_reads_are_logged_in_the_role_innbygger(citizen_client, citizen):
    from cases.access import log_list

    request = citizen_client.get(reverse("citizen:home")).wsgi_request
    log_list(request, object_type="plan", shown=[(1, 1)])
    assert AccessLog.objects.get().role == CITIZEN_ROLE


def test_a_view_an_app_marks_citizen_page_is_let_through_and_no_other(rf, citizen):
    from django.http import Http404
    from django.urls import resolve

    from cases.login.boundary import CitizenBoundaryMiddleware

    request = rf.get(reverse("plans:list"))
    request.user = citizen
    request.resolver_match = resolve(reverse("plans:list"))
    boundary = CitizenBoundaryMiddleware(lambda r: None)

    @citizen_page
    def marked(request):
        return None

    assert boundary.process_view(request, marked, (), {}) is None
    with pytest.raises(Http404):
        boundary.process_view(request, request.resolver_match.func, (), {})


# --- The development login --------------------------------------------------------


@pytest.fixture
def debug_on(settings):
    settings.KE_DEV_CITIZEN_LOGIN = True


def test_the_development_login_is_a_404_with_debug_off(client, settings):
    assert settings.KE_DEV_CITIZEN_LOGIN is False
    RelationFactory(national_id=PID)
    assert client.get(reverse("citizen:dev_login")).status_code == 404
    assert client.post(reverse("citizen:dev_login"), {"who": "relation-1"}).status_code == 404
    assert "Utviklingsinnlogging" not in client.get(reverse("citizen:login")).content.decode()


def test_the_login_page_offers_the_development_login_with_debug_on(client, debug_on):
    html = client.get(reverse("citizen:login")).content.decode()
    assert "Utviklingsinnlogging" in html


def test_the_development_login_lists_demo_people_with_a_national_id(client, debug_on):
    relation = RelationFactory(national_id=PID, name="Mona Johansen")
    PersonFactory(national_id=None, given_name="Uten", family_name="Nummer")
    html = client.get(reverse("citizen:dev_login")).content.decode()
    assert f'value="relation-{relation.pk}"' in html
    assert "Uten Nummer" not in html
    assert AccessLog.objects.filter(object_type="relation", person_id=relation.person_id).exists()


def test_the_development_login_logs_the_chosen_parent_in_marked_as_development(client, debug_on):
    relation = RelationFactory(national_id=PID)
    response = client.post(reverse("citizen:dev_login"), {"who": f"relation-{relation.pk}"})
    assert response["Location"] == reverse("citizen:home")
    assert CitizenAccount.objects.get(national_id=PID).last_acr == "utvikling"
    assert "utviklingsinnloggingen" in client.get(reverse("citizen:home")).content.decode()


def test_the_development_login_refuses_a_choice_not_in_the_list(client, debug_on):
    response = client.post(reverse("citizen:dev_login"), {"who": "person-999"})
    assert response.status_code == 400
    assert "Velg en person" in response.content.decode()
    assert SESSION_KEY not in client.session


# --- The demo data ------------------------------------------------------------------


def test_the_demo_childrens_parents_have_national_ids_to_log_in_with(db):
    from django.core.management import call_command

    from cases.models import Relation

    call_command("seed_demo", stdout=io.StringIO())
    parents = Relation.objects.filter(role=Relation.Role.PARENT)
    assert parents.exists()
    assert not parents.filter(national_id="").exists()
