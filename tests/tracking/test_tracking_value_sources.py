"""Actual values the system counts itself: "策划储备项目500个" is measured by the pipeline's reserve, not typed;
a commitment that is a level (低保标准 1114元) is shown as a level, not as a count done so far."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from factories import (
    make_district, make_indicator, make_livelihood_item, make_plan, make_project, make_task, make_unit, make_user,
)

from duban.core.errors import ApplicationError
from duban.plans import services as plan_services
from duban.tracking.items import load_item, load_items
from duban.tracking.models import Report, ReportState
from duban.tracking.status import district_status, item_status

pytestmark = pytest.mark.django_db
AT = datetime(2024, 4, 1, 10, tzinfo=UTC)


def test_the_reserve_task_takes_the_pipelines_count_on_the_day_and_ignores_a_typed_number():
    district = make_district("市中区")
    unit = make_unit("重点办", district=district)
    plan = make_plan(district=district, year=2024)
    task = make_task(plan=plan, code="2024-02", title="策划储备项目", target_value=Decimal(500), target_unit="个",
                     lead=unit, value_source="pipeline_reserve")
    for i in range(4):
        make_project(district=district, code=f"R{i}", stage="reserve")
    make_project(district=district, code="S", stage="signed")
    make_project(district=district, code="C", stage="construction", actual_start=date(2024, 5, 1))
    # a confirmed report typing 480 counts for nothing: the pipeline holds 5 (6 before 1 May)
    Report.objects.create(item_type="task", item_id=task.pk, district=district, unit=unit, year=2024,
                          frequency="monthly", period_key="2024-03", period_end=date(2024, 3, 31), version=1,
                          state=ReportState.CONFIRMED, value=Decimal(480), submitted_at=AT)
    status = item_status("task", task.pk, date(2024, 6, 30))
    assert (status.actual, status.completion_pct) == (Decimal(5), Decimal("1.00"))
    assert "由项目储备库自动计数（策划储备项目），非单位填报" in status.reasons
    assert "累计完成5个，目标500个" in status.reasons
    assert item_status("task", task.pk, date(2024, 4, 30)).actual == Decimal(6)
    whole = {s.item.ref: s for s in district_status(district, date(2024, 6, 30), fresh=True)}
    assert whole[("task", task.pk)].actual == Decimal(5)
    assert load_item("task", task.pk).attrs["value_source"] == "pipeline_reserve"


def test_a_task_without_a_source_keeps_its_reports_and_an_unknown_source_is_refused():
    district = make_district()
    unit = make_unit(district=district)
    task = make_task(plan=make_plan(district=district), target_value=Decimal(10), target_unit="个", lead=unit)
    make_project(district=district, code="R", stage="reserve")
    Report.objects.create(item_type="task", item_id=task.pk, district=district, unit=unit, year=2024,
                          frequency="monthly", period_key="2024-03", period_end=date(2024, 3, 31), version=1,
                          state=ReportState.CONFIRMED, value=Decimal(4), submitted_at=AT)
    assert item_status("task", task.pk, date(2024, 6, 30)).actual == Decimal(4)
    with pytest.raises(ApplicationError, match="未知的实际值来源"):
        plan_services.task_upsert(plan=task.plan, code=task.code, title=task.title, value_source="typed")


def test_a_level_commitment_reads_as_a_level():
    district = make_district()
    unit = make_unit(district=district)
    indicator = make_indicator(code="SUBSISTENCE", name="城乡居民最低生活保障标准", unit="元", accumulation="balance")
    item = make_livelihood_item(plan=make_plan(district=district), lead_unit=unit)
    sub = plan_services.livelihood_subitem_upsert(item=item, title="城乡低保标准提高至每人每月",
                                                  target_value=Decimal(1114), target_unit="元", indicator=indicator)
    plan_services.livelihood_subitem_units_set(sub_item=sub, units=[(unit, "lead")])
    Report.objects.create(item_type="livelihood_sub_item", item_id=sub.pk, district=district, unit=unit, year=2024,
                          frequency="monthly", period_key="2024-05", period_end=date(2024, 5, 31), version=1,
                          state=ReportState.CONFIRMED, value=Decimal(1058), submitted_at=AT)
    status = item_status("livelihood_sub_item", sub.pk, date(2024, 6, 30))
    assert load_item("livelihood_sub_item", sub.pk).attrs["is_level"] is True
    assert "当前标准1058元，目标1114元" in status.reasons
    assert not any("累计完成" in reason for reason in status.reasons)
    # measured from the year's first level: none of the raise is done yet, so it is not "95% done, ahead of time"
    assert (status.completion_pct, status.light) == (Decimal("0.00"), "red")
    Report.objects.create(item_type="livelihood_sub_item", item_id=sub.pk, district=district, unit=unit, year=2024,
                          frequency="monthly", period_key="2024-06", period_end=date(2024, 6, 30), version=1,
                          state=ReportState.CONFIRMED, value=Decimal(1086), submitted_at=AT)
    assert item_status("livelihood_sub_item", sub.pk, date(2024, 6, 30)).completion_pct == Decimal("50.00")
    Report.objects.create(item_type="livelihood_sub_item", item_id=sub.pk, district=district, unit=unit, year=2024,
                          frequency="monthly", period_key="2024-07", period_end=date(2024, 7, 31), version=1,
                          state=ReportState.CONFIRMED, value=Decimal(1114), submitted_at=AT)
    assert item_status("livelihood_sub_item", sub.pk, date(2024, 7, 31)).completion_pct == Decimal("100.00")


def test_a_draft_plans_items_are_tracked_only_once_it_is_published():
    district = make_district()
    unit = make_unit(district=district)
    plan = plan_services.plan_upsert(district=district, year=2024, is_draft=True)
    task = make_task(plan=plan, target_value=Decimal(10), target_unit="个", lead=unit)
    sub = plan_services.livelihood_subitem_upsert(item=make_livelihood_item(plan=plan, lead_unit=unit), title="新增学位",
                                                  target_value=Decimal(500), target_unit="个")
    assert [i.ref for i in load_items(district=district, year=2024)] == []
    assert load_item("task", task.pk) is not None   # the office still reaches it from the review
    plan_services.plan_publish(plan=plan)
    assert {i.ref for i in load_items(district=district, year=2024)} == {("task", task.pk),
                                                                         ("livelihood_sub_item", sub.pk)}


def test_the_report_form_of_a_task_counted_by_the_pipeline_offers_no_figure_to_type(client, settings):
    settings.DUBAN_TODAY = "2024-06-30"
    district = make_district()
    unit = make_unit(district=district)
    task = make_task(plan=make_plan(district=district), target_value=Decimal(500), target_unit="个", lead=unit,
                     value_source="pipeline_reserve")
    client.force_login(make_user(role="unit_reporter", unit=unit))
    page = client.get(f"/tracking/items/task/{task.pk}/report/").content.decode()
    assert 'name="value"' in page and "由项目储备库自动计数，无需填报" in page
    assert page.split('name="value"')[1].split(">")[0].count("disabled") == 1
