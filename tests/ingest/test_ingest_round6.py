"""Round 6: rules added after scoring three unseen excerpts (Hebei county 2022, Sichuan 2026, national 2025);
each test pins one general rule with the exact values it must produce."""

import pytest

from duban.ingest.extract import extract_text
from duban.ingest.extract.metric import metric_after, metric_before
from duban.ingest.extract.normalize import normalize
from duban.ingest.extract.pipeline import respective_names
from duban.ingest.extract.quantities import find_quantities


def records(text, year):
    return [(i.quote, i.value, i.unit, i.qualifier, i.metric, i.aspect, i.kind, i.period)
            for i in extract_text(text, doc="t.txt", year=year).items]


def quotes(text):
    clean = normalize(text).text
    return [(clean[q.start : q.end], q.unit) for q in find_quantities(clean)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在川两院院士70位，各类专业技术人才达到470万人。", [("70位", "位"), ("470万人", "人")]),
        ("油菜籽等14种农产品产量居全国第1位", [("14种", "种"), ("第1位", "位")]),
        ("空气质量综合指数全省排名较上年提升20位。", [("20位", "位")]),
        ("实现两位数增长，推广三种模式，保持6位数。", []),
        ("经济总量跨过两个万亿元大关、超过6万亿元", [("6万亿元", "元")]),
        ("锻造更多千亿元级、万亿元级新兴产业集群", []),
        ("经济总量突破百亿元大关。", [("百亿元", "元")]),
    ],
)
def test_round6_people_and_kinds_counted_and_milestones(text, expected):
    assert quotes(text) == expected


def test_a_plan_period_of_one_year_is_that_year_and_a_comparison_base_dates_nothing():
    text = "一、2025年工作回顾\n过去一年，实现地区生产总值67665亿元。优良天数261天，较2020年增加36天。"
    assert [r[7] for r in records(text, 2026)] == ["2025", "2025", "2025"]


def test_biaoxian_zai_is_not_now():
    text = "一、2024年工作回顾\n“稳”的态势巩固延续。主要表现在，国内生产总值达到134.9万亿元、增长5%。"
    assert records(text, 2025) == [
        ("134.9万亿元", 134900000000000, "元", "", "国内生产总值", "level", "actual", "2024"),
        ("5%", 5, "%", "", "国内生产总值", "change", "actual", "2024"),
    ]


def test_a_count_before_jihua_is_an_attribute_not_a_plan():
    text = "一、2025年工作回顾\n纳入国家重大工程的285个计划新开工项目全部开工，810个省重点项目完成投资10428.6亿元。"
    assert [(r[0], r[6]) for r in records(text, 2026)] == [
        ("285个", "actual"), ("810个", "actual"), ("10428.6亿元", "actual")]


def test_beiduo_is_more_than_and_a_raised_amount_is_a_change_but_an_upgraded_area_is_not():
    text = "一、2025年工作回顾\n每万人口高价值发明专利拥有量达到9.3件、增长2倍多。亩产提升10.1斤，完成林分优化提升200万亩。"
    assert [(r[0], r[3], r[5]) for r in records(text, 2026)] == [
        ("9.3件", "", "level"), ("2倍", "more_than", "change"), ("10.1斤", "", "change"), ("200万亩", "", "level")]


@pytest.mark.parametrize(
    ("left", "expected"),
    [
        ("今年赤字率拟按4%左右安排、比上年提高", ""),           # the words before 、 end the previous item
        ("经济总量跨过两个万亿元大关、超过", "经济总量"),        # the clause's own subject
        ("增加值跨上", "增加值"),
        ("粮食产量首次跃上", "粮食产量"),
        ("居民人均可支配收入实际增长", "居民人均可支配收入"),
        ("优良天数比例上升至", "优良天数比例"),
        ("一次性增加", ""),
        ("发行用于项目建设的专项债券", "专项债券"),
        ("财政资金用于民生领域的投入为", "财政资金用于民生领域的投入"),    # the purpose does not open it
        ("拟发行超长期特别国债", "超长期特别国债"),
        ("中央预算内投资拟安排", "中央预算内投资"),
        ("新（改）建", ""),
        ("整治违法占地", "违法占地"),
        ("服务业增加值占地区生产总值比重", "服务业增加值"),
    ],
)
def test_round6_metric_before(left, expected):
    assert metric_before(left) == expected
    assert metric_before(left, object_follows=True) == expected


@pytest.mark.parametrize(
    ("right", "expected"),
    [
        ("国家大科学装置、5个国家技术创新中心", "国家大科学装置"),
        ("镇、8个村入选第三批", "镇"),
        ("道路建成通车", "道路"),
        ("农产品产量居全国第1位", "农产品产量"),
        ("乡镇、1000个村开展乡村振兴", "乡镇"),
        ("（间）城市危旧房、2.6万户城中村", "城市危旧房"),
        ("城中村，新（改）建燃气", "城中村"),
        ("的引大济岷工程启动建设", "引大济岷工程"),
    ],
)
def test_round6_metric_after(right, expected):
    assert metric_after(right) == expected


def test_respective_names_keep_he_inside_a_name_when_only_the_comma_split_fits():
    phrase = "信息传输软件和信息技术服务业、租赁和商务服务业增加值"
    assert respective_names(phrase, 2) == ["信息传输软件和信息技术服务业增加值", "租赁和商务服务业增加值"]
    assert respective_names("新能源及智能电网、新材料、生物医药健康产业增速", 3) == [
        "新能源及智能电网产业增速", "新材料产业增速", "生物医药健康产业增速"]


def test_round6_sentences_end_to_end():
    text = ("二、2025年经济社会发展总体要求和政策取向\n今年赤字率拟按4%左右安排、比上年提高1个百分点。"
            "一次性增加6万亿元地方专项债务限额。水电装机容量突破1亿千瓦、保持全国第1位。"
            "工业增加值年均增长6.1%、规模升至全国第7位。")
    assert [(r[0], r[4], r[5]) for r in records(text, 2025)] == [
        ("4%", "赤字率", "share"),
        ("1个百分点", "赤字率", "change"),
        ("6万亿元", "地方专项债务限额", "change"),
        ("1亿千瓦", "水电装机容量", "level"),
        ("第1位", "水电装机容量", "rank"),
        ("6.1%", "工业增加值", "change"),
        ("第7位", "工业增加值规模", "rank"),
    ]
