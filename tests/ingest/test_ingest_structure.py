"""The report's structure (structure.py): sections, announcements and openers give every paragraph a prior
orientation; short synthetic reports of different layouts pin the kinds that follow from it."""

import pytest

from duban.ingest.extract import extract_text
from duban.ingest.extract.structure import (
    Prior,
    cue_scores,
    heading_of,
    opener_of,
    orientation,
    paragraph_priors,
)


def kinds(text, year):
    return [(i.quote, i.kind) for i in extract_text(text, doc="t.txt", year=year).items]


# --- the scoring model ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一、2023年工作回顾", ("actual", 6)),
        ("回顾2023年", ("actual", 6)),
        ("过去一年，", ("actual", 2)),
        ("五年来", ("actual", 2)),
        ("“十四五”以来", ("actual", 5)),
        ("今年以来", ("actual", 2)),
        ("今年工作的总体要求是", ("target", 6)),
        ("今年主要预期目标是", ("target", 5)),
        ("2024年重点做好以下工作", ("target", 5)),
        ("二、2024年工作谋划", ("target", 6)),
        ("二、“十五五”时期的主要目标任务", ("target", 8)),
        ("一、2025年主要工作和“十四五”发展成就", ("actual", 9)),
        ("2023年工作回顾和2024年工作安排", (None, 0)),
        ("一、聚焦高质量发展，以更大力度推进制造业强县建设", (None, 0)),
        ("人均地区生产总值比2020年翻一番", (None, 0)),
    ],
)
def test_orientation_sums_weighted_cues_against_the_report_year(text, expected):
    year = 2026 if "十五五" in text or "2025年" in text else 2024
    assert orientation(text, year) == expected


def test_time_only_leaves_out_topic_words():
    assert cue_scores("围绕“双碳”目标", 2024) == (0, 2)
    assert cue_scores("围绕“双碳”目标", 2024, time_only=True) == (0, 0)


def test_without_the_report_year_years_are_not_scored():
    assert cue_scores("2023年工作回顾", None) == (3, 0)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("一、2023年工作回顾", (1, "一、2023年工作回顾")),
        ("第二部分 今后五年的目标任务", (1, "第二部分 今后五年的目标任务")),
        ("【今年工作安排】", (1, "【今年工作安排】")),
        ("（一）培育壮大优强企业。深入实施制造业强县三年攻坚突破行动计划。", (2, "（一）培育壮大优强企业")),
        ("3.加快城市更新", (3, "3.加快城市更新")),
        ("一是保持宏观政策连续性针对性，推动经济运行保持在合理区间。", (3, "一是保持宏观政策连续性针对性，推动经济运行保持在合理区间")),
        ("过去的一年", (0, "过去的一年")),
        ("全县地区生产总值完成186亿元，增长6.1%。", None),
        ("地区生产总值增长6%，", None),
    ],
)
def test_headings_of_every_common_form_have_a_level(line, expected):
    assert heading_of(line) == expected


def test_an_opener_is_the_paragraphs_first_clause_or_its_frame_before_a_colon():
    assert opener_of("过去一年，我们主要做了以下工作。") == ("过去一年", False)
    assert opener_of("综合考虑各方面的因素，今年经济社会发展主要预期目标是：生产总值增长6%以上") == \
        ("综合考虑各方面的因素，今年经济社会发展主要预期目标是", True)
    assert opener_of("产业转型持续提速。制定《制造业强县三年攻坚突破行动计划》，深入推进") == ("", False)


def test_priors_say_where_they_come_from():
    paragraphs = ["2022年工作回顾", "一、坚持产业跨越发展，制造业强县加快起势", "完成工业技改项目113个。今年重点做好以下工作：",
                  "一、聚焦高质量发展", "力争新增规模以上工业企业20家。", "五年来，全县累计完成投资500亿元。",
                  "——城市面貌焕然一新。建成公园12处。", "新增规模以上工业企业20家。"]
    last = ["2022年工作回顾", "一、坚持产业跨越发展，制造业强县加快起势", "今年重点做好以下工作：", "一、聚焦高质量发展",
            "力争新增规模以上工业企业20家。", "五年来，全县累计完成投资500亿元。", "建成公园12处。", "新增规模以上工业企业20家。"]
    assert paragraph_priors(paragraphs, last, 2023) == [
        Prior("actual", "heading", 6),
        Prior("actual", "heading", 6),           # "一、坚持…" has no orientation: it inherits level 0
        Prior("actual", "heading", 6),           # the announcement counts from the next paragraph on
        Prior("target", "announcement", 4),
        Prior("target", "announcement", 4),
        Prior("actual", "opener", 2),
        Prior("actual", "opener", 2),            # a "——" item keeps the opener of the paragraph before
        Prior("target", "announcement", 4),
    ]


