"""Issue 11: reading kind and period like an office does. Every example text here is written for these
tests (none is cut from a report the engine is evaluated on): document level (table of contents,
sections without headings, glossaries), sentence cues, metric names, item kinds."""

import re
from pathlib import Path

import pytest

from duban.ingest.extract import extract_text
from duban.ingest.extract.period import infer_year
from duban.ingest.extract.structure import glossary_paragraphs, table_of_contents


def items(text, year):
    return extract_text(text, doc="t.txt", year=year).items


def rows(text, year, *fields):
    return [tuple(getattr(i, f) for f in ("quote", *fields)) for i in items(text, year)]


# --- document level ------------------------------------------------------------------------------

BODY = (
    "各位代表：\n"
    "现在，我代表区人民政府向大会报告工作，请予审议。\n"
    "全区上下坚持稳中求进工作总基调，地区生产总值增长5.6%，新建学校3所，改造老旧小区26个，完成造林1.2万亩。\n"
    "二、2026年工作安排\n"
    "今年全区经济社会发展的主要预期目标是：地区生产总值增长5%左右，新建学校4所。\n"
    "（一）推进城市更新。改造老旧小区30个，新建口袋公园12处。\n"
    "三、加强政府自身建设\n"
    "严格落实过紧日子要求，一般性支出压减5%以上。\n"
)
TOC = (
    "目  录\n"
    "一、2025年工作回顾\n"
    "二、2026年工作安排\n"
    "三、加强政府自身建设\n"
    "名词解释\n"
)


def test_a_table_of_contents_changes_no_item():
    plain = [i.to_record() for i in items(BODY, 2026)]
    with_toc = [i.to_record() for i in items(TOC + BODY, 2026)]
    fields = ("quote", "value", "unit", "qualifier", "metric", "aspect", "kind", "period")
    assert [{f: r[f] for f in fields} for r in with_toc] == [{f: r[f] for f in fields} for r in plain]
    assert [(r["quote"], r["kind"], r["period"]) for r in with_toc] == [
        ("5.6%", "actual", "2025"), ("3所", "actual", "2025"), ("26个", "actual", "2025"),
        ("1.2万亩", "actual", "2025"), ("5%", "target", "2026"), ("4所", "target", "2026"),
        ("30个", "target", "2026"), ("12处", "target", "2026"), ("5%", "target", "2026"),
    ]


def test_a_run_of_chapter_headings_without_a_title_is_a_table_of_contents_too():
    paragraphs = ["一、2025年工作回顾……1", "二、2026年工作安排……9", "三、加强政府自身建设……15",
                  "一、2025年工作回顾", "过去一年，全区地区生产总值增长5.6%。"]
    assert table_of_contents(paragraphs) == {0, 1, 2}
    assert table_of_contents(["目录", "第一部分 回顾", "第二部分 任务", "正文从这里开始，全区生产总值增长5.6%。"]) == {0, 1, 2}


@pytest.mark.parametrize("opening", ["2025年，我们", "过去一年，我们", "一年来，我们"])
def test_a_review_excerpt_without_headings_reads_as_the_reviewed_year(opening):
    text = (f"{opening}坚持稳中求进，全县地区生产总值增长5.9%，城镇新增就业2100人。\n"
            "全年完成固定资产投资86亿元，新建学校2所，改造农村公路45公里。\n"
            "城市建设方面，改造老旧小区18个，打通断头路6条。\n")
    assert rows(text, 2026, "kind", "period") == [
        ("5.9%", "actual", "2025"), ("2100人", "actual", "2025"), ("86亿元", "actual", "2025"),
        ("2所", "actual", "2025"), ("45公里", "actual", "2025"), ("18个", "actual", "2025"),
        ("6条", "actual", "2025")]


def test_an_excerpt_of_this_is_the_year_of_paragraphs_is_a_review():
    text = ("这是产业提质的一年。新培育规上工业企业36家，高新技术企业达到120家。\n"
            "这是民生改善的一年。城镇新增就业3200人，发放创业担保贷款1.5亿元。\n")
    assert rows(text, 2025, "kind", "period") == [
        ("36家", "actual", "2024"), ("120家", "actual", "2024"), ("3200人", "actual", "2024"),
        ("1.5亿元", "actual", "2024")]


