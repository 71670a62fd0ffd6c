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


# --- financial numerals (大写), with cn2an's own test data as the oracle -------------------------------

_FINANCIAL = set("壹贰叁肆伍陆柒捌玖拾佰仟")


def _cn2an_cases():
    from cn2an.cn2an_test import Cn2anTest

    case = Cn2anTest()
    case.setUp()
    return case


def test_every_financial_numeral_of_cn2an_tests_is_read():
    case = _cn2an_cases()
    financial = {text: value for text, value in {**case.strict_data_dict, **case.normal_data_dict}.items()
                 if _FINANCIAL & set(text)}
    assert len(financial) == 28       # cn2an 0.5.24: 壹 … 壹仟壹佰壹拾壹亿…, 元整/圆正/角/分, 壹壹, 壹拾万零叁仟…
    read = {text: parse_number(text) for text in financial}
    assert read == {text: Decimal(str(value)) for text, value in financial.items()}


@pytest.mark.parametrize(("text", "expected"), [
    ("壹拾贰万", Decimal(120000)), ("贰佰叁拾肆萬伍仟", Decimal(2345000)), ("叁億", Decimal(300000000)),
    ("两亿", Decimal(200000000)), ("玖仟陆佰陆拾伍圆壹角捌分", Decimal("9665.18")),
])
def test_financial_numerals_and_amounts_in_words(text, expected):
    assert parse_number(text) == expected


def test_malformed_numerals_raise_the_parsers_own_error_not_a_key_error():
    case = _cn2an_cases()
    malformed = ["", "元整", "圆", "零点", "点零", "零点点", "零点零大", "点一", *case.error_smart_datas]
    for text in malformed:
        with pytest.raises(NumberError):
            parse_number(text)
    with pytest.raises(NumberError):
        parse_chinese("零点点")


def test_a_contract_amount_in_financial_numerals_is_found():
    quantities = find_quantities(normalize("合同金额壹拾贰万元，已支付叁万伍仟元。").text)
    assert [(q.value, q.unit) for q in quantities] == [(Decimal(120000), "元"), (Decimal(35000), "元")]
