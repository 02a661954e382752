"""Issue 17: correcting a person, two people editing one draft, and the next-step checklist."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from cases import services as case_services
from cases.models import Case, Person
from decisions import drafting
from eligibility import services as assessment_services
from tests.browser.checks import check_page
from tests.browser.conftest import DEMO_PASSWORD, VIEWPORTS, menu

pytestmark = pytest.mark.browser


def _open_tab(page, name):
    page.get_by_role("navigation", name="Faner i saken").get_by_role("link", name=name).click()
    check_page(page)


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/logg-inn/")
    check_page(page)
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(lambda url: "/logg-inn/" not in url)
    check_page(page)
    return page


def test_the_caseworker_corrects_the_address_then_sends_the_letter(login, live_server):
    case = Case.objects.get(person__family_name="Demo-Nilsen")
    # Registered without an address or e-mail: the letter has no one to go to.
    Person.objects.filter(pk=case.person_id).update(
        address="", postal_code="", postal_town="", email=""
    )
    page = login("saksbehandler")
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    check_page(page)
    _open_tab(page, "Vedtak")
    page.get_by_label("Vedtaket gjelder").select_option("koordinator")
    page.get_by_role("button", name="Lag utkast").click()
    expect(page.get_by_text("mottaker med adresse")).to_be_visible()
    check_page(page)
    draft_url = page.url

    _open_tab(page, "Person og familie")
    page.get_by_role("link", name="Rett personopplysninger").click()
    check_page(page)
    page.get_by_label("Adresse").fill("Fjordveien 3")
    page.get_by_label("Postnummer").fill("12")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Postnummeret har fire siffer.")).to_be_visible()
    check_page(page)
    page.get_by_label("Postnummer").fill("1234")
    page.get_by_label("Poststed").fill("Eksempelby")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Personopplysningene er rettet.")).to_be_visible()
    expect(page.get_by_text("Fjordveien 3, 1234 Eksempelby")).to_be_visible()
    check_page(page)

    page.goto(draft_url)
    expect(page.get_by_text("mottaker med adresse")).to_have_count(0)
    check_page(page)
    page.get_by_role("button", name="Send vedtaket").click()
    expect(page.get_by_text("Vedtaket er sendt, og klagefristen er beregnet.")).to_be_visible()
    check_page(page)
    assert case.decisions.get(service="koordinator").status == "sent"
    _open_tab(page, "Journal")
    expect(page.get_by_text(re.compile("Personopplysninger rettet: adresse"))).to_be_visible()


def test_two_sessions_editing_the_same_draft_the_second_is_told(new_context, live_server, demo):
    case = Case.objects.get(person__family_name="Demo-Nilsen")
    sara = get_user_model().objects.get(username="saksbehandler")
    decision = drafting.decision_draft(case=case, service="koordinator", by=sara)
    url = f"{live_server.url}{decision.get_absolute_url()}"
    # One at a desk, one on a phone: both windows are held to the same checks.
    first, second = (
        _login(
            new_context(viewport=VIEWPORTS[width], reduced_motion="reduce").new_page(),
            live_server,
            username,
        )
        for width, username in (("skrivebord", "saksbehandler"), ("mobil", "leder"))
    )
    first.goto(url)
    check_page(first)
    second.goto(url)
    check_page(second)

    first.get_by_label("Begrunnelse").fill("Den første begrunnelsen.")
    first.get_by_role("button", name="Lagre utkastet").click()
    expect(first.get_by_text("Vedtaket er lagret.")).to_be_visible()
    check_page(first)

    second.get_by_label("Begrunnelse").fill("Den andre begrunnelsen.")
    second.get_by_role("button", name="Lagre utkastet").click()
    expect(second.get_by_text(re.compile("endret av noen andre etter at du åpnet"))).to_be_visible()
    check_page(second)
    # Nothing is lost: the second user's text is still on the form, the first one's stored.
    expect(second.get_by_label("Begrunnelse")).to_have_value("Den andre begrunnelsen.")
    decision.refresh_from_db()
    assert decision.reasons == "Den første begrunnelsen."

    # Saving again, having been told, is a choice: now it is saved.
    second.get_by_role("button", name="Lagre utkastet").click()
    expect(second.get_by_text("Vedtaket er lagret.")).to_be_visible()
    check_page(second)
    decision.refresh_from_db()
    assert decision.reasons == "Den andre begrunnelsen."


def test_following_the_checklist_from_a_new_notification_to_an_appointed_coordinator(
    login, live_server
):
    sara = get_user_model().objects.get(username="saksbehandler")
    case, _ = case_services.intake_register(
        national_id=None,
        person_fields={
            "given_name": "Sjekk",
            "family_name": "Listesen",
            "born_on": datetime.date(1988, 3, 14),
            "address": "Storgata 5",
            "postal_code": "1234",
            "postal_town": "Eksempelby",
        },
        case_fields={
            "origin": Case.Origin.NOTIFICATION,
            "received_on": timezone.localdate(),
            "requests_coordinator": True,
            "notifier_name": "Lege Legesen",
        },
        consent=None,
        by=sara,
    )
    page = login("saksbehandler")
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    check_page(page)
    steps = page.get_by_role("region", name="Hvor saken står")

    steps.get_by_role("link", name="Registrer samtykke").click()
    check_page(page)
    # The giver is one of the case's registered parties, here the person themself.
    page.get_by_label("Gitt av").select_option(label="Sjekk Listesen (personen selv)")
    page.get_by_label("Form").select_option("written")
    page.get_by_label("Samtykke til å utarbeide individuell plan").check()
    page.get_by_role("button", name="Registrer samtykke").click()
    expect(page.get_by_text("Samtykket er registrert.")).to_be_visible()
    check_page(page)

    for service in ("Hjemmesykepleie", "Fysioterapi"):
        steps.get_by_role("link", name=re.compile("Registrer tjenestene|Tjenester")).first.click()
        check_page(page)
        page.locator("#id_service").select_option(label=service)
        page.get_by_label("Status").select_option("received")
        page.get_by_role("button", name="Legg til").click()
        expect(page.get_by_text("Tjenesten er lagt til.")).to_be_visible()
        check_page(page)

    steps.get_by_role("link", name="Vurder retten").click()
    check_page(page)
    page.get_by_role("button", name="Vurder saken").click()
    expect(page.get_by_text("Vurderingen er lagret.")).to_be_visible()
    check_page(page)
    # The judgement questions have their own browser test (test_assessment.py).
    case.refresh_from_db()
    for question in case.assessments.latest().result["koordinator"]["questions"]:
        assessment_services.assessment_answer(
            case=case, by=sara, key=question["key"], answer=True, reason="Godt dokumentert."
        )

    page.reload()
    check_page(page)
    steps.get_by_role("link", name="Skriv vedtak").click()
    check_page(page)
    page.get_by_role("button", name="Lag utkast").click()
    expect(page.get_by_role("button", name="Send vedtaket")).to_be_visible()
    check_page(page)
    page.get_by_role("button", name="Send vedtaket").click()
    expect(page.get_by_text("Vedtaket er sendt, og klagefristen er beregnet.")).to_be_visible()
    check_page(page)

    steps.get_by_role("link", name="Oppnevn koordinator").click()
    check_page(page)
    page.get_by_label("Kari Koordinator", exact=True).check()
    page.get_by_role("button", name="Oppnevn").click()
    expect(page.get_by_text(re.compile("Kari Koordinator er oppnevnt"))).to_be_visible()
    expect(steps.get_by_text("Alle stegene i saken er gjort.")).to_be_visible()
    check_page(page)
    # Inside the case, the top menu still marks "Saker" (opened first on a phone).
    expect(menu(page).get_by_role("link", name="Saker")).to_have_attribute("aria-current", "page")