def test_an_excerpt_going_from_review_to_plan_without_headings():
    text = ("一年来，我们主要做了以下工作：\n"
            "一是项目建设提速。实施重点项目52个，完成投资138亿元。\n"
            "二是民生持续改善。新建幼儿园4所，城镇新增就业3500人。\n"
            "今年，我们将坚持稳中求进，新建幼儿园3所，城镇新增就业3600人以上。\n"
            "深入推进城市更新，改造老旧小区20个。\n")
    assert rows(text, 2026, "kind", "period") == [
        ("52个", "actual", "2025"), ("138亿元", "actual", "2025"), ("4所", "actual", "2025"),
        ("3500人", "actual", "2025"), ("3所", "target", "2026"), ("3600人", "target", "2026"),
        ("20个", "target", "2026")]


def test_glossary_and_definitions_give_no_items():
    text = ("二、2026年工作安排\n"
            "深入实施“1222”产业体系，新培育规上工业企业15家。\n"
            "“1222”即1个主导产业、2个特色产业、2个新兴产业和2个产业园区。\n"
            "名词解释\n"
            "1.“两新”：大规模设备更新和消费品以旧换新。\n"
            "2.“5个1000”行动：每年招商入库1000个项目、完成投资1000亿元。\n")
    assert rows(text, 2026, "kind") == [("15家", "target")]
    paragraphs = [p for p in text.split("\n") if p]
    assert glossary_paragraphs(paragraphs, 2026) == {3, 4, 5}


CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus is not shipped with the project")
def test_every_corpus_report_still_gets_its_year():
    wrong = {}
    for path in sorted(CORPUS.glob("*.txt")):
        year = int(re.search(r"_(\d{4})\.txt$", path.name).group(1))
        if infer_year(path.read_text(encoding="utf-8")) != year:
            wrong[path.name] = infer_year(path.read_text(encoding="utf-8"))
    assert wrong == {}


# --- sentence cues (vocabulary.TENSE_CUES, data with weights) ---------------------------------------

REVIEW = "一、2025年工作回顾\n"
PLAN = "二、2026年工作安排\n"


def test_tense_cues_are_data_with_weights():
    from duban.ingest.extract import vocabulary as V

    assert {(c.side, c.weight) for c in V.TENSE_CUES} == {("target", 2), ("target", 1), ("actual", 2), ("actual", 1)}
    weak_results = [c.pattern for c in V.TENSE_CUES if c.side == "actual" and c.weight == 1]
    assert "获批" in weak_results and "年均增长" in weak_results


def test_secured_funds_approved_projects_and_greater_efforts_in_a_review_are_results():
    text = REVIEW + ("积极对接上级政策，争取中央预算内投资资金2.6亿元，争取增发国债项目17个。"
                     "获批省级重点项目9个。加大老旧小区改造力度，改造小区34个。\n")
    assert rows(text, 2026, "kind", "period") == [
        ("2.6亿元", "actual", "2025"), ("17个", "actual", "2025"), ("9个", "actual", "2025"),
        ("34个", "actual", "2025")]


def test_the_same_words_in_a_plan_stay_a_plan():
    text = PLAN + "争取中央预算内投资资金3亿元以上，争取获批省级重点项目10个。加大招商引资力度，引进项目20个。\n"
    assert rows(text, 2026, "kind", "period") == [
        ("3亿元", "target", "2026"), ("10个", "target", "2026"), ("20个", "target", "2026")]


def test_last_years_target_in_brackets_is_a_target_of_the_reviewed_year():
    text = REVIEW + "全县地区生产总值增长6.4%（年度目标6%左右），一般公共预算收入增长5.1%（预期目标5%）。\n"
    assert rows(text, 2026, "kind", "period", "metric", "aspect", "qualifier") == [
        ("6.4%", "actual", "2025", "地区生产总值", "change", ""),
        ("6%", "target", "2025", "地区生产总值", "change", "about"),
        ("5.1%", "actual", "2025", "一般公共预算收入", "change", ""),
        ("5%", "target", "2025", "一般公共预算收入", "change", "")]


def test_a_past_year_inside_a_plan_sentence_does_not_make_it_a_result():
    text = PLAN + "完成上年结转的8个项目，新开工重点项目12个，续建去年未完工的道路3条。\n"
    assert rows(text, 2026, "kind", "period") == [("8个", "target", "2026"), ("12个", "target", "2026"),
                                                 ("3条", "target", "2026")]


