"""Rules added after scoring unseen reports (district, county, city, province, national, newspaper):
each test pins one rule with the exact values it must produce."""

import pytest

from duban.ingest.extract import classify, extract_text
from duban.ingest.extract.metric import metric_after, metric_before
from duban.ingest.extract.normalize import normalize
from duban.ingest.extract.quantities import find_quantities


def records(text, year):
    return [(i.quote, i.value, i.unit, i.qualifier, i.metric, i.aspect, i.kind, i.period)
            for i in extract_text(text, doc="t.txt", year=year).items]


def quotes(text):
    clean = normalize(text).text
    return [clean[q.start : q.end] for q in find_quantities(clean)]


# --- units, exclusions, number forms ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("跟进落实药品集采16批次", ["16批次"]),
        ("粮食产量1.39万亿斤，再创历史新高", ["1.39万亿斤"]),
        ("人均预期寿命从80.2岁提升至82.5岁", ["80.2岁", "82.5岁"]),
        ("全省生产总值增长5%—5.5%", ["5%—5.5%"]),
        ("两次降低存款准备金率、两次下调政策利率", ["两次", "两次"]),
        ("全覆盖开展两轮集中排查", ["两轮"]),
        ("6600多万纳税人受益，惠及上千万家庭", ["6600多万", "上千万"]),
        ("生态环境公众满意度从84.7提升至89.6", ["84.7", "89.6"]),
        ("居全市第5；一般公共预算收入", ["第5"]),
        ("运营规模、里程全球第一", ["第一"]),
    ],
)
def test_new_units_and_number_forms_are_found(text, expected):
    assert quotes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "习近平总书记先后两次视察河北",          # a visit is not a tracked action
        "承办全国残疾人三人制篮球赛",            # a format
        "项目数量和质量居全市第一梯队",          # a tier
        "全年引进5000万元以上项目",              # a class of projects (the count that follows is the item)
        "为孕产妇、0—6岁儿童提供服务",           # an age group
        "满3岁即入园",
        "三棵树成功申报省级技术创新中心",        # a company's name
        "收入从2020年的10.5提高",                 # no second number: not a from-to change
    ],
)
def test_groups_formats_tiers_and_names_are_not_items(text):
    assert quotes(text) == []


def test_a_blank_line_inside_a_newspaper_column_sentence_is_joined():
    column = "\n".join(["这是报纸上的一行文字内容"] * 12) + "\n今年市中区列出为民办实事\n\n22件，内容涵盖教育。\n"
    assert normalize(column).text.endswith("今年市中区列出为民办实事22件，内容涵盖教育。\n")


# --- kind -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("培植发展了山东未来网络研究院，集聚海内外院士", None),          # 未来 inside a name
        ("未来五年，全市", "target"),
        ("将区委行动中100余项重点指标分解分配到", None),               # 把-construction
        ("实施企业上市倍增计划，北昊新能源顺利挂牌，上市企业总数达", None),  # a programme's name
        ("加快推进已下达资金的", None),                                  # 已 inside an attribute
        ("确保营业收入同比增长", "target"),                              # 同比 is no past marker
        ("争取到位上级资金", "actual"),
        ("拟定总投资", None),
        ("完成全年计划的", None),
        ("今年全县开工建设", "target"),
        ("今年以来，全县", "actual"),
    ],
)
def test_tense_markers_need_their_context(text, expected):
    assert classify.tense_of(text) == expected


def test_in_a_review_launching_something_is_not_a_plan():
    assert classify.tense_of("启动实施平台经济强省建设三年行动，平台企业营收增长") == "target"
    assert classify.tense_of("启动实施平台经济强省建设三年行动，平台企业营收增长", in_review=True) is None


@pytest.mark.parametrize(
    ("line", "year", "expected"),
    [
        ("一、2025年主要工作和“十四五”发展成就", 2026, "actual"),
        ("二、2024年工作谋划", 2024, "target"),
        ("二、“十五五”时期的主要目标任务", 2026, "target"),
        ("2022年工作回顾", 2023, "actual"),
    ],
)
def test_headings_naming_a_year_set_the_section(line, year, expected):
    assert classify.heading_mode(line, year) == expected


