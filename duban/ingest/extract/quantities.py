"""Find candidate quantities (number + unit) in normalised text and drop what is not an item.

One compiled regular expression finds every number followed by a known unit, every ordinal "第N" and
every bare magnitude ("千亿"); small rule functions then drop dates, names, slogans and programmes
(GUIDELINE.md "Exclude"). Dates and years never match because 年/月/日 are not units.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from decimal import Decimal

from . import vocabulary as V
from .numbers import NumberError, parse_chinese, parse_number

_CN = "零〇○一二两三四五六七八九十百千万亿"
_NUM_AR = r"(?<![0-9A-Za-z.+_/\-])\d+(?:,\d{3})*(?:\.\d+)?(?:万亿|亿|万|千|百)?"
_NUM_CN = rf"(?<![{_CN}])[零〇一二两三四五六七八九十][{_CN}]*"
# Financial numerals (大写) as contracts and ledgers write amounts: "壹拾贰万元" (two characters at least, so
# that "陆续", "队伍" stay words).
_FIN = "壹贰叁肆伍陆柒捌玖拾佰仟萬億"
_NUM_FIN = rf"[壹贰叁肆伍陆柒捌玖拾](?<![{_CN}{_FIN}][壹贰叁肆伍陆柒捌玖拾])[{_CN}{_FIN}]+"
_NUMBER = rf"(?:{_NUM_AR}|{_NUM_FIN}|{_NUM_CN})"
_RANGE_END = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?(?:万亿|亿|万|千|百)?|[零〇一二两三四五六七八九十][{_CN}]*)"
_UNITS = "|".join(re.escape(u) for u in sorted(V.UNIT_OF, key=len, reverse=True))

_FIRSTS = "|".join(V.FIRST_RANKS)
QUANTITY_RE = re.compile(
    rf"(?P<rank>第(?P<rnum>\d+|[一二三四五六七八九十]+)(?P<runit>名|位)?|前(?P<tnum>\d+|[一二三四五六七八九十]+)(?:名|位)"
    rf"|(?P<first>{_FIRSTS})|(?P<edge>[前后])(?P<enum>\d+|[一二三四五六七八九十]+)(?=[，。；、,;：:”）)\s]|$))"
    rf"|(?P<num>{_NUMBER})(?:(?P<pct>%)?(?P<sep>[-~—–至到])(?P<num2>{_RANGE_END}))?"
    # Latin letters may follow a count: a grade ("12户C级危房", "5个AAAA级景区") or an abbreviation that
    # begins the counted noun ("64家VOCs排放企业"); letters ending the phrase make a name ("3个G")
    rf"(?P<q1>余|多)?(?P<mag>万亿|亿|万|千|百)?(?P<q2>余|多)?(?P<unit>{_UNITS})(?![A-Za-z]+(?![A-Za-z]|级|[\u4e00-\u9fff]))"
    rf"|(?<![0-9{_CN}])(?P<bare>[百千万]亿)(?P<bunit>美元|欧元|元)?"
)
_MAGNITUDE = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(1000),
              "百": Decimal(100), "": Decimal(1)}
_OPEN_QUOTES = "“‘「『\""
_CLOSE_QUOTES = "”’」』\""
_SHORT_QUOTE = 14
# After an ordinal these make it a name or a phrase, not a rank: "第十八届", "第一梯队", "第一时间", "第一书记".
_NOT_RANK_AFTER = "届次批期个条季年章节部项类轮天号大步代梯方线时责书"
# A money amount or an age followed by 以上/以下 and a noun defines a class ("5000万元以上项目",
# "3岁以下婴幼儿"), it measures nothing.
_CLASS_BOUND_RE = re.compile(r"(?:及)?(?:以上|以下)(?:的)?[\u4e00-\u9fff]")
_AGE_MEASURE_RE = re.compile(r"寿命|年龄")
_ALTITUDE_BEFORE_RE = re.compile(r"(?:海拔|高程)(?:在|达|为|超过|超|高于|低于)?$")
_HEIGHT_UNITS = frozenset({"米", "千米", "公里"})
_CLASS_BOUND_UNITS = frozenset({"元", "美元", "欧元", "岁"})


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, as found in the normalised text (offsets are normalised)."""

    start: int
    end: int
    value: Decimal
    value_max: Decimal | None
    unit: str
    qualifier: str       # from inside the span only: 余/多
    chinese: bool        # written in Chinese numerals
    rank: bool = False
    implied_unit: bool = False
    form: str = ""       # "zero", "streak", "ordinal" (全省首家), "ratio", "latin" (unit kept as written), or ""


