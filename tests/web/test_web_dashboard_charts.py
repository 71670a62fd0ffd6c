"""The dashboard's pure functions on a small built world of statuses: exact cards, groups, links and chart data."""

from decimal import Decimal as D

from duban.tracking.filters import filter_statuses
from duban.tracking.items import TrackedItem
from duban.tracking.rules import RuleConfig
from duban.tracking.status import ItemStatus, TrackingConfig
from duban.web import charts, dashboard

BASE = "/tracking/status/?district=1&year=2024&date=2024-06-30"


def _item(kind, pk, code, *, unit, target=None, category="", area="", level="", node=None, stage=None):
    return TrackedItem(kind, pk, f"title {code}", code, 1, 2024, "monthly", None, D(1), ((unit, "lead"),),
                       category, area, level, node, target, "万元" if kind == "project_year" else "",
                       {"stage": stage} if stage else {})


def _status(item, light, *, completion=None, actual=None, dh=None, ytd_june=None, gap=None, reasons=()):
    return ItemStatus(item, {10: "区发改局", 11: "区住建局"}[item.lead_unit_id], completion, D("50.00"), gap, light, dh,
                      list(reasons), "pace", actual, "", ytd_june)


def world() -> list[ItemStatus]:
    return [
        _status(_item("project_year", 1, "P1", unit=10, target=D(10000), category="产业", area="兴隆", level="city",
                      stage="construction"), "green", completion=D(60), actual=D(6000), dh=True, ytd_june=D(6000)),
        _status(_item("project_year", 2, "P2", unit=11, target=D(30000), category="产业", area="党家", level="district",
                      stage="started"), "red", completion=D(20), actual=D(6000), dh=False, ytd_june=D(6000),
                gap=D(-30), reasons=["低于时序进度30个百分点"]),
        _status(_item("project_year", 3, "P3", unit=11, target=D(0), category="基础设施", area="兴隆",
                      level="district", stage="reserve"), "not_started"),
        _status(_item("task", 4, "T1", unit=10, node=7), "yellow", completion=D(35), gap=D(-15)),
        _status(_item("livelihood_sub_item", 5, "MS1", unit=11), "done", completion=D(100)),
        _status(_item("livelihood_sub_item", 6, "MS2", unit=11), "green", completion=D(55)),
        _status(_item("indicator_target", 7, "GDP", unit=10), "red", gap=D(-2)),
    ]


def test_light_counts_list_every_light_bad_news_first():
    assert dashboard.light_counts(world()) == {
        "red": 2, "yellow": 1, "green": 2, "done": 1, "not_started": 1, "no_data": 0}


def test_investment_sums_year_to_date_over_planned_projects_in_one_money_unit():
    inv = dashboard.investment(world())
    assert (inv.projects, inv.ytd, inv.plan, inv.rate, inv.time_progress, inv.gap) == (
        2, D(12000), D(40000), D("30.00"), D("50.00"), D("-20.00"))
    assert inv.formula == "1.2亿元 ÷ 4亿元 = 30%"


def test_double_half_counts_checked_projects_and_sums_first_half():
    dh = dashboard.double_half(world())
    assert dh == dashboard.DoubleHalf(2, 1, D("30.00"), "1.2亿元 ÷ 4亿元 = 30%", False)
    assert (dh.verdict, dh.count_text) == ("未实现", "1/2个项目实现双过半")


def test_double_half_is_achieved_when_the_first_half_sums_to_half_the_plan():
    statuses = [
        _status(_item("project_year", 1, "P1", unit=10, target=D(10000)), "green", dh=True, ytd_june=D(9000)),
        _status(_item("project_year", 2, "P2", unit=11, target=D(10000)), "red", dh=False, ytd_june=D(1000)),
        _status(_item("project_year", 3, "P3", unit=11, target=D(20000)), "green", dh=True,
                ytd_june=D(10000)),
    ]
    dh = dashboard.double_half(statuses)
    assert (dh.projects, dh.met, dh.rate, dh.achieved) == (3, 2, D("50.00"), True)
    assert (dh.verdict, dh.count_text) == ("实现", "2/3个项目实现双过半")
    unjudged = _status(_item("project_year", 1, "P1", unit=10, target=D(10000)), "green")
    before_june = dashboard.double_half([unjudged])
    assert (before_june.projects, before_june.achieved, before_june.verdict) == (0, None, "—")


