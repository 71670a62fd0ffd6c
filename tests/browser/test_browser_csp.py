"""With the Content-Security-Policy on, the home page (charts) and an htmx page still work, without a CSP error."""

import pytest

pytestmark = pytest.mark.browser


def _watch_console(page) -> list[str]:
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(str(error)))
    return messages


def _csp_errors(messages: list[str]) -> list[str]:
    return [m for m in messages if "Content Security Policy" in m or "Content-Security-Policy" in m]


def test_home_page_draws_its_charts_under_the_policy(browser_world, logged_in_page, live_server):
    page = logged_in_page("leader")
    messages = _watch_console(page)
    response = page.goto(f"{live_server.url}/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["permissions-policy"].startswith("camera=()")
    page.wait_for_selector("#chart-gdp svg")
    assert page.locator("#chart-categories svg").count() == 1
    assert _csp_errors(messages) == []


def test_htmx_filter_of_the_status_list_works_under_the_policy(browser_world, logged_in_page, live_server):
    page = logged_in_page("office")
    messages = _watch_console(page)
    page.goto(f"{live_server.url}/tracking/status/")
    all_rows = page.locator("#status-rows tbody tr").count()
    assert all_rows > 0
    with page.expect_response(lambda r: "/tracking/status/" in r.url and r.request.headers.get("hx-request") == "true"):
        page.select_option("select[name=light]", "red")
    page.wait_for_function("document.querySelectorAll('#status-rows tbody tr[data-light]:not([data-light=red])').length === 0")
    assert _csp_errors(messages) == []


def test_the_order_state_filter_submits_without_an_inline_handler(browser_world, logged_in_page, live_server):
    page = logged_in_page("office")
    messages = _watch_console(page)
    page.goto(f"{live_server.url}/tracking/orders/")
    with page.expect_navigation():
        page.select_option("select[name=state]", "open")
    assert "state=open" in page.url
    assert _csp_errors(messages) == []
