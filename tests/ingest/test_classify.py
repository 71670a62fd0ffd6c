import pytest

from duban.ingest.extract import classify


@pytest.mark.parametrize(
    ("unit", "left", "expected"),
    [
        ("%", "同比增长", "change"),
        ("%", "规模以上工业增加值增速", "change"),
        ("%", "高新技术产业产值占规模以上工业总产值", "share"),
        ("%", "城镇登记失业率控制在", "share"),
        ("%", "贫困发生率低于", "share"),
        ("个百分点", "高于全市", "change"),
        ("元", "实现地区生产总值", "level"),
        ("元", "年均增长", "change"),
        ("元", "由53.9亿元增长到", "level"),
        ("家", "新增", "level"),
    ],
)
def test_aspect_follows_the_words_before_the_number(unit, left, expected):
    assert classify.aspect_of(unit, False, left) == expected


def test_rank_is_its_own_aspect():
    assert classify.aspect_of("位", True, "增速全市") == "rank"


@pytest.mark.parametrize(
    ("before", "after", "inside", "unit", "expected"),
    [
        ("管理基金规模超", "", "", "元", "more_than"),
        ("", "以上", "", "元", "more_than"),
        ("", "", "more_than", "人", "more_than"),
        ("失业率控制在", "以内", "", "%", "less_than"),
        ("贫困发生率低于", "", "", "%", "less_than"),
        ("低于", "", "", "个百分点", ""),
        ("约", "", "", "平方米", "about"),
        ("增长", "左右", "", "%", "about"),
        ("达到", "", "", "元", ""),
    ],
)
def test_qualifier_comes_from_words_around_the_number(before, after, inside, unit, expected):
    assert classify.qualifier_of(inside, before, after, unit) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年市中区将统筹实施", "target"),
        ("力争城镇新增就业", "target"),
        ("今年上半年，市中区实现地区生产总值", "actual"),
        ("累计完成投资", "actual"),
        ("市中区将兴隆、党家五大片区作为拆迁建设主阵地，加快推进", None),
        ("依托“微软孵化计划”数字经济创新中心", None),
        ("新建12处口袋公园", None),
    ],
)
def test_tense_comes_from_strong_markers_only(text, expected):
    assert classify.tense_of(text) == expected


def test_decline_words_make_a_change_negative():
    assert classify.is_decline("单位生产总值能耗下降")
    assert not classify.is_decline("同比增长")


def test_headings_set_the_section_mode():
    assert classify.heading_mode("一、2020年工作回顾") == "actual"
    assert classify.heading_mode("三、2021年重点工作") == "target"
    assert classify.heading_mode("今年上半年，市中区实现地区生产总值480.3亿元，同比增长3.4%，高于全市2.7个百分点。") is None
