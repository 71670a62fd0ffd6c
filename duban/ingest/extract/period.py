"""The report's year, and the period each quantity refers to.

Periods are written "YYYY", "YYYY-H1" or "YYYY-YYYY" (GUIDELINE.md). Relative words (今年, 去年,
上半年, "十四五", 过去五年, 2012年以来) are resolved against the report's year.
"""

import re
from collections import Counter

_CN_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_FIVE_YEAR_PLANS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026, "十六五": 2031}

# The date line of a delivered report: "——2021年3月5日在第十三届全国人民代表大会第四次会议上".
_DELIVERY_RE = re.compile(r"((?:19|20)\d\d)年\d{1,2}月\d{1,2}日[^\n。]{0,12}(?:在|大会|会议)")
# "2023年工作回顾", "2019年和今年以来工作回顾" (a heading, so nothing but a short phrase between).
_REVIEW_YEAR_RE = re.compile(r"((?:19|20)\d\d)年(?:[^，。；\n]{0,8}?)工作回顾|过去一年")
_YEAR_RE = re.compile(r"(?<![0-9])((?:19|20)\d\d)(?=年)")
_AIMED_YEAR_BEFORE = ("到", "至", "于", "—", "-", "~")
_BASE_YEAR_BEFORE = ("从", "由", "比", "较", "自")    # "从2012年的558.5亿元": a starting point, not the report's time

PERIOD_CUE_RE = re.compile(
    r"(?P<titlespan>[（(](?:19|20)\d\d年?[-—～~至到](?:19|20)\d\d年?[）)])"
    r"|(?P<since>(?:19|20)\d\d)年(?:以来|至今)"
    # a span in brackets is a plan's title: "《…规划（2021—2025年）》" dates nothing after it
    r"|(?P<span1>(?:19|20)\d\d)(?<![（(]\d\d\d\d)(?:年)?[-—～~至到](?P<span2>(?:19|20)\d\d)年"
    r"|(?P<by>到|至)(?P<byyear>(?:19|20)\d\d)年"
    r"|(?<![较比])(?P<year>(?:19|20)\d\d)年(?:度)?(?P<yearh1>上半年)?"      # not the base: "较2020年增加36天"
    r"|(?P<plan>十[一二三四五六]五)"
    r"|(?P<thisnext>今明两年)"      # this year and the next
    r"|(?P<thisyear>今年|本年)(?P<thish1>上半年)?"
    # "去年出台的…政策" dates the policy, not the amount after it
    r"|(?<![比较])(?P<lastyear>去年|上年|上一年)(?!度?(?:结转|续建|未完|遗留))(?![^，。；]{0,2}?(?:出台|制定|推出|印发|发布|部署)的)"
    r"(?P<lasth1>上半年)?"
    r"|(?P<h1>上半年|前两季度|半年)"
    r"|(?P<nextyear>明年)"
    r"|(?P<past>过去|这|近(?<!历时近)(?<!用时近)(?<!耗时近)(?<!历经近)(?<!时间近)(?!(?:[一二两三四五六七八九十]|\d+)年的))(?P<pastn>[一二两三四五六七八九十]|\d+)年"   # not "历时近8年"
    r"|(?P<yearsago>[一二两三四五六七八九十]|\d+)年(?:以)?来"
    r"|(?P<ahead>[一二两三四五六七八九十]|\d+)年(?=(?:内|形成|建成|实现|达到|时间))"
    r"|(?P<future>今后|未来)(?P<futuren>[一二两三四五六七八九十]|\d+)年"
    r"|(?P<ago>[一二两三四五六七八九十]|\d+)年前"
    r"|(?P<now>目前|(?<![表体出])现在|如今)"   # not "主要表现在，…"
)


def infer_year(text: str) -> int | None:
    """The year the report was written, from its date line, its review heading or its year mentions."""
    head = text[:3000]
    if match := _DELIVERY_RE.search(head):
        return int(match.group(1))
    if (match := _REVIEW_YEAR_RE.search(text)) and match.group(1):
        return int(match.group(1)) + 1
    return _most_mentioned_year(text)


def _most_mentioned_year(text: str) -> int | None:
    """The most frequent year that is neither an aim ("到2035年") nor a starting point ("从2012年的…");
    ties go to the later year. A level reached "至2021年的108.5亿元" does count."""
    counts: Counter[int] = Counter()
    for match in _YEAR_RE.finditer(text):
        before = text[max(0, match.start() - 1) : match.start()]
        reached = before in ("到", "至") and text.startswith("年的", match.end())
        if before in _BASE_YEAR_BEFORE or (before in _AIMED_YEAR_BEFORE and not reached):
            continue
        counts[int(match.group(1))] += 1
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