def find_quantities(text: str) -> list[Quantity]:
    """Every candidate quantity in ``text`` that survives the exclusion rules, in text order."""
    found = []
    for match in QUANTITY_RE.finditer(text):
        quantity = _read_match(text, match)
        if quantity is not None and not is_excluded(text, quantity):
            found.append(quantity)
    streaks = list(_streaks(text))
    streaks = sorted(streaks + [q for q in _done_in(text) if not _overlaps(q, streaks)], key=lambda q: q.start)
    if streaks:       # "连续4个季度" is a streak of 4 quarters, not 4个
        found = sorted([f for f in found if not _overlaps(f, streaks)] + streaks, key=lambda q: q.start)
    extra = [q for q in (*_unitless_changes(text), *_implied_people(text), *_people_before_count(text),
                         *_durations(text), *_zeros(text), *_ratios(text), *_latin_units(text), *_tenths(text),
                         *_titles_in_a_row(text), *_fractions(text), *_bare_wan(text),
                         *_editions_and_medals(text))
             if not _overlaps(q, found)]
    if extra:
        found = sorted(found + extra, key=lambda q: q.start)
    return found


def _overlaps(q: Quantity, found: list[Quantity]) -> bool:
    """Whether ``q`` overlaps one of ``found`` (sorted by start, not overlapping each other): O(log n)."""
    i = bisect_left(found, q.end, key=lambda f: f.start)
    return i > 0 and found[i - 1].end > q.start


# Large counts of people with the unit left to the noun: "6600多万纳税人", "惠及上千万家庭", and a place's
# people ("800万沧州人民": up to four characters of a place name before 人民).
_IMPLIED_PEOPLE_RE = re.compile(
    r"(?:(?<![0-9.])(?P<num>\d+(?:\.\d+)?)(?P<q>多|余)?(?P<mag>万|亿)(?P<q2>多|余)?|上(?P<up>百万|千万|百|千|万|亿))"
    rf"(?=名?[\u4e00-\u9fff]{{0,4}}?(?P<noun>{'|'.join(sorted(V.PEOPLE_NOUNS, key=len, reverse=True))}|人民|中国人))"
)


# Years are dates, except a duration that is measured: "平均受教育年限达11年".
_DURATION_RE = re.compile(
    r"(?:年限|学制|工龄|期限)(?:达到|达|为|提高到|提高至|延长到|延长至|超过)?(?P<num>\d+(?:\.\d+)?)年(?![\d月底末初度])"
)


_STREAK_RE = re.compile(
    rf"(?P<verb>{'|'.join(V.STREAK_VERBS)})(?P<q>近|约|超过|逾)?(?P<num>\d+|[一二两三四五六七八九十]+)"
    rf"(?P<unit>{'|'.join(sorted(V.STREAK_UNITS, key=len, reverse=True))})(?![\d月底末初度])"
)
_ZERO_RE = re.compile(
    rf"(?P<open>[“\"]?)零(?<![\d{_CN}]零)(?P<close>[”\"]?)(?P<noun>{'|'.join(sorted(V.ZERO_NOUNS, key=len, reverse=True))})"
    r"|(?P<cleared>清零)"
)
# "仅3个月完成拆迁", "力争两年完成…": a duration of at most two digits right before what it achieved (a year
# "2021年完成" has four digits and is a date; "第三年" an ordinal).
_DONE_IN_RE = re.compile(
    r"(?<![\d第〇零一二两三四五六七八九十百千万])(?<!未来)(?<!今后)(?<!近)(?<!前)(?<!后)(?P<num>\d{1,2}|[一二两三四五六七八九十]{1,2})"
    rf"(?P<unit>个月|年|天|个工作日)(?:内|时间)?(?={'|'.join(V.DONE_IN_VERBS)})"
)
# Events held ("成功举办两届…大赛": 届 only after a verb of holding, "十四届全国人大" is a name) and gold
# medals ("勇夺3金、8金": 金 after a verb of winning, the second of a pair after "、").
_EDITIONS_RE = re.compile(r"(?:举办|承办|主办|办好|办成)(?:[^，。；第]{0,12}?[和、])?(?P<num>(?<![\d第])\d{1,2}|[二两三四五六七八九十]{1,2})"
                          r"(?P<unit>届)(?!次|全会|全体|人大|政协|委员|党)")
