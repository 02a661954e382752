"""Two leaders editing one coordinator: the second is told, nothing is overwritten."""

import pytest
from django.urls import reverse

from coordinators.models import Coordinator, CoordinatorWish
from coordinators.services import COORDINATOR_FIELDS, wish_record
from core.locking import edit_stamp
from tests.factories import CaseFactory, CoordinatorFactory

pytestmark = pytest.mark.django_db


def edit_post(coordinator, **changes):
    stored = Coordinator.objects.get(pk=coordinator.pk)
    data = {
        "profession": stored.profession,
        "workplace": stored.workplace,
        "service_area": stored.service_area_id,
        "capacity": stored.capacity,
        "active": "on",
        "edit_stamp": edit_stamp(stored, COORDINATOR_FIELDS),
    }
    return {**data, **changes}


def test_an_edit_over_another_leaders_saves_nothing(client, leader):
    coordinator = CoordinatorFactory()
    client.force_login(leader)
    opened = edit_post(coordinator, capacity=3)
    Coordinator.objects.filter(pk=coordinator.pk).update(capacity=8)
    response = client.post(reverse("coordinators:edit", args=[coordinator.pk]), opened)
    assert "Koordinatoren ble endret av noen andre" in response.content.decode()
    assert Coordinator.objects.get(pk=coordinator.pk).capacity == 8


def test_an_edit_of_what_is_stored_is_saved(client, leader):
    coordinator = CoordinatorFactory()
    client.force_login(leader)
    client.post(
        reverse("coordinators:edit", args=[coordinator.pk]), edit_post(coordinator, capacity=3)
    )
    assert Coordinator.objects.get(pk=coordinator.pk).capacity == 3


def test_a_wish_saved_by_someone_else_meanwhile_is_not_overwritten(caseworker_client, caseworker):
    case = CaseFactory()
    page = caseworker_client.get(reverse("coordinators:case_coordinator", args=[case.pk]))
    shown = page.context["wish_form"]["edit_stamp"].value()
    wish_record(case=case, by=caseworker, description="Helst en som kjenner skolen")
    response = caseworker_client.post(
        reverse("coordinators:wish_save", args=[case.pk]),
        {"description": "Helst en sykepleier", "edit_stamp": shown},
    )
    assert "ønske ble endret av noen andre" in response.content.decode()
    assert CoordinatorWish.objects.get(case=case).description == "Helst en som kjenner skolen"
