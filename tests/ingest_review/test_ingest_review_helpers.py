"""Pure helpers of the review step: placing spans, converting units, suggesting what an item becomes."""

from decimal import Decimal

import pytest

from duban.ingest import review
from duban.ingest.review import Target

from ingest_review_data import REPORT


def test_map_text_numbers_non_blank_lines_and_tracks_the_heading_in_force():
    text_map = review.map_text(REPORT)
    gdp = REPORT.index("1161.7")
    jobs = REPORT.index("1.76")
    assert (text_map.paragraph_at(gdp), text_map.section_at(gdp)) == (3, "一、2023年工作回顾")
    assert (text_map.paragraph_at(jobs), text_map.section_at(jobs)) == (5, "二、2024年主要目标")
    assert text_map.section_at(0) == "2024年政府工作报告"


def test_blank_lines_do_not_count_as_paragraphs():
    text = "标题\n\n第一段有25条。\n\n（一）小标题\n第二段13处。"
    text_map = review.map_text(text)
    assert text_map.paragraph_at(text.index("13处")) == 4
    assert text_map.section_at(text.index("13处")) == "（一）小标题"


@pytest.mark.parametrize("line, expected", [
    ("一、2023年工作回顾", True),
    ("（三）扩大有效投资", True),
    ("第二部分 主要任务", True),
    ("2024年政府工作报告", True),
    ("全区地区生产总值完成1161.7亿元，增长5.1%。", False),
    ("启动25条市政道路建设，", False),
    ("", False),
])
def test_is_heading(line, expected):
    assert review.is_heading(line) is expected


def test_clause_around_cuts_at_punctuation_and_drops_a_leading_verb_of_intent():
    text = REPORT
    assert review.clause_around(text, text.index("25条"), text.index("25条") + 3) == "启动25条市政道路建设"
    assert review.clause_around(text, text.index("1.76"), text.index("1.76") + 6) == "城镇新增就业1.76万人"


@pytest.mark.parametrize("value, source, target, expected", [
    ("116170000000", "元", "亿元", "1161.7"),
    ("116170000000", "元", "万元", "11617000"),
    ("17600", "人", "万人", "1.76"),
    ("1.76", "万人", "人", "17600"),
    ("5.1", "%", "%", "5.1"),
    ("105", "万平方米", "平方米", "1050000"),
])
def test_convert_between_magnitudes_of_one_unit(value, source, target, expected):
    assert review.convert(Decimal(value), source, target) == Decimal(expected)
    assert str(review.convert(Decimal(value), source, target)) == expected


def test_convert_refuses_different_units():
    with pytest.raises(review.UnitMismatch):
        review.convert(Decimal(5), "人", "亿元")
    with pytest.raises(review.UnitMismatch):
        review.convert(Decimal(5), "%", "个百分点")


def test_house_value_keeps_money_in_wanyuan_and_other_units_as_they_are():
    assert review.house_value(Decimal("349000000"), "元") == (Decimal("34900"), "万元")
    assert review.house_value(Decimal("17600"), "人") == (Decimal("17600"), "人")


def test_display_unit_of_a_new_indicator():
    assert review.display_unit(Decimal("116170000000"), "元") == (Decimal("1161.7"), "亿元")
    assert review.display_unit(Decimal("8500000"), "元") == (Decimal("850"), "万元")
    assert review.display_unit(Decimal("999"), "元") == (Decimal("999"), "元")
    assert review.display_unit(Decimal("13"), "处") == (Decimal("13"), "处")


@pytest.mark.parametrize("kind, aspect, unit, best, expected", [
    ("actual", "level", "元", {}, Target.OBSERVATION),
    ("target", "change", "%", {}, Target.INDICATOR_TARGET),
    ("target", "share", "%", {}, Target.INDICATOR_TARGET),
    ("target", "level", "人", {"indicator": 90}, Target.INDICATOR_TARGET),
    ("target", "level", "人", {"indicator": 70}, Target.TASK),
    ("target", "level", "元", {"project": 95}, Target.PROJECT_FACT),
    ("target", "level", "条", {"project": 95}, Target.TASK),
    ("target", "level", "处", {"livelihood_item": 88}, Target.SUB_ITEM),
    ("target", "level", "条", {"task": 100}, Target.TASK),
])
def test_suggest_target(kind, aspect, unit, best, expected):
    assert review.suggest_target(kind=kind, aspect=aspect, unit=unit, best=best) == expected


def test_similar_ranks_names_and_drops_unrelated_ones():
    names = {1: "地区生产总值", 2: "城镇新增就业人数", 3: "一般公共预算收入"}
    found = review.similar("城镇新增就业", names, "indicator")
    assert [(s.id, s.kind) for s in found] == [(2, "indicator")]
    assert found[0].score >= review.LINK_SCORE


@pytest.mark.parametrize("period, expected", [
    ("2023", (2023, "year", 1)),
    ("2024-H1", (2024, "half", 1)),
    ("2024-H2", (2024, "half", 2)),
    ("2012-2022", None),
    ("", None),
])
def test_observation_period(period, expected):
    assert review.observation_period(period) == expected


def test_source_note_names_document_paragraph_and_clause():
    assert review.source_note("2024年政府工作报告", 5, "启动25条市政道路建设") == \
        "据2024年政府工作报告第5段：「启动25条市政道路建设」"


def test_a_short_clause_takes_the_clause_before_it_within_the_sentence():
    start = REPORT.index("5.1%")
    assert review.clause_around(REPORT, start, start + 4) == "全区地区生产总值完成1161.7亿元，增长5.1%"
    text = "二、目标\n增长6%。"
    assert review.clause_around(text, text.index("6%"), text.index("6%") + 2) == "增长6%"
