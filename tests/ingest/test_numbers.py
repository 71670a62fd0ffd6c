from decimal import Decimal

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from duban.ingest.extract.normalize import normalize
from duban.ingest.extract.numbers import NumberError, parse_chinese, parse_number, plain
from duban.ingest.extract.quantities import find_quantities

FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.15万", Decimal(11500)),
        ("98.2亿", Decimal(9820000000)),
        ("1,234", Decimal(1234)),
        ("3千", Decimal(3000)),
        ("1.2万亿", Decimal(1200000000000)),
        ("一千二百三十四", Decimal(1234)),
        ("十二", Decimal(12)),
        ("两亿", Decimal(200000000)),
        ("三亿五千万", Decimal(350000000)),
        ("一万零五", Decimal(10005)),
        ("二〇三五", Decimal(2035)),
        ("三点五", Decimal("3.5")),
    ],
)
def test_parse_number_reads_each_written_form(text, expected):
    assert parse_number(text) == expected


def test_parse_number_refuses_words():
    with pytest.raises(NumberError):
        parse_number("市政道路")


def test_plain_gives_int_for_integral_values_and_float_otherwise():
    assert plain(Decimal("11500.00")) == 11500 and isinstance(plain(Decimal("11500.00")), int)
    assert plain(Decimal("10.1")) == 10.1


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numerals_parse_back_to_themselves(n):
    assert parse_chinese(cn2an.an2cn(n)) == n


@given(st.integers(min_value=1, max_value=99_999), st.sampled_from(["", "万", "亿"]),
       st.integers(min_value=0, max_value=99))
def test_arabic_with_magnitude_parses_back(whole, magnitude, cents):
    written = f"{whole}.{cents:02d}{magnitude}"
    factor = {"": 1, "万": 10**4, "亿": 10**8}[magnitude]
    assert parse_number(written) == Decimal(f"{whole}.{cents:02d}") * factor


@given(
    st.integers(min_value=1, max_value=99_999),
    st.integers(min_value=0, max_value=99),
    st.sampled_from(["", "万", "亿"]),
    st.sampled_from(["plain", "spaced", "full_width", "chinese"]),
    st.lists(st.booleans(), max_size=12),
)
def test_a_number_in_any_supported_form_is_found_with_its_value(whole, cents, magnitude, form, gaps):
    if form == "chinese":
        whole = max(whole, 2)          # "一元" alone is never an item (see test_quantities)
        written, value = cn2an.an2cn(whole), Decimal(whole)
    else:
        written, value = f"{whole}.{cents:02d}", Decimal(f"{whole}.{cents:02d}")
    if form == "spaced":
        written = "".join(ch + (" " if i < len(gaps) and gaps[i] else "") for i, ch in enumerate(written)).rstrip()
    if form == "full_width":
        written = written.translate(FULL_WIDTH)
    factor = {"": 1, "万": 10**4, "亿": 10**8}[magnitude]
    text = f"全年完成投资{written}{magnitude}元。"
    quantities = find_quantities(normalize(text).text)
    assert [(q.value, q.unit) for q in quantities] == [(value * factor, "元")]
