"""Score extracted items against gold annotations written under the eval GUIDELINE.md.

Pure functions: the ``eval-extract`` command reads files and calls these.

- A gold item is located by its ``quote`` and ``occurrence`` (the n-th place the quote string starts,
  overlapping matches counted, so "5个" inside "55个" is occurrence 1).
- Detection: a predicted item matches a gold item when their spans overlap, the values are equal
  (sign ignored: duban writes a decline as a negative change, the guideline writes the magnitude) and the
  units are equal. Each item matches at most once.
- Strict: a detection match whose kind and aspect agree and whose metric has character F1 ≥ 0.5.
- Metric char-F1: the mean character-bag F1 of the metric names over the detection matches.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

STRICT_METRIC_F1 = 0.5


@dataclass(frozen=True)
class Span:
    """An item of either side, reduced to what scoring compares."""

    doc: str
    start: int
    end: int
    quote: str
    value: Decimal
    unit: str
    qualifier: str = ""
    metric: str = ""
    aspect: str = ""
    kind: str = ""
    period: str = ""


@dataclass
class Scores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    strict: int = 0
    agree: Counter = field(default_factory=Counter)      # field name -> matched pairs agreeing on it
    misses: list[Span] = field(default_factory=list)
    extras: list[Span] = field(default_factory=list)
    pairs: list[tuple[Span, Span]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def strict_f1(self) -> float:
        return _f1(_ratio(self.strict, self.predicted), _ratio(self.strict, self.gold))

    def accuracy(self, name: str) -> float:
        return _ratio(self.agree[name], self.matched)

    @property
    def metric_f1(self) -> float:
        """Mean character-bag F1 of the metric names over the detection matches."""
        return _ratio(sum(char_f1(g.metric, p.metric) for g, p in self.pairs), self.matched) if self.matched else 0.0

    def add(self, other: "Scores") -> "Scores":
        return Scores(
            self.gold + other.gold, self.predicted + other.predicted, self.matched + other.matched,
            self.strict + other.strict, self.agree + other.agree, self.misses + other.misses,
            self.extras + other.extras, self.pairs + other.pairs,
        )


class GoldError(ValueError):
    """A gold record cannot be located in its text."""


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def char_f1(a: str, b: str) -> float:
    """Character-bag F1 of two metric names, blanks ignored: '加装电梯' vs '既有住宅加装电梯' = 0.667."""
    ca, cb = Counter(a.replace(" ", "")), Counter(b.replace(" ", ""))
    common = sum((ca & cb).values())
    if not common:
        return 0.0
    return _f1(common / sum(ca.values()), common / sum(cb.values()))


def locate(text: str, quote: str, occurrence: int) -> int:
    """Start of the ``occurrence``-th (1-based, overlapping) appearance of ``quote`` in ``text``."""
    pos = -1
    for _ in range(occurrence):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            raise GoldError(f"quote {quote!r} occurrence {occurrence} not found")
    return pos


def gold_span(record: dict, text: str) -> Span:
    start = locate(text, record["quote"], int(record.get("occurrence", 1)))
    return _span(record, start, start + len(record["quote"]))


def predicted_span(record: dict) -> Span:
    return _span(record, record["start"], record["end"])


def _span(record: dict, start: int, end: int) -> Span:
    return Span(
        doc=record.get("doc", ""), start=start, end=end, quote=record.get("quote", ""),
        value=Decimal(str(record["value"])), unit=record.get("unit", ""),
        qualifier=record.get("qualifier", "") or "", metric=record.get("metric", "") or "",
        aspect=record.get("aspect", ""), kind=record.get("kind", ""), period=record.get("period", "") or "",
    )


def same_quantity(gold: Span, pred: Span) -> bool:
    overlap = min(gold.end, pred.end) - max(gold.start, pred.start)
    return overlap > 0 and abs(gold.value) == abs(pred.value) and gold.unit == pred.unit


def is_strict(gold: Span, pred: Span) -> bool:
    return gold.kind == pred.kind and gold.aspect == pred.aspect and \
        char_f1(gold.metric, pred.metric) >= STRICT_METRIC_F1


def score_document(gold: list[Span], predicted: list[Span]) -> Scores:
    """Match one document's items one-to-one (text order) and count."""
    scores = Scores(gold=len(gold), predicted=len(predicted))
    unused = list(predicted)
    for g in sorted(gold, key=lambda s: s.start):
        match = next((p for p in unused if same_quantity(g, p)), None)
        if match is None:
            scores.misses.append(g)
            continue
        unused.remove(match)
        scores.matched += 1
        scores.pairs.append((g, match))
        scores.strict += is_strict(g, match)
        for name in ("kind", "aspect", "period", "qualifier"):
            scores.agree[name] += getattr(g, name) == getattr(match, name)
    scores.extras = unused
    return scores


# --- inputs of the eval-extract command ------------------------------------------------------------

_YEAR_IN_NAME = re.compile(r"_((?:19|20)\d\d)\.[A-Za-z]+$")


def load_gold(paths: list[Path]) -> dict[str, list[dict]]:
    """Gold records by document name, from .jsonl files and folders of them.

    Each record also carries where it comes from, ``"_gold"`` (the file) and ``"_line"``, for messages.
    """
    files = [f for p in paths for f in (sorted(p.glob("*.jsonl")) if p.is_dir() else [p])]
    by_doc: dict[str, list[dict]] = {}
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise GoldError(f"{file}:{number}: not JSON ({exc.msg})") from exc
                record.update(_gold=str(file), _line=number)
                by_doc.setdefault(record["doc"], []).append(record)
    return by_doc


def parse_year_mapping(lines: list[str]) -> dict[str, int]:
    """'000=2021' lines (or '000 2021', '000: 2021'); '#' starts a comment. Key '*' applies to all."""
    mapping = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"(\S+?)\s*[=:\s]\s*(\d{4})", line)
        if not match:
            raise ValueError(f"not a 'name=YYYY' year line: {line!r}")
        mapping[match.group(1)] = int(match.group(2))
    return mapping


def year_for(doc: str, mapping: dict[str, int], from_name: bool) -> int | None:
    """The report year of ``doc``: by exact name, by name prefix ("000" for "000_9d41….txt"), from a
    "_YYYY.txt" name ending, from '*', else None (the extractor infers it)."""
    if doc in mapping:
        return mapping[doc]
    for key, year in mapping.items():
        if key != "*" and (doc.startswith(key + "_") or doc.startswith(key + ".")):
            return year
    if from_name and (match := _YEAR_IN_NAME.search(doc)):
        return int(match.group(1))
    return mapping.get("*")
