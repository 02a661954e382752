import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.checks import check_page
from tests.browser.conftest import menu

pytestmark = pytest.mark.browser


def test_the_demo_coordinator_keeps_their_plan_alive_and_downloads_it(login, live_server):
    page = login("koordinator")
    menu(page).get_by_role("link", name="Planer", exact=True).click()
    check_page(page)
    page.get_by_role("link", name="Emma Demo-Johansen").click()
    expect(page.get_by_role("heading", name="Individuell plan")).to_be_visible()
    check_page(page)

    page.get_by_role("link", name="Legg til mål").click()
    check_page(page)
    page.get_by_label("Type").select_option(label="Delmål (kortsiktig)")
    page.get_by_label("Mål*", exact=True).fill("Jeg vil spise selv i barnehagen.")
    page.get_by_role("button", name="Legg til mål").click()
    expect(page.get_by_text("Jeg vil spise selv i barnehagen.")).to_be_visible()
    check_page(page)

    page.get_by_role("link", name="Legg til tiltak").click()
    check_page(page)
    page.get_by_label("Tiltak*", exact=True).fill("Ergoterapi ved måltider")
    page.get_by_label("Omfang").fill("1 time i uken")
    page.get_by_label("Hvem gir tiltaket").fill("Ergoterapitjenesten")
    page.get_by_label("Ansvarlig").fill("Eva Ergoterapeut")
    page.get_by_role("button", name="Legg til tiltak").click()
    expect(page.get_by_role("cell", name="Ergoterapitjenesten", exact=True)).to_be_visible()
    check_page(page)

    page.get_by_role("link", name="Registrer møte").click()
    check_page(page)
    # Every date field is wide enough to show a whole date, on a phone too.
    for width in page.locator("input[type=date]").evaluate_all(
        "inputs => inputs.map(i => i.getBoundingClientRect().width)"
    ):
        assert width >= 150
    expect(page.get_by_text("Ansvarsgruppen har ingen vedtaksmyndighet")).to_have_count(1)
    page.get_by_label("Sted").fill("Solsikken barnehage")
    page.get_by_label("Referat").fill("Gikk gjennom måltidene.")
    first_point = page.get_by_role("group", name="Oppfølgingspunkt 1", exact=True)
    first_point.get_by_label("Hva", exact=True).fill("Kjøpe tilpasset skje")
    first_point.get_by_label("Hvem", exact=True).fill("Mona Johansen")
    first_point.get_by_label("Innen").fill("2025-01-01")
    page.get_by_role("button", name="Lagre møtet").click()
    expect(page.get_by_text("kan ikke være før møtedatoen")).to_be_visible()
    check_page(page)
    first_point = page.get_by_role("group", name="Oppfølgingspunkt 1", exact=True)
    first_point.get_by_label("Innen").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Lagre møtet").click()
    expect(page.get_by_role("cell", name="Kjøpe tilpasset skje", exact=True)).to_be_visible()
    check_page(page)

    next_evaluation = timezone.localdate() + datetime.timedelta(days=60)
    page.get_by_role("link", name="Registrer evaluering").click()
    check_page(page)
    page.get_by_label("Hva har fungert").fill("Gangtreningen virker.")
    page.get_by_label("Neste evaluering").fill(next_evaluation.isoformat())
    page.get_by_role("button", name="Lagre evaluering").click()
    expect(page.get_by_text(f"Neste evaluering: {next_evaluation:%d.%m.%Y}")).to_be_visible()
    check_page(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned PDF").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