def test_headline_cards_carry_exact_figures_and_the_list_behind_them():
    cards = dashboard.headline_cards(world(), dashboard.OrderCounts(open=3, overdue=1), BASE, orders_url="/o/")
    by_key = {c.key: c for c in cards}
    assert [c.key for c in cards] == ["light-red", "light-yellow", "light-green", "light-done", "investment",
                                      "double-half", "indicators", "livelihood", "orders"]
    assert (by_key["light-red"].figure, by_key["light-red"].url) == ("2", BASE + "&light=red")
    assert (by_key["investment"].figure, by_key["investment"].url) == ("30%", BASE + "&type=project_year&planned=1")
    assert "1.2亿元" in by_key["investment"].caption and "4亿元" in by_key["investment"].caption
    assert "50%" in by_key["investment"].caption
    assert (by_key["double-half"].figure, by_key["double-half"].caption, by_key["double-half"].url) == (
        "未实现", "1/2个项目实现双过半", BASE + "&type=project_year&dh=missed")
    assert (by_key["indicators"].figure, by_key["indicators"].url) == (
        "0/1", BASE + "&type=indicator_target&light=red%2Cyellow")
    assert by_key["livelihood"].figure == "1/2"
    assert (by_key["orders"].figure, by_key["orders"].url) == ("3", "/o/")


def test_investment_by_area_and_level_largest_plan_first_with_the_filter_value():
    by_area = dashboard.investment_by(world(), "area")
    assert [(r.key, r.projects, r.ytd, r.plan, r.rate) for r in by_area] == [
        ("党家", 1, D(6000), D(30000), D("20.00")), ("兴隆", 1, D(6000), D(10000), D("60.00"))]
    assert [(r.key, r.rate) for r in dashboard.investment_by(world(), "level")] == [
        ("district", D("20.00")), ("city", D("60.00"))]
    assert [(r.key, r.label, r.rate) for r in dashboard.investment_by(world(), "unit")] == [
        ("11", "区住建局", D("20.00")), ("10", "区发改局", D("60.00"))]
    assert [(r.key, r.projects, r.rate) for r in dashboard.investment_by(world(), "category")] == [
        ("产业", 2, D("30.00"))]


def test_stage_funnel_lists_every_stage_in_order():
    assert [(stage, n) for stage, _label, n in dashboard.stage_funnel(world())] == [
        ("reserve", 1), ("signed", 0), ("preparation", 0), ("started", 1), ("construction", 1), ("completed", 0),
        ("operating", 0)]


def test_lights_per_unit_put_overseen_units_first():
    rows = dashboard.lights_per_unit(world(), {10: "区发改局", 11: "区住建局"}, frozenset({11}))
    assert [(r.unit_id, r.overseen, r.counts["red"], r.counts["green"], r.counts["done"], r.total) for r in rows] == [
        (11, True, 1, 1, 1, 4), (10, False, 1, 1, 0, 3)]
    rows = dashboard.lights_per_unit(world(), {10: "区发改局", 11: "区住建局"})
    assert [r.unit_id for r in rows] == [10, 11]  # equal red counts: more yellow first


def test_lagging_lists_red_then_yellow_of_the_units():
    assert [s.item.code for s in dashboard.lagging(world(), frozenset({10}))] == ["GDP", "T1"]
    assert [s.item.code for s in dashboard.lagging(world(), frozenset({11}))] == ["P2"]


def test_lagging_rows_say_why_and_show_the_gap_only_when_being_behind_is_why():
    late = _status(_item("project_year", 8, "P8", unit=11, target=D(5000)), "red", completion=D("50.58"),
                   gap=D("0.58"), reasons=["超时序进度0.58个百分点", "应开未开：已过计划开工日期仍未开工"])
    rows = dashboard.lagging([*world(), late], frozenset({11}))
    assert [(r.item.code, r.light, r.gap_pp, r.reasons) for r in rows] == [
        ("P2", "red", D(-30), ["低于时序进度30个百分点"]),
        ("P8", "red", None, ["超时序进度0.58个百分点", "应开未开：已过计划开工日期仍未开工"]),
    ]


def test_a_gap_within_tolerance_is_not_shown_as_the_reason_of_a_red_item():
    within = _status(_item("project_year", 9, "P9", unit=11, target=D(5000)), "red", completion=D("45.26"),
                     gap=D("-4.74"), reasons=["低于时序进度4.74个百分点（在允许范围内）", "应开未开"])
    statuses = [*world(), within]
    absolute = TrackingConfig()
    assert [(r.item.code, r.gap_pp) for r in dashboard.lagging(statuses, frozenset({11}), absolute)] == [
        ("P2", D(-30)), ("P9", None)]
    strict = TrackingConfig(default=RuleConfig(yellow_pp=D(3)))
    assert [(r.item.code, r.gap_pp) for r in dashboard.lagging(statuses, frozenset({11}), strict)] == [
        ("P2", D(-30)), ("P9", D("-4.74"))]
    # 4.74 points of a time progress of 50%: 9.48% short
    relative = TrackingConfig(default=RuleConfig(mode="relative", yellow_relative=D(9)))
    assert [(r.item.code, r.gap_pp) for r in dashboard.lagging(statuses, frozenset({11}), relative)] == [
        ("P2", D(-30)), ("P9", D("-4.74"))]