_MEDALS_RE = re.compile(r"(?:夺得?|获得?|摘得?|斩获|收获|赢得)(?P<num>\d{1,3}|[一二两三四五六七八九十]{1,3})(?P<unit>金)"
                        r"(?:[、和](?P<num2>\d{1,3})金)?(?=[、，。；,;]|[一二两三四五六七八九十\d]+[银铜]|枚|牌|$)")
# Fractions: "压减三分之一以上" (33.33 %), "2/3" is left alone; "一半" after a change verb or before 以上/左右.
_FRACTION_RE = re.compile(
    r"(?<![\d一二两三四五六七八九十百])(?P<den>\d{1,2}|[二三四五六七八九十])分之(?P<num>\d{1,2}|[一二三四五六七八九])(?![\d十])"
    rf"|(?:(?<={'|'.join(V.HALF_AFTER_VERBS)})一半|(?<![一二三四五六七八九十])一半(?=以上|左右))"
    r"|(?<=占)(?:全国|全省|全市|全球|世界)?的?(?P<anum>(?<![\d/])\d)/(?P<aden>\d{1,2})(?![\d/])"    # "约占全国1/10"
)
_RATIO_RE = re.compile(r"\d+(?:\.\d+)?(?:[：:]\d+(?:\.\d+)?){2,3}(?![\d.:：])")
_NUMBER_ONLY_RE = re.compile(r"\d+(?:\.\d+)?")
_LATIN_UNIT_RE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)(?P<mag>万|亿)?(?P<unit>[A-Za-z]{2,10}(?:/[A-Za-z]{1,4})?)(?![A-Za-z\d级])"
)
# A Chinese noun right after a capacity, then a project noun in the same clause: the capacity names the project.
_PROJECT_NAME_AFTER_RE = re.compile(r"[\u4e00-\u9fff][^，。；、,;：:]{0,14}?(?:项目|生产线)")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_NOT_BEFORE_NUMBER_RE = re.compile(r"[0-9A-Za-z.+_/\-]")
_QUALIFIER_OF_STREAK = {"近": "about", "约": "about", "超过": "more_than", "逾": "more_than"}


def _streaks(text: str):
    """'连续九年' (9, 年), '提前三个月' (3, 个月), '连续4个季度' (4, 季度), '历时近8年' (8, 年, about)."""
    for match in _STREAK_RE.finditer(text):
        try:
            value = parse_number(match["num"])
        except NumberError:
            continue
        yield Quantity(match.start("num"), match.end(), value, None,
                       V.STREAK_UNITS[match["unit"]], _QUALIFIER_OF_STREAK.get(match["q"] or "", ""),
                       not match["num"].isdigit(), form="streak")


def _done_in(text: str):
    for match in _DONE_IN_RE.finditer(text):
        value = parse_number(match["num"])
        if value < 1:
            continue
        yield Quantity(match.start("num"), match.end("unit"), value, None, V.STREAK_UNITS[match["unit"]], "",
                       not match["num"].isdigit(), form="streak")


def _editions_and_medals(text: str):
    for match in _EDITIONS_RE.finditer(text):
        yield Quantity(match.start("num"), match.end(), parse_number(match["num"]), None, "届", "",
                       not match["num"].isdigit())
    for match in _MEDALS_RE.finditer(text):
        yield Quantity(match.start("num"), match.end("unit"), parse_number(match["num"]), None, "金", "",
                       not match["num"].isdigit())
        if match["num2"]:
            yield Quantity(match.start("num2"), match.end("num2") + 1, Decimal(match["num2"]), None, "金", "", False)


