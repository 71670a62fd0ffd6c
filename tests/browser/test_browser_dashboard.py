"""The demo walked in Chromium: every role's menu, the leader's drill-down from a chart bar to an item, the
public portal without non-public fields, no horizontal scrolling at 390 px, screenshots of the main pages.

One test function loads the demo once (about a minute) and walks it; the checks are named in the asserts.
"""

import json
from datetime import date
from pathlib import Path

import pytest

from duban.demo.loader import load_demo
from duban.org.models import Organisation, OrgKind
from duban.plans.models import LivelihoodItem, LivelihoodSubItem, Task
from duban.projects.models import Project
from duban.tracking.models import Report, ReportState
from duban.tracking.status import district_status
from duban.web import dashboard

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DEMO_PASSWORD = "duban-demo"
ROLES = ["office", "projects", "stats", "reporter", "unitlead", "leader", "cityoffice", "admin"]
SENTINEL = "SENTINEL-不公开-7731"
WIDTHS = (1440, 390)


def _shoot(page, name: str, *, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=full_page, timeout=30_000)


def _scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def _plant_sentinels() -> None:
    """A sentinel value in fields and items that are not public: none of it may reach the portal."""
    district = Organisation.objects.get(kind=OrgKind.DISTRICT, name="市中区")
    Task.objects.filter(pk=Task.objects.filter(plan__district=district).order_by("id").values("pk")[:1]).update(
        title=SENTINEL)
    Project.objects.filter(district=district, is_public=True).update(description=SENTINEL)
    hidden = LivelihoodItem.objects.filter(plan__district=district, plan__year=2024).order_by("-number").first()
    LivelihoodItem.objects.filter(pk=hidden.pk).update(is_public=False, title=f"{SENTINEL} item")
    sub_ids = list(LivelihoodSubItem.objects.filter(item__plan__district=district, item__is_public=True)
                   .values_list("pk", flat=True))
    Report.objects.filter(item_type="livelihood_sub_item", item_id__in=sub_ids, state=ReportState.CONFIRMED).update(
        problems=SENTINEL, narrative=SENTINEL)