def test_already_approved_and_already_built_are_results_even_in_a_plan():
    text = PLAN + "今年新开工项目40个，其中已获批项目15个；续建项目中已建成主体工程的6个。\n"
    assert rows(text, 2026, "kind") == [("40个", "target"), ("15个", "actual"), ("6个", "actual")]


def test_a_base_year_dates_the_base_only():
    text = REVIEW + "全社会研发经费投入强度由2020年的1.9%提升至2.7%，森林覆盖率由“十三五”末的33.1%提高到35.6%。\n"
    assert rows(text, 2026, "period", "metric") == [
        ("1.9%", "2020", "全社会研发经费投入强度"), ("2.7%", "2025", "全社会研发经费投入强度"),
        ("33.1%", "2020", "森林覆盖率"), ("35.6%", "2025", "森林覆盖率")]


def test_a_programme_named_earlier_lends_no_span_to_the_years_results():
    text = REVIEW + ("深入实施“十四五”规划，全年城镇新增就业1.1万人。编制《城市更新规划（2021—2035年）》，"
                     "改造老旧小区25个。历时近8年，建成引水干渠36公里。\n")
    assert rows(text, 2026, "period") == [("1.1万人", "2025"), ("25个", "2025"), ("8年", "2025"),
                                          ("36公里", "2025")]


def test_cumulative_figures_since_a_year_span_to_the_reviewed_year():
    text = REVIEW + "2019年以来累计建成高标准农田12万亩，2021年至今累计发放创业担保贷款8.5亿元。\n"
    assert rows(text, 2026, "period") == [("12万亩", "2019-2025"), ("8.5亿元", "2021-2025")]


# --- item kinds ------------------------------------------------------------------------------------


def test_zero_targets_and_results():
    text = REVIEW + "全年实现安全生产零事故、火灾零伤亡，命案实现“零”发案，欠薪案件动态清零。\n" + \
        PLAN + "确保道路交通零死亡，加快存量安置房清零。\n"
    assert rows(text, 2026, "value", "unit", "metric", "aspect", "kind") == [
        ("零事故", 0, "起", "安全生产事故", "level", "actual"), ("零伤亡", 0, "人", "火灾伤亡", "level", "actual"),
        ("“零”发案", 0, "起", "命案发案", "level", "actual"), ("清零", 0, "件", "欠薪案件", "level", "actual"),
        ("零死亡", 0, "人", "道路交通死亡", "level", "target"), ("清零", 0, "套", "存量安置房", "level", "target")]


def test_a_zero_that_is_a_slogan_or_a_first_is_no_item():
    text = REVIEW + "实现国家级奖项零的突破，推行审批零跑腿，坚持“外防输入、内防反弹”，动态清零。\n"
    assert rows(text, 2026) == []


def test_durations_and_streaks_with_their_unit_and_what_lasted():
    text = REVIEW + ("规上工业增加值连续4个季度保持两位数增长，固定资产投资增速连续九年位居全市前列，"
                     "重点项目提前三个月完工，用时14个月建成物流园。\n")
    assert rows(text, 2026, "value", "unit", "aspect", "metric") == [
        ("4个季度", 4, "季度", "level", "规上工业增加值保持两位数增长"),
        ("九年", 9, "年", "level", "固定资产投资增速位居全市前列"),
        ("三个月", 3, "个月", "level", "重点项目完工"),
        ("14个月", 14, "个月", "level", "建成物流园")]


def test_ranks_without_di_and_ordinal_firsts():
    text = REVIEW + ("县域经济综合实力居全省首位，营商环境评价进入全省前十、退出后十。"
                     "成为全省第二个实现全域旅游示范的县，建成全省首家县级数据中心。入冬前2.16万户农房全部完工。\n")
    assert rows(text, 2026, "value", "unit", "aspect", "metric") == [
        ("首位", 1, "位", "rank", "县域经济综合实力"), ("前十", 10, "位", "rank", "营商环境评价"),
        ("后十", 10, "位", "rank", "营商环境评价"), ("第二", 2, "位", "rank", "全省实现全域旅游示范的县"),
        ("首家", 1, "位", "rank", "全省县级数据中心"), ("2.16万户", 21600, "户", "level", "农房")]


