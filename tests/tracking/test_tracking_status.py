"""Status of a district at a date: exact figures, 双过半, indicators, roll-up, constant query count, command."""

import json
from datetime import date, datetime
from decimal import Decimal as D
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from duban.core.models import Provenance
from duban.plans.models import Task, TaskUnit
from duban.projects.models import PlanType, Project, ProjectYear
from duban.tracking.models import ItemType, Report, ReportState
from duban.tracking.services import report_confirm, report_submit
from duban.tracking.status import district_status, double_half_totals, node_rollups

SH = ZoneInfo("Asia/Shanghai")


def confirmed(world, item_type, item_id, key, end, **values):
    return Report.objects.create(
        item_type=item_type, item_id=item_id, district=world.district, year=2024, frequency="monthly",
        period_key=key, period_end=end, state=ReportState.CONFIRMED, submitted_at=datetime(2024, 7, 1, tzinfo=SH),
        **values,
    )


def by_ref(statuses):
    return {(s.item.type, s.item.id): s for s in statuses}


def test_project_4000_of_10000_at_end_of_june_and_may(world):
    py = world.project_year.pk
    confirmed(world, ItemType.PROJECT_YEAR, py, "2024-05", date(2024, 5, 31), invest_month=D(500), invest_ytd=D(4000))
    june = by_ref(district_status(world.district, date(2024, 6, 30)))[(ItemType.PROJECT_YEAR, py)]
    assert (june.completion_pct, june.time_progress_pct, june.gap_pp, june.light) == (D("40.00"), D("50.00"), D("-10.00"), "yellow")
    assert june.double_half is False
    assert june.reasons[0] == "低于时序进度10个百分点"
    assert "未实现双过半（上半年完成4,000万元，占年度计划40%）" in june.reasons
    assert "最新已确认数据截至2024年5月31日" in june.reasons
    may = by_ref(district_status(world.district, date(2024, 5, 31)))[(ItemType.PROJECT_YEAR, py)]
    assert (may.completion_pct, may.time_progress_pct, may.gap_pp, may.light, may.double_half) == (
        D("40.00"), D("41.67"), D("-1.67"), "green", None)


def test_only_confirmed_and_latest_versions_count(world):
    py = world.project_year.pk
    confirmed(world, ItemType.PROJECT_YEAR, py, "2024-06", date(2024, 6, 30), invest_ytd=D(5000))
    confirmed(world, ItemType.PROJECT_YEAR, py, "2024-06", date(2024, 6, 30), invest_ytd=D(6000), version=2)
    Report.objects.create(item_type=ItemType.PROJECT_YEAR, item_id=py, district=world.district, year=2024,
                          frequency="monthly", period_key="2024-06", period_end=date(2024, 6, 30), version=3,
                          state=ReportState.SUBMITTED, invest_ytd=D(9000), submitted_at=datetime(2024, 7, 2, tzinfo=SH))
    status = by_ref(district_status(world.district, date(2024, 6, 30)))[(ItemType.PROJECT_YEAR, py)]
    assert (status.completion_pct, status.double_half, status.light) == (D("60.00"), True, "green")


def test_every_item_type_and_lights(world):
    confirmed(world, ItemType.TASK, world.task.pk, "2024-06", date(2024, 6, 30), value=D(1))
    confirmed(world, ItemType.TASK, world.task_pct.pk, "2024-06", date(2024, 6, 30), percent=D(45))
    confirmed(world, ItemType.SUB_ITEM, world.sub_item.pk, "2024-06", date(2024, 6, 30), value=D(13))
    confirmed(world, ItemType.INDICATOR_TARGET, world.indicator_target.pk, "2024-06", date(2024, 6, 30), growth=D("5.1"))
    statuses = by_ref(district_status(world.district, date(2024, 6, 30)))
    task = statuses[(ItemType.TASK, world.task.pk)]
    assert (task.completion_pct, task.gap_pp, task.light) == (D("20.00"), D("-30.00"), "yellow")
    assert task.reasons == ["低于时序进度30个百分点", "累计完成1所，目标5所"]
    assert statuses[(ItemType.TASK, world.task_pct.pk)].light == "green"
    assert statuses[(ItemType.SUB_ITEM, world.sub_item.pk)].light == "done"
    gdp = statuses[(ItemType.INDICATOR_TARGET, world.indicator_target.pk)]
    assert (gdp.completion_pct, gdp.time_progress_pct, gdp.gap_pp, gdp.light) == (None, None, D("-0.90"), "yellow")
    assert gdp.reasons == ["增速5.1%，目标6%，低于目标0.9个百分点"]
    assert statuses[(ItemType.EXPROPRIATION, world.expropriation.pk)].light == "no_data"
    assert task.unit_name == "区发改局"


