from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template

from duban.core.numbers import format_percent, format_points, format_wanyuan, format_yuan


@pytest.mark.parametrize(("amount", "expected"), [
    (34900, "3.49亿元"), (850, "850万元"), (10000, "1亿元"), (9999.99, "9,999.99万元"), (Decimal(3050000), "305亿元"),
    (Decimal("12345.678"), "1.23亿元"), (0, "0万元"), (-20000, "-2亿元"), (None, "—"),
])
def test_format_wanyuan_switches_to_yi_from_ten_thousand_wan(amount, expected):
    assert format_wanyuan(amount) == expected


def test_format_wanyuan_rounds_half_up_to_the_places_asked():
    assert format_wanyuan(Decimal(12345), places=1) == "1.2亿元"
    assert format_wanyuan(Decimal(12355), places=3) == "1.236亿元"
    assert format_wanyuan(Decimal("0.125")) == "0.13万元"


def test_format_wanyuan_groups_thousands_below_yi():
    assert format_wanyuan(Decimal("1234.5")) == "1,234.5万元"


@pytest.mark.parametrize(("amount", "expected"), [
    (9_820_000_000, "98.2亿元"), (17_600, "1.76万元"), (850, "850元"), (None, "—"),
])
def test_format_yuan_uses_wan_and_yi(amount, expected):
    assert format_yuan(amount) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (50, "50%"), (Decimal("41.6667"), "41.67%"), (16.666, "16.67%"), (Decimal("87.18"), "87.18%"), (None, "—"),
])
def test_format_percent(value, expected):
    assert format_percent(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (-1.67, "-1.67个百分点"), (2.7, "+2.7个百分点"), (0, "0个百分点"), (Decimal("-33.333"), "-33.33个百分点"),
    (None, "—"),
])
def test_format_points_shows_the_sign(value, expected):
    assert format_points(value) == expected


def test_template_filters_write_numbers_the_chinese_way():
    template = Template("{% load cn_numbers %}{{ a|wanyuan }} {{ b|yuan }} {{ c|percent }} {{ d|points }}")
    html = template.render(Context({"a": 34900, "b": 9_820_000_000, "c": 50, "d": -1.67}))
    assert html == "3.49亿元 98.2亿元 50% -1.67个百分点"


def test_to_decimal_goes_through_the_text_of_a_float():
    from duban.core.numbers import to_decimal

    assert str(to_decimal(1161.7)) == "1161.7"
    assert (to_decimal(None), to_decimal(25), to_decimal("0.5")) == (None, Decimal(25), Decimal("0.5"))


def test_amounts_side_by_side_share_one_unit_and_fixed_decimals():
    from duban.core.numbers import format_grouped, format_month, format_wan, format_wanyuan_fixed

    assert format_wan(Decimal("6879.81")) == "6,879.81万元"
    assert format_wan(27200) == "27,200.00万元"
    assert format_wan(Decimal("1375.4")) == "1,375.40万元"
    assert format_wan(None) == "—"
    assert format_wanyuan_fixed(1298000) == "129.80亿元"
    assert format_wanyuan_fixed(243900) == "24.39亿元"
    assert format_wanyuan_fixed(Decimal("8500.5")) == "8,500.50万元"
    assert format_grouped(506000) == "506,000"
    assert format_grouped(Decimal("1375.4"), 2) == "1,375.40"
    assert format_month("2024-01") == "2024年1月"
    assert format_month(date(2024, 12, 5)) == "2024年12月"
