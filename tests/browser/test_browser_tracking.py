"""Tracking in a real browser: report → return → resubmit → confirm → status light; a refused figure; a
supervision order from issue to close; a reporter of another unit refused.

The data is tracking's own small district (tests/tracking/conftest.py: ``build_world``), written with
``transactional_db`` so that the live server sees it, plus a confirmed May report of the project
(year-to-date 3,000万元) so that June's year-to-date is checked against it.
"""

import io
import os
from datetime import datetime, timedelta
from decimal import Decimal as D
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from world_builders import build_world
from django.utils import timezone

from duban.tracking import services
from duban.tracking.models import (
    Evidence,
    ItemType,
    OrderEvent,
    Report,
    ReportEvent,
    ReportState,
    SupervisionOrder,
)

pytestmark = pytest.mark.browser

SH = ZoneInfo("Asia/Shanghai")
PASSWORD = "pw-12345678"  # tracking's builder gives every user this password
#: Set to a folder to keep screenshots of the status page and the review queue.
SCREENSHOT_DIR = os.environ.get("DUBAN_SCREENSHOT_DIR")


def _png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (176, 38, 44)).save(buffer, format="PNG")
    return buffer.getvalue()


def _shot(page, name: str) -> None:
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOT_DIR) / f"{name}.png"), full_page=True)


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    w = build_world()
    may = services.report_submit(
        actor=w.users["reporter_a"], item_type=ItemType.PROJECT_YEAR, item_id=w.project_year.pk, period_key="2024-05",
        values={"invest_month": D(1000), "invest_ytd": D(3000)}, at=datetime(2024, 6, 3, 9, tzinfo=SH))
    services.report_confirm(actor=w.users["office"], report=may, at=datetime(2024, 6, 4, 9, tzinfo=SH))
    return w


@pytest.fixture
def login(logged_in_page):
    return lambda username: logged_in_page(username, PASSWORD)


def _june_reports(w):
    return Report.objects.for_item(ItemType.PROJECT_YEAR, w.project_year.pk).filter(period_key="2024-06").order_by("version")


def _june_row(page):
    return page.locator("[data-testid=my-updates] tbody tr", has_text="数字经济产业园").filter(has_text="2024年6月")


def _fill_june(page, month: str, ytd: str, *, narrative: str = "", evidence: bool = False) -> None:
    page.fill("#id_invest_month", month)
    page.fill("#id_invest_ytd", ytd)
    if narrative:
        page.fill("#id_narrative", narrative)
    if evidence:
        page.set_input_files("#id_files", {"name": "现场照片.png", "mimeType": "image/png", "buffer": _png_bytes()})


def _submit(page) -> None:
    with page.expect_navigation():
        page.click("[data-testid=report-form] button[type=submit]")


def _open_june_form(page, url: str) -> None:
    page.goto(f"{url}/tracking/my/?date=2024-07-01")
    with page.expect_navigation():
        _june_row(page).get_by_role("link", name="填报").click()


def _review(page, url: str, button: str, comment: str = "") -> str:
    """Confirm or return the project's pending report from the queue; returns the row htmx swapped in."""
    page.goto(f"{url}/tracking/review/")
    row = page.locator("[data-testid=review-queue] tbody tr", has_text="数字经济产业园")
    if comment:
        row.locator("input[name=comment]").fill(comment)
    report_id = row.get_attribute("id")
    row.get_by_role("button", name=button, exact=True).click()
    done = page.locator(f"#{report_id}[data-state]")
    done.wait_for()
    return done.inner_text()


