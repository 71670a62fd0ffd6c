"""Round 9 (issue 11 follow-up): the limits read on round 8's set C and the metric patterns read on sets A, B
and C, fixed as general rules; every example text here was written for the tests (none is copied from sets
A, B, C or from the corpus). Each test pins one rule with the exact values it must produce."""

from duban.ingest.extract import extract_text


def fields(text, *names, year=2024):
    return [tuple(getattr(i, n) for n in ("quote", *names)) for i in extract_text(text, year=year).items]


# --- detection ----------------------------------------------------------------------------------------

def test_fractions_are_percentages_and_a_half_needs_a_change_verb_or_a_bound():
    text = "今年，行政审批事项压减三分之一以上，企业开办时间压缩一半以上，五分之六不算，一半人留下。"
    assert fields(text, "value", "unit", "qualifier", "metric", "aspect") == [
        ("三分之一", -33.33, "%", "more_than", "行政审批事项", "change"),
        ("一半", -50, "%", "more_than", "企业开办时间", "change")]


def test_cases_are_counted_with_li():
    text = "2023年，全县累计报告5例输入病例，完成手术1200例。"
    assert fields(text, "value", "unit", "metric") == [("5例", 5, "例", "输入病例"), ("1200例", 1200, "例", "手术")]


def test_a_duration_before_what_it_achieved_is_one_item_not_a_count_of_ge():
    text = ("2023年，老旧片区4个月完成拆迁，2022年完成改造。\n"
            "今年，力争三年完成棚户区改造任务，未来三年内实现目标。")
    assert fields(text, "value", "unit", "metric", "kind", "period") == [
        ("4个月", 4, "个月", "老旧片区完成拆迁", "actual", "2023"),
        ("三年", 3, "年", "完成棚户区改造任务", "target", "2024-2026")]


def test_a_places_people_are_counted_without_a_unit():
    assert fields("2023年，800万沧州人民共同奋斗。", "value", "unit", "metric") == [
        ("800万", 8000000, "人", "沧州人民")]


def test_a_far_project_or_result_noun_keeps_a_small_chinese_count_but_a_rule_set_does_not():
    text = "2023年，形成三项科技体制改革创新成果，两个矿区生态修复项目完成验收，贯彻中央八项规定精神学习教育成果。"
    assert fields(text, "value", "unit", "metric") == [
        ("三项", 3, "项", "科技体制改革创新成果"), ("两个", 2, "个", "矿区生态修复项目")]


def test_measures_implemented_are_counted_with_what_they_are_for_but_a_titled_document_is_not():
    text = "2023年，实施支持小微企业健康发展的12条措施，出台《关于促进消费的十条措施》。"
    assert fields(text, "value", "unit", "metric") == [("12条", 12, "条", "支持小微企业健康发展措施")]


def test_a_capacity_inside_a_project_name_is_no_item():
    text = "2023年，晶科10GW光伏组件等一批项目投产，新增光伏装机3GW。"
    assert fields(text, "value", "unit", "metric") == [("3GW", 3, "GW", "新增光伏装机")]


def test_editions_held_and_gold_medals_pair_with_their_games():
    text = "2023年，成功举办两届国际马拉松赛，我省运动员在亚运会、残运会上勇夺3金、8金。十四届人大一次会议召开。"
    assert fields(text, "value", "unit", "metric") == [
        ("两届", 2, "届", "国际马拉松赛"), ("3金", 3, "金", "亚运会"), ("8金", 8, "金", "残运会")]


def test_a_count_before_a_preposition_has_no_object():
    assert fields("2023年，三个工作组从企业需求入手，新建三个工作站。", "value", "metric") == [("三个", 3, "工作站")]


# --- kinds and periods --------------------------------------------------------------------------------