def _fractions(text: str):
    for match in _FRACTION_RE.finditer(text):
        if match["den"] or match["aden"]:
            den, num = parse_number(match["den"] or match["aden"]), parse_number(match["num"] or match["anum"])
            if not 0 < num < den:
                continue
            value = (num * 100 / den).quantize(Decimal("0.01"))
        else:
            value = Decimal(50)
        start = match.start("anum") if match["anum"] else match.start()
        yield Quantity(start, match.end(), value, None, "%", "", not match["anum"], implied_unit=True)


def _zeros(text: str):
    """'零事故' (0, 起), '“零”发案' (0, 起), '零伤亡' (0, 人), '欠薪案件动态清零' (0, 件)."""
    for match in _ZERO_RE.finditer(text):
        if match["cleared"]:
            before = re.split(r"[，。；,;：:]", text[max(0, match.start() - 12) : match.start()])[-1]
            unit = next((u for noun, u in V.CLEARED_UNITS.items() if noun in before), None)
            if unit is None:
                continue          # "动态清零" of no counted thing ("…总策略，动态清零") is a slogan
        else:
            unit = V.ZERO_NOUNS[match["noun"]]
        yield Quantity(match.start(), match.end(), Decimal(0), None, unit, "", True, form="zero")


def _ratios(text: str):
    """'三次产业结构比调整为12.5：38.2：49.3': one share (%) per term, when the text names a ratio."""
    for match in _RATIO_RE.finditer(text):
        if text[match.start() - 1 : match.start()] in (".", ":", "：") or text[match.start() - 1 : match.start()].isdigit():
            continue
        before = text[max(0, match.start() - 14) : match.start()]
        if not any(name in before for name in V.RATIO_NAMES):
            continue
        for term in _NUMBER_ONLY_RE.finditer(match.group()):
            yield Quantity(match.start() + term.start(), match.start() + term.end(), Decimal(term.group()), None,
                           "%", "", False, form="ratio")


def _latin_units(text: str):
    """'新增算力20Eflops': a unit in Latin letters the vocabulary does not know is kept as written."""
    for match in _LATIN_UNIT_RE.finditer(text):
        if _NOT_BEFORE_NUMBER_RE.match(text, match.start() - 1) and match.start() > 0:
            continue              # "PM2.5", "JN150": a number inside a name
        if match["unit"] in V.LATIN_UNIT_STOP or match["unit"].lower() in V.UNIT_OF:
            continue
        if _PROJECT_NAME_AFTER_RE.match(text, match.end()):
            continue              # "英利6.5GW光伏电池等项目": a capacity inside a project's name
        if match["unit"].lower() == "kv" and _CJK_RE.match(text, match.end()):
            continue              # "220kV变电站", "110kV某某线": a voltage class names the facility
        value = Decimal(match["num"]) * _MAGNITUDE[match["mag"] or ""]
        yield Quantity(match.start(), match.end(), value, None, match["unit"], "", False, form="latin")


def _durations(text: str):
    for match in _DURATION_RE.finditer(text):
        yield Quantity(match.start("num"), match.end(), Decimal(match["num"]), None, "年", "", False)