def test_new_project_past_planned_start_is_red_and_one_not_due_is_not_started(world):
    late = Project.objects.create(district=world.district, code="P2", name="新开工项目", lead_unit=world.unit_a,
                                  planned_start=date(2024, 4, 1))
    late_year = ProjectYear.objects.create(project=late, year=2024, plan_type=PlanType.NEW, level="district",
                                           annual_plan=D(2000))
    soon = Project.objects.create(district=world.district, code="P3", name="九月开工项目", planned_start=date(2024, 9, 1))
    soon_year = ProjectYear.objects.create(project=soon, year=2024, plan_type=PlanType.NEW, level="district",
                                           annual_plan=D(2000))
    statuses = by_ref(district_status(world.district, date(2024, 6, 30)))
    assert statuses[(ItemType.PROJECT_YEAR, late_year.pk)].light == "red"
    assert "应开未开：已过计划开工时间仍未开工" in statuses[(ItemType.PROJECT_YEAR, late_year.pk)].reasons
    assert statuses[(ItemType.PROJECT_YEAR, soon_year.pk)].light == "not_started"


def test_double_half_totals_and_node_rollup_show_their_formula(world):
    confirmed(world, ItemType.PROJECT_YEAR, world.project_year.pk, "2024-06", date(2024, 6, 30), invest_ytd=D(6000))
    confirmed(world, ItemType.TASK, world.task.pk, "2024-06", date(2024, 6, 30), value=D(2))
    statuses = district_status(world.district, date(2024, 6, 30))
    [total] = double_half_totals(statuses, "category")
    assert (total.key, total.projects, total.met, total.rate, total.formula) == ("产业", 1, 1, D("60.00"), "0.6亿元 ÷ 1亿元 = 60%")
    [node] = node_rollups(world.district, 2024, statuses)
    assert node.result.formula == "(40%×1 + 0%×2) ÷ 3 = 13.33%（1项无数据，按0计）"


def make_tasks(world, count, start):
    tasks = Task.objects.bulk_create(Task(plan=world.plan, code=f"B{start + i}", title=f"批量任务{i}") for i in range(count))
    TaskUnit.objects.bulk_create(TaskUnit(task=t, organisation=world.unit_a, role="lead") for t in tasks)
    Report.objects.bulk_create(
        Report(item_type=ItemType.TASK, item_id=t.pk, district=world.district, year=2024, frequency="monthly",
               period_key=f"2024-{m:02d}", period_end=date(2024, m, 28), percent=D(m * 8), state=ReportState.CONFIRMED,
               submitted_at=datetime(2024, m, 28, tzinfo=SH), provenance=Provenance.GENERATED)
        for t in tasks for m in range(1, 7))


def test_query_count_does_not_grow_with_the_number_of_items(world):
    make_tasks(world, 5, 0)
    with CaptureQueriesContext(connection) as small:
        district_status(world.district, date(2024, 6, 30))
    make_tasks(world, 60, 100)
    with CaptureQueriesContext(connection) as large:
        statuses = district_status(world.district, date(2024, 6, 30))
    assert len(statuses) == 71
    assert len(small.captured_queries) == len(large.captured_queries)