def test_drill_appends_filters_url_encoded():
    assert dashboard.drill(BASE, type="project_year", area="兴隆", unit=None) == (
        BASE + "&type=project_year&area=%E5%85%B4%E9%9A%86")
    assert dashboard.drill("/tracking/status/", unit=3) == "/tracking/status/?unit=3"


def test_investment_chart_gives_rates_a_time_progress_line_and_a_link_per_bar():
    rows = dashboard.investment_by(world(), "area")
    links = [dashboard.drill(BASE, area=r.key) for r in rows]
    chart = charts.investment_progress_chart(rows, D("50.00"), links)
    series = chart["option"]["series"][0]
    assert chart["option"]["yAxis"]["data"] == ["党家", "兴隆"]
    assert series["data"] == [20.0, 60.0]
    assert series["markLine"]["data"][0]["xAxis"] == 50.0
    assert chart["links"] == [[BASE + "&area=%E5%85%9A%E5%AE%B6", BASE + "&area=%E5%85%B4%E9%9A%86"]]


def test_unit_lights_chart_stacks_one_series_per_light():
    rows = dashboard.lights_per_unit(world(), {10: "区发改局", 11: "区住建局"})
    chart = charts.unit_lights_chart(rows, [("red", "红"), ("green", "绿")], [["r10", "r11"], ["g10", "g11"]])
    assert [(s["name"], s["data"]) for s in chart["option"]["series"]] == [("红", [1, 1]), ("绿", [1, 1])]
    assert chart["option"]["yAxis"]["data"] == ["区发改局", "区住建局"]
    assert chart["links"] == [["r10", "r11"], ["g10", "g11"]]


def test_stage_funnel_chart_and_indicator_trend_chart_data():
    funnel = dashboard.stage_funnel(world())
    chart = charts.stage_funnel_chart(funnel, [f"/s/{s}" for s, _l, _n in funnel])
    assert chart["option"]["series"][0]["data"] == [1, 0, 0, 1, 1, 0, 0]
    assert chart["links"][0][0] == "/s/reserve"
    trend = charts.indicator_trend_chart("地区生产总值", [2022, 2023, 2024], [D("3.1"), D("6.2"), None],
                                         [D("6"), D("6.5"), D("6")], "%")
    assert trend["option"]["xAxis"]["data"] == ["2022", "2023", "2024"]
    assert [s["data"] for s in trend["option"]["series"]] == [[3.1, 6.2, None], [6.0, 6.5, 6.0]]


def test_filters_of_the_status_list():
    statuses = world()
    codes = lambda params, **kw: [s.item.code for s in filter_statuses(statuses, params, **kw)]  # noqa: E731
    assert codes({"category": "产业", "dh": "missed"}) == ["P2"]
    assert codes({"unit": "11"}) == ["P2", "P3", "MS1", "MS2"]
    assert codes({"unit": "10,11", "area": "兴隆"}) == ["P1", "P3"]
    assert codes({"stage": "reserve"}) == ["P3"]
    assert codes({"node": "7"}) == ["T1"]
    assert codes({"reason": "时序进度"}) == ["P2"]
    assert codes({"level": "city"}) == ["P1"]
    assert codes({"planned": "1", "area": "兴隆"}) == ["P1"]
    assert codes({}, leader_unit_ids=frozenset({10})) == ["P1", "T1", "GDP"]
    assert codes({"unit": "x", "dh": "maybe"}) == [s.item.code for s in statuses]


def test_tree_rows_follow_reading_order():
    from duban.tracking.rules import RollupResult
    from duban.tracking.status import NodeRollup

    def r(node_id, parent, depth, value):
        return NodeRollup(node_id, str(node_id), f"node {node_id}", parent, depth, RollupResult(value, f"f{node_id}", 1, 0))

    rows = dashboard.tree_rows([r(1, None, 0, D(40)), r(2, None, 0, D(10)), r(3, 1, 1, D(50))])
    assert [(t.node_id, t.depth, t.value, t.formula) for t in rows] == [
        (1, 0, D(40), "f1"), (3, 1, D(50), "f3"), (2, 0, D(10), "f2")]