# A people noun, a verb, then a large number whose unit is left out: "城镇失业人员减少12.5万，" (people).
_PEOPLE_BEFORE_COUNT_RE = re.compile(
    rf"(?P<noun>{'|'.join(sorted(V.PEOPLE_NOUNS + V.HEADCOUNT_NOUNS, key=len, reverse=True))})"
    rf"(?:{'|'.join(V.PEOPLE_THEN_COUNT_VERBS)})"
    r"(?P<num>\d+(?:\.\d+)?)(?P<q>多|余)?(?P<mag>万|亿)(?=以上|左右|[，。；、,;）)]|$)"
)
# A count verb, a people noun (with a modifier of up to three characters) and a bare large number:
# "城区新增人口50万", "新增常住人口20万以上" (people).
_VERB_PEOPLE_COUNT_RE = re.compile(
    rf"(?:{'|'.join(V.VERBS_THEN_PEOPLE_COUNT)})[\u4e00-\u9fff]{{0,3}}?"
    rf"(?P<noun>{'|'.join(sorted(V.PEOPLE_NOUNS + V.HEADCOUNT_NOUNS, key=len, reverse=True))})"
    r"(?P<num>\d+(?:\.\d+)?)(?P<q>多|余)?(?P<mag>万|亿)(?=以上|左右|[，。；、,;）)]|$)"
)
# Tenths ("成"): "农产品网络销售额占全省7成", "占全国9成", "九成以上" -> 40 %, 90 %, 90 %; not "一成不变", "三成员"
# (成 is also a verb: "建成", "形成" have no numeral before it).
_TENTHS_RE = re.compile(r"(?:(?<![\d.])(?P<num>[1-9])|(?<![一二两三四五六七八九十百千万亿零〇])(?P<cn>[二两三四五六七八九]))"
                        r"(?P<half>成半|成)(?![立为功交本果绩效员品型熟长就])")
# 万 without a digit after a bound, before a unit of area, people or households: "近万亩", "超万人".
_BARE_WAN_RE = re.compile(r"(?<![0-9一二两三四五六七八九十百千])(?P<q>近|超|逾)(?P<wan>万)(?P<unit>亩|人(?!民|次)|户|名)")
# Titles in a row: "“全国文明城市”实现三连冠" (3 titles, unit 次).
_TITLES_RE = re.compile(r"(?P<num>[二两三四五六七八九十]+|\d+)连冠")


def _people_before_count(text: str):
    matches = {m.start("num"): m for m in _PEOPLE_BEFORE_COUNT_RE.finditer(text)}
    for m in _VERB_PEOPLE_COUNT_RE.finditer(text):
        matches.setdefault(m.start("num"), m)
    for _, match in sorted(matches.items()):
        value = Decimal(match["num"]) * _MAGNITUDE[match["mag"]]
        unit = "人次" if match["noun"].endswith("人次") else "人"      # "旅游接待总人次达到500万"
        yield Quantity(match.start("num"), match.end(), value, None, unit, "more_than" if match["q"] else "", False,
                       implied_unit=True)


def _tenths(text: str):
    for match in _TENTHS_RE.finditer(text):
        tenths = Decimal(match["num"]) if match["num"] else parse_chinese(match["cn"])
        value = tenths * 10 + (5 if match["half"] == "成半" else 0)
        yield Quantity(match.start(), match.end(), value, None, "%", "", not match["num"], implied_unit=True)


def _bare_wan(text: str):
    """'近万亩', '超万人': 万 without a digit after a bound is ten thousand (上万 is read elsewhere)."""
    for match in _BARE_WAN_RE.finditer(text):
        yield Quantity(match.start("wan"), match.end(), Decimal(10000), None, V.UNIT_OF[match["unit"]],
                       "about" if match["q"] == "近" else "more_than", True)


def _titles_in_a_row(text: str):
    for match in _TITLES_RE.finditer(text):
        try:
            value = parse_number(match["num"])
        except NumberError:
            continue
        yield Quantity(match.start(), match.end(), value, None, "次", "", not match["num"].isdigit(), form="streak")


def _implied_people(text: str):
    for match in _IMPLIED_PEOPLE_RE.finditer(text):
        unit = "户" if match["noun"] in V.HOUSEHOLD_NOUNS else "人"
        if match["up"]:
            value = parse_number("一" + match["up"])
            yield Quantity(match.start(), match.end(), value, None, unit, "more_than", True, implied_unit=True)
        else:
            value = Decimal(match["num"]) * _MAGNITUDE[match["mag"]]
            qualifier = "more_than" if match["q"] or match["q2"] else ""
            yield Quantity(match.start(), match.end(), value, None, unit, qualifier, False, implied_unit=True)


# Indicators without a unit move "from A to B": "满意度从84.7提升至89.6", "收入倍差从1.96缩小至1.81".
_UNITLESS_CHANGE_RE = re.compile(
    r"(?<=[\u4e00-\u9fff])从(?P<a>\d+(?:\.\d+)?)(?:提升|提高|上升|增加|增长|扩大|缩小|下降|降低|减少)?(?:至|到)"
    rf"(?P<b>\d+(?:\.\d+)?)(?![\d.%‰万亿千百年月日号]|{_UNITS})"
)


