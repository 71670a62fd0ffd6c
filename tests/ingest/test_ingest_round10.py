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
