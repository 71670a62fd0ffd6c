import re

import pytest

pytestmark = pytest.mark.browser


def test_leader_logs_in_and_sees_the_district_plan(browser_world, logged_in_page, live_server):
    page = logged_in_page("leader")

    assert page.url == f"{live_server.url}/"
    assert page.inner_text("[data-testid=home-district]") == "市中区"
    assert page.inner_text("[data-testid=plan-theme]") == "深化提升年"
    assert page.inner_text("[data-testid=count-projects]") == "3"
    assert page.inner_text("[data-testid=projects-investment]") == "30.5亿元"
    assert "首页" in page.inner_text("nav.mainnav")


def test_charts_are_drawn_by_echarts(browser_world, logged_in_page):
    page = logged_in_page("leader")

    page.wait_for_selector("#chart-gdp svg")
    assert page.evaluate("typeof echarts") == "object"
    assert page.locator("#chart-categories svg").count() == 1


def test_language_switch_to_english_shows_english_labels(browser_world, logged_in_page):
    page = logged_in_page("leader")
    assert "年度主题" in page.inner_text("main")

    with page.expect_navigation():
        page.click("form.lang-switch button[value=en]")

    main = page.inner_text("main")
    assert "Theme of the year" in main and "年度主题" not in main
    assert page.inner_text("[data-testid=count-targets]") == "3 targets"
    assert page.get_attribute("html", "lang") == "en"


def test_reporter_sees_the_plan_summary_of_the_district(browser_world, logged_in_page):
    page = logged_in_page("reporter")

    assert page.inner_text("[data-testid=home-district]") == "市中区"
    assert re.search(r"区发展改革局 · 单位填报员", page.inner_text("header.topbar"))
    assert "管理后台" not in page.inner_text("nav.mainnav")


def test_wrong_password_stays_on_login_page(browser_world, live_server, new_page):
    page = new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "leader")
    page.fill("#id_password", "wrong")
    with page.expect_navigation():
        page.click("button[type=submit].primary")

    assert "用户名或密码不正确" in page.inner_text("main")


def test_logout_returns_to_login(browser_world, logged_in_page, live_server):
    page = logged_in_page("office")

    with page.expect_navigation():
        page.click("form.logout button")

    assert page.url.startswith(f"{live_server.url}/accounts/login/")
