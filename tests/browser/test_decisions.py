import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case
from tests.browser.checks import check_page

pytestmark = pytest.mark.browser


def test_the_caseworker_drafts_previews_and_sends_a_grant_then_forwards_a_complaint(
    login, live_server
):
    page = login("saksbehandler")
    page.on("dialog", lambda dialog: dialog.accept())
    case = Case.objects.get(person__family_name="Demo-Nilsen")
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    check_page(page)
    page.get_by_role("navigation", name="Faner i saken").get_by_role("link", name="Vedtak").click()
    check_page(page)

    # Draft a grant, pre-filled from the assessment.
    page.get_by_label("Vedtaket gjelder").select_option("koordinator")
    page.get_by_role("button", name="Lag utkast").click()
    expect(
        page.get_by_role("heading", name=re.compile("Vedtak om koordinator: innvilget"))
    ).to_be_visible()
    expect(page.get_by_label("Begrunnelse")).to_contain_text("Vilkårene for koordinator er oppfylt")
    check_page(page)

    # Preview the letter as a PDF.
    preview = page.get_by_role("link", name="Forhåndsvis brevet (PDF)").get_attribute("href")
    response = page.request.get(f"{live_server.url}{preview}")
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")

    # An empty reason is refused at the field, and nothing is sent.
    page.get_by_label("Begrunnelse").fill("")
    page.get_by_role("button", name="Send vedtaket").click()
    expect(page.get_by_text("Vedtaket er ikke lagret og ikke sendt.")).to_be_visible()
    expect(page.get_by_text("Fyll ut «Begrunnelse».")).to_be_visible()
    check_page(page)

    # Edit the reasons and send without saving first: the edit is in the letter.
    page.get_by_label("Begrunnelse").fill("Vilkårene er oppfylt. Tjenestene må samordnes.")
    page.get_by_role("button", name="Send vedtaket").click()
    expect(page.get_by_text("Vedtaket er sendt, og klagefristen er beregnet.")).to_be_visible()
    check_page(page)
    decision = case.decisions.get(service="koordinator")
    assert decision.reasons == "Vilkårene er oppfylt. Tjenestene må samordnes."
    page.get_by_role("link", name="← Alle vedtak i saken").click()
    expect(
        page.get_by_role("cell", name=f"{decision.complaint_deadline:%d.%m.%Y}", exact=True)
    ).to_be_visible()
    check_page(page)

    # An empty complaint keeps the form open, with the errors at the fields.
    page.get_by_role("table").get_by_role("link", name="Koordinator").click()
    check_page(page)
    page.get_by_text("Registrer klage", exact=True).click()
    page.get_by_label("Hva klagen gjelder").fill("Ønsker en annen koordinator.")
    page.get_by_role("button", name="Registrer klagen").click()
    expect(page.get_by_text("Velg «Klager».")).to_be_visible()
    expect(page.get_by_text("Fyll ut «Mottatt hos oss».")).to_be_visible()
    expect(page.get_by_label("Hva klagen gjelder")).to_have_value("Ønsker en annen koordinator.")
    check_page(page)

    # Register a complaint and forward it to Statsforvalteren.
    page.get_by_label("Klager").select_option(label="Ingrid Demo-Nilsen (søker)")
    page.get_by_label("Mottatt hos oss").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Registrer klagen").click()
    expect(page.get_by_text("Klagen er registrert.")).to_be_visible()
    check_page(page)

    page.get_by_text("Opprettholde vedtaket og sende klagen til Statsforvalteren").click()
    page.get_by_label("Koordinerende enhets vurdering av klagen").fill(
        "Vilkårene er fortsatt oppfylt. Vi står ved vedtaket."
    )
    page.get_by_role("button", name="Oversend til Statsforvalteren").click()
    expect(
        page.get_by_role("link", name=re.compile("Oversendelsesbrev til Statsforvalteren"))
    ).to_be_visible()
    check_page(page)