def test_last_year_dating_a_policy_does_not_date_the_amount_after_it():
    text = "今年，继续执行去年出台的稳增长政策，新增减税降费约3000亿元。去年，新增减税降费2000亿元。"
    assert fields(text, "kind", "period") == [("3000亿元", "target", "2024"), ("2000亿元", "actual", "2023")]


def test_nearly_n_years_of_something_is_no_span():
    text = "2023年，解决了近30年的历史遗留问题，完成拆迁120户。近五年累计新增就业10万人。"
    assert fields(text, "period") == [("120户", "2023"), ("10万人", "2019-2023")]


def test_this_year_and_the_next():
    assert fields("今明两年，新增高标准农田2000万亩。", "kind", "period") == [("2000万亩", "target", "2024-2025")]


# --- metrics and aspects ------------------------------------------------------------------------------

def test_names_and_figures_joined_by_dun_pair_without_fenbie():
    text = "2023年，交通事故起数、受伤人数下降12.5%、8.4%，工业、服务业增加值分别增长6.1%、7.2%。"
    assert fields(text, "value", "metric", "aspect") == [
        ("12.5%", -12.5, "交通事故起数", "change"), ("8.4%", -8.4, "受伤人数", "change"),
        ("6.1%", 6.1, "工业增加值", "change"), ("7.2%", 7.2, "服务业增加值", "change")]


def test_a_quoted_name_after_a_count_is_what_is_counted():
    text = "2023年，建成8个“一站式”服务中心，12个“最多跑一次”事项落地实施，13个“一件事”落地实施。"
    assert fields(text, "metric") == [("8个", "一站式服务中心"), ("12个", "最多跑一次事项"), ("13个", "一件事")]


def test_a_one_character_noun_takes_the_short_modifier_before_the_count():
    text = "2023年，首批9个村完成搬迁。全年325个村完成供水管网改造。"
    assert fields(text, "metric") == [("9个", "首批村"), ("325个", "村完成供水管网改造")]


def test_an_increase_opening_the_clause_governs_the_amount_after_its_noun():
    text = "今年，增加城市建设资本金500亿元，减少燃煤消费量20万吨，财政收入增加到50亿元。"
    assert fields(text, "value", "metric", "aspect") == [
        ("500亿元", 50000000000, "城市建设资本金", "change"), ("20万吨", -200000, "燃煤消费量", "change"),
        ("50亿元", 5000000000, "财政收入", "level")]


def test_a_short_noun_before_a_quoted_name_takes_the_name():
    text = "2023年，12个事项“一网通办”，医保卡实现购药、挂号等4个场景“一码通”。"
    assert fields(text, "metric") == [("12个", "一网通办事项"), ("4个", "一码通场景")]


def test_note_markers_and_predicates_end_a_counted_noun():
    text = "2023年，新建7所幼儿园〔8〕，20种药品大幅降价，6个大模型获准上线，9件实事取得成效。"
    assert fields(text, "metric") == [("7所", "幼儿园"), ("20种", "药品"), ("6个", "大模型"), ("9件", "实事")]


def test_adverbs_before_fenbie_are_no_part_of_the_names():
    text = "2023年，城乡居民收入预计分别完成26996元、17613元，税收收入年均分别增长4.5%、3%。"
    assert fields(text, "metric") == [("26996元", "城镇居民收入"), ("17613元", "农村居民收入"),
                                      ("4.5%", "税收收入"), ("3%", "税收收入")]


def test_this_year_and_the_next_is_a_plan_and_no_part_of_the_metric():
    assert fields("2023年，今明两年职业技能培训300万人次。", "metric", "kind", "period") == [
        ("300万人次", "职业技能培训", "target", "2024-2025")]


def test_construction_land_keeps_its_verb():
    text = "2023年，新增建设用地200公顷，建设学校3所。"
    assert fields(text, "metric") == [("200公顷", "新增建设用地"), ("3所", "学校")]


# --- detection read on the corpus's uncovered numbers (round 9) -------------------------------------------

