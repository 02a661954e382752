import pytest
from playwright.sync_api import expect

from cases.models import Case
from tests.browser.checks import check_page

pytestmark = pytest.mark.browser


def test_the_caseworker_answers_every_question_in_one_form_saved_in_place(login, live_server):
    case = Case.objects.get(person__given_name="Ola", person__family_name="Demo-Berg")
    page = login("saksbehandler")
    page.goto(f"{live_server.url}/saker/{case.pk}/")
    check_page(page)
    page.get_by_role("link", name="Vurdering").click()
    check_page(page)
    page.get_by_role("button", name="Vurder saken").click()
    koordinator = page.get_by_role("region", name="Koordinator", exact=True)
    expect(koordinator).to_contain_text("Trenger skjønnsvurdering")
    check_page(page)

    # One form and one button for every question.
    expect(page.get_by_role("button", name="Lagre svarene")).to_have_count(1)
    questions = page.get_by_role("group").filter(has=page.get_by_role("radio"))
    assert questions.count() >= 2
    for i in range(questions.count()):
        question = questions.nth(i)
        question.get_by_label("Ja").check()
        question.get_by_label("Begrunnelse").fill("Godt dokumentert i søknaden.")

    # Saved in place: htmx posts once and swaps the answer in, with no new page load.
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("button", name="Lagre svarene").click()
    expect(page.get_by_text("Svarene er lagret")).to_be_visible()
    expect(page.get_by_text("Svarene er lagret")).to_be_focused()
    expect(koordinator).to_contain_text("Har rett")
    expect(page.get_by_role("region", name="Individuell plan")).to_contain_text("Har rett")
    page.wait_for_timeout(1000)  # a swap that triggered itself again would post again
    assert len(posts) == 1
    assert page.evaluate("window.stillTheSamePage") is True
    check_page(page)
    assert case.assessments.latest().result["koordinator"]["outcome"] == "eligible"


def test_a_half_answered_question_keeps_the_text_and_says_what_is_missing(login, live_server):
    case = Case.objects.get(person__given_name="Ola", person__family_name="Demo-Berg")
    page = login("saksbehandler")
    page.goto(f"{live_server.url}/vurdering/sak/{case.pk}/")
    check_page(page)
    page.get_by_role("button", name="Vurder saken").click()
    expect(page.get_by_role("button", name="Lagre svarene")).to_be_visible()
    check_page(page)
    first = page.get_by_role("group").filter(has=page.get_by_role("radio")).first
    first.get_by_label("Begrunnelse").fill("En lang begrunnelse skrevet før svaret.")
    page.get_by_role("button", name="Lagre svarene").click()
    expect(page.get_by_text("Velg ja eller nei.")).to_be_visible()
    first = page.get_by_role("group").filter(has=page.get_by_role("radio")).first
    expect(first.get_by_label("Begrunnelse")).to_have_value(
        "En lang begrunnelse skrevet før svaret."
    )
    check_page(page)
