import datetime

import pytest
from playwright.sync_api import expect

from cases.models import Case
from cases.national_id import synthesize
from tests.browser.checks import check_page
from tests.browser.conftest import menu

pytestmark = pytest.mark.browser


def test_a_notification_without_consent_waits_then_moves_to_assessment_and_is_found(
    login, live_server
):
    number = synthesize(datetime.date(1977, 5, 8), 120)
    page = login("saksbehandler")
    page.get_by_role("link", name="Registrer melding").first.click()
    check_page(page)
    page.get_by_label("Fødselsnummer eller D-nummer").fill(number)
    page.get_by_label("Fornavn").fill("Marit")
    page.get_by_label("Etternavn").fill("Testesen")
    page.get_by_label("Koordinator", exact=True).check()
    page.get_by_label("Melders navn").fill("Dr. Nils Fastlege")
    page.get_by_label("Melders yrke").fill("Fastlege")
    page.get_by_role("button", name="Registrer sak").click()

    expect(page.get_by_text("Venter på samtykke").first).to_be_visible()
    check_page(page)
    page.get_by_role("link", name="Samtykke", exact=True).click()
    check_page(page)
    page.get_by_label("Gitt av").select_option(label="Marit Testesen (personen selv)")
    page.get_by_label("Form").select_option("oral")
    page.get_by_label("Samtykke til å utarbeide individuell plan").check()
    page.get_by_role("button", name="Registrer samtykke").click()
    expect(page.get_by_text("Under vurdering").first).to_be_visible()
    check_page(page)

    menu(page).get_by_role("link", name="Saker").click()
    check_page(page)
    page.get_by_label("Søk (navn, saksnummer eller fødselsnummer)").fill(number)
    page.get_by_role("button", name="Vis", exact=True).click()
    row = page.get_by_role("row").filter(has_text="Marit Testesen")
    expect(row).to_have_count(1)
    check_page(page)
    expect(row).to_contain_text(number[:6] + "*****")
    assert Case.objects.get(person__national_id=number).status == Case.Status.UNDER_ASSESSMENT