def test_the_demo_walked_by_every_role(live_server, transactional_db, new_page, logged_in_page, settings):
    settings.DUBAN_TODAY = "2024-06-30"
    load_demo(seed=2024, say=lambda message: None)
    _plant_sentinels()

    # Every menu entry of every demo role answers 200: nobody is offered a page that refuses them.
    menus = {}
    for username in ROLES:
        page = logged_in_page(username, DEMO_PASSWORD)
        assert "演示数据，日期按2024年6月30日" in page.inner_text("[data-testid=demo-banner]")
        hrefs = page.eval_on_selector_all("nav.mainnav a", "els => els.map(e => e.getAttribute('href'))")
        menus[username] = hrefs
        for href in hrefs:
            response = page.goto(f"{live_server.url}{href}")
            assert response.status == 200, (username, href, response.status)
        page.context.close()
    assert "/dashboard/" in menus["leader"] and "/tracking/review/" not in menus["leader"]
    assert "/tracking/my/" in menus["reporter"] and "/dashboard/" not in menus["reporter"]
    assert "/tracking/review/" in menus["office"] and "/ingest/" not in menus["leader"]

    # The leader clicks the first bar of "investment by category" and reaches the projects behind it.
    page = logged_in_page("leader", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/dashboard/")
    assert page.inner_text("[data-testid=dashboard-district]").startswith("市中区")
    chart = json.loads(page.inner_text("#chart-invest-category-data"))
    statuses = district_status(Organisation.objects.get(name="市中区"), date(2024, 6, 30), year=2024)
    first = dashboard.investment_by(statuses, "category")[0]
    assert chart["option"]["yAxis"]["data"][0] == first.label
    assert chart["option"]["series"][0]["data"][0] == float(first.rate)
    card = page.inner_text("[data-card=light-red] .figure")
    assert card == str(dashboard.light_counts(statuses)["red"])
    # 双过半 is a yes/no check with the projects that met it, not the investment rate again.
    dh = dashboard.double_half(statuses)
    assert page.inner_text("[data-card=double-half] .figure") == ("实现" if dh.achieved else "未实现")
    assert page.inner_text("[data-card=double-half] .caption >> nth=1") == f"{dh.met}/{dh.projects}个项目实现双过半"
    # A lagging item ahead of time progress (red for 应开未开) says why and shows no gap.
    ahead = page.locator("[data-testid=lagging] tbody tr", has_text="超时序进度")
    assert ahead.count() >= 1
    for i in range(ahead.count()):
        assert ahead.nth(i).locator("td").nth(4).inner_text() == "—"
        assert ahead.nth(i).locator("[data-testid=lagging-reasons]").inner_text().count("；") >= 1
    _shoot(page, "dashboard-leader")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.wait_for_selector("[data-testid=chart-invest-category] svg")
    page.locator("[data-testid=chart-invest-category]").scroll_into_view_if_needed()
    point = page.evaluate("""() => {
        const el = document.querySelector('[data-testid=chart-invest-category]');
        const chart = echarts.getInstanceByDom(el);
        const value = chart.getOption().series[0].data[0];
        const start = chart.convertToPixel({seriesIndex: 0}, [0, 0]);
        const end = chart.convertToPixel({seriesIndex: 0}, [value, 0]);
        const box = el.getBoundingClientRect();
        return [box.left + (start[0] + end[0]) / 2, box.top + end[1]];
    }""")
    with page.expect_navigation():
        page.mouse.click(point[0], point[1])
    assert page.url == f"{live_server.url}{chart['links'][0][0]}"
    rows = page.locator("[data-testid=status-table] tbody tr")
    assert rows.count() == first.projects
    title = rows.nth(0).locator("td").nth(1).locator("a").inner_text()
    with page.expect_navigation():
        rows.nth(0).locator("td").nth(1).locator("a").click()
    assert "/tracking/items/project_year/" in page.url and title in page.inner_text("main")

    # A leader's pages of duban's own shell do not scroll sideways on a phone.
    for path in ("/", "/dashboard/", "/search/?q=学校"):
        page.set_viewport_size({"width": 390, "height": 800})
        page.goto(f"{live_server.url}{path}")
        assert not _scrolls_sideways(page), path
    _shoot(page, "search-leader")
    page.goto(f"{live_server.url}/tracking/status/")
    _shoot(page, "status-leader", full_page=False)  # the unpaginated list is ~20,000 px tall
    page.goto(f"{live_server.url}/")
    _shoot(page, "home-leader")
    page.context.close()

    # The city office: the district with tracked items first; the demo's others (review scores only) show "—".
    page = logged_in_page("cityoffice", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/dashboard/")
    rows = page.locator("[data-testid=city-table] tbody tr")
    assert rows.count() == 12 and rows.nth(0).locator("td").nth(0).inner_text() == "市中区"
    untracked = page.locator("[data-testid=city-table] tbody tr:has([data-testid=no-tracking])")
    assert untracked.count() == 11
    assert "无跟踪数据" in untracked.nth(0).inner_text()
    assert untracked.nth(0).locator("td.num").all_inner_texts() == ["—"] * (len(dashboard.LIGHT_ORDER) + 2)
    page.context.close()

    # The public portal, without logging in: a livelihood commitment, none of the non-public values.
    page = new_page()
    response = page.goto(f"{live_server.url}/public/")
    assert response.status == 200 and "max-age=300" in response.headers["cache-control"]
    first_item = LivelihoodItem.objects.filter(plan__year=2024, is_public=True).order_by("number").first()
    body = page.inner_text("body")
    assert f"{first_item.number}. {first_item.title}" in body
    assert SENTINEL not in page.content()
    page.set_viewport_size({"width": 390, "height": 800})
    assert not _scrolls_sideways(page)
    _shoot(page, "public")