def test_a_review_heading_joined_to_its_first_line_still_sets_the_section():
    text = "一、2021年工作回顾\n二是城市面貌展现新形象。改造市政道路21条、桥梁30座，计划明确。\n"
    assert records(text, 2022) == [
        ("21条", 21, "条", "", "市政道路", "level", "actual", "2021"),
        ("30座", 30, "座", "", "桥梁", "level", "actual", "2021"),
    ]


def test_a_plan_section_after_a_year_heading_gives_targets():
    text = "二、2024年工作谋划\n全年引进5000万元以上项目不少于50个。争取引进京津企业5家。\n"
    assert records(text, 2024) == [
        ("50个", 50, "个", "more_than", "项目", "level", "target", "2024"),
        ("5家", 5, "家", "", "京津企业", "level", "target", "2024"),
    ]


# --- qualifiers, aspects, lists -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "unit", "expected"),
    [
        ("至少引入", "家央企", "家", "more_than"),
        ("动生产率达到", "/人左右，经", "元", "about"),
    ],
)
def test_qualifiers_at_least_and_after_a_per_unit(before, after, unit, expected):
    assert classify.qualifier_of("", before, after, unit) == expected


def test_a_list_after_respectively_pairs_names_aspects_and_qualifiers():
    text = ("2025年主要工作\n战略性新兴产业、高新技术产业增加值分别增长10%、7.9%。"
            "城镇和农村居民人均可支配收入分别超过8万元、4.5万元。亩均产值、税收分别增长19.7%和12.9%。\n")
    assert records(text, 2026) == [
        ("10%", 10, "%", "", "战略性新兴产业增加值", "change", "actual", "2025"),
        ("7.9%", 7.9, "%", "", "高新技术产业增加值", "change", "actual", "2025"),
        ("8万元", 80000, "元", "more_than", "城镇人均可支配收入", "level", "actual", "2025"),
        ("4.5万元", 45000, "元", "more_than", "农村居民人均可支配收入", "level", "actual", "2025"),
        ("19.7%", 19.7, "%", "", "亩均产值", "change", "actual", "2025"),
        ("12.9%", 12.9, "%", "", "税收", "change", "actual", "2025"),
    ]


def test_ranks_after_a_respective_list_follow_its_names():
    text = "2022年工作回顾\n工业投资、技改投资分别增长25.2%、18.6%，居全市第1位、第3位。\n"
    assert [(r[0], r[4], r[5]) for r in records(text, 2023)] == [
        ("25.2%", "工业投资", "change"), ("18.6%", "技改投资", "change"),
        ("第1位", "工业投资", "rank"), ("第3位", "技改投资", "rank"),
    ]


def test_a_long_list_of_bare_rates_keeps_the_change_cue():
    text = "2021年工作回顾\n节能环保、新材料等产业增加值同比增长29.2%、16.5%、16%和33%。\n"
    assert [(r[0], r[5]) for r in records(text, 2022)] == [
        ("29.2%", "change"), ("16.5%", "change"), ("16%", "change"), ("33%", "change"),
    ]


def test_urban_rural_pairs_share_the_bound_after_the_last_number():
    text = "2023年工作安排\n城乡居民人均可支配收入分别增长7.5%、8.5%以上。\n"
    assert records(text, 2023) == [
        ("7.5%", 7.5, "%", "more_than", "城镇居民人均可支配收入", "change", "target", "2023"),
        ("8.5%", 8.5, "%", "more_than", "农村居民人均可支配收入", "change", "target", "2023"),
    ]


def test_net_increase_is_a_change_and_price_rises_are_changes():
    assert classify.aspect_of("户", False, "纳税亿元以上企业净增") == "change"
    assert classify.aspect_of("%", False, "居民消费价格涨幅") == "change"


