"""Tracking's texts follow the active language: Chinese by default (settings.LANGUAGE_CODE), English on request."""

import json
from datetime import date, datetime
from decimal import Decimal as D
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import translation

from duban.core.errors import ApplicationError
from duban.tracking.periods import month_period, once_period, week_period
from duban.tracking.rules import PaceFacts, TargetFacts, judge_pace, judge_target
from duban.tracking.services import order_issue

SH = ZoneInfo("Asia/Shanghai")


def behind_by_20() -> tuple[str, ...]:
    return judge_pace(PaceFacts(D(30), D(50))).reasons


def test_a_status_reason_is_chinese_by_default_and_english_when_asked():
    assert behind_by_20() == ("低于时序进度20个百分点",)
    with translation.override("en"):
        assert behind_by_20() == ("20 percentage points behind time progress",)
    assert behind_by_20() == ("低于时序进度20个百分点",)


def test_an_indicator_reason_keeps_its_percent_signs_in_both_languages():
    facts = TargetFacts("growth", D("5.2"), D(6))
    assert judge_target(facts).reasons == ("增速5.2%，目标6%，低于目标0.8个百分点",)
    with translation.override("en"):
        assert judge_target(facts).reasons == ("Growth 5.2%, target 6%, 0.8 percentage points below the target",)


def test_a_period_label_is_read_in_the_language_of_the_moment():
    period = month_period(2024, 6)  # periods are cached: the label must not be frozen at creation
    assert str(period.label) == "2024年6月"
    with translation.override("en"):
        assert str(period.label) == "2024-06"
        assert str(week_period(2024, 3).label) == "Week 3 of 2024"
    assert str(once_period(2024, None).label) == "2024年（一次性）"


def issue_by_reporter(world):
    return order_issue(actor=world.users["reporter_a"], district=world.district, title="x", content="y",
                       deadline=date(2024, 7, 15), lead_unit=world.unit_a, at=datetime(2024, 7, 1, 9, tzinfo=SH))


def test_an_order_issue_error_is_chinese_by_default_and_english_when_asked(world):
    with pytest.raises(ApplicationError) as chinese:
        issue_by_reporter(world)
    assert chinese.value.message == "您无权在该区县下发督办单"
    with translation.override("en"), pytest.raises(ApplicationError) as english:
        issue_by_reporter(world)
    assert english.value.message == "You may not issue supervision orders in this district"


def test_the_status_command_prints_chinese_reasons_even_when_english_was_active(world):
    out = StringIO()
    with translation.override("en"):
        call_command("status", "--format", "json", "--date", "2024-06-30", "--district", world.district.name,
                     stdout=out)
    rows = {row["code"]: row for row in json.loads(out.getvalue())}
    assert rows["P1"]["reasons"] == ["无已确认的填报数据", "未实现双过半（上半年完成0万元，占年度计划0%）"]


def test_the_status_table_heads_are_translated():
    html = render_to_string("tracking/status_list.html#rows", {"statuses": []})
    assert "双过半" in html and "完成率" in html
    with translation.override("en"):
        html = render_to_string("tracking/status_list.html#rows", {"statuses": []})
    assert "Half by mid-year" in html and "Completion rate" in html


def test_the_status_page_names_its_double_half_groupings_in_the_chosen_language(client, world):
    client.force_login(world.users["office"])
    body = client.get("/tracking/status/?date=2024-06-30&year=2024").content.decode()
    assert "<th>单位</th>" in body and "<th>项目级别</th>" in body and "<th>unit</th>" not in body
    assert "上半年完成 ÷ 年度计划：" in body and "万元）：" not in body
    client.cookies["django_language"] = "en"
    body = client.get("/tracking/status/?date=2024-06-30&year=2024").content.decode()
    assert "<th>Unit</th>" in body and "<th>Project level</th>" in body and "<th>Half by mid-year</th>" in body
    assert "First half ÷ annual plan: " in body and "双过半" not in body
