import pytest
from playwright.sync_api import expect

from tests.browser.checks import check_page
from tests.browser.conftest import menu

pytestmark = pytest.mark.browser


def test_the_caseworker_sees_the_charts_drawn_from_demo_data(login, live_server):
    page = login("saksbehandler")
    menu(page).get_by_role("link", name="Oversikt").click()
    chart = page.get_by_role("img", name="Saker etter status")
    expect(chart).to_be_visible()
    check_page(page)
    widths = chart.locator("rect.chart-bar").evaluate_all(
        "bars => bars.map(b => Number(b.getAttribute('width')))"
    )
    assert len(widths) == 6
    assert sum(widths) > 0
    expect(page.get_by_role("img", name="Nye saker per måned")).to_be_visible()


def test_the_caseworker_sees_deadlines_with_overdue_first(login, live_server):
    page = login("saksbehandler")
    menu(page).get_by_role("link", name="Frister").click()
    expect(page.get_by_role("heading", name="Frister")).to_be_visible()
    check_page(page)
    first_row = page.get_by_role("row").nth(1)
    expect(first_row).to_contain_text("forfalt")