# --- layouts ---------------------------------------------------------------------------------------


def test_national_layout_review_then_requirements_then_tasks():
    text = (
        "一、2023年工作回顾\n"
        "过去一年，经济回升向好。国内生产总值超过126万亿元，增长5.2%。\n"
        "一年来，我们主要做了以下工作：\n"
        "一是扩大有效需求。新增专项债券3.8万亿元。\n"
        "二、2024年经济社会发展总体要求和政策取向\n"
        "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。\n"
        "三、2024年政府工作任务\n"
        "（一）大力推进现代化产业体系建设。实施制造业技术改造升级工程，新建5G基站60万个。\n"
    )
    assert kinds(text, 2024) == [("126万亿元", "actual"), ("5.2%", "actual"), ("3.8万亿元", "actual"),
                                 ("5%", "target"), ("1200万人", "target"), ("60万个", "target")]


def test_county_layout_with_bare_headings():
    text = (
        "过去的一年\n"
        "全县地区生产总值完成186亿元，增长6.1%。建成口袋公园12处。\n"
        "今年的主要目标\n"
        "地区生产总值增长6%左右，新增规上企业15家，建设口袋公园10处。\n"
    )
    assert kinds(text, 2024) == [("186亿元", "actual"), ("6.1%", "actual"), ("12处", "actual"),
                                 ("6%", "target"), ("15家", "target"), ("10处", "target")]


def test_county_layout_with_comma_headings_and_an_announcement():
    text = (
        "2022年工作回顾\n"
        "一、坚持产业跨越发展，制造业强县加快起势\n"
        "完成工业技改项目113个。新增上云企业80家。\n"
        "围绕上述目标，今年重点做好八个方面的工作：\n"
        "一、聚焦高质量发展，以更大力度推进制造业强县建设\n"
        "（一）培育壮大优强企业。新增规模以上工业企业20家。规模以上工业增加值增长10%以上。\n"
    )
    assert kinds(text, 2023) == [("113个", "actual"), ("80家", "actual"), ("20家", "target"), ("10%", "target")]


def test_newspaper_layout_without_headings():
    text = (
        "今年以来，市中区地区生产总值实现480.3亿元，同比增长3.4%。\n"
        "下半年，全区将新开工项目20个。\n"
    )
    assert kinds(text, 2022) == [("480.3亿元", "actual"), ("3.4%", "actual"), ("20个", "target")]


def test_mixed_sections_review_subsections_and_a_plan_review_paragraph():
    text = (
        "一、2025年工作回顾\n"
        "（一）全力促进经济平稳健康发展\n"
        "全社会固定资产投资增长4.6%。\n"
        "（二）聚力落实国家重大战略任务\n"
        "建成轨道交通线路906公里。\n"
        "二、关于“十五五”规划纲要（草案）的说明\n"
        "“十四五”时期，全市生产总值从4.16万亿元增加到5.67万亿元。\n"
        "到2030年，全市生产总值突破7万亿元。\n"
        "三、2026年主要任务\n"
        "今年要重点做好以下工作。\n"
        "更大力度提振消费。培育打造20个融合性服务消费新场景。\n"
    )
    assert kinds(text, 2026) == [("4.6%", "actual"), ("906公里", "actual"), ("4.16万亿元", "actual"),
                                 ("5.67万亿元", "actual"), ("7万亿元", "target"), ("20个", "target")]


def test_a_strong_tense_word_in_the_sentence_overrides_the_section():
    text = "一、2023年工作回顾\n启动实施城市更新三年行动，计划改造老旧小区120个。\n二、2024年工作安排\n去年已建成的18所学校全部投用。\n"
    assert kinds(text, 2024) == [("120个", "target"), ("18所", "actual")]


def test_confidence_says_whether_the_kind_came_from_the_sentence_or_the_section():
    text = "一、2023年工作回顾\n新增规上企业15家。累计建成口袋公园12处。\n"
    items = extract_text(text, doc="t.txt", year=2024).items
    assert [(i.quote, i.kind, i.confidence) for i in items] == [("15家", "actual", 0.85), ("12处", "actual", 0.9)]