def test_status_command_json_lists_every_item_with_the_required_keys(world):
    submit = report_submit(actor=world.users["reporter_a"], item_type=ItemType.PROJECT_YEAR,
                           item_id=world.project_year.pk, period_key="2024-06",
                           values={"invest_month": D(4000), "invest_ytd": D(4000)},
                           at=datetime(2024, 7, 2, tzinfo=SH))
    report_confirm(actor=world.users["office"], report=submit, at=datetime(2024, 7, 3, tzinfo=SH))
    out = StringIO()
    call_command("status", "--date", "2024-06-30", "--district", "市中区", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert len(rows) == 6
    keys = {"type", "id", "title", "unit", "completion_pct", "time_progress_pct", "gap_pp", "light", "double_half", "reasons"}
    assert all(keys <= set(row) for row in rows)
    project = next(r for r in rows if r["type"] == "project_year")
    assert (project["completion_pct"], project["time_progress_pct"], project["gap_pp"], project["light"],
            project["double_half"]) == (40.0, 50.0, -10.0, "yellow", False)
    assert next(r for r in rows if r["type"] == "task")["double_half"] is None
    table = StringIO()
    call_command("status", "--date", "2024-06-30", "--district", "市中区", "--summary", stdout=table)
    assert "数字经济产业园\t区发改局\t40%\t50%\t-10个百分点\t黄灯\t否" in table.getvalue()


def test_status_command_refuses_an_unknown_district(world):
    from django.core.management.base import CommandError
    with pytest.raises(CommandError, match="没有名为“西湖区”的区县"):
        call_command("status", "--district", "西湖区", stdout=StringIO())


# ---------------------------------------------------------------------------------------------------------
# Roll-up setting, N periods in a row, limits, target units


def district_rules(world, **config):
    from duban.tracking.models import RuleSet
    return RuleSet.objects.create(code=f"d{world.district.pk}", name="本区规则", district=world.district,
                                  is_default=True, config=config)


def test_rollup_missing_setting_reaches_node_rollups_unit_figures_and_the_summary(world):
    from duban.tracking.models import Rubric
    from duban.tracking.services import evaluation_compute, evaluation_create
    confirmed(world, ItemType.TASK, world.task.pk, "2024-06", date(2024, 6, 30), value=D(2))
    confirmed(world, ItemType.SUB_ITEM, world.sub_item.pk, "2024-06", date(2024, 6, 30), value=D(13))
    district_rules(world, rollup_missing="exclude")
    [node] = node_rollups(world.district, 2024, district_status(world.district, date(2024, 6, 30)))
    assert node.result.formula == "(40%×1) ÷ 1 = 40%（1项无数据，不计入）"
    table = StringIO()
    call_command("status", "--date", "2024-06-30", "--district", "市中区", "--summary", stdout=table)
    assert "1 项目建设：(40%×1) ÷ 1 = 40%（1项无数据，不计入）" in table.getvalue()
    evaluation = evaluation_create(actor=world.users["office"], rubric=Rubric.objects.get(code="half-year"),
                                   scope_org=world.district, year=2024, period="half_year")
    scores = {s.organisation_id: s for s in evaluation_compute(actor=world.users["office"], evaluation=evaluation)}
    # 区住建局: sub-item done (100%, weight 1); task T2 (weight 2) and the expropriation (weight 1) without data
    # are left out — with the default "zero" this is (100×1 + 0×2 + 0×1) ÷ 4 = 25
    assert scores[world.unit_b.pk].metrics["completion_pct"] == "100.00"


def test_percent_only_task_n_periods_in_a_row(world):
    district_rules(world, consecutive_periods=2)
    confirmed(world, ItemType.TASK, world.task_pct.pk, "2024-05", date(2024, 5, 31), percent=D(20))
    confirmed(world, ItemType.TASK, world.task_pct.pk, "2024-06", date(2024, 6, 30), percent=D(30))
    status = by_ref(district_status(world.district, date(2024, 6, 30)))[(ItemType.TASK, world.task_pct.pk)]
    assert (status.completion_pct, status.gap_pp, status.light) == (D("30.00"), D("-20.00"), "red")
    assert status.reasons == ["低于时序进度20个百分点", "连续2期低于时序进度10个百分点以上"]


def test_n_in_a_row_counts_periods_not_reports(world):
    district_rules(world, consecutive_periods=2)
    # April and June reported, May not: two reports, but not two periods in a row
    confirmed(world, ItemType.TASK, world.task.pk, "2024-04", date(2024, 4, 30), value=D("0.5"))
    confirmed(world, ItemType.TASK, world.task.pk, "2024-06", date(2024, 6, 30), value=D("1.5"))
    status = by_ref(district_status(world.district, date(2024, 6, 30)))[(ItemType.TASK, world.task.pk)]
    assert (status.light, status.reasons) == ("yellow", ["低于时序进度20个百分点", "累计完成1.5所，目标5所"])
    # with May reported too (behind as well), the run is there
    confirmed(world, ItemType.TASK, world.task.pk, "2024-05", date(2024, 5, 31), value=D(1))
    status = by_ref(district_status(world.district, date(2024, 6, 30)))[(ItemType.TASK, world.task.pk)]
    assert (status.light, status.reasons[1]) == ("red", "连续2期低于时序进度10个百分点以上")


def test_expropriation_n_weeks_in_a_row(world):
    district_rules(world, consecutive_periods=2)
    for key, end, signed in (("2024-W25", date(2024, 6, 23), 20), ("2024-W26", date(2024, 6, 30), 20)):
        confirmed(world, ItemType.EXPROPRIATION, world.expropriation.pk, key, end, signed_households=signed)
    status = by_ref(district_status(world.district, date(2024, 6, 30)))[(ItemType.EXPROPRIATION, world.expropriation.pk)]
    assert (status.completion_pct, status.gap_pp, status.light) == (D("20.00"), D("-30.00"), "red")
    assert status.reasons[:2] == ["低于时序进度30个百分点", "连续2期低于时序进度10个百分点以上"]


def ytd_level_target(world, code, value, *, higher_is_better=True, qualifier="", unit="亿元"):
    from duban.indicators.models import Accumulation, Indicator, IndicatorTarget, IndicatorTargetUnit
    indicator = Indicator.objects.create(code=code, name=f"指标{code}", unit=unit, accumulation=Accumulation.YEAR_TO_DATE,
                                         higher_is_better=higher_is_better)
    target = IndicatorTarget.objects.create(indicator=indicator, organisation=world.district, year=2024,
                                            target_type="level", value=D(value), qualifier=qualifier, text=code)
    IndicatorTargetUnit.objects.create(target=target, organisation=world.unit_a, role="lead")
    return target


def test_year_to_date_level_indicator_n_periods_in_a_row(world):
    district_rules(world, consecutive_periods=2)
    target = ytd_level_target(world, "GYZJ", 100)
    confirmed(world, ItemType.INDICATOR_TARGET, target.pk, "2024-05", date(2024, 5, 31), value=D(30))
    confirmed(world, ItemType.INDICATOR_TARGET, target.pk, "2024-06", date(2024, 6, 30), value=D(35))
    status = by_ref(district_status(world.district, date(2024, 6, 30)))[(ItemType.INDICATOR_TARGET, target.pk)]
    assert (status.completion_pct, status.gap_pp, status.light) == (D("35.00"), D("-15.00"), "red")
    assert status.reasons == ["低于时序进度15个百分点", "连续2期低于时序进度10个百分点以上"]


def test_lower_is_better_and_at_most_year_to_date_limits(world):
    energy = ytd_level_target(world, "NH", 100, higher_is_better=False, unit="万吨标煤")
    within = ytd_level_target(world, "PF", 100, qualifier="less_than", unit="吨")
    confirmed(world, ItemType.INDICATOR_TARGET, energy.pk, "2024-06", date(2024, 6, 30), value=D(80))
    confirmed(world, ItemType.INDICATOR_TARGET, within.pk, "2024-06", date(2024, 6, 30), value=D(120))
    statuses = by_ref(district_status(world.district, date(2024, 6, 30)))
    used = statuses[(ItemType.INDICATOR_TARGET, energy.pk)]
    assert (used.completion_pct, used.time_progress_pct, used.gap_pp, used.light, used.measure) == (
        D("80.00"), D("50.00"), D("-30.00"), "yellow", "pace")
    assert used.reasons == ["年度控制目标已用80%，超出时序进度30个百分点"]
    over = statuses[(ItemType.INDICATOR_TARGET, within.pk)]
    assert (over.completion_pct, over.gap_pp, over.light, over.reasons) == (
        D("120.00"), D("-70.00"), "red", ["年度控制目标已用120%，已超出控制目标"])


def test_growth_share_and_rank_targets_are_not_in_the_indicators_unit(world):
    from duban.indicators.models import IndicatorTarget
    rank = IndicatorTarget.objects.create(indicator=world.indicator_target.indicator, organisation=world.district,
                                          year=2024, target_type="rank", value=D(3), text="全市前三")
    level = ytd_level_target(world, "GDPL", 500)
    units = {s.item.id: s.as_dict()["target_unit"] for s in district_status(world.district, date(2024, 6, 30))
             if s.item.type == ItemType.INDICATOR_TARGET}
    assert units == {world.indicator_target.pk: "%", rank.pk: "位", level.pk: "亿元"}


def test_items_whose_time_has_not_come_count_neither_in_node_rollups_nor_in_unit_figures(world):
    from duban.tracking.status import unit_metrics
    statuses = district_status(world.district, date(2024, 1, 15))  # time progress 0: every task is not_started
    assert {s.light for s in statuses if s.item.type == ItemType.TASK} == {"not_started"}
    [node] = node_rollups(world.district, 2024, statuses)
    assert (node.result.value, node.result.formula) == (None, "无可计入的子项")
    assert unit_metrics(statuses, missing="zero")[world.unit_a.pk]["completion_pct"] is None