# --- metrics --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "object_follows", "expected"),
    [
        ("全年谋划实施总投资50.78亿元的重点项目", False, "重点项目"),
        ("研发投入强度从2.77%提高到", False, "研发投入强度"),
        ("职工及城乡医保统筹基金支出", True, "职工及城乡医保统筹基金支出"),
        ("省重点项目开工率、入统率和投资完成率均为", False, "省重点项目开工率、入统率和投资完成率"),
        ("口袋公园累计建成", False, "口袋公园"),
        ("幼小初学校由2012年的", False, "幼小初学校"),
        ("年内完成投资", True, "完成投资"),
        ("当年投资", True, "当年投资"),
        ("完成全年计划的", False, "完成全年计划"),     # round 10: the verb stays (the subject is linked)
        ("比上年年初预算增加", True, ""),
        ("金融机构为企业发放贷款", True, "贷款"),
        ("累计为企业减税降费[1]", True, "企业减税降费"),    # the footnote mark goes
    ],
)
def test_metric_before_a_number(left, object_follows, expected):
    assert metric_before(left, object_follows=object_follows) == expected


@pytest.mark.parametrize(
    ("right", "expected"),
    [
        ("增至目前的263所", ""),
        ("连续跨越六个百亿大关", ""),
        ("以上项目纳入国家用地保障范围", "项目"),
        ("、总投资达16.43亿元的重点项目", "重点项目"),
        ("集中排查，强化动态监测", "集中排查"),
        ("国债支持灾后恢复重建", "国债"),
    ],
)
def test_metric_after_a_number(right, expected):
    assert metric_after(right) == expected


def test_a_column_sentence_opening_with_the_subject_names_amounts_after_a_milestone():
    text = "2025年主要工作\n全省生产总值连续跨越7万亿、8万亿、9万亿三个大台阶，年均增长5.9%，规模稳居全国第4位。\n"
    assert [(r[0], r[4], r[5]) for r in records(text, 2026)] == [
        ("5.9%", "生产总值", "change"), ("第4位", "生产总值规模", "rank"),
    ]


# --- periods --------------------------------------------------------------------------------------


def test_from_to_values_in_a_five_year_review_take_the_span_ends():
    text = ("2025年主要工作\n五年来，我们推动发展。\n"
            "——发展质效不断提高。年均增长5.9%。一般公共预算收入从7248亿元提高到8865亿元。\n")
    assert [(r[0], r[7]) for r in records(text, 2026)] == [
        ("5.9%", "2021-2025"), ("7248亿元", "2020"), ("8865亿元", "2025"),
    ]


def test_ago_and_now_name_years_and_a_comparison_with_a_span_dates_nothing():
    text = "山体公园由10年前的1处增加到现在的14处。\n工业投资为近五年最好水平。新增规上工业企业10户。\n"
    assert [(r[0], r[7]) for r in records(text, 2022)] == [("1处", "2012"), ("14处", "2022"), ("10户", "2022")]


def test_a_five_year_plan_list_gives_targets_over_the_plan_span():
    text = ("二、“十五五”时期主要目标任务\n"
            "——高质量发展取得显著成效。全省地区生产总值年均增长5%左右、迈上3万亿元台阶，"
            "其中一二三产增加值年均分别增长3.5%左右、6%左右、5%左右。劳动年龄人口平均受教育年限达11年。\n")
    assert records(text, 2026) == [
        ("5%", 5, "%", "about", "地区生产总值", "change", "target", "2026-2030"),
        ("3万亿元", 3000000000000, "元", "", "地区生产总值", "level", "target", "2026-2030"),
        ("3.5%", 3.5, "%", "about", "一二三产增加值", "change", "target", "2026-2030"),
        ("6%", 6, "%", "about", "一二三产增加值", "change", "target", "2026-2030"),
        ("5%", 5, "%", "about", "一二三产增加值", "change", "target", "2026-2030"),
        ("11年", 11, "年", "", "劳动年龄人口平均受教育年限", "level", "target", "2026-2030"),
    ]


def test_average_growth_reports_the_past_only_outside_a_plan():
    assert classify.tense_of("全省地区生产总值年均增长") == "actual"
    assert classify.tense_of("全省地区生产总值年均增长", in_plan=True) is None