def test_report_returned_resubmitted_confirmed_and_its_light(world, login, live_server):
    url = live_server.url
    reporter = login("reporter_a")
    _open_june_form(reporter, url)
    assert reporter.url == f"{url}/tracking/items/project_year/{world.project_year.pk}/report/?period=2024-06"
    assert reporter.inner_text("[data-testid=previous]") == "上次确认：2024-05 第1版 · 本年累计 3,000.00万元"
    _fill_june(reporter, "1000", "4000", narrative="主体结构封顶", evidence=True)
    _submit(reporter)

    assert reporter.url == f"{url}/tracking/my/?date=2024-06-30"  # back to the period just reported
    assert reporter.inner_text("ul.messages") == "已提交：数字经济产业园 2024年6月，等待审核"
    assert _june_row(reporter).locator("td").nth(3).inner_text() == "待审核"
    first = _june_reports(world).get()
    assert (first.version, first.state, first.invest_month, first.invest_ytd, first.invest_since_start,
            first.narrative, first.unit_id) == (1, ReportState.SUBMITTED, D(1000), D(4000), D(9000), "主体结构封顶",
                                                world.unit_a.pk)
    evidence = Evidence.objects.get(report=first)
    assert (evidence.original_name, evidence.kind, evidence.size) == ("现场照片.png", "image", len(_png_bytes()))

    office = login("office")
    office.goto(f"{url}/tracking/review/")
    queued = office.locator("[data-testid=review-queue] tbody tr")
    assert queued.count() == 1
    assert queued.locator("td").nth(3).inner_text() == "本月1,000.00万元，累计4,000.00万元\n主体结构封顶\n现场照片.png"  # the evidence is linked for the reviewer
    _shot(office, "review-queue")
    # the refreshed row keeps the item's title
    assert _review(office, url, "退回", "请补充现场照片说明") == "数字经济产业园 · 2024-06 · 第1版 · 已退回（请补充现场照片说明）"
    first.refresh_from_db()
    assert (first.state, first.review_comment, first.reviewed_by) == (ReportState.RETURNED, "请补充现场照片说明",
                                                                        world.users["office"])

    reporter.goto(f"{url}/tracking/my/?date=2024-07-01")
    assert _june_row(reporter).locator("td").nth(3).inner_text() == "被退回\n请补充现场照片说明"
    _open_june_form(reporter, url)
    # the returned version's figures are already in the form, with the office's comment beside them
    assert (reporter.input_value("#id_invest_month"), reporter.input_value("#id_invest_ytd"),
            reporter.input_value("#id_narrative")) == ("1000.00", "4000.00", "主体结构封顶")
    assert reporter.inner_text("[data-testid=return-comment]") == "已退回：请补充现场照片说明"
    assert reporter.inner_text("[data-testid=annual-plan]") == "10,000.00万元"
    _fill_june(reporter, "1000", "4000", narrative="主体结构封顶，照片见附件", evidence=True)
    _submit(reporter)
    assert reporter.inner_text("ul.messages") == "已提交：数字经济产业园 2024年6月，等待审核"

    office.goto(f"{url}/tracking/review/")
    assert office.inner_text("[data-testid=review-queue] tbody tr td:first-child") == "数字经济产业园\n第2版（更正或重报）"
    assert _review(office, url, "确认") == "数字经济产业园 · 2024-06 · 第2版 · 已确认"
    assert [(r.version, r.state) for r in _june_reports(world)] == [(1, ReportState.RETURNED), (2, ReportState.CONFIRMED)]
    assert list(ReportEvent.objects.filter(report__in=_june_reports(world)).order_by("at", "id")
                .values_list("report__version", "action")) == [
        (1, "submit"), (1, "return"), (2, "resubmit"), (2, "confirm")]
    assert Evidence.objects.filter(report__in=_june_reports(world)).count() == 2

    reporter.goto(f"{url}/tracking/my/?date=2024-07-01")
    assert _june_row(reporter).locator("td").all_inner_texts()[3:] == ["已确认", "更正"]  # now only a correction

    # The status page: at the year's end (default date) the project is far behind; on 30 June it is yellow.
    office.goto(f"{url}/tracking/status/?year=2024")
    project = office.locator("[data-testid=status-table] tbody tr", has_text="数字经济产业园")
    assert project.get_attribute("data-light") == "red"
    office.fill("input[name=date]", "2024-06-30")  # htmx swaps the table (and tiles) in
    office.locator("[data-testid=status-table] tbody tr[data-light=yellow]").wait_for()
    cells = project.locator("td").all_inner_texts()
    assert cells[:7] == [" 黄灯", "数字经济产业园\nP1", "区发改局", "40%", "50%", "-10个百分点", "否"]
    assert cells[7].startswith("低于时序进度10个百分点；本年累计完成投资4,000万元，年度计划1亿元；")
    assert office.locator("#status-rows").count() == 1  # swapped, not nested
    tiles = dict(zip(office.locator(".tile .label").all_inner_texts(), office.locator(".tile .num").all_inner_texts()))
    assert (tiles[" 黄灯"], tiles[" 红灯"], tiles[" 无数据"]) == ("1", "0", "5")
    _shot(office, "status")
    # the item page, computed for that item alone, shows the same light
    office.goto(f"{url}/tracking/items/project_year/{world.project_year.pk}/?date=2024-06-30")
    assert office.get_attribute("[data-testid=item-status] dd[data-light]", "data-light") == "yellow"


