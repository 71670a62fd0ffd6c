"""A grid member's direct report from the phone: dispatched by the command centre, answered by the unit, closed,
and the grid member sees the result; a citizen looks up the result by number and phone."""

import io
from datetime import timedelta

import pytest
from world_builders import build_dispatch_world
from django.utils import timezone

from duban.dispatch.models import DirectReport

pytestmark = pytest.mark.browser
PASSWORD = "pw-12345678"


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_dispatch_world()


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_grid_report_dispatched_answered_closed_and_seen_by_the_reporter(world, logged_in_page, new_page, live_server):
    url = live_server.url
    grid = logged_in_page("grid", PASSWORD)
    grid.set_viewport_size({"width": 390, "height": 844})
    grid.goto(f"{url}/dispatch/new/")
    form = grid.locator("[data-testid=direct-report-form]")
    form.locator("#id_category").select_option(label="安全隐患")
    form.locator("#id_text").fill("七贤路井盖缺失，行人易踩空")
    form.locator("#id_location").fill("七贤路12号门前")
    form.locator("#id_photo").set_input_files({"name": "井盖.png", "mimeType": "image/png", "buffer": _png()})
    assert grid.evaluate("document.documentElement.scrollWidth") <= 390
    with grid.expect_navigation():
        form.get_by_role("button", name="提交").click()
    report = DirectReport.objects.get()
    assert grid.inner_text("[data-testid=report-number]") == f"您的直报编号是 {report.number}，请保存以便查询办理结果。"
    assert (report.channel, report.district, bool(report.photo)) == ("grid", world.district, True)

    centre = logged_in_page("centre", PASSWORD)
    centre.goto(f"{url}/dispatch/")
    with centre.expect_navigation():
        centre.locator("[data-testid=direct-reports]").get_by_role("link", name=report.number).click()
    dispatch = centre.locator("[data-testid=dispatch-form]")
    dispatch.locator("#id_unit").select_option(label=world.unit_a.name)
    dispatch.locator("#id_deadline").fill((timezone.localdate() + timedelta(days=2)).isoformat())
    with centre.expect_navigation():
        dispatch.get_by_role("button", name="派发").click()
    assert centre.inner_text("ul.messages") == f"已派发给{world.unit_a.name}"

    unit = logged_in_page("reporter_a", PASSWORD)
    unit.goto(f"{url}/dispatch/{report.pk}/")
    unit.fill("#answer", "已补装井盖并设置警示")
    with unit.expect_navigation():
        unit.locator("[data-testid=answer-form]").get_by_role("button", name="反馈").click()
    assert unit.inner_text("[data-testid=direct-report-state]") == "单位已反馈"

    centre.goto(f"{url}/dispatch/{report.pk}/")
    with centre.expect_navigation():
        centre.locator("[data-testid=close-form]").get_by_role("button", name="办结").click()
    assert centre.inner_text("[data-testid=direct-report-state]") == "已办结"

    grid.goto(f"{url}/dispatch/{report.pk}/")
    assert grid.inner_text("[data-testid=direct-report-state]") == "已办结"
    assert grid.inner_text("[data-testid=direct-report-result]") == "已补装井盖并设置警示"
    grid.goto(f"{url}/tracking/notifications/")
    assert f"您反映的问题 {report.number} 已办结" in grid.inner_text("body")


def test_a_citizen_reports_without_login_and_looks_up_the_result(world, new_page, live_server):
    url = live_server.url
    page = new_page()
    page.goto(f"{url}/dispatch/new/")
    page.select_option("#id_district", label="市中区")
    page.select_option("#id_category", label="市容环境")
    page.fill("#id_text", "小区门口垃圾堆放")
    page.fill("#id_location", "舜耕路3号")
    page.fill("#id_reporter_phone", "13800000000")
    with page.expect_navigation():
        page.get_by_role("button", name="提交").click()
    report = DirectReport.objects.get()
    page.goto(f"{url}/dispatch/track/?number={report.number}&phone=13800000000")
    assert page.inner_text("[data-testid=track-state]") == "已受理"
    page.goto(f"{url}/dispatch/track/?number={report.number}&phone=13900000000")
    assert page.locator("[data-testid=track-result]").count() == 0
    assert "没有与该编号和电话相符的直报" in page.inner_text("body")
