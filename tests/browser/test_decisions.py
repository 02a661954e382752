import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case

pytestmark = pytest.mark.browser


def test_the_caseworker_drafts_previews_and_sends_a_grant_then_forwards_a_complaint(
    login, live_server
):
    page = login("saksbehandler")
    page.on("dialog", lambda dialog: dialog.accept())
    case = Case.objects.get(person__family_name="Demo-Nilsen")
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.get_by_role("navigation", name="Faner i saken").get_by_role("link", name="Vedtak").click()

    # Draft a grant, pre-filled from the assessment.
    page.get_by_label("Vedtaket gjelder").select_option("koordinator")
    page.get_by_role("button", name="Lag utkast").click()
    expect(
        page.get_by_role("heading", name=re.compile("Vedtak om koordinator: innvilget"))
    ).to_be_visible()
    expect(page.get_by_label("Begrunnelse")).to_contain_text("Vilkårene for koordinator er oppfylt")

    # Preview the letter as a PDF.
    preview = page.get_by_role("link", name="Forhåndsvis brevet (PDF)").get_attribute("href")
    response = page.request.get(f"{live_server.url}{preview}")
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")

    # Send it, and see the complaint deadline on the case.
    page.get_by_role("button", name="Send vedtaket").click()
    expect(page.get_by_text("Vedtaket er sendt, og klagefristen er beregnet.")).to_be_visible()
    page.get_by_role("link", name="← Alle vedtak i saken").click()
    deadline = case.decisions.get(service="koordinator").complaint_deadline
    expect(page.get_by_role("cell", name=f"Klagefrist {deadline:%d.%m.%Y}")).to_be_visible()

    # Register a complaint and forward it to Statsforvalteren.
    page.get_by_role("table").get_by_role("link", name="Koordinator").click()
    page.get_by_text("Registrer klage", exact=True).click()
    page.get_by_label("Klager").fill("Ingrid Demo-Nilsen")
    page.get_by_label("Mottatt hos oss").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Registrer klagen").click()
    expect(page.get_by_text("Klagen er registrert.")).to_be_visible()

    page.get_by_text("Opprettholde vedtaket og sende klagen til Statsforvalteren").click()
    page.get_by_label("Koordinerende enhets vurdering av klagen").fill(
        "Vilkårene er fortsatt oppfylt. Vi står ved vedtaket."
    )
    page.get_by_role("button", name="Oversend til Statsforvalteren").click()
    expect(
        page.get_by_role("link", name=re.compile("Oversendelsesbrev til Statsforvalteren"))
    ).to_be_visible()