# An index has no unit: "综合污染指数为4.85", "景气指数达到103.2" (a level stated with a verb).
_INDEX_VALUE_RE = re.compile(
    r"(?<=[\u4e00-\u9fff])指数(?:值)?(?:为|是|达到|达|降至|降到|下降到|下降至|提高到|提高至|提升至|提升到|上升至|上升到)"
    rf"(?P<a>\d+(?:\.\d+)?)(?![\d.%‰万亿千百年月日号]|{_UNITS})"
)


def _unitless_changes(text: str):
    for match in _UNITLESS_CHANGE_RE.finditer(text):
        for group in ("a", "b"):
            yield Quantity(match.start(group), match.end(group), Decimal(match[group]), None, "", "", False)
    for match in _INDEX_VALUE_RE.finditer(text):
        yield Quantity(match.start("a"), match.end("a"), Decimal(match["a"]), None, "", "", False)


def _read_match(text: str, match: re.Match) -> Quantity | None:
    try:
        if match["rank"]:
            return _read_rank(text, match)
        if match["bare"]:
            return _read_bare_magnitude(text, match)
        return _read_number(match)
    except NumberError:
        return None


def _read_rank(text: str, match: re.Match) -> Quantity | None:
    """'第四名', or '第一' right after 全市/位居...: a rank; any other ordinal is not an item. Ranks without 第
    ("居全国首位", "退出后十", "进入全省前十") and ordinal firsts ("全省首家", "全省第二个…县") need the
    same context."""
    if match["tnum"]:                 # "跻身全球城市前五位": within the first N
        return _rank(match, match["tnum"]) if _has_rank_context(text, match.start()) else None
    if match["first"]:
        if not _has_rank_context(text, match.start()) and not _founds_a_first(text, match):
            return None
        form = "" if match["first"] == "首位" else "ordinal"
        return Quantity(match.start(), match.end(), Decimal(1), None, V.RANK_UNIT, "", True, rank=True, form=form)
    if match["edge"]:
        if text.startswith(V.NOT_RANK_AFTER_FRONT, match.end()) or not _has_rank_context(text, match.start()):
            return None
        return _rank(match, match["enum"])
    following = text[match.end() : match.end() + 1]
    if not match["runit"] and following == "个" and _has_scope_before(text, match.start()):
        return replace(_rank(match, match["rnum"]), form="ordinal")     # "全省第二个…县"
    if not match["runit"] and (following and following in _NOT_RANK_AFTER):
        return None
    if not match["runit"] and not _has_rank_context(text, match.start()):
        return None
    return _rank(match, match["rnum"])


def _rank(match: re.Match, number: str) -> Quantity:
    value = Decimal(number) if number.isdigit() else parse_chinese(number)
    return Quantity(match.start(), match.end(), value, None, V.RANK_UNIT, "", not number.isdigit(), rank=True)


def _founds_a_first(text: str, match: re.Match) -> bool:
    """'组建首家…', '。首家…获批': a first of the report's own area, its scope left out."""
    if match["first"] not in V.FIRST_WITHOUT_SCOPE:
        return False
    before = text[max(0, match.start() - 2) : match.start()]
    return before.endswith(V.FOUNDING_VERBS) or before[-1:] in ("", "。", "，", "；", "\n")


def _has_scope_before(text: str, start: int) -> bool:
    return text[max(0, start - 2) : start] in ("全国", "全省", "全市", "全区", "全县", "全球", "世界")


def _has_rank_context(text: str, start: int) -> bool:
    window = text[max(0, start - 6) : start]
    return any(cue in window for cue in V.RANK_CONTEXT if cue != "第")