def test_year_to_date_mismatch_is_refused_with_both_figures(world, login, live_server, tmp_path):
    reporter = login("reporter_a")
    _open_june_form(reporter, live_server.url)
    _fill_june(reporter, "1000", "3500", narrative="主体结构封顶", evidence=True)
    _submit(reporter)

    assert reporter.url == f"{live_server.url}/tracking/items/project_year/{world.project_year.pk}/report/?period=2024-06"
    assert reporter.inner_text("[data-testid=report-form] .errorlist") == (
        "本年累计完成投资应为上月累计3000万元加本月1000万元，即4000万元，填报的是3500万元")
    assert reporter.input_value("#id_invest_ytd") == "3500"
    assert _june_reports(world).count() == 0
    assert Evidence.objects.count() == 0
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []  # no evidence file left behind


def test_supervision_order_from_issue_to_close(world, login, live_server):
    url = live_server.url
    deadline = timezone.localdate() + timedelta(days=10)
    office = login("office")
    office.goto(f"{url}/tracking/orders/new/")
    office.fill("#id_title", "加快数字经济产业园建设")
    office.fill("#id_content", "请于期限内完成二期主体施工")
    office.fill("#id_deadline", deadline.isoformat())
    office.select_option("#id_lead_unit", label="区发改局")
    office.fill(".checklist-search", "教体")  # the searchable list of cooperating units, no ctrl-click
    assert [t.strip() for t in office.locator("#id_cooperating_units label:visible").all_inner_texts()] == ["区教体局"]
    office.get_by_label("区教体局").check()
    with office.expect_navigation():
        office.click("[data-testid=order-form] button[type=submit]")
    order = SupervisionOrder.objects.get()
    assert office.url == f"{url}/tracking/orders/{order.pk}/"
    assert office.inner_text("ul.messages") == f"已下发督办单 {order.number}"
    assert order.number == f"DB{world.district.pk}-{timezone.localdate().year}-0001"
    assert office.inner_text("[data-testid=order-state]") == "已下发"

    reporter = login("reporter_a")
    reporter.goto(f"{url}/tracking/orders/{order.pk}/")
    with reporter.expect_navigation():
        reporter.get_by_role("button", name="签收").click()
    assert reporter.inner_text("[data-testid=order-state]") == "已签收"
    reporter.fill("#id_text", "已组织施工单位加班推进，二期主体完成80%")
    reporter.set_input_files("#id_files", {"name": "进度照片.png", "mimeType": "image/png", "buffer": _png_bytes()})
    with reporter.expect_navigation():
        reporter.get_by_role("button", name="反馈办理情况").click()
    assert reporter.inner_text("[data-testid=order-state]") == "已反馈"

    office.goto(f"{url}/tracking/orders/{order.pk}/")
    office.select_option("#id_accept", value="1")
    office.fill("#id_comment", "情况属实")
    with office.expect_navigation():
        office.get_by_role("button", name="审核").click()
    assert office.inner_text("[data-testid=order-state]") == "已审核"
    office.fill("[data-testid=order-actions] input[name=comment]", "按期办结")
    with office.expect_navigation():
        office.get_by_role("button", name="办结销号").click()
    assert office.inner_text("[data-testid=order-state]") == "已办结"

    log = office.locator("[data-testid=order-log] tr").evaluate_all(
        "rows => rows.map(row => [...row.cells].slice(1).map(cell => cell.innerText))")
    assert log == [["下发", "office", ""], ["已签收", "reporter_a", ""],
                   ["已反馈", "reporter_a", "已组织施工单位加班推进，二期主体完成80%"],
                   ["反馈通过", "office", "情况属实"], ["已办结", "office", "按期办结"]]
    order.refresh_from_db()
    assert (order.state, order.deadline) == ("closed", deadline)
    assert [(u.organisation.name, u.role) for u in order.units.order_by("role")] == [
        ("区教体局", "cooperating"), ("区发改局", "lead")]
    feedback = order.feedback.get()
    assert [e.original_name for e in feedback.evidence.all()] == ["进度照片.png"]
    assert list(OrderEvent.objects.filter(order=order).values_list("action", "actor__username")) == [
        ("issue", "office"), ("sign", "reporter_a"), ("feedback", "reporter_a"), ("accept", "office"), ("close", "office")]


def test_reporter_of_another_unit_is_refused_the_report_form(world, login, live_server):
    url = live_server.url
    stranger = login("reporter_b")
    form_url = f"{url}/tracking/items/project_year/{world.project_year.pk}/report/?period=2024-06"

    response = stranger.goto(form_url)
    assert response.status == 403
    assert stranger.inner_text("main h1") == "无权访问"
    assert stranger.locator("#id_invest_ytd").count() == 0
    assert stranger.goto(f"{url}/tracking/items/project_year/{world.project_year.pk}/").status == 403
    stranger.goto(f"{url}/tracking/my/?date=2024-07-01")
    assert "数字经济产业园" not in stranger.inner_text("[data-testid=my-updates]")
    assert _june_reports(world).count() == 0
