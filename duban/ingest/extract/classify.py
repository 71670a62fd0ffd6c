"""Classify a quantity from the words around it: aspect, kind, qualifier and direction.

Each function looks at a short piece of text (the clause before the number, the sentence) and returns
one label; the pipeline decides which piece to pass.
"""

import re

from . import structure
from . import vocabulary as V

LEVEL, CHANGE, SHARE, RANK = "level", "change", "share", "rank"
TARGET, ACTUAL = "target", "actual"

# Words that contain a cue but are nouns: 增加值 (value added), 增长点, 主要/重要/需要 ...
_MASKED_WORDS = re.compile(r"增加值|增长点|增长极|主要|重要|需要|必要|要素|要求|只要|纲要|为目标|目标任务")
_CHANGE_RE = re.compile("|".join(sorted(V.CHANGE_CUES, key=len, reverse=True)))
_SHARE_RE = re.compile("|".join(sorted(V.SHARE_CUES, key=len, reverse=True)))
_DECLINE_RE = re.compile("|".join(V.DECLINE_CUES))

# Strong tense markers only: "完成", "实现" appear in plans ("完成…征收") and reviews alike.
# "285个计划新开工项目" is an attribute after a count, not a plan;
# "将" followed by its object and a verb of placing is the 把-construction, not the future ("将…分解到",
# "将…作为"); "计划" closing a clause is a programme's name ("实施企业上市倍增计划，"); "未来" is the future
# only before a span or a pause ("未来五年", "未来，"), not inside a name ("山东未来网络研究院"); "今年"
# alone is the coming year in a report written at its start ("今年…开工建设"), but not "今年以来", "今年上半年".
_BA_VERBS = r"作为|分解|分配|纳入|列入|引入|融入|转化为|摆在|放在|落实到"
_FUTURE_RE = re.compile(
    rf"将(?!其|[^，。；]{{0,30}}?(?:{_BA_VERBS}))|(?<!全年)(?<!年度)(?<!完成)(?<![个项批家])计划(?![，。；、”）」的]|$)|力争|确保|争取(?!到)|拟(?!定)|要(?![求素点])|今后|"
    r"未来(?=[一二两三四五六七八九十几\d]|[，,])|明年|到20\d\d年|"
    r"今年(?!以来|上半年|前|一季度|1|一至|年初|[，,]?(?:全[市区县省]|我[市区县省])?(?:已|累计|共))"
)
# Markers that a review also uses of what it did ("启动实施…三年行动", "目标"): they plan only outside a review.
_WEAK_FUTURE_RE = re.compile(r"启动|目标")
# "年均增长" reports a past span in a review but states a plan in a plan section ("“十五五”…年均增长5%左右").
_WEAK_PAST_RE = re.compile(r"年均增长")
_PAST_RE = re.compile(
    r"已(?!经?成为)(?![^，。；的]{1,6}的)|争取到|累计|上半年|前三季度|(?<![比较])(?:去年|上年)|过去|以来|一年来|年来|正在|荣获|获评|"
    r"被评为|被列入|实现了|完成了|建成了|达到了|取得了|十三五.{0,2}(?:时期|期间)|均位居|位居"
)


def mask_nouns(text: str) -> str:
    """Blank out nouns that look like cues, keeping offsets: "增加值" is not an increase."""
    return _MASKED_WORDS.sub(lambda m: "□" * len(m.group()), text)


def _last_match(pattern: re.Pattern, text: str, end: int | None = None) -> re.Match | None:
    """The last match of ``pattern`` in ``text`` that ends by ``end``."""
    last = None
    for match in pattern.finditer(text):
        if end is not None and match.end() > end:
            break
        last = match
    return last


def aspect_of(unit: str, is_rank: bool, left: str) -> str:
    """Level, change, share or rank, from the unit and the clause before the number."""
    if is_rank:
        return RANK
    left = mask_nouns(left)
    change = _last_match(_CHANGE_RE, left)
    share = _last_match(_SHARE_RE, left)
    if change and left[change.end() : change.end() + 1] in ("到", "至"):
        change = None                 # "城镇化率提高到66.2%" reaches a level
    if unit in V.PERCENT_UNITS or unit == "倍":
        if change and (not share or change.end() >= share.end()):
            return CHANGE
        return SHARE if unit != "个百分点" or share else CHANGE
    return CHANGE if _amount_changes(left, upgrade=unit not in V.RAISED_AMOUNT_UNITS) else LEVEL


_APPROXIMATELY_RE = re.compile(r"(?:约|近|超过|超|逾|达)$")


