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
_MASKED_WORDS = re.compile(r"增加值|增长点|增长极|主要|重要|需要|必要|要素|要求|只要|纲要|为目标|目标任务|"
                           + "|".join(V.NOUNS_OPENING_WITH_VERB))
_CHANGE_RE = re.compile("|".join(sorted(V.CHANGE_CUES, key=len, reverse=True)))
_SHARE_RE = re.compile("|".join(sorted(V.SHARE_CUES, key=len, reverse=True)))
_DECLINE_RE = re.compile("|".join(V.DECLINE_CUES))

# Tense markers are data (vocabulary.TENSE_CUES): weight 2 is a strong marker that overrides the section a
# sentence stands in, weight 1 a weak one that counts only outside the section it contradicts.
_STRONG_FUTURE, _WEAK_FUTURE, _STRONG_PAST, _WEAK_PAST = (
    "|".join(f"(?:{c.pattern})" for c in V.TENSE_CUES if c.side == side and c.weight == weight)
    for side, weight in ((TARGET, 2), (TARGET, 1), (ACTUAL, 2), (ACTUAL, 1))
)
_FUTURE_RE = re.compile(_STRONG_FUTURE)
_WEAK_FUTURE_RE = re.compile(_WEAK_FUTURE)
_PAST_RE = re.compile(_STRONG_PAST)
_WEAK_PAST_RE = re.compile(_WEAK_PAST)


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
        if unit == "%" and not share and _LEVEL_NOUN_RE.search(left):
            return LEVEL              # "关税总水平由9.8%降至…": a level written in %, not a share of anything
        return SHARE if unit != "个百分点" or share else CHANGE
    if _CUT_OPENS_RE.search(left):
        return CHANGE                 # "全年压减燃煤消费量30万吨": the cut governs the whole phrase
    return CHANGE if _amount_changes(left, upgrade=unit not in V.RAISED_AMOUNT_UNITS) else LEVEL


# A cut opening the clause, a noun phrase and then the amount: "全年压减燃煤消费量30万吨".
# 增加/减少 opening the clause likewise: "增加城市建设资本金500亿元" adds that much (not "增加到…").
_CUT_OPENS_RE = re.compile(r"(?:^|[，、；,;\n])(?:全年|今年|累计|共|全市|全省|全县|全区)?(?:压减|压降|缩减|压缩|增加|减少)"
                           r"[^\d，、；,;到至]{2,14}$")


_LEVEL_NOUN_RE = re.compile(r"水平(?:[由从]|(?:降|提高|提升|下降|上升|调整)?(?:至|到|为)|[由从][\d.]+%?(?:降|提高|提升|下降|上升)?(?:至|到))?$")
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
                              "少", "压减", "压降", "缩减", "削减", "压缩"} and \
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
            if word == "约" and before.endswith(V.NOT_ABOUT_YUE):
                continue
            if word in {"低于", "不足", "高于"} and unit == "个百分点":
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


def tense_counts(text: str, strong_only: bool = False) -> tuple[int, int]:
    """How many future and past markers ``text`` holds; ``strong_only``: future markers of weight 2 only."""
    text = mask_nouns(mask_names(text))
    future = len(_FUTURE_RE.findall(text)) + (0 if strong_only else len(_WEAK_FUTURE_RE.findall(text)))
    return future, len(_PAST_RE.findall(text)) + len(_WEAK_PAST_RE.findall(text))


def heading_mode(line: str, year: int | None = None) -> str | None:
    """The orientation a heading line gives its section (structure.py's weighted cues): 'actual' for a
    review ("一、2025年主要工作和…成就"), 'target' for a plan ("二、2024年工作谋划"), else None.
    Without the report's ``year`` only words count."""
    heading = structure.heading_of(line)
    if heading is None or "报告" in heading[1]:        # the title "…政府工作报告" is no heading
        return None
    return structure.orientation(heading[1], year)[0]
