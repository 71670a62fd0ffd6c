"""Pure helpers of the review step: where a span sits in the text, unit conversion, target suggestion.

No database access here: services and selectors call these with plain values, and tests call them alone.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

from rapidfuzz import fuzz, process

# ---------------------------------------------------------------------------------------------- text

_HEADING_RE = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百]+[部分章节篇]"
    r"|[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十]+[)）]"
    r"|[0-9]+[、．]"
    r")"
)
_FINAL_PUNCTUATION = "。；;！!？?，,：:、…"
SHORT_HEADING = 30
SHORT_CLAUSE = 4
_CLAUSE_BREAK = re.compile(r"[，,；;。！!？?\n]")


def is_heading(line: str) -> bool:
    """'一、2023年工作回顾', '（一）扩大有效投资' or a short line without final punctuation."""
    line = line.strip()
    if not line:
        return False
    if _HEADING_RE.match(line) and len(line) <= 60:
        return True
    return len(line) <= SHORT_HEADING and line[-1] not in _FINAL_PUNCTUATION


@dataclass(frozen=True)
class TextMap:
    """Line starts of a text, its paragraph numbers (1-based, blank lines not counted) and headings."""

    line_starts: list[int]
    paragraphs: list[int]
    headings: list[str]   # the heading in force at each line ('' before the first one)

    def line_of(self, offset: int) -> int:
        return max(bisect_right(self.line_starts, offset) - 1, 0)

    def paragraph_at(self, offset: int) -> int:
        return self.paragraphs[self.line_of(offset)] if self.paragraphs else 0

    def section_at(self, offset: int) -> str:
        return self.headings[self.line_of(offset)] if self.headings else ""


def map_text(text: str) -> TextMap:
    """Index ``text`` once so that many spans can be placed cheaply."""
    starts, paragraphs, headings = [], [], []
    offset, paragraph, heading = 0, 0, ""
    for line in text.split("\n"):
        if line.strip():
            paragraph += 1
            if is_heading(line):
                heading = line.strip()[:200]
        starts.append(offset)
        paragraphs.append(paragraph)
        headings.append(heading)
        offset += len(line) + 1
    return TextMap(starts, paragraphs, headings)


def clause_around(text: str, start: int, end: int, limit: int = 120) -> str:
    """The clause holding a span, between punctuation marks: '启动25条市政道路建设'."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
    left = breaks[-1] if breaks else 0
    right_match = _CLAUSE_BREAK.search(text, end)
    right = right_match.start() if right_match else len(text)
    if len(text[left:right].strip()) - (end - start) < SHORT_CLAUSE and len(breaks) >= 1 \
            and text[left - 1] not in "。！!？?\n":
        # "增长5.1%" says little alone: take the clause before it too.
        left = breaks[-2] if len(breaks) >= 2 else 0
    clause = text[left:right].strip()
    for prefix in ("力争", "确保", "计划", "全年", "预计"):
        if clause.startswith(prefix) and len(clause) > len(prefix) + 2:
            clause = clause[len(prefix):]
            break
    return clause[:limit]


