"""Round 10 (issue 11 follow-up): the limits read on round 9's set D, fixed as general rules; every example text
here was written for the tests (none is copied from sets A–D or from the corpus). Each test pins one rule with
the exact values it must produce."""

from duban.ingest.extract import extract_text


def fields(text, *names, year=2024):
    return [tuple(getattr(i, n) for n in ("quote", *names)) for i in extract_text(text, year=year).items]


# --- kinds and periods -----------------------------------------------------------------------------------

def test_a_numbered_chapter_closes_the_section_of_a_bare_review_line_before_it():
    text = ("一年来，我们坚持绿色发展，城乡面貌明显改善\n"
            "环境治理扎实有效。整治河道12公里，新建公园3个。\n"
            "三、推动城乡融合发展，建设宜居家园\n"
            "完善城市功能。加快老城区道路建设，启动片区改造，新建雨污管网15公里，增设电梯40部。")
    assert fields(text, "kind", "period") == [
        ("12公里", "actual", "2023"), ("3个", "actual", "2023"),
        ("15公里", "target", "2024"), ("40部", "target", "2024")]


def test_a_review_carried_from_its_opener_stays_a_review_despite_plan_like_verbs():
    text = ("过去一年，我们坚持发展第一要务，经济运行稳中向好。\n"
            "城市功能持续完善。加快新区道路建设，启动老旧小区改造，更新燃气管道12公里，推进海绵城市建设，新建公园3个。\n"
            "今年，我们将加快新区道路建设，新建公园5个。")
    assert fields(text, "kind", "period") == [
        ("12公里", "actual", "2023"), ("3个", "actual", "2023"), ("5个", "target", "2024")]


# --- aspects and qualifiers --------------------------------------------------------------------------------

def test_a_rank_moved_by_places_and_a_multiplier_of_leverage_are_changes():
    text = "2023年，营商环境评价全省排名较上年提升9位，财政资金撬动社会资本放大5-6倍。"
    assert fields(text, "value", "unit", "aspect") == [("9位", 9, "位", "change"), ("5-6倍", 5, "倍", "change")]


def test_the_yue_closing_a_word_is_no_about():
    text = "2023年，招商项目签约25个，节约用水3000吨，引进企业约40家。"
    assert fields(text, "qualifier", "metric") == [
        ("25个", "", "招商项目签约"), ("3000吨", "", "节约用水"), ("40家", "about", "企业")]


# --- detection ----------------------------------------------------------------------------------------

def test_a_voltage_class_names_a_facility_and_is_no_item():
    text = "2023年，建成35kV变电站2座，完成66kv某某线迁改，新增装机300MW。"
    assert fields(text, "value", "unit") == [("2座", 2, "座"), ("300MW", 300, "MW")]


def test_an_altitude_places_a_group_and_is_no_item():
    text = "2023年，为海拔2000米以上的村小配备取暖设备，改造80所学校，修建步道1200米。"
    assert fields(text, "value", "unit") == [("80所", 80, "所"), ("1200米", 1200, "米")]


def test_area_worked_is_counted_in_mu_ci():
    text = "今年，机耕作业服务面积达到40万亩次以上，完成造林3万亩。"
    assert fields(text, "value", "unit", "qualifier", "metric") == [
        ("40万亩次", 400000, "亩次", "more_than", "机耕作业服务面积"), ("3万亩", 30000, "亩", "", "造林")]


def test_a_count_verb_before_a_people_noun_reads_a_bare_large_number_as_people():
    text = "今年，城区新增人口50万、县城新增常住人口30万，新增就业岗位20万个。"
    assert fields(text, "value", "unit", "metric") == [
        ("50万", 500000, "人", "城区新增人口"), ("30万", 300000, "人", "县城新增常住人口"),
        ("20万个", 200000, "个", "新增就业岗位")]


def test_a_first_founded_without_a_scope_is_a_rank_and_its_object_ends_before_the_predicate():
    text = "2023年，组建首家应急救援中心，国内首座跨海悬索桥建成通车，首家省级重点实验室——某某实验室获批，新春首个工作日召开大会。"
    assert fields(text, "value", "unit", "aspect", "metric") == [
        ("首家", 1, "位", "rank", "应急救援中心"), ("首座", 1, "位", "rank", "国内跨海悬索桥"),
        ("首家", 1, "位", "rank", "省级重点实验室")]