def test_a_ratio_gives_one_share_per_term():
    text = REVIEW + "三次产业结构比调整为12.5：38.2：49.3，工作时间为9:00。\n"
    assert rows(text, 2026, "value", "unit", "aspect") == [
        ("12.5", 12.5, "%", "share"), ("38.2", 38.2, "%", "share"), ("49.3", 49.3, "%", "share")]


def test_measure_words_and_unknown_units_kept_as_written():
    text = REVIEW + ("全年破获电诈案件86起，发射遥感卫星3颗，新增智能算力20Eflops，培育钻石产量120万克拉，"
                     "累计开展“新颜值”观摩活动135周，新中国成立75周年。\n")
    assert rows(text, 2026, "value", "unit") == [
        ("86起", 86, "起"), ("3颗", 3, "颗"), ("20Eflops", 20, "Eflops"), ("120万克拉", 1200000, "克拉"),
        ("135周", 135, "周")]


def test_counts_of_issued_measures_but_not_named_packages():
    text = REVIEW + "出台支持民营经济发展15条措施，落实“金10条”政策，制定稳外贸8条举措。\n"
    assert rows(text, 2026, "value", "unit") == [("15条", 15, "条"), ("8条", 8, "条")]


def test_decrease_verbs_make_negative_changes():
    text = PLAN + "一般性支出压减8%，公用经费压降10%以上，会议费缩减12%，差旅费压缩5%。\n"
    assert rows(text, 2026, "value", "qualifier", "aspect") == [
        ("8%", -8, "", "change"), ("10%", -10, "more_than", "change"), ("12%", -12, "", "change"),
        ("5%", -5, "", "change")]


def test_a_count_followed_by_a_latin_grade():
    # round 8: an abbreviation opening the counted noun no longer makes the count a name ("3个ABC项目")
    text = REVIEW + "改造12户C级危房，新增5个AAAA级景区，建成3个ABC项目。\n"
    assert rows(text, 2026, "value", "unit", "metric") == [("12户", 12, "户", "C级危房"), ("5个", 5, "个", "AAAA级景区"),
                                                           ("3个", 3, "个", "ABC项目")]


def test_list_numbering_is_not_merged_into_a_decimal():
    text = PLAN + "8. 8个行政村完成美丽乡村建设。\n9. 新建污水管网12. 5公里。\n"
    assert rows(text, 2026, "value", "unit") == [("8个", 8, "个"), ("12. 5公里", 12.5, "公里")]


# --- metrics: noun phrases found in the sentence ---------------------------------------------------


def test_metrics_carry_the_subject_topic_and_whole_list():
    text = REVIEW + ("举办招商推介会12场，签约项目45个、总投资300亿元，带动就业1.2万人。"
                     "交通方面，新开工沪渝高速扩容、东环路改造等3个项目，建成农村公路86公里。"
                     "国家级、省级专精特新企业和高新技术企业达到48家。工业投资完成56亿元、技改投资完成21亿元。\n")
    assert rows(text, 2026, "metric") == [
        ("12场", "招商推介会"), ("45个", "签约项目"), ("300亿元", "签约项目总投资"), ("1.2万人", "带动就业"),
        ("3个", "交通新开工项目"), ("86公里", "建成农村公路"), ("48家", "国家级、省级专精特新企业和高新技术企业"),
        ("56亿元", "工业投资"), ("21亿元", "技改投资")]


def test_respective_pairs_are_split_and_each_is_dropped():
    text = REVIEW + "城乡居民人均可支配收入分别增长5.6%、7.1%。各乡镇新建文化广场各1处，各类市场主体达到3.2万户。\n"
    assert rows(text, 2026, "metric") == [
        ("5.6%", "城镇居民人均可支配收入"), ("7.1%", "农村居民人均可支配收入"), ("1处", "乡镇新建文化广场"),
        ("3.2万户", "市场主体")]


def test_metrics_hold_no_brackets_or_stray_quote_marks():
    text = REVIEW + "“双千工程”（引进资金）完成率达到110%，“百村示范”工程完成村庄整治36个，“三下乡”）活动开展52场。\n"
    metrics = [m for _, m in rows(text, 2026, "metric")]
    assert metrics[0] == "双千工程完成率"
    assert not any(ch in m for m in metrics for ch in "（）()") and all(m.count("“") == m.count("”") for m in metrics)
