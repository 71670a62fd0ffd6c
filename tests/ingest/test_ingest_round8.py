"""Round 8 (issue 11 follow-up): the limits read on round 7's set B, fixed as general rules; every example
text here was written for the tests (none is copied from sets A, B or C). Each test pins one rule with the
exact values it must produce."""

import pytest

from duban.ingest.extract import extract_text
from duban.ingest.extract.structure import is_state_heading


def records(text, year=2024):
    return [(i.quote, i.value, i.unit, i.qualifier, i.metric, i.aspect, i.kind, i.period)
            for i in extract_text(text, doc="t.txt", year=year).items]


def fields(text, *names, year=2024):
    return [tuple(getattr(i, n) for n in ("quote", *names)) for i in extract_text(text, year=year).items]


# --- kinds: a review subsection with no chapter heading above it ------------------------------------------

@pytest.mark.parametrize("heading, state", [
    ("（一）经济运行总体平稳、稳中有进", True),
    ("（四）强化创新驱动，科技实力明显增强", True),
    ("（二）持续推进城市更新", False),                       # a verb of intent opens the last clause
    ("（十）坚决守牢安全底线，确保社会和谐稳定", False),
    ("（五）今年要推动民生保障持续增强", False),             # a plan word anywhere
])
def test_a_subsection_heading_stating_a_result_is_a_review(heading, state):
    assert is_state_heading(heading) is state


def test_a_review_subsection_without_a_chapter_heading_keeps_its_plan_like_verbs_in_the_past():
    text = ("（三）城乡面貌明显改善、品质提升。推动老城区有机更新，打造口袋公园12个，争取中央补助资金3.5亿元。\n"
            "今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。\n"
            "（一）聚力扩大有效投资，推动经济稳定增长。实施重点项目300个，完成投资1200亿元。\n")
    assert fields(text, "kind", "period") == [
        ("12个", "actual", "2023"), ("3.5亿元", "actual", "2023"), ("5.5%", "target", "2024"),
        ("300个", "target", "2024"), ("1200亿元", "target", "2024")]


def test_a_result_heading_under_a_plan_chapter_stays_a_plan():
    text = "二、2024年主要任务\n（二）生态环境持续改善。完成造林绿化5万亩。\n"
    assert fields(text, "kind", "period") == [("5万亩", "target", "2024")]


# --- detection ----------------------------------------------------------------------------------------

def test_a_count_before_an_abbreviation_counts_the_noun_it_opens():
    text = "2023年，全县12家LNG加气站完成改造，新建3座5G基站，培育2家AI企业，引进4个G。"
    assert fields(text, "value", "unit", "metric") == [
        ("12家", 12, "家", "LNG加气站"), ("3座", 3, "座", "5G基站"), ("2家", 2, "家", "AI企业")]


def test_fang_after_arabic_digits_is_a_volume():
    text = "2023年，疏浚河道清淤18万方，实施5方面改革，签订3方协议，新建2座蓄水池共1.2万方。"
    assert fields(text, "value", "unit", "metric") == [
        ("18万方", 180000, "方", "疏浚河道清淤"), ("2座", 2, "座", "蓄水池"), ("1.2万方", 12000, "方", "蓄水池")]


def test_an_index_value_stated_with_a_verb_has_no_unit():
    text = "2023年，全市空气质量综合指数为4.62，同比下降6.1%；消费者信心指数达到108.5，指数为主的评价。"
    assert records(text) == [
        ("4.62", 4.62, "", "", "空气质量综合指数", "level", "actual", "2023"),
        ("6.1%", -6.1, "%", "", "空气质量综合指数", "change", "actual", "2023"),
        ("108.5", 108.5, "", "", "消费者信心指数", "level", "actual", "2023")]


def test_zero_suspected_cases_and_a_trade_cleared_out():
    text = "2023年，疫情防控实现零疑似、零确诊。非法采砂经营实现“清零”，露天烧烤摊点全部清零。"
    assert fields(text, "value", "unit", "metric") == [
        ("零疑似", 0, "人", "疫情防控疑似"), ("零确诊", 0, "人", "疫情防控确诊"),
        ("清零", 0, "家", "非法采砂经营"), ("清零", 0, "个", "露天烧烤摊点")]


# --- metrics ------------------------------------------------------------------------------------------

def test_a_bare_money_clause_takes_the_topic_of_the_clause_before():
    text = ("2023年，坚持就业优先，投入资金2.4亿元，新增就业1.1万人。深入推进黄河流域生态保护，投资9.8亿元。"
            "11个市级重点项目完成投资34.9亿元。")
    assert fields(text, "metric") == [
        ("2.4亿元", "就业投入资金"), ("1.1万人", "新增就业"), ("9.8亿元", "黄河流域生态保护投资"),
        ("11个", "市级重点项目"), ("34.9亿元", "市级重点项目完成投资")]


def test_note_markers_between_noun_and_number_are_left_out():
    text = "2023年，取缔违规砂场〔12〕56家，清理闲置土地【5】1200亩，建成标准化厂房[8]6栋。"
    assert fields(text, "value", "metric") == [
        ("56家", 56, "取缔违规砂场"), ("1200亩", 1200, "清理闲置土地"), ("6栋", 6, "建成标准化厂房")]


def test_a_cut_right_before_the_amount_is_a_decrease_of_what_stands_before_it():
    text = "2024年，地下水超采量压减0.6亿立方米，燃煤消费量削减45万吨，一般性支出一律压减10%，会议费再压减5%。"
    assert fields(text, "value", "unit", "metric", "aspect") == [
        ("0.6亿立方米", -60000000, "立方米", "地下水超采量", "change"),
        ("45万吨", -450000, "吨", "燃煤消费量", "change"),
        ("10%", -10, "%", "一般性支出", "change"), ("5%", -5, "%", "会议费", "change")]


def test_a_list_ends_before_a_verb_and_two_modifiers_share_a_noun():
    text = "2023年，改造8个老旧小区、惠及2100户居民，新建4所普通及职业高中。"
    assert fields(text, "value", "metric") == [
        ("8个", 8, "老旧小区"), ("2100户", 2100, "居民"), ("4所", 4, "普通及职业高中")]


def test_a_money_verb_with_nothing_named_after_it_keeps_its_subject():
    text = "2023年，财政投入2300余万元，统筹推进防汛救灾。科技研发投入6.2亿元、增长12%。计划拿出5亿元，保障运转。"
    assert fields(text, "metric") == [
        ("2300余万元", "财政投入"), ("6.2亿元", "科技研发投入"), ("12%", "科技研发投入"), ("5亿元", "")]


def test_an_evaluation_between_subject_and_figure_is_left_out():
    text = "2023年，外贸进出口增长5%。家电、家具、纺织品出口势头强劲、增长18.2%。"
    assert fields(text, "value", "metric", "aspect") == [
        ("5%", 5, "外贸进出口", "change"), ("18.2%", 18.2, "纺织品出口", "change")]


def test_two_short_modifiers_before_a_listed_noun_share_it():
    text = "2023年，办理群众关心的堵点、痛点问题1800余件，整改发现的安全、消防隐患320处。"
    assert fields(text, "value", "metric") == [("1800余件", 1800, "堵点、痛点问题"), ("320处", 320, "安全、消防隐患")]