def _read_bare_magnitude(text: str, match: re.Match) -> Quantity | None:
    """'千亿产值' is a money target (GUIDELINE); '百亿级', '千亿俱乐部' are slogans."""
    after = text[match.end("bare") : match.end("bare") + 4]
    if not match["bunit"] and not after.startswith(V.BARE_MAGNITUDE_MONEY_AFTER):
        return None
    if text[match.start() - 1 : match.start()] in V.COUNT_UNITS or text.startswith(V.BARE_MAGNITUDE_CLASS_AFTER, match.end()):
        return None           # "跨过两个万亿元大关" counts milestones, "万亿元级集群" is a class
    value = parse_number("一" + match["bare"])
    return Quantity(match.start(), match.end(), value, None, match["bunit"] or "元", "", True,
                    implied_unit=not match["bunit"])


def _read_number(match: re.Match) -> Quantity:
    unit_form = match["unit"]
    magnitude = match["mag"] or ""
    first, second = match["num"], match["num2"]
    value = _scaled(first, magnitude, second)
    value_max = _scaled(second, magnitude, None) if second else None
    qualifier = V.QUALIFIER_INSIDE.get(match["q1"] or match["q2"] or "", "")
    chinese = not first[0].isdigit()
    return Quantity(match.start(), match.end(), value, value_max, V.UNIT_OF[unit_form], qualifier, chinese)


def item_unit(q: Quantity) -> str:
    """The unit reported for an item: "两大示范区" counts 个."""
    return "个" if q.unit == "大" else q.unit


def _scaled(number: str, magnitude: str, range_end: str | None) -> Decimal:
    """The number times its magnitude; in "1-2万" the first number borrows the second's 万."""
    value = parse_number(number)
    if range_end and number[-1].isdigit() and range_end[-1] in "万亿":
        value *= _MAGNITUDE[range_end[-1]]
    return value * _MAGNITUDE[magnitude]


# --- exclusion rules -------------------------------------------------------------------------------


def is_excluded(text: str, q: Quantity) -> bool:
    """True when the candidate is a name, slogan, programme or category rather than an item."""
    if q.rank:
        return False
    return (
        _in_short_quote(text, q.start, q.end)
        or _next_to_plus(text, q)
        or _unit_followed_by_name(text, q)
        or _small_chinese_count_without_object(text, q)
        or _is_big_grouping(text, q)
        or _names_a_format(text, q)
        or _defines_a_class(text, q)
    )


def _names_a_format(text: str, q: Quantity) -> bool:
    """'三人制篮球赛', '8小时工作制': a number before 制 names a format; '24小时开放' opening hours;
    '75周年' an anniversary, '3周岁' an age."""
    if q.unit == "周" and text.startswith(("年", "岁"), q.end):
        return True
    if q.unit == "小时" and text.startswith(V.HOURS_DESCRIBE, q.end):
        return True
    return text[q.end : q.end + 1] == "制"


def _defines_a_class(text: str, q: Quantity) -> bool:
    """'5000万元以上项目', '3岁以下婴幼儿', '0—6岁儿童': a bound that picks out a group. An age is an item only
    when it measures a lifetime ("人均预期寿命提高到80岁")."""
    if q.unit == "岁" and not _AGE_MEASURE_RE.search(text, max(0, q.start - 16), q.start):
        return True
    if q.unit in _HEIGHT_UNITS and _ALTITUDE_BEFORE_RE.search(text, max(0, q.start - 4), q.start):
        return True               # "海拔2000米以上村小": an altitude places a group, it measures no work
    return q.unit in _CLASS_BOUND_UNITS and bool(_CLASS_BOUND_RE.match(text, q.end))


def _in_short_quote(text: str, start: int, end: int) -> bool:
    """Inside “...” of a few characters: a programme's or slogan's name ("“12100”工程", "“金10条”")."""
    left = text[max(0, start - _SHORT_QUOTE) : start]
    opened = max(left.rfind(ch) for ch in _OPEN_QUOTES if ch != '"')
    if opened < 0 or any(ch in left[opened + 1 :] for ch in _CLOSE_QUOTES):
        return False
    right = text[end : end + _SHORT_QUOTE]
    return any(ch in right for ch in _CLOSE_QUOTES if ch != '"')