def test_people_with_a_modifier_before_the_people_noun_and_duo_after_the_magnitude():
    text = "2023年，800多万高职毕业生顺利就业，320万山区贫困人口全部脱贫，惠及90多万在校生。"
    assert fields(text, "value", "unit", "qualifier", "metric") == [
        ("800多万", 8000000, "人", "more_than", "高职毕业生"), ("320万", 3200000, "人", "", "山区贫困人口"),
        ("90多万", 900000, "人", "more_than", "在校生")]


def test_head_counts_named_before_a_number_without_its_unit():
    text = "2023年，游客人数突破80万，景区接待总人次达到260万。"
    assert fields(text, "value", "unit", "metric") == [
        ("80万", 800000, "人", "游客人数"), ("260万", 2600000, "人次", "景区接待总人次")]


def test_pairs_are_counted_with_dui_but_not_dui_jie():
    text = "2023年，肉鸽存栏达到12万对，组织银企对接会20场，开展50对接。"
    assert fields(text, "value", "unit") == [("12万对", 120000, "对"), ("20场", 20, "场")]


def test_editions_held_may_follow_another_event_in_the_clause():
    text = "2023年，成功举办首届茶博会和4届农民丰收节，连续举办6届全民健身运动会、超过2万人次参与。"
    assert fields(text, "value", "unit", "metric")[:2] == [("4届", 4, "届", "农民丰收节"), ("6届", 6, "届", "全民健身运动会")]


def test_arabic_fractions_of_a_whole_after_zhan():
    text = "2023年，果品出口量约占全国1/5以上，占全省的1/4。"
    assert fields(text, "value", "unit", "qualifier", "aspect") == [
        ("1/5", 20, "%", "more_than", "share"), ("1/4", 25, "%", "", "share")]


def test_a_level_written_in_percent_and_gaohu_as_a_bound():
    text = "今年，进口关税总水平由8.5%降至7%，贷款增速要高于12%，细颗粒物平均浓度不高于30微克/立方米，增速高于全省1.5个百分点。"
    assert fields(text, "aspect", "qualifier") == [
        ("8.5%", "level", ""), ("7%", "level", ""), ("12%", "change", "more_than"), ("30微克/立方米", "level", "less_than"),
        ("1.5个百分点", "change", "")]


def test_yao_and_bu_gaoyu_are_no_part_of_the_metric():
    text = "今年，细颗粒物平均浓度不高于30微克/立方米，贷款增速要高于12%，规划纲要任务12项。"
    assert fields(text, "metric") == [("30微克/立方米", "细颗粒物平均浓度"), ("12%", "贷款增速"), ("12项", "规划纲要任务")]


def test_zhanbi_after_its_subject_is_the_shares_name():
    text = "2023年，地方税收占比达到71.5%，同比提高3个百分点，占比保持第一。"
    assert fields(text, "metric", "aspect") == [("71.5%", "地方税收占比", "share"), ("3个百分点", "地方税收占比", "change")]


def test_a_verb_opening_a_list_is_repeated_in_each_member():
    text = ("2023年，新增一般债券80亿元、专项债券150亿元、再融资债券20亿元。新改建乡村公路60公里、供水管网35公里。"
            "建成跨河大桥3座、在建5座。新增城镇就业1.1万人、登记失业率控制在4%。")
    assert fields(text, "metric") == [
        ("80亿元", "新增一般债券"), ("150亿元", "新增专项债券"), ("20亿元", "新增再融资债券"),
        ("60公里", "新改建乡村公路"), ("35公里", "新改建供水管网"), ("3座", "建成跨河大桥"), ("5座", "在建"),
        ("1.1万人", "新增城镇就业"), ("4%", "登记失业率")]


def test_a_verb_before_a_one_character_noun_is_no_modifier():
    assert fields("2023年，支持5个村完成改造，试点3个镇（街道）。", "metric")[0] == ("5个", "村完成改造")