def test_wan_without_a_digit_after_a_bound_is_ten_thousand():
    text = "2023年，共复垦土地近万亩，带动超万人就业，每万人拥有医生30名。"
    assert fields(text, "value", "unit", "qualifier", "metric") == [
        ("万亩", 10000, "亩", "about", "复垦土地"), ("万人", 10000, "人", "more_than", "就业"),
        ("30名", 30, "名", "", "每万人拥有医生")]


def test_a_small_chinese_count_of_command_posts_is_counted():
    assert fields("2023年，成立三个重点项目指挥部。", "value", "unit", "metric") == [("三个", 3, "个", "重点项目指挥部")]


# --- metrics ----------------------------------------------------------------------------------------------

def test_an_altitude_bound_after_a_count_is_left_out_of_the_counted_noun():
    assert fields("2023年，改建60所海拔2000米以上的寄宿制学校。", "value", "metric") == [("60所", 60, "寄宿制学校")]


def test_a_predicate_after_a_count_opened_by_bing_or_dadao_is_no_metric():
    text = "2023年，8处养老院整合为2处并实行社会化运营。4家卫生院达到国家推荐标准。"
    assert fields(text, "metric") == [("8处", "养老院整合"), ("2处", "养老院整合"), ("4家", "卫生院")]


def test_deng_inside_a_word_is_no_list_end():
    text = "2023年，创建省级高水平中等职业学校1所，3所中等职业学校完成改造，高等教育毛入学率达到60%。"
    assert fields(text, "metric") == [
        ("1所", "创建省级高水平中等职业学校"), ("3所", "中等职业学校"), ("60%", "高等教育毛入学率")]


def test_a_latin_letter_after_a_digit_keeps_the_name_and_a_generic_head_after_deng_keeps_its_examples():
    text = "2023年，新建乡村5G基站120个，整治侵占河道等问题150余个，违规占用耕地整改30亩。"
    assert fields(text, "aspect", "metric") == [
        ("120个", "level", "乡村5G基站"), ("150余个", "level", "侵占河道等问题"), ("30亩", "level", "违规占用耕地整改")]


def test_the_people_a_grant_goes_to_end_before_the_grant_verb():
    text = "2023年，为320名困境儿童发放生活补助资金，为1万名高龄老人免费提供上门服务。"
    assert fields(text, "metric") == [("320名", "困境儿童"), ("1万名", "高龄老人")]


def test_a_time_spent_names_what_it_achieved():
    text = "2023年，利用45天时间，完成了东城、西城等片区房屋征收，用三个月时间建成应急指挥中心。"
    assert fields(text, "value", "unit", "metric") == [
        ("45天", 45, "天", "片区房屋征收"), ("三个月", 3, "个月", "建成应急指挥中心")]


def test_a_bare_shuliang_takes_the_thing_counted_in_the_clause_before():
    text = "2023年，全市高新技术企业达到320家，数量同比增长25%。"
    assert fields(text, "aspect", "metric") == [("320家", "level", "高新技术企业"), ("25%", "change", "高新技术企业数量")]


def test_a_share_of_a_plan_completed_keeps_who_completed_it():
    text = "2023年，重点项目完成年度投资计划的132%。新登记市场主体2100户，完成全年目标的118%。完成年度任务3000户。"
    assert fields(text, "aspect", "metric") == [
        ("132%", "share", "重点项目完成年度投资计划"), ("2100户", "level", "新登记市场主体"),
        ("118%", "share", "新登记市场主体完成全年目标"), ("3000户", "level", "年度任务")]


def test_investment_completed_keeps_the_projects_named_in_its_clause():
    text = "2023年，年内市重点建设项目完成投资500亿元以上。年内完成投资20亿元。"
    assert fields(text, "metric") == [("500亿元", "市重点建设项目完成投资"), ("20亿元", "完成投资")]
