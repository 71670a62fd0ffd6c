"""The workbench and the reporter's workspace in a real browser: the not-reported list and its reminder, and
no page a reporter visits scrolls sideways on a 390 px phone. Screenshots of each page at 1280 and 390 px go
to test-artifacts/ (gitignored; DUBAN_ARTIFACTS chooses another folder)."""

import os
from datetime import date
from pathlib import Path

import pytest
from test_browser_tracking import _png_bytes, login, world  # noqa: F401 - fixtures shared with the tracking flow

from duban.tracking import services
from duban.tracking.models import Notification, Reminder

pytestmark = pytest.mark.browser

ARTIFACTS = Path(os.environ.get("DUBAN_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _shots(page, name: str) -> int:
    """Screenshots at both widths; returns the document's scroll width on the phone."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(ARTIFACTS / f"{name}-1280.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(ARTIFACTS / f"{name}-390.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(DESKTOP)
    return width


def test_not_reported_list_names_the_unit_and_the_reminder_reaches_its_reporter(world, login, live_server,
                                                                                 mailoutbox):
    url = live_server.url
    office = login("office")
    office.goto(f"{url}/tracking/not-reported/?district={world.district.pk}&year=2024&date=2024-07-20&period=2024-06")
    row = office.locator("[data-testid=not-reported] tbody tr", has_text="数字经济产业园")
    assert row.locator("td").all_inner_texts()[1:] == ["区发改局", "数字经济产业园", "2024年6月", "2024年7月5日", "15"]
    _shots(office, "not-reported")
    row.locator("input[type=checkbox]").check()
    with office.expect_navigation():
        office.get_by_role("button", name="催办所选").click()
    assert office.inner_text("ul.messages") == "已催办：1项（2人收到）；今日已催办过的：0项"
    chased = [m for m in mailoutbox if "请填报" in m.subject]
    assert sorted(m.to[0] for m in chased) == ["reporter_a@example.cn", "unit_leader_a@example.cn"]

    reporter = login("reporter_a")
    reporter.goto(f"{url}/tracking/notifications/")
    assert reporter.inner_text("[data-testid=notifications] li a") == "请填报：数字经济产业园（2024年6月）"
    with reporter.expect_navigation():
        reporter.click("[data-testid=notifications] li a")
    assert reporter.url == f"{url}/tracking/items/project_year/{world.project_year.pk}/report/?period=2024-06"

    # the same click again the same day sends nothing
    office.locator("[data-testid=not-reported] tbody tr", has_text="数字经济产业园").locator("input").check()
    with office.expect_navigation():
        office.get_by_role("button", name="催办所选").click()
    assert office.inner_text("ul.messages") == "已催办：0项（0人收到）；今日已催办过的：1项"
    assert (Reminder.objects.count(), Notification.objects.filter(title__startswith="请填报").count(),
            len([m for m in mailoutbox if "请填报" in m.subject])) == (1, 2, 2)


def test_no_page_a_reporter_visits_scrolls_sideways_on_a_phone(world, login, live_server):
    url = live_server.url
    order = services.order_issue(actor=world.users["office"], district=world.district, title="加快推进数字经济产业园二期建设",
                                 content="请于期限内完成二期主体施工", deadline=date(2099, 1, 1),
                                 lead_unit=world.unit_a, cooperating_units=[world.unit_c])
    reporter = login("reporter_a")
    pages = {
        "home": "/",
        "my-updates": "/tracking/my/?date=2024-07-01",
        "report-form": f"/tracking/items/project_year/{world.project_year.pk}/report/?period=2024-06",
        "item": f"/tracking/items/project_year/{world.project_year.pk}/?date=2024-06-30",
        "status-reporter": "/tracking/status/?year=2024&date=2024-06-30",
        "orders": "/tracking/orders/",
        "order": f"/tracking/orders/{order.pk}/",
        "notifications": "/tracking/notifications/",
    }
    widths = {}
    for name, path in pages.items():
        response = reporter.goto(f"{url}{path}")
        assert response.status == 200, path
        widths[name] = _shots(reporter, name)
    assert {name: w for name, w in widths.items() if w > 390} == {}
    # the report form offers the phone's camera and shows the chosen photo as a thumbnail
    reporter.goto(f"{url}{pages['report-form']}")
    assert reporter.get_attribute("#id_files", "accept") == "image/*"
    assert reporter.get_attribute("#id_files", "capture") == "environment"
    reporter.set_input_files("#id_files", {"name": "现场.png", "mimeType": "image/png", "buffer": _png_bytes()})
    reporter.locator("[data-thumbs-for] img").wait_for()
    assert reporter.get_attribute("[data-thumbs-for] img", "alt") == "现场.png"

    office = login("office")
    for name, path in {"review-queue": "/tracking/review/", "status": "/tracking/status/?year=2024&date=2024-06-30",
                       "order-new": f"/tracking/orders/new/?district={world.district.pk}",
                       "supervised-work": f"/tracking/supervised-work/?district={world.district.pk}&year=2024"}.items():
        assert office.goto(f"{url}{path}").status == 200
        assert _shots(office, name) <= 390, path
