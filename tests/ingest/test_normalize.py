from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duban.ingest.extract import extract_text
from duban.ingest.extract.normalize import is_column_text, normalize


def test_spaces_inside_a_number_are_removed_and_mapped_back():
    text = "拆迁居民1 . 15万户"
    norm = normalize(text)
    assert norm.text == "拆迁居民1.15万户"
    start = norm.text.index("1.15")
    assert norm.span_to_original(start, start + len("1.15万户")) == (4, 12)
    assert text[4:12] == "1 . 15万户"


def test_spaced_year_digits_are_joined():
    assert normalize("至2 0 2 1年的1 0 8 . 5亿元").text == "至2021年的108.5亿元"


def test_full_width_digits_and_percent_become_ascii_without_changing_length():
    assert normalize("增长２．３％").text == "增长2.3%"


def test_zero_width_characters_are_dropped_and_offsets_skip_them():
    text = "新建\u200b12处口袋公园"
    norm = normalize(text)
    assert norm.text == "新建12处口袋公园"
    assert norm.to_original(2) == 3


def test_a_line_break_between_number_and_unit_is_removed():
    assert normalize("城镇新增就业1.76\n万人").text == "城镇新增就业1.76万人"


def test_newspaper_columns_are_detected_by_their_short_broken_lines():
    column = "\n".join(["这是一座积淀着精彩与荣光", "的城区，也是一座跃动着生机与", "活力的城区。走在济南市中区这"] * 5)
    assert is_column_text(column)
    assert not is_column_text("第一段很长的文字。\n" * 20)


_PIECES = st.sampled_from([
    "增长", "10.1%", "1 . 15万户", "２０２１年", "\u200b", "\n", " ", "第四名", "全市第一", "十余人", "千亿产值",
    "25条市政道路", "1.76\n万人", "“123456”工作体系", "5G", "85后", "，", "。", "3-5个", "超1800亿元", "约", "万",
    "亿元", "12", "一千二百三十四个村", "以上", "左右", "％", "．", "　",
])


# The data is cheap; on a shared machine under load Hypothesis's time-based health check fails spuriously.
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_every_item_quote_is_the_text_at_its_offsets(pieces):
    text = "".join(pieces)
    for item in extract_text(text, year=2021).items:
        assert text[item.start : item.end] == item.quote


@given(st.text(max_size=200))
def test_offsets_hold_on_arbitrary_text(text):
    for item in extract_text(text, year=2021).items:
        assert text[item.start : item.end] == item.quote
