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