def _small_number(text: str) -> int:
    return int(text) if text.isdigit() else _CN_DIGIT[text]


def period_from_cue(match: re.Match, year: int, review_year: int) -> str:
    """The period a cue word names, resolved against the report's year."""
    g = match.groupdict()
    if g["titlespan"]:
        return "-".join(re.findall(r"(?:19|20)\d\d", g["titlespan"]))
    if g["since"]:
        return f"{g['since']}-{review_year}"
    if g["span1"]:
        return f"{g['span1']}-{g['span2']}"
    if g["by"]:
        return g["byyear"]
    if g["year"]:
        return f"{g['year']}-H1" if g["yearh1"] else g["year"]
    if g["plan"]:
        first = _FIVE_YEAR_PLANS[g["plan"]]
        return f"{first}-{first + 4}"
    if g["thisnext"]:
        return f"{year}-{year + 1}"
    if g["thisyear"]:
        return f"{year}-H1" if g["thish1"] else str(year)
    if g["lastyear"]:
        return f"{year - 1}-H1" if g["lasth1"] else str(year - 1)
    if g["h1"]:
        return f"{review_year if review_year == year else year}-H1"
    if g["nextyear"]:
        return str(year + 1)
    if g["past"]:
        n = _small_number(g["pastn"])
        return f"{review_year - n + 1}-{review_year}" if n > 1 else str(review_year)   # "过去一年"
    if g["yearsago"]:
        n = _small_number(g["yearsago"])
        return f"{review_year - n + 1}-{review_year}" if n > 1 else str(review_year)
    if g["ahead"]:
        return f"{year}-{year + _small_number(g['ahead'])}"
    if g["ago"]:
        return str(year - _small_number(g["ago"]))
    if g["now"]:
        return str(year)
    n = _small_number(g["futuren"])
    return f"{year}-{year + n - 1}"


# A five-year plan dates what follows only as a time frame ("“十四五”时期，", "“十四五”以来"), not as the
# name of a programme ("实施“十四五”规划，全年新增…").
_FRAMES_SPAN_RE = re.compile(r"[”\"’]?(?:时期|期间|以来|规划期|[，,]|这五年|五年)")
# "由2020年的1.8%提升至2.6%": the base year dates the base only.
_BASE_YEAR_RE = re.compile("[从由][“\"‘]?$")
_PLAN_END_RE = re.compile("[”\"’]?末")
_COMPARED_RE = re.compile("[比较][“\"‘]?$")
_REACHED_RE = re.compile(r"的[^，；。]*?(?:提升|提高|增加|增长|扩大|下降|降低|减少|缩小|上升)?(?:至|到)")


# "是“十二五”时期的1.5倍": a span after 是/为/相当于 is the base of a comparison, it dates nothing.
_COMPARED_SPAN_BEFORE_RE = re.compile(r"(?:是|为|相当于|超过|高于|低于)[“\"‘]?$")


def compares_span(text: str, match: re.Match) -> bool:
    """A five-year plan named as the base of a comparison ("是“十二五”时期的1.5倍")."""
    return bool(match.group("plan")) and bool(_COMPARED_SPAN_BEFORE_RE.search(text, max(0, match.start() - 4), match.start()))


def nearest_period(text: str, start: int, end: int, year: int, review_year: int) -> str | None:
    """The period named by the last cue in ``text[start:end]`` that dates the number at ``end``, or None."""
    last, plan_end = None, False
    for match in PERIOD_CUE_RE.finditer(text, start, end):
        ends = bool(match.group("plan")) and bool(_PLAN_END_RE.match(text, match.end()))
        if ends and _COMPARED_RE.search(text, max(start, match.start() - 3), match.start()):
            continue              # "比“十二五”末增长5.3个百分点": the base of a change, not its period
        if match.group("titlespan") or match.group("plan") and not ends and not _FRAMES_SPAN_RE.match(text, match.end()):
            continue
        if compares_span(text, match):
            continue
        if (match.group("year") or ends) and _BASE_YEAR_RE.search(text, start, match.start() - ends) and \
                _REACHED_RE.match(text, _PLAN_END_RE.match(text, match.end()).end() if ends else match.end(), end):
            continue              # "由2020年的1.8%提升至2.6%", "由“十二五”末的29.1亿元增长到50.1亿元"
        last, plan_end = match, ends
    if last is not None and plan_end:
        return str(_FIVE_YEAR_PLANS[last.group("plan")] + 4)          # "“十四五”末": its last year
    return period_from_cue(last, year, review_year) if last else None