def document_title(text: str, filename: str = "", year: int | None = None) -> str:
    """The first non-blank line when it is short, else the file name, else '<year>年工作报告'."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if first and len(first) <= 60:
        return first
    if filename and filename not in {"pasted.txt"}:
        return filename.rsplit(".", 1)[0][:200]
    return f"{year}年工作报告" if year else "工作报告"


def source_note(title: str, paragraph: int, clause: str) -> str:
    """The provenance written on every created record: '据2024年政府工作报告第5段：「启动25条市政道路建设」'."""
    return f"据{title}第{paragraph}段：「{clause}」"[:500]


# --------------------------------------------------------------------------------------------- units

UNIT_PREFIXES = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))
#: Units that are not converted whatever they start with (亿 is not a magnitude in them).
NO_PREFIX = {"%", "个百分点", "位", "名"}
MONEY_UNIT = "元"
#: The unit money is held in on tasks, sub-items and projects (see docs/ingest-review.md).
HOUSE_MONEY_UNIT = "万元"


class UnitMismatch(ValueError):
    """Two units measure different things."""


def split_unit(unit: str) -> tuple[Decimal, str]:
    """'亿元' -> (10^8, '元'), '万平方米' -> (10^4, '平方米'), '%' -> (1, '%')."""
    unit = unit.strip()
    if unit in NO_PREFIX:
        return Decimal(1), unit
    for prefix, factor in UNIT_PREFIXES:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return factor, unit[len(prefix):]
    return Decimal(1), unit


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """116170000000 元 in 亿元 -> 1161.7; 17600 人 in 万人 -> 1.76. Raises UnitMismatch."""
    from_factor, from_base = split_unit(from_unit)
    to_factor, to_base = split_unit(to_unit)
    if from_base != to_base:
        raise UnitMismatch(f"{from_unit} → {to_unit}")
    return tidy(value * from_factor / to_factor)


def tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros without scientific notation: 1161.70000 -> 1161.7, 1E+2 -> 100."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def house_value(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """A value as it is kept on tasks and sub-items: money in 万元, other units unchanged."""
    factor, base = split_unit(unit)
    if base == MONEY_UNIT:
        return convert(value, unit, HOUSE_MONEY_UNIT), HOUSE_MONEY_UNIT
    return tidy(value), unit


def display_unit(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """The unit a new indicator gets: 元 amounts from 1亿 in 亿元, from 1万 in 万元, else as they are."""
    factor, base = split_unit(unit)
    if base != MONEY_UNIT:
        return tidy(value), unit
    amount = value * factor
    for prefix, threshold in (("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4)):
        if abs(amount) >= threshold:
            return convert(value, unit, prefix + MONEY_UNIT), prefix + MONEY_UNIT
    return tidy(amount), MONEY_UNIT


# ------------------------------------------------------------------------------------------- targets


class Target:
    """What an accepted candidate becomes (values of ``Candidate.target``)."""

    TASK = "task"
    SUB_ITEM = "sub_item"
    INDICATOR_TARGET = "indicator_target"
    OBSERVATION = "observation"
    PROJECT_FACT = "project_fact"


#: Which kind of existing record each target links to.
LINK_KIND = {
    Target.TASK: "task",
    Target.SUB_ITEM: "livelihood_item",
    Target.INDICATOR_TARGET: "indicator",
    Target.OBSERVATION: "indicator",
    Target.PROJECT_FACT: "project",
}
#: A suggestion at least this similar is proposed as the link (shown on the row; accepting confirms it).
LINK_SCORE = 85
#: Below this a name is not offered at all.
SUGGEST_SCORE = 60


@dataclass(frozen=True)
class Suggestion:
    kind: str    # 'indicator' | 'task' | 'project' | 'livelihood_item'
    id: int
    name: str
    score: int

    def as_json(self) -> dict:
        return {"kind": self.kind, "id": self.id, "name": self.name, "score": self.score}


def similar(metric: str, names: dict[int, str], kind: str, limit: int = 3) -> list[Suggestion]:
    """Names most like ``metric`` (rapidfuzz WRatio, 0–100), best first."""
    if not metric or not names:
        return []
    found = process.extract(metric, names, scorer=fuzz.WRatio, limit=limit, score_cutoff=SUGGEST_SCORE)
    return [Suggestion(kind, key, name, round(score)) for name, score, key in found]


def suggest_target(*, kind: str, aspect: str, unit: str, best: dict[str, int]) -> str:
    """The record type a candidate most likely becomes.

    ``best`` holds the best similarity score per link kind. Actual figures become observations; stated
    rates, shares and ranks become indicator targets; a level target becomes an indicator target when it
    matches an indicator, a project fact when it is money matching a project, a livelihood sub-item when it
    matches a livelihood item, and a task otherwise.
    """
    if kind == "actual":
        return Target.OBSERVATION
    if aspect in {"change", "share", "rank"}:
        return Target.INDICATOR_TARGET
    strong = {k for k, score in best.items() if score >= LINK_SCORE}
    if "indicator" in strong:
        return Target.INDICATOR_TARGET
    if "project" in strong and split_unit(unit)[1] == MONEY_UNIT:
        return Target.PROJECT_FACT
    if "livelihood_item" in strong:
        return Target.SUB_ITEM
    return Target.TASK


def indicator_target_type(aspect: str) -> str:
    """Candidate aspect -> IndicatorTarget.target_type."""
    return {"change": "growth", "share": "share", "rank": "rank"}.get(aspect, "level")


def qualifier_choice(qualifier: str) -> str:
    """Extractor qualifier -> indicators.Qualifier value ('' when exact or unknown)."""
    return qualifier if qualifier in {"more_than", "less_than", "about"} else ""


_PERIOD_RE = re.compile(r"^(?P<year>\d{4})(?:-(?P<half>H[12])|-(?P<end>\d{4}))?$")


def observation_period(period: str) -> tuple[int, str, int] | None:
    """'2023' -> (2023, 'year', 1); '2024-H1' -> (2024, 'half', 1); spans and '' -> None."""
    match = _PERIOD_RE.match(period or "")
    if not match or match["end"]:
        return None
    if match["half"]:
        return int(match["year"]), "half", int(match["half"][1])
    return int(match["year"]), "year", 1
