"""The plan belongs to the people in it (issue 15): the coordinator invites a parent and
the school; the parent decides what the school may see; the school works in the plan;
withdrawn consent ends the school's access at once; the parent sees who has looked."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from cases.models import Relation
from cases.national_id import synthesize
from tests.browser.checks import check_page
from tests.browser.citizen_login import log_in_citizen
from tests.browser.conftest import menu

pytestmark = [pytest.mark.browser, pytest.mark.oidc]

MONA = synthesize(datetime.date(1988, 3, 4), 123)


def _invitation_path(address: str) -> str:
    """The link in the email, on the live server (the email names SITE_URL)."""
    message = next(m for m in mail.outbox if address in m.to)
    return re.search(r"/deltaker/invitasjon/\S+/", message.body).group(0)


def test_the_parent_decides_what_the_school_sees_and_sees_who_has_looked(
    login, live_server, browser, idporten
):
    # Mona's national id is registered on her relation: that is how ID-porten knows her.
    Relation.objects.filter(name="Mona Johansen").update(national_id=MONA)
    coordinator = login("koordinator")
    menu(coordinator).get_by_role("link", name="Planer", exact=True).click()
    check_page(coordinator)
    coordinator.get_by_role("link", name="Emma Demo-Johansen").click()
    check_page(coordinator)
    coordinator.get_by_role("button", name="Inviter Mona Johansen").click()
    check_page(coordinator)
    expect(coordinator.get_by_text("Invitasjonen er sendt til Mona Johansen.")).to_be_visible()
    check_page(coordinator)

    coordinator.get_by_role("link", name="Legg til deltaker").click()
    check_page(coordinator)
    coordinator.get_by_label("Navn").fill("Siri Skole")
    coordinator.get_by_label("Rolle").select_option(label="Skole")
    coordinator.get_by_label("Virksomhet").fill("Solsikken skole")
    coordinator.get_by_label("E-post for varsler").fill("siri@skole.example")
    coordinator.get_by_role("button", name="Legg til deltaker").click()
    check_page(coordinator)
    coordinator.get_by_role("button", name="Inviter Siri Skole").click()
    check_page(coordinator)
    expect(coordinator.get_by_text("Invitasjonen er sendt til Siri Skole.")).to_be_visible()
    check_page(coordinator)

    coordinator.get_by_role("link", name="Legg til tiltak").click()
    check_page(coordinator)
    coordinator.get_by_label("Tiltak*", exact=True).fill("Tilrettelagt skoledag")
    coordinator.get_by_label("Hvem gir tiltaket").fill("Solsikken skole")
    coordinator.get_by_label("Ansvarlig").fill("Siri Skole")
    coordinator.get_by_label("Følges opp av deltaker").select_option(label="Siri Skole (skole)")
    coordinator.get_by_role("button", name="Legg til tiltak").click()
    check_page(coordinator)
    expect(coordinator.get_by_role("cell", name="Tilrettelagt skoledag")).to_be_visible()
    check_page(coordinator)

    # The parent logs in and lets the school see the plan, without confidential information.
    parent = log_in_citizen(browser, live_server, national_id=MONA)
    check_page(parent)
    parent.get_by_role("link", name="Individuell plan for Emma Demo-Johansen").click()
    check_page(parent)
    expect(parent.get_by_role("heading", name="Ressurser, behov og bidrag")).to_be_visible()
    check_page(parent)
    parent.get_by_role("link", name="Samtykker og tilgang").click()
    check_page(parent)
    school_section = parent.locator("section", has_text="Siri Skole")
    school_section.get_by_label("Planen uten taushetsbelagte opplysninger").check()
    school_section.get_by_role("button", name="Gi samtykke").click()
    expect(parent.get_by_text("Siri Skole har fått tilgang etter samtykket.")).to_be_visible()
    check_page(parent)

    # The school chooses a password from the invitation, sees the plan without the
    # confidential sections, and marks its measure done.
    school = browser.new_context().new_page()
    school.goto(live_server.url + _invitation_path("siri@skole.example"))
    school.locator("#id_new_password1").fill("Skolen-sitt-passord-2026")
    school.locator("#id_new_password2").fill("Skolen-sitt-passord-2026")
    school.get_by_role("button", name="Lagre passordet").click()
    check_page(school)
    # Another day: the school logs in with its e-mail address and the password it chose.
    school.get_by_role("button", name="Logg ut").click()
    school.goto(f"{live_server.url}/logg-inn/")
    school.get_by_label("Brukernavn").fill("siri@skole.example")
    school.get_by_label("Passord").fill("Skolen-sitt-passord-2026")
    school.get_by_role("button", name="Logg inn").click()
    check_page(school)
    school.get_by_role("link", name="Individuell plan for Emma Demo-Johansen").click()
    check_page(school)
    expect(school.get_by_text("Du har ikke samtykke til å se taushetsbelagte")).to_be_visible()
    check_page(school)
    expect(school.get_by_role("heading", name="Ressurser, behov og bidrag")).to_have_count(0)
    check_page(school)
    expect(school.get_by_text("Trening av motorikk")).to_have_count(0)
    check_page(school)
    school.get_by_role("button", name="Merk gjennomført Tilrettelagt skoledag").click()
    check_page(school)
    expect(school.get_by_text("Tiltaket er merket som gjennomført.")).to_be_visible()
    check_page(school)

    # The parent withdraws the consent: the school's next request is a 404.
    parent.reload()
    school_section = parent.locator("section", has_text="Siri Skole")
    school_section.get_by_role("button", name="Trekk tilbake samtykket for Siri Skole").click()
    expect(parent.get_by_text("Samtykket er trukket tilbake.")).to_be_visible()
    check_page(parent)
    assert school.reload().status == 404

    # The parent sees the school's visits in "who has looked at my plan".
    parent.get_by_role("link", name="Tilbake til planen").click()
    check_page(parent)
    parent.get_by_role("link", name="Hvem har sett planen").click()
    check_page(parent)
    visits = parent.get_by_role("row").filter(has_text="Siri Skole")
    expect(visits.first).to_contain_text("Skole")
    assert visits.count() >= 2
