"""Parse numbers as Chinese reports write them: Arabic, Chinese numerals, 万/亿 magnitudes, ranges.

Applied only to spans the scanner has already found; values are exact ``Decimal``s so that
"1.15万" is 11500, not 11499.999999999998.
"""

import re
from decimal import Decimal, InvalidOperation

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             # financial numerals (大写), written in contracts, ledgers and receipts: 壹拾贰万
             "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6, "柒": 7, "捌": 8,
             "玖": 9, "兩": 2}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
MAGNITUDES = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000), "百": Decimal(100),
              "十": Decimal(10), "萬": Decimal(10_000), "億": Decimal(100_000_000)}
# The financial forms read as their everyday ones.
_FINANCIAL_MAGNITUDE = str.maketrans({"萬": "万", "億": "亿"})
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "十百千万亿拾佰仟萬億"
# An amount of money written out: "玖仟陆佰陆拾伍圆壹角捌分", "壹拾壹元整".
_MONEY_WORDS_RE = re.compile(
    rf"(?P<yuan>[{CN_NUMERAL_CHARS}]+)[元圆](?:(?P<jiao>[{''.join(CN_DIGITS)}])角)?(?:(?P<fen>[{''.join(CN_DIGITS)}])分)?[整正]?"
)


class NumberError(ValueError):
    """The text is not a number this module can read."""


def is_chinese_numeral(text: str) -> bool:
    return bool(text) and all(ch in CN_NUMERAL_CHARS or ch == "点" for ch in text)


def parse_arabic(text: str) -> Decimal:
    """'1,234.5' -> Decimal('1234.5')."""
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation as exc:
        raise NumberError(f"not a number: {text!r}") from exc


def _digit_string(text: str) -> Decimal:
    """'二〇三五' -> 2035: Chinese digits written one by one, without 十/百/千."""
    return Decimal("".join(str(CN_DIGITS[ch]) for ch in text))


def _chinese_integer(text: str) -> Decimal:
    """'一千二百三十四万五千' -> 12345000, '十二' -> 12, '两亿' -> 200000000, '壹拾贰万' -> 120000."""
    if not text:
        raise NumberError("empty number")
    text = text.translate(_FINANCIAL_MAGNITUDE)
    if all(ch in CN_DIGITS for ch in text):
        return _digit_string(text)
    total = Decimal(0)     # everything above the current 万/亿 section
    section = 0            # the part below 万 being read
    digit = 0
    wan_seen = False       # a 万 already read below the last 亿
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            section += (digit or (1 if ch in "十拾" else 0)) * CN_SMALL_UNITS[ch]
            digit = 0
        elif ch == "万" and wan_seen:
            total = (total + section + digit) * MAGNITUDES["万"]   # "一万零一万": 万 on a whole number
            section = digit = 0
        elif ch == "万":
            total += (section + digit) * MAGNITUDES["万"]
            wan_seen = True
            section = digit = 0
        elif ch == "亿":
            total = (total + section + digit) * MAGNITUDES["亿"]
            section = digit = 0
            wan_seen = False
        else:
            raise NumberError(f"not a Chinese numeral: {text!r}")
    return total + section + digit


def parse_chinese(text: str) -> Decimal:
    """A Chinese numeral, with an optional decimal part after 点: '三点五' -> 3.5."""
    if not is_chinese_numeral(text):
        raise NumberError(f"not a Chinese numeral: {text!r}")
    whole, dot, fraction = text.partition("点")
    if dot and not (whole and fraction and all(ch in CN_DIGITS for ch in fraction)):
        raise NumberError(f"not a Chinese numeral: {text!r} (a decimal needs digits on both sides of 点)")
    value = _chinese_integer(whole)
    if fraction:
        value += Decimal("0." + "".join(str(CN_DIGITS[ch]) for ch in fraction))
    return value


def parse_money_words(text: str) -> Decimal:
    """An amount written out in financial numerals: '玖仟陆佰陆拾伍圆壹角捌分' -> 9665.18, '壹拾壹元整' -> 11."""
    match = _MONEY_WORDS_RE.fullmatch(text.strip())
    if not match:
        raise NumberError(f"not an amount in words: {text!r}")
    value = _chinese_integer(match["yuan"])
    if match["jiao"]:
        value += Decimal(CN_DIGITS[match["jiao"]]) / 10
    if match["fen"]:
        value += Decimal(CN_DIGITS[match["fen"]]) / 100
    return value


def split_magnitude(text: str) -> tuple[str, Decimal]:
    """Arabic digits with trailing magnitudes: '1.15万' -> ('1.15', 10000); '3万亿' -> ('3', 10**12)."""
    factor = Decimal(1)
    if not text or not text[0].isdigit():
        return text, factor
    while text and text[-1] in "万亿千百":
        factor *= MAGNITUDES[text[-1]]
        text = text[:-1]
    return text, factor


def parse_number(text: str) -> Decimal:
    """Any supported form: '98.2亿' 9820000000, '1.15万' 11500, '一千二百三十四' 1234, '1,234' 1234."""
    text = text.strip()
    if not text:
        raise NumberError("empty number")
    head, factor = split_magnitude(text)
    if head[0].isdigit():
        return parse_arabic(head) * factor
    if is_chinese_numeral(head):
        return parse_chinese(head) * factor
    if head[-1] in "元圆整正角分":
        return parse_money_words(head)
    raise NumberError(f"not a number: {text!r}")


def plain(value: Decimal) -> int | float:
    """A JSON-friendly number: integral values as int, others as float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
