import re

import pytest
from django.urls import reverse

from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def current_menu_items(html: str) -> list[str]:
    menu = html[html.index('id="hovedmeny"') : html.index("</nav>")]
    return re.findall(r'class="nav-link active" aria-current="page" href="[^"]*">([^<]+)</a>', menu)


@pytest.mark.parametrize(
    "url_name",
    [
        "cases:detail",
        "coordinators:case_coordinator",
        "plans:case_plan",
        "decisions:case_decisions",
    ],
)
def test_every_tab_of_a_case_keeps_saker_marked(caseworker_client, url_name):
    case = CaseFactory()
    html = caseworker_client.get(reverse(url_name, args=[case.pk])).content.decode()
    assert current_menu_items(html) == ["Saker"]


def test_frister_marks_itself(caseworker_client):
    html = caseworker_client.get(reverse("followup:deadlines")).content.decode()
    assert current_menu_items(html) == ["Frister"]


def test_a_coordinators_own_plans_mark_mine_planer(coordinator_client):
    html = coordinator_client.get(reverse("plans:my_plans")).content.decode()
    assert current_menu_items(html) == ["Mine planer"]


def test_a_coordinator_has_no_ke_menu(coordinator_client):
    html = coordinator_client.get(reverse("plans:my_plans")).content.decode()
    assert "Oversikt" not in html and "Vedtak</a>" not in html


def test_a_page_in_the_case_frame_from_another_app_keeps_saker_marked(caseworker_client):
    case = CaseFactory()
    html = caseworker_client.get(reverse("followup:case_close", args=[case.pk])).content.decode()
    assert current_menu_items(html) == ["Saker"]


def test_the_edit_pages_of_a_case_keep_saker_marked(caseworker_client):
    case = CaseFactory()
    html = caseworker_client.get(reverse("cases:person_edit", args=[case.pk])).content.decode()
    assert current_menu_items(html) == ["Saker"]