def _next_to_plus(text: str, q: Quantity) -> bool:
    """'1+467', '1+N': numbered formulas are names."""
    return text[q.start - 1 : q.start] == "+" or text[q.end : q.end + 1] == "+"


def _unit_followed_by_name(text: str, q: Quantity) -> bool:
    after = text[q.end : q.end + 5]
    if q.unit == "条" and after.startswith(V.POLICY_NAME_AFTER):
        return not (after.startswith(("措施", "举措", "政策", "意见")) and _issued(text, q.start))
    if q.unit == "次" and after.startswith(V.MEETING_AFTER):
        return True
    if after[:1] in V.CATEGORY_UNITS or after.startswith(tuple(V.CATEGORY_UNITS)):
        return q.unit in {"大", "个", "项"}
    if q.unit == "个" and after[:1] == "一":       # "六个一"
        return True
    if q.unit == "部" and after[:1] == "分":       # "三部分"
        return True
    if q.unit in {"位", "种"} and text.startswith("数", q.end):     # "6位数": digits, not people
        return True
    if q.unit == "方" and after[:1] in V.NOT_CUBIC_AFTER_FANG:      # "3方面", "5方协议": 方 is no volume
        return True
    if q.unit == "对" and after[:1] in V.NOT_PAIRS_AFTER_DUI:       # "100对接", "5对口": no pairs
        return True
    return text[q.start - 1 : q.start] == "第"      # "第十四个五年规划"


def _issued(text: str, start: int) -> bool:
    """'出台稳经济15条措施': measures counted as issued, not a package's name."""
    clause = re.split(r"[，。；、,;：:]", text[max(0, start - 24) : start])[-1]
    if clause.rfind("《") > clause.rfind("》"):
        return False          # "出台《支持…发展的十条措施》": a titled document
    return any(verb in clause for verb in V.ISSUING_VERBS) and not clause.endswith(("“", "‘"))


def _small_chinese_count_without_object(text: str, q: Quantity) -> bool:
    """'四个引领', '七项重点', '两次': small Chinese counts name slogans unless a concrete object follows."""
    if not q.chinese or q.implied_unit:
        return False
    if q.value < 2 or q.unit in V.CHINESE_NEVER_UNITS:
        return True            # "一个", "一批", "二期": never a tracked quantity
    if q.unit in V.WEAK_UNITS and text.startswith(V.SLOGAN_AFTER_COUNT, q.end):
        return True            # "十个持续推进", "三个坚持": a slogan's list
    if q.unit not in V.WEAK_UNITS or (q.value >= 10 and q.unit != "大"):
        return False
    if q.unit in V.ACTION_COUNT_UNITS and _action_follows(text, q.end):
        return False           # "两次降低存款准备金率", "两轮集中排查": counts of government actions
    return not _concrete_object_follows(text, q.end, far=q.unit in {"个", "项"})


def _action_follows(text: str, end: int) -> bool:
    for adverb in ("", *V.ACTION_ADVERBS):
        if text.startswith(adverb, end) and text.startswith(V.ACTIONS_COUNTED, end + len(adverb)):
            return True
    return False


def _concrete_object_follows(text: str, end: int, far: bool = False) -> bool:
    window = re.split(r"[，。；、,;：:“”（）()]|从(?!业)|把|被", text[end : end + 8], maxsplit=1)[0]   # "八个专班从…"
    if any(noun in window for noun in V.CONCRETE_NOUNS):
        return True
    if not far:
        return False
    window = re.split(r"[，。；、,;：:“”（）()等]", text[end : end + 16], maxsplit=1)[0]
    if window.startswith(V.NAMED_AFTER_COUNT):
        return False          # "八项规定精神…成果": the count names a rule set
    return any(noun in window for noun in V.FAR_CONCRETE_NOUNS)


def _is_big_grouping(text: str, q: Quantity) -> bool:
    """'三大新兴产业', '依托三大片区' group categories; '升级十大科学实验室' counts things acted upon."""
    if q.unit != "大":
        return False
    before = text[max(0, q.start - 6) : q.start]
    acted_on = any(verb in before for verb in V.BIG_COUNT_VERBS) and "等" not in before
    return not (acted_on and _concrete_object_follows(text, q.end))
