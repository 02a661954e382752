import pytest
from playwright.sync_api import expect

from cases.models import Case

pytestmark = pytest.mark.browser


def test_the_caseworker_assesses_a_case_answers_the_questions_and_sees_the_outcome(
    login, live_server
):
    case = Case.objects.get(person__given_name="Ola", person__family_name="Demo-Berg")
    page = login("saksbehandler")
    page.goto(f"{live_server.url}/saker/{case.pk}/")
    page.get_by_role("link", name="Vurdering").click()
    page.get_by_role("button", name="Vurder saken").click()
    koordinator = page.get_by_role("region", name="Koordinator", exact=True)
    expect(koordinator).to_contain_text("Trenger skjønnsvurdering")

    questions = page.locator("form").filter(has=page.get_by_role("radio"))
    while questions.count():
        form = questions.first
        form.get_by_label("Ja").check()
        form.get_by_label("Begrunnelse").fill("Godt dokumentert i søknaden.")
        form.get_by_role("button").click()
        expect(page.get_by_text("Svaret er lagret")).to_be_visible()

    expect(koordinator).to_contain_text("Har rett")
    expect(page.get_by_role("region", name="Individuell plan")).to_contain_text("Har rett")
    assert case.assessments.latest().result["koordinator"]["outcome"] == "eligible"
