from duban.ingest.extract import extract_text
from duban.ingest.extract.pipeline import JSONL_FIELDS

REVIEW = (
    "今年上半年，市中区实现地区生产总值480.3亿元，同比增长3.4%，高于全市2.7个百分点，增速全市第一。\n"
    "完成征收拆迁779户、15.2万平方米，文庄等6个安置项目共计1.1万余人的回迁工作基本完成。\n"
    "城镇登记失业率控制在3%以内，单位生产总值能耗下降2.5%。\n"
)
PLAN = "2021年工作安排\n今年市中区将统筹实施60个区级重点项目，启动25条市政道路建设，力争城镇新增就业1.76\n万人。\n"


def records(text, year):
    return [(i.quote, i.value, i.unit, i.qualifier, i.metric, i.aspect, i.kind, i.period)
            for i in extract_text(text, doc="t.txt", year=year).items]


def test_a_review_paragraph_gives_actual_items_with_their_metrics():
    assert records(REVIEW, 2020) == [
        ("480.3亿元", 48030000000, "元", "", "地区生产总值", "level", "actual", "2020-H1"),
        ("3.4%", 3.4, "%", "", "地区生产总值", "change", "actual", "2020-H1"),
        ("2.7个百分点", 2.7, "个百分点", "", "地区生产总值", "change", "actual", "2020-H1"),
        ("第一", 1, "位", "", "地区生产总值增速", "rank", "actual", "2020-H1"),
        ("779户", 779, "户", "", "征收拆迁", "level", "actual", "2020"),
        ("15.2万平方米", 152000, "平方米", "", "征收拆迁", "level", "actual", "2020"),
        ("6个", 6, "个", "", "安置项目", "level", "actual", "2020"),
        ("1.1万余人", 11000, "人", "more_than", "回迁工作", "level", "actual", "2020"),
        ("3%", 3, "%", "less_than", "城镇登记失业率", "share", "actual", "2020"),
        ("2.5%", -2.5, "%", "", "单位生产总值能耗", "change", "actual", "2020"),
    ]


def test_a_plan_paragraph_gives_targets_and_quotes_keep_the_line_break():
    assert records(PLAN, 2021) == [
        ("60个", 60, "个", "", "区级重点项目", "level", "target", "2021"),
        ("25条", 25, "条", "", "市政道路", "level", "target", "2021"),
        ("1.76\n万人", 17600, "人", "", "城镇新增就业", "level", "target", "2021"),
    ]


def test_items_carry_offsets_sentence_and_paragraph():
    result = extract_text(REVIEW, doc="t.txt", year=2020)
    item = result.items[4]
    assert (item.start, item.end, item.quote) == (REVIEW.index("779户"), REVIEW.index("779户") + 4, "779户")
    assert item.sentence == "完成征收拆迁779户、15.2万平方米，文庄等6个安置项目共计1.1万余人的回迁工作基本完成。"
    assert (item.sentence_start, item.paragraph) == (REVIEW.index("完成征收"), 1)


def test_the_record_has_exactly_the_jsonl_fields():
    item = extract_text(PLAN, year=2021).items[0]
    assert tuple(item.to_record()) == JSONL_FIELDS


def test_the_year_is_inferred_and_said_when_not_given():
    result = extract_text("——2021年3月5日在第十三届全国人民代表大会第四次会议上\n" + PLAN)
    assert (result.year, result.year_inferred) == (2021, True)
    assert extract_text(PLAN, year=2021).year_inferred is False


def test_a_past_plan_period_makes_an_item_actual():
    (item,) = extract_text("“十三五”时期，市中区民生领域的投入为219亿元。", year=2021).items
    assert (item.kind, item.period, item.value) == ("actual", "2016-2020", 21900000000)


def test_text_without_numbers_gives_no_items():
    assert extract_text("各位代表：现在向大会报告工作。", year=2021).items == []
