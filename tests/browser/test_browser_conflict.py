"""Two tabs of one browser correct the same report: the second sees "此记录已被他人修改", both versions side
by side, and its own input still in the form (at 1440 px and 390 px)."""

import os
from datetime import datetime
from decimal import Decimal as D
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from world_builders import build_world

from duban.tracking import services
from duban.tracking.models import ItemType, Report

pytestmark = pytest.mark.browser

SH = ZoneInfo("Asia/Shanghai")
PASSWORD = "pw-12345678"
SCREENSHOT_DIR = os.environ.get("DUBAN_SCREENSHOT_DIR")


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    w = build_world()
    may = services.report_submit(
        actor=w.users["reporter_a"], item_type=ItemType.PROJECT_YEAR, item_id=w.project_year.pk, period_key="2024-05",
        values={"invest_month": D(1000), "invest_ytd": D(3000)}, at=datetime(2024, 6, 3, 9, tzinfo=SH))
    services.report_confirm(actor=w.users["office"], report=may, at=datetime(2024, 6, 4, 9, tzinfo=SH))
    return w


def _fill(page, month: str, ytd: str, narrative: str) -> None:
    page.fill("#id_invest_month", month)
    page.fill("#id_invest_ytd", ytd)
    page.fill("#id_narrative", narrative)


@pytest.mark.parametrize("width", [1440, 390])
def test_two_tabs_correct_the_same_report(world, logged_in_page, live_server, width):
    first = logged_in_page("reporter_a", PASSWORD)
    second = first.context.new_page()            # a second tab of the same browser (same session)
    url = f"{live_server.url}/tracking/items/project_year/{world.project_year.pk}/report/?period=2024-05"
    for page in (first, second):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        assert page.input_value("#id_invest_ytd") == "3000.00"  # both start from confirmed version 1
    _fill(first, "1200", "3200", "更正：5月投资少报200万元")
    with first.expect_navigation():
        first.click("[data-testid=report-form] button[type=submit]")
    assert "/tracking/my/" in first.url

    _fill(second, "1100", "3100", "第二个标签页：5月投资少报100万元")
    with second.expect_navigation():
        second.click("[data-testid=report-form] button[type=submit]")
    conflict = second.locator("[data-testid=conflict]")
    assert conflict.is_visible()
    assert second.inner_text("[data-testid=conflict-title]") == "此记录已被他人修改"
    row = second.locator("[data-testid=conflict-row-invest_ytd]")
    assert row.locator("[data-testid=yours]").inner_text() == "3100"
    assert row.locator("[data-testid=current]").inner_text() == "3200"
    narrative = second.locator("[data-testid=conflict-row-narrative]")
    assert narrative.locator("[data-testid=current]").inner_text() == "更正：5月投资少报200万元"
    # nothing typed is lost
    assert second.input_value("#id_invest_month") == "1100"
    assert second.input_value("#id_narrative") == "第二个标签页：5月投资少报100万元"
    # both columns are on screen side by side, at 390 px too: the table wraps its cells instead of scrolling
    assert second.evaluate("document.documentElement.scrollWidth") <= width
    box = row.locator("[data-testid=current]").bounding_box()
    assert box["x"] + box["width"] <= width
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        second.screenshot(path=str(Path(SCREENSHOT_DIR) / f"conflict-{width}.png"), full_page=True)
    assert list(Report.objects.filter(period_key="2024-05").order_by("version").values_list("version", "invest_ytd")) == [
        (1, D("3000.00")), (2, D("3200.00"))]
