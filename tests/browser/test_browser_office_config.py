"""The office's configuration pages in a real browser: bulk assignment reaching a reporter's list, and a curve
changed with a preview of today's lights and a history row. Screenshots at 1280 and 390 px go to test-artifacts/."""

import pytest
from test_browser_tracking import login, world  # noqa: F401 - fixtures shared with the tracking flow
from test_browser_workbench import _shots

from duban.org.models import UnitRole
from duban.plans.models import Task, TaskUnit
from duban.tracking.models import ItemType, ProgressCurve

pytestmark = pytest.mark.browser


def test_office_assigns_three_tasks_and_the_units_reporter_sees_them(world, login, live_server):
    url = live_server.url
    for code in ("T3", "T4"):
        Task.objects.create(plan=world.plan, node=world.node, code=code, title=f"新任务{code}")
    office = login("office")
    office.goto(f"{url}/tracking/assign/?district={world.district.pk}&year=2024")
    assert office.locator("[data-testid=assign-row]").count() == 4
    # the box in the header ticks (and clears) every task of the page, with the script the policy allows
    office.check("#check-all")
    assert office.locator("input[name=task]:checked").count() == 4
    office.uncheck("#check-all")
    assert office.locator("input[name=task]:checked").count() == 0
    for code in ("T2", "T3", "T4"):
        office.locator("[data-testid=assign-row]", has_text=code).locator("input[name=task]").check()
    office.select_option("#id_lead_unit", label="区教体局")
    # the cooperating units are a searchable checkbox list, not a ctrl-click list
    office.fill(".checklist-search >> nth=1", "发改")
    assert office.locator("#id_cooperating_units label:visible").all_inner_texts() == [" 区发改局"]
    office.locator("#id_cooperating_units label", has_text="区发改局").click()
    office.fill("#id_weight", "2")
    assert _shots(office, "assign-form") <= 390
    with office.expect_navigation():
        office.click("[data-testid=assign-preview-button]")
    assert office.inner_text("[data-testid=assign-preview] h2") == "3项任务将改变"
    t3 = office.locator("[data-testid=assign-change]", has_text="T3").inner_text()
    assert "牵头单位：— → 区教体局" in t3 and "配合单位：— → 区发改局" in t3 and "权重：1 → 2" in t3
    assert _shots(office, "assign-preview") <= 390
    with office.expect_navigation():
        office.click("[data-testid=assign-confirm]")
    assert office.inner_text("ul.messages") == "已改变3项任务。"
    assert sorted(TaskUnit.objects.filter(organisation=world.unit_c, role=UnitRole.LEAD)
                  .values_list("task__code", flat=True)) == ["T2", "T3", "T4"]

    reporter = login("reporter_c")
    reporter.goto(f"{url}/tracking/my/?date=2024-07-01")
    listed = reporter.inner_text("[data-testid=my-updates]")
    assert all(title in listed for title in ("优化营商环境", "新任务T3", "新任务T4"))


def test_city_office_changes_a_curve_sees_the_preview_and_the_history(world, login, live_server):
    url = live_server.url
    ProgressCurve.objects.create(code="industry", name="产业项目曲线", item_type=ItemType.PROJECT_YEAR, category="产业",
                                 months=[str(v) for v in (5, 10, 20, 30, 40, 50, 58, 66, 75, 84, 92, 100)])
    city = login("city_office")
    city.goto(f"{url}/tracking/config/")
    with city.expect_navigation():
        city.click("text=产业项目曲线")
    city.goto(f"{city.url}?district={world.district.pk}&date=2024-06-30")
    city.fill("#id_m5", "30")
    city.fill("#id_m6", "35")
    with city.expect_navigation():
        city.click("[data-testid=config-preview-button]")
    # 3,000 of 10,000万元 by the end of May: 30% against 50% is yellow, against 35% green
    assert (city.inner_text("[data-testid=count-before-yellow]"), city.inner_text("[data-testid=count-after-yellow]"),
            city.inner_text("[data-testid=count-before-green]"), city.inner_text("[data-testid=count-after-green]")) == (
        "1", "0", "0", "1")
    assert city.inner_text("[data-testid=config-preview-changes]") == "数字经济产业园 黄灯 → 绿灯"
    assert ProgressCurve.objects.get(code="industry").months[5] == "50"
    assert _shots(city, "curve-preview") <= 390
    city.fill("#id_m7", "30")
    with city.expect_navigation():
        city.click("[data-testid=config-save]")
    assert "6月末（累计%）" in city.inner_text("[data-testid=curve-form]")
    assert city.locator("[data-testid=curve-form] .errorlist").count() == 1
    city.fill("#id_m7", "58")
    with city.expect_navigation():
        city.click("[data-testid=config-save]")
    assert ProgressCurve.objects.get(code="industry").months[4:6] == ["30", "35"]
    rows = city.locator("[data-testid=config-history-row]")
    assert rows.count() == 2
    newest = rows.first.inner_text()
    assert "city_office" in newest and "第6月末：50% → 35%" in newest
    _shots(city, "curve-history")


def test_the_configuration_pages_fit_a_phone(world, login, live_server):
    url = live_server.url
    office = login("office")
    for name, path in {"config-index": "/tracking/config/",
                       "config-rule-set": f"/tracking/config/rules/new/?district={world.district.pk}&date=2024-06-30"}.items():
        assert office.goto(f"{url}{path}").status == 200
        assert _shots(office, name) <= 390, path
    office.fill("#id_code", "szq")
    office.fill("#id_name", "市中区规则")
    office.fill("#id_red_pp", "15")
    office.check("#id_is_default")  # a rule set that is nobody's default changes no light
    with office.expect_navigation():
        office.click("[data-testid=config-preview-button]")
    assert office.inner_text("[data-testid=count-after-red]") == "1"
    assert _shots(office, "config-rule-set-preview") <= 390
    city = login("city_office")
    assert city.goto(f"{url}/tracking/config/rubrics/half-year/?district={world.district.pk}").status == 200
    assert city.locator("[data-testid=rubric-item]").count() == 7   # six criteria and an empty row
    assert _shots(city, "config-rubric") <= 390
