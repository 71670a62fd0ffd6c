"""Configuration pages in a real browser: a rubric saved as the browser sends it (its blank extra row included),
and a second tab saving a rule set that was changed since it opened."""

import pytest
from test_browser_tracking import login, world  # noqa: F401 - fixtures shared with the tracking flow

from duban.tracking.models import Rubric, RuleSet
from duban.tracking.services import rubric_save, rule_set_save

pytestmark = pytest.mark.browser

RUBRIC = {"items": [
    {"code": "completion", "label": "完成率", "kind": "per_point", "metric": "completion_pct", "points_per_pp": "0.4",
     "min": "0", "max": "40"},
    {"code": "pace", "label": "时序进度", "kind": "bands", "metric": "gap_pp",
     "bands": [{"from": "0", "points": "40"}, {"from": "-10", "points": "25"}], "else": "0"}]}


def test_city_office_changes_one_criterion_and_saves_the_rubric(world, login, live_server):
    rubric_save(actor=None, code="half-year", name="半年考核细则", config=RUBRIC)
    city = login("city_office")
    city.goto(f"{live_server.url}/tracking/config/rubrics/half-year/?district={world.district.pk}&date=2024-06-30")
    assert city.locator("[data-testid=rubric-item]").count() == 3  # two criteria and a blank row
    city.fill("#id_items-0-points_per_pp", "0.5")
    with city.expect_navigation():
        city.click("[data-testid=config-preview-button]")
    assert city.locator("[data-testid=rubric-scores]").count() == 1
    assert city.locator("[data-testid=rubric-form] .errorlist").count() == 0
    with city.expect_navigation():
        city.click("[data-testid=config-save]")
    assert city.inner_text("ul.messages") == "考核细则“半年考核细则”已保存。"
    assert Rubric.objects.get(code="half-year").config["items"] == [{**RUBRIC["items"][0], "points_per_pp": "0.5"},
                                                                    RUBRIC["items"][1]]
    history = city.inner_text("[data-testid=config-history]")
    assert "完成率（completion） · 每个百分点得分：0.4 → 0.5" in history and "{" not in history


def test_a_second_tab_saving_an_old_rule_set_sees_both_versions(world, login, live_server):
    rule_set_save(actor=None, code="default", name="默认规则", district=world.district, is_default=True,
                  config={"yellow_pp": "10", "red_pp": "30"})
    url = f"{live_server.url}/tracking/config/rules/default/"
    tab_a, tab_b = login("office"), login("office")
    tab_a.goto(url)
    tab_b.goto(url)
    tab_a.fill("#id_yellow_pp", "8")
    with tab_a.expect_navigation():
        tab_a.click("[data-testid=config-save]")
    tab_b.fill("#id_red_pp", "35")
    with tab_b.expect_navigation():
        tab_b.click("[data-testid=config-save]")
    assert tab_b.inner_text("[data-testid=conflict-title]") == "此记录已被他人修改"
    differs = tab_b.locator("[data-testid=conflict] tr.differs")
    assert differs.all_inner_texts() == ["黄灯起点（落后百分点）\t10\t8", "红灯（落后超过百分点）\t35\t30"]
    assert tab_b.input_value("#id_red_pp") == "35"
    assert RuleSet.objects.get(code="default").config["red_pp"] == "30"
