import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.passwords import NorwegianCommonPasswordValidator, core_word
from tests.factories import UserFactory

COMMON = "Passordet er for vanlig: et vanlig ord eller passord er lett å gjette"
CALENDAR = "Passordet er for lett å gjette: en måned eller årstid med tall"


@pytest.mark.parametrize(
    "password",
    [
        "Passord2026!",
        "hemmelig2026",
        "123passord!!",
        "  Hemmelig!!!",
        "passordpassord",
        "Qwerty123456",
    ],
)
def test_a_listed_word_is_refused_with_digits_and_signs_around_it(password):
    with pytest.raises(ValidationError) as refused:
        NorwegianCommonPasswordValidator().validate(password)
    assert refused.value.messages[0].startswith(COMMON)


@pytest.mark.parametrize(
    "password", ["Sommer2026!!", "januar-2026", "2025HØST2025", "Vinter 2026!", "juli2026juni"]
)
def test_a_month_or_season_with_a_year_is_refused(password):
    with pytest.raises(ValidationError) as refused:
        NorwegianCommonPasswordValidator().validate(password)
    assert refused.value.messages[0].startswith(CALENDAR)


def test_the_word_is_read_out_of_its_padding():
    assert core_word(" 2026-Sommer!! ") == "sommer"


@pytest.mark.parametrize(
    "password",
    [
        "fire tilfeldige ord gir ro",
        "sommerfugler-flyr-over-fjorden",
        # The passwords the tests and the demo set:
        "demo-passord-for-test",
        "hemmelig-passord-123",
        "et-nytt-langt-passord-9",
    ],
)
@pytest.mark.django_db
def test_a_long_passphrase_passes_every_validator(password):
    validate_password(password, UserFactory.build(username="kari"))


def change_password(client, new) -> list[str]:
    user = UserFactory(username="ola.nordmann", caseworker=True)
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": "hemmelig-passord-123", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 200, "the new password was accepted"
    return response.context["form"].errors["new_password2"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort-pass", "Passordet er for kort. Det må bestå av minst 12 tegn."),
        ("123456789012", "Dette passordet inneholder bare tall."),
        ("qwerty123456", "Dette passordet er for vanlig."),
        ("ola.nordmann1", "Passordet er for likt brukernavn."),
        ("Hemmelig2026", COMMON),
        ("Sommer2026!!", CALENDAR),
    ],
)
def test_each_refused_password_is_explained_in_norwegian(client, password, message):
    errors = change_password(client, password)
    assert any(error.startswith(message) for error in errors), errors


@pytest.mark.django_db
def test_the_password_page_lists_the_rules_in_norwegian(caseworker_client):
    page = caseworker_client.get(reverse("password_change")).content.decode()
    assert "Passordet ditt må bestå av minst 12 tegn." in page
    assert "Passordet kan ikke være et vanlig norsk ord eller passord" in page
    assert "Your password" not in page