def test_a_heading_naming_a_year_and_a_span_dates_its_list_by_the_year():
    text = "一、2025年和“十四五”时期工作回顾\n——经济保持平稳增长。全年地区生产总值增长4.9%。\n"
    assert [(r[0], r[6], r[7]) for r in records(text, 2026)] == [("4.9%", "actual", "2025")]


def test_the_title_of_a_report_is_no_plan_heading_and_joined_headings_count_line_by_line():
    assert classify.heading_mode("2024年政府工作报告", 2024) is None
    text = "2024年政府工作报告\n一、2023年工作回顾\n全区地区生产总值完成1161.7亿元，增长5.1%。\n"
    assert [(r[0], r[6], r[7]) for r in records(text, 2024)] == [("1161.7亿元", "actual", "2023"), ("5.1%", "actual", "2023")]


# --- round 5 (own fresh excerpts: Shandong county 2023, Shanghai 2026, national 2022) ---------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PM2.5年均浓度为26.3微克/立方米", ["26.3微克/立方米"]),
        ("跻身全球城市前五位", ["前五位"]),
        ("前三季度经济运行平稳", []),
        ("有效实施稳健的货币政策，两次全面降准", ["两次"]),
        ("89.4%的公园实现24小时开放", ["89.4%"]),
    ],
)
def test_round5_units_ranks_and_exclusions(text, expected):
    assert quotes(text) == expected


def test_the_ba_construction_reads_on_past_the_number():
    text = "一、2021年工作回顾\n建立常态化财政资金直达机制，将2.8万亿元中央财政资金纳入直达范围。\n"
    assert records(text, 2022) == [("2.8万亿元", 2800000000000, "元", "", "中央财政资金", "level", "actual", "2021")]


def test_an_approximate_increase_is_a_change():
    assert records("今年中央对地方转移支付增加约1.5万亿元。", 2022) == [
        ("1.5万亿元", 1500000000000, "元", "about", "中央对地方转移支付", "change", "target", "2022")]


@pytest.mark.parametrize(
    ("text", "year", "quote", "metric"),
    [
        # the object of the same verb earlier in the sentence
        ("今年拟连续几年发行超长期特别国债，专项用于国家重大战略实施，今年先发行1万亿元。", 2024, "1万亿元", "超长期特别国债"),
        # a share whose subject is named in the clause before
        ("高技术产业投资增长270%，占全部投资的比重达10.5%。", 2023, "10.5%", "高技术产业投资占全部投资的比重"),
        # only the level of what was counted before
        ("新增国家级专精特新“小巨人”企业2家、省级8家。", 2023, "8家", "省级专精特新“小巨人”企业"),
        # a converted amount takes the metric of the amount before it, not the currency
        ("实际使用外资达到160.6亿美元、折合1148亿元人民币。", 2026, "1148亿元", "实际使用外资"),
        # a noun before a measure verb is the metric ("…投资完成")
        ("全社会固定资产投资增长4.6%，重大工程投资完成2510.1亿元、增长5.3%。", 2026, "2510.1亿元", "重大工程投资"),
        ("全社会固定资产投资增长4.6%，重大工程投资完成2510.1亿元、增长5.3%。", 2026, "5.3%", "重大工程投资"),
        # a long list closed by its own noun
        ("研发投入占比、规模以上工业企业有研发活动的企业占比、研发人员占比三项指标增幅均居全市第一位。", 2023, "第一位",
         "三项指标增幅"),
        ("5个项目入选省重大科技创新工程。", 2023, "5个", "项目"),
    ],
)
def test_round5_metrics_fall_back_to_what_the_sentence_named_before(text, year, quote, metric):
    found = {i.quote: i.metric for i in extract_text(text, doc="t.txt", year=year).items}
    assert found[quote] == metric


def test_a_five_year_plan_named_as_a_subject_dates_no_list():
    text = ("一、2021年工作回顾\n一年来，全国上下共同努力，“十四五”实现良好开局。\n"
            "——经济保持恢复发展。国内生产总值达到114万亿元，增长8.1%。\n")
    assert [(i.quote, i.period) for i in extract_text(text, doc="t.txt", year=2022).items] == [
        ("114万亿元", "2021"), ("8.1%", "2021")]