def _amount_changes(left: str, upgrade: bool = False) -> bool:
    """'增加1000元', '减少2万吨', '亩产提升10.1斤' are changes; '增长到50亿元', '新增3家' are levels, and so is a
    count, area or time upgraded (``upgrade``: "农房风貌提升26.4万户", "林分优化提升200万亩")."""
    tail = _APPROXIMATELY_RE.sub("", left)[-4:]      # "增加约1.5万亿元"
    change = _last_match(_CHANGE_RE, tail)
    if not change or change.end() < len(tail):
        return False                  # "增长到50亿元" reaches a level
    if upgrade and change.group() in {"提升", "上升"}:
        return False
    return change.group() in {"净增", "增长", "增加", "减少", "下降", "提高", "提升", "上升", "降低", "扩大", "缩小", "多",
                              "少"} and \
        not tail.endswith(("新增", "增至", "增到", "改造提升", "整治提升", "升级提升"))     # "管网改造提升60公里" upgrades


def is_decline(left: str) -> bool:
    """The change named just before the number goes down (下降, 减少...)."""
    left = mask_nouns(left)
    change = _last_match(_CHANGE_RE, left)
    return bool(change and _DECLINE_RE.fullmatch(change.group()))


def qualifier_of(inside: str, before: str, after: str, unit: str) -> str:
    """more_than / less_than / about from the words before, inside and after the number."""
    if inside:
        return inside
    after = _PER_UNIT_RE.sub("", after)           # "30万元/人左右"
    if unit == "倍" and after.startswith(("多", "余")):
        return "more_than"            # "增长2倍多"
    for word, label in V.QUALIFIER_AFTER.items():
        if after.startswith(word):
            return label
    for word in sorted(V.QUALIFIER_BEFORE, key=len, reverse=True):
        if before.endswith(word):
            if word in {"低于", "不足"} and unit == "个百分点":
                return ""              # "低于全市1.2个百分点" compares, it does not bound
            return V.QUALIFIER_BEFORE[word]
    if _AT_LEAST_RE.search(before):
        return "more_than"            # "至少引入1家", "不少于"
    return ""


_PER_UNIT_RE = re.compile(r"^/[人年户亩吨天月次台辆]")
_AT_LEAST_RE = re.compile(r"至少[\u4e00-\u9fff]{0,3}$")


_QUOTED_NAME_RE = re.compile(r"[“‘《「][^”’》」]{1,24}[”’》」]")


def mask_names(text: str) -> str:
    """Blank out quoted names and titles: "“…孵化计划”" plans nothing."""
    return _QUOTED_NAME_RE.sub(lambda m: "□" * len(m.group()), text)


def tense_of(text: str, in_review: bool = False, in_plan: bool = False, after: str = "") -> str | None:
    """Target or actual from the last strong tense marker in ``text``, or None; ``in_review`` (a review
    section) leaves out the markers a review uses of its own work (启动, 目标), ``in_plan`` (a plan
    section) the ones a plan uses of its aims (年均增长). ``after`` is the rest of the sentence: markers
    are looked for in ``text`` only, but may read on ("将2.8万亿元…资金纳入直达范围" is the 把-construction)."""
    end = len(text)
    text = mask_nouns(mask_names(text + after))
    future = _later(_last_match(_FUTURE_RE, text, end), None if in_review else _last_match(_WEAK_FUTURE_RE, text, end))
    past = _later(_last_match(_PAST_RE, text, end), None if in_plan else _last_match(_WEAK_PAST_RE, text, end))
    if not future and not past:
        return None
    if future and (not past or future.end() > past.end()):
        return TARGET
    return ACTUAL


def _later(a: re.Match | None, b: re.Match | None) -> re.Match | None:
    if a is None or (b is not None and b.end() > a.end()):
        return b
    return a


def tense_counts(text: str) -> tuple[int, int]:
    """How many future and past markers ``text`` holds."""
    text = mask_nouns(mask_names(text))
    return len(_FUTURE_RE.findall(text)) + len(_WEAK_FUTURE_RE.findall(text)), \
        len(_PAST_RE.findall(text)) + len(_WEAK_PAST_RE.findall(text))


def heading_mode(line: str, year: int | None = None) -> str | None:
    """The orientation a heading line gives its section (structure.py's weighted cues): 'actual' for a
    review ("一、2025年主要工作和…成就"), 'target' for a plan ("二、2024年工作谋划"), else None.
    Without the report's ``year`` only words count."""
    heading = structure.heading_of(line)
    if heading is None or "报告" in heading[1]:        # the title "…政府工作报告" is no heading
        return None
    return structure.orientation(heading[1], year)[0]
