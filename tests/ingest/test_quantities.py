import pytest

from duban.ingest.extract.normalize import normalize
from duban.ingest.extract.quantities import find_quantities, item_unit


def quotes(text: str) -> list[str]:
    clean = normalize(text).text
    return [clean[q.start : q.end] for q in find_quantities(clean)]


@pytest.mark.parametrize(
    "text",
    [
        "2021年1月27日上午召开", "二〇三五年远景目标", "“十四五”开好局", "以“123456”工作体系统领全区发展",
        "深入实施“353”引领战略", "构建“两高三快、四横三纵”道路交通体系", "突出“四个引领”", "三大战略", "五大产业",
        "布局发展5G通信技术", "“85后”干部", "“1+467”工作体系", "二环南路", "省道103线", "第十八届人民代表大会",
        "十二届十次全会", "第五次会议", "“金10条”", "“六个一”", "一园十二坊", "JN150创意工场", "百强区",
        "百亿级产业", "〔1〕脚注", "统筹实施六类项目", "山东新金融产业园二期项目", "三部分", "世界500强",
    ],
)
def test_names_dates_and_slogans_are_not_quantities(text):
    assert quotes(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("启动25条市政道路建设", ["25条"]),
        ("实现地区生产总值98.2亿元，同比增长10.1%", ["98.2亿元", "10.1%"]),
        ("高于全市2.7个百分点，增速全市第一", ["2.7个百分点", "第一"]),
        ("取得第四名的好成绩", ["第四名"]),
        ("聘任十余人", ["十余人"]),
        ("1321个5G基站", ["1321个"]),
        ("改造三个重点片区", ["三个"]),
        ("升级十大科学实验室", ["十大"]),
        ("依托三大片区", []),
        ("十年形成千亿产值", ["千亿"]),
        ("建设3-5个公园", ["3-5个"]),
    ],
)
def test_quantities_are_found_with_their_units(text, expected):
    assert quotes(text) == expected


def test_magnitudes_scale_the_value_and_leave_the_unit():
    clean = normalize("105万平方米和98.2亿元及1.1万余人").text
    found = [(q.value, item_unit(q), q.qualifier) for q in find_quantities(clean)]
    assert found == [(1050000, "平方米", ""), (9820000000, "元", ""), (11000, "人", "more_than")]


def test_a_range_gives_value_and_value_max_with_shared_magnitude():
    (q,) = find_quantities(normalize("投资1-2万元").text)
    assert (q.value, q.value_max, q.unit) == (10000, 20000, "元")


def test_x_da_counts_report_unit_ge():
    (q,) = find_quantities("建设东、西两大生态康养示范区")
    assert (q.value, item_unit(q)) == (2, "个")
