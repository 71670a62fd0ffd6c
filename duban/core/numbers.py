"""Numbers as Chinese offices write them: 万元 at project level, 亿元 in summaries, percentages."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext

WAN = Decimal(10_000)
YI = Decimal(100_000_000)


def to_decimal(value) -> Decimal | None:
    """A number as Decimal, through its text so that a float 1161.7 stays 1161.7; None stays None."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def _q(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _strip(value: Decimal) -> str:
    text = f"{value:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_wanyuan(amount_wan: Decimal | int | float | None, places: int = 2) -> str:
    """An amount held in 万元, written in 亿元 from 10,000万元 up: 34900 -> '3.49亿元', 850 -> '850万元'."""
    if amount_wan is None:
        return "—"
    amount = Decimal(str(amount_wan))
    if abs(amount) >= WAN:
        return f"{_strip(_q(amount / WAN, places))}亿元"
    return f"{_strip(_q(amount, places))}万元"


def format_wanyuan_fixed(amount_wan: Decimal | int | float | None, places: int = 2) -> str:
    """As ``format_wanyuan`` but always with ``places`` decimals, for figures set side by side in one sentence or
    table (bulletins): 1298000 -> '129.80亿元', 243900 -> '24.39亿元', 850 -> '850.00万元'."""
    if amount_wan is None:
        return "—"
    amount = Decimal(str(amount_wan))
    if abs(amount) >= WAN:
        return f"{_q(amount / WAN, places):,f}亿元"
    return f"{_q(amount, places):,f}万元"


def wanyuan_scale(*amounts_wan: Decimal | int | float | None) -> str:
    """One money unit for a column or a formula: '亿元' when the largest amount reaches 1亿元, else '万元'."""
    largest = max((abs(Decimal(str(a))) for a in amounts_wan if a is not None), default=Decimal(0))
    return "亿元" if largest >= WAN else "万元"


def format_wanyuan_in(amount_wan: Decimal | int | float | None, scale: str, places: int = 2) -> str:
    """An amount held in 万元 written in the given unit ('万元' or '亿元'): (6000, '亿元') -> '0.6亿元'."""
    if amount_wan is None:
        return "—"
    amount = Decimal(str(amount_wan))
    if scale == "亿元":
        return f"{_strip(_q(amount / WAN, places))}亿元"
    return f"{_strip(_q(amount, places))}万元"


def format_wan(amount_wan: Decimal | int | float | None, places: int = 2) -> str:
    """A project-level amount always in 万元, with separators and fixed decimals, so that a plan, a year-to-date
    figure and a month's set side by side share one unit: 27200 -> '27,200.00万元', 1375.4 -> '1,375.40万元'."""
    if amount_wan is None or amount_wan == "":
        return "—"
    return f"{_q(Decimal(str(amount_wan)), places):,f}万元"


def format_grouped(value: Decimal | int | float | None, places: int = 0) -> str:
    """A plain number with thousands separators and fixed decimals: (506000, 0) -> '506,000', (1375.4, 2) -> '1,375.40'."""
    if value is None or value == "":
        return "—"
    return f"{_q(Decimal(str(value)), int(places)):,f}"


def format_month(value) -> str:
    """A month (a date, or a key '2024-01') as the user's language writes it: '2024年1月' (Chinese), '2024-01'."""
    if value is None or value == "":
        return "—"
    year, month = (value.year, value.month) if isinstance(value, date) else map(int, str(value).split("-")[:2])
    return gettext("%(year)s-%(month)02d") % {"year": year, "month": month}


def format_yuan(amount_yuan: Decimal | int | float | None, places: int = 2) -> str:
    """An amount in 元 written with 万/亿 magnitudes: 9820000000 -> '98.2亿元'."""
    if amount_yuan is None:
        return "—"
    return format_wanyuan(Decimal(str(amount_yuan)) / WAN, places) if abs(Decimal(str(amount_yuan))) >= WAN \
        else f"{_strip(_q(Decimal(str(amount_yuan)), places))}元"


def format_percent(value: Decimal | int | float | None, places: int = 2) -> str:
    """50 -> '50%', 41.6667 -> '41.67%'."""
    if value is None:
        return "—"
    return f"{_strip(_q(Decimal(str(value)), places))}%"


def format_points(value: Decimal | int | float | None, places: int = 2) -> str:
    """A gap in percentage points with its sign: -1.67 -> '-1.67个百分点' (English: '-1.67 pp')."""
    if value is None:
        return "—"
    d = _q(Decimal(str(value)), places)
    sign = "+" if d > 0 else ""
    return gettext("%(points)s pp") % {"points": f"{sign}{_strip(d)}"}


def format_day(day: date | None) -> str:
    """A date as the user's language writes it: '2026年6月30日' (Chinese), '2026-06-30' (English)."""
    if day is None:
        return "—"
    return gettext("%(year)s-%(month)02d-%(day)02d") % {"year": day.year, "month": day.month, "day": day.day}
