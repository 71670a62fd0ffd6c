import pytest

from duban.ingest.extract.metric import metric_after, metric_before, metric_head, rank_scope
from duban.ingest.extract.period import infer_year, nearest_period


@pytest.mark.parametrize(
    ("right", "expected"),
    [
        ("市政道路建设，加快推进", "市政道路"),
        ("老旧小区综合改造项目，不断", "老旧小区综合改造项目"),
        ("5G基站建设，完成总量", "5G基站"),
        ("105万平方米老旧小区进行整治改造", "老旧小区"),
        ("，实现", ""),
        ("以上。", ""),
    ],
)
def test_metric_after_a_count(right, expected):
    assert metric_after(right) == expected


@pytest.mark.parametrize(
    ("left", "expected"),
    [
        ("市中区实现地区生产总值", "地区生产总值"),
        ("城镇登记失业率控制在", "城镇登记失业率"),
        ("高新技术产业产值占规模以上工业总产值", "高新技术产业产值"),
        ("尤其要加快推进南北康片区商务综合体等总投资", "总投资"),
        ("村集体收入均达到每年", "村集体收入"),
        ("同比增长", ""),
    ],
)
def test_metric_before_an_amount(left, expected):
    assert metric_before(left) == expected


def test_money_whose_object_follows_names_no_metric_before():
    assert metric_before("计划拿出", object_follows=True) == ""


def test_metric_head_takes_the_sentence_subject():
    assert metric_head("一般公共预算收入由10年前的") == "一般公共预算收入"


def test_rank_scope_reads_the_contest():
    assert rank_scope("在全市重点项目半年评议中，市中区取得") == "全市重点项目半年评议"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年上半年，实现", "2021-H1"),
        ("今年，将", "2021"),
        ("去年，", "2020"),
        ("“十三五”时期，", "2016-2020"),
        ("2012年以来，累计", "2012-2020"),
        ("过去五年，", "2016-2020"),
        ("十年形成", "2021-2031"),
        ("到2025年，", "2025"),
        ("2019年上半年，", "2019-H1"),
        ("一年来，", "2020"),
        ("实施", None),
    ],
)
def test_period_cues_resolve_against_the_report_year(text, expected):
    assert nearest_period(text, 0, len(text), 2021, 2020) == expected


def test_year_from_the_delivery_date_line():
    assert infer_year("政府工作报告\n——2021年3月5日在第十三届全国人民代表大会第四次会议上\n") == 2021


def test_year_from_the_review_heading():
    assert infer_year("各位代表：\n一、2019年工作回顾\n去年，") == 2020


def test_year_from_most_mentioned_year_ignoring_aims():
    assert infer_year("2021年市中区将…到2035年…2021年") == 2021


def test_no_year_mentioned_gives_none():
    assert infer_year("没有年份的文字") is None


def test_year_from_a_review_heading_that_also_covers_this_year():
    assert infer_year("各位代表：\n一、2019年和今年以来工作回顾\n去年，") == 2020


def test_starting_points_do_not_count_as_the_reports_year_but_levels_reached_do():
    text = "从2012年的558.5亿元增至2021年的1161.7亿元，由2012年的166所增至，增加至2021年的108.5亿元"
    assert infer_year(text) == 2021
