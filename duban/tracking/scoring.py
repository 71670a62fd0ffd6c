"""Scoring rubrics (考核细则), kept pure: figures per organisation in, scores with their breakdown out.

A rubric's config is JSON::

    {"items": [
        {"code": "completion", "label": "年度完成率", "kind": "per_point", "metric": "completion_pct",
         "points_per_pp": "0.1", "max": "10"},
        {"code": "pace", "label": "时序进度", "kind": "bands", "metric": "gap_pp",
         "bands": [{"from": "0", "points": "10"}, {"from": "-10", "points": "6"}], "else": "0"},
        {"code": "rank", "label": "完成率排名", "kind": "rank_table", "metric": "completion_pct",
         "table": [{"from": 1, "to": 3, "points": "7"}, {"from": 4, "to": 6, "points": "5"}], "else": "3"},
        {"code": "onsite", "label": "现场评议", "kind": "manual", "weight": "0.3", "max": "100"},
        {"code": "red", "label": "红灯事项", "kind": "per_count", "metric": "red_count", "points_each": "-1", "min": "-5"}
     ],
     "bonus_max": "5", "deduction_max": "10"}

Kinds: ``per_point`` (points per percentage point, clamped to min/max), ``bands`` (the first band whose
``from`` the figure reaches), ``rank_table`` (rank among the subjects by the figure, higher first, to
points), ``manual`` (a score entered by hand × weight), ``per_count`` (points for each counted thing).
Bonuses add and deductions subtract, each capped. Ties share a rank (1, 1, 3).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .rules import q2

KINDS = {"per_point", "bands", "rank_table", "manual", "per_count"}


@dataclass(frozen=True)
class Subject:
    org_id: int
    name: str
    metrics: dict[str, Decimal | None]
    manual: dict[str, Decimal] = field(default_factory=dict)
    bonuses: tuple[tuple[Decimal, str], ...] = ()
    deductions: tuple[tuple[Decimal, str], ...] = ()


@dataclass(frozen=True)
class ScoreLine:
    code: str
    label: str
    figure: Decimal | None
    points: Decimal
    explanation: str


@dataclass(frozen=True)
class Scored:
    org_id: int
    name: str
    total: Decimal
    rank: int
    lines: tuple[ScoreLine, ...]


def _d(value: Any, default: str | None = None) -> Decimal | None:
    if value is None or value == "":
        return None if default is None else Decimal(default)
    return Decimal(str(value))


def _n(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = f"{q2(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def validate_rubric(config: dict) -> None:
    """Raise ValueError for a rubric that cannot be applied."""
    items = config.get("items")
    if not isinstance(items, list) or not items:
        raise ValueError("a rubric needs a non-empty list of items")
    codes = [item.get("code") for item in items]
    if len(set(codes)) != len(codes) or not all(codes):
        raise ValueError("every rubric item needs a unique code")
    for item in items:
        if item.get("kind") not in KINDS:
            raise ValueError(f"unknown rubric item kind: {item.get('kind')!r}")
        if item["kind"] in {"per_point", "bands", "rank_table", "per_count"} and not item.get("metric"):
            raise ValueError(f"rubric item {item['code']} needs a metric")


def _clamp(points: Decimal, item: dict) -> Decimal:
    low, high = _d(item.get("min")), _d(item.get("max"))
    if low is not None:
        points = max(points, low)
    if high is not None:
        points = min(points, high)
    return points


def _per_point(item: dict, figure: Decimal | None) -> tuple[Decimal, str]:
    if figure is None:
        return Decimal(0), _no_data(Decimal(0))
    rate = _d(item.get("points_per_pp"), "1")
    base = _d(item.get("base"), "0")
    raw = base + figure * rate
    points = _clamp(raw, item)
    values = {"figure": _n(figure), "rate": _n(rate), "base": _n(base), "raw": _n(raw)}
    text = (_("%(figure)s × %(rate)s points/pp + %(base)s = %(raw)s points") if base
            else _("%(figure)s × %(rate)s points/pp = %(raw)s points")) % values
    return points, text + (_capped(points) if points != raw else "")


def _bands(item: dict, figure: Decimal | None) -> tuple[Decimal, str]:
    otherwise = _d(item.get("else"), "0")
    if figure is None:
        return otherwise, _no_data(otherwise)
    for band in item.get("bands", []):
        start = _d(band["from"])
        if figure >= start:
            points = _d(band["points"])
            return points, _("%(figure)s ≥ %(start)s: %(points)s points") % {
                "figure": _n(figure), "start": _n(start), "points": _n(points)}
    return otherwise, _("%(figure)s is below every band: %(points)s points") % {"figure": _n(figure), "points": _n(otherwise)}


def _rank_points(item: dict, rank: int | None, figure: Decimal | None) -> tuple[Decimal, str]:
    otherwise = _d(item.get("else"), "0")
    if rank is None:
        return otherwise, _no_data(otherwise)
    for row in item.get("table", []):
        if int(row["from"]) <= rank <= int(row["to"]):
            points = _d(row["points"])
            return points, _("%(figure)s, ranked %(rank)s (places %(first)s–%(last)s): %(points)s points") % {
                "figure": _n(figure), "rank": rank, "first": row["from"], "last": row["to"], "points": _n(points)}
    return otherwise, _("%(figure)s, ranked %(rank)s: %(points)s points") % {
        "figure": _n(figure), "rank": rank, "points": _n(otherwise)}


def _manual(item: dict, score: Decimal | None) -> tuple[Decimal, str]:
    weight = _d(item.get("weight"), "1")
    if score is None:
        return Decimal(0), _("No score entered: 0 points")
    high = _d(item.get("max"))
    if high is not None and score > high:
        score = high
    points = score * weight
    return points, _("Score %(score)s × weight %(weight)s = %(points)s points") % {
        "score": _n(score), "weight": _n(weight), "points": _n(points)}


def _per_count(item: dict, figure: Decimal | None) -> tuple[Decimal, str]:
    count = figure or Decimal(0)
    each = _d(item.get("points_each"), "1")
    raw = count * each
    points = _clamp(raw, item)
    text = _("%(count)s items × %(each)s points = %(raw)s points") % {"count": _n(count), "each": _n(each), "raw": _n(raw)}
    return points, text + (_capped(points) if points != raw else "")


def _no_data(points: Decimal) -> str:
    return _("No data: %(points)s points") % {"points": _n(points)}


def _capped(points: Decimal) -> str:
    return _(", %(points)s points within the limits") % {"points": _n(points)}


def competition_ranks(values: dict[int, Decimal | None]) -> dict[int, int | None]:
    """Rank by value, highest first; ties share a rank (1, 1, 3); no value → no rank."""
    ordered = sorted((v, k) for k, v in values.items() if v is not None)
    ordered.sort(key=lambda pair: pair[0], reverse=True)
    ranks: dict[int, int | None] = {k: None for k, v in values.items() if v is None}
    previous, previous_rank = None, 0
    for position, (value, key) in enumerate(ordered, start=1):
        rank = previous_rank if value == previous else position
        ranks[key] = rank
        previous, previous_rank = value, rank
    return ranks


def _adjustments(subject: Subject, config: dict) -> list[ScoreLine]:
    lines = []
    for kind, entries, cap_key, sign, label in (
        ("bonus", subject.bonuses, "bonus_max", 1, _("Bonus")),
        ("deduction", subject.deductions, "deduction_max", -1, _("Deduction")),
    ):
        if not entries:
            continue
        raw = sum((abs(p) for p, _reason in entries), Decimal(0))
        cap = _d(config.get(cap_key))
        capped = min(raw, cap) if cap is not None else raw
        reasons = _("; ").join(_("%(reason)s (%(points)s points)") % {"reason": r, "points": _n(abs(p))} for p, r in entries)
        text = reasons + (_(", at most %(cap)s points") % {"cap": _n(cap)} if cap is not None and capped != raw else "")
        lines.append(ScoreLine(kind, label, None, sign * capped, text))
    return lines


def score_subjects(subjects: list[Subject], config: dict) -> list[Scored]:
    """Score every subject by the rubric and rank them by total (ties share a rank)."""
    validate_rubric(config)
    rank_tables = {
        item["code"]: competition_ranks({s.org_id: s.metrics.get(item["metric"]) for s in subjects})
        for item in config["items"] if item["kind"] == "rank_table"
    }
    scored_lines = {}
    for subject in subjects:
        lines = [_score_item(item, subject, rank_tables) for item in config["items"]]
        lines += _adjustments(subject, config)
        scored_lines[subject.org_id] = lines
    totals = {oid: q2(sum((line.points for line in lines), Decimal(0))) for oid, lines in scored_lines.items()}
    ranks = competition_ranks(totals)
    result = [
        Scored(s.org_id, s.name, totals[s.org_id], ranks[s.org_id], tuple(scored_lines[s.org_id])) for s in subjects
    ]
    return sorted(result, key=lambda r: (r.rank, r.name))


def _score_item(item: dict, subject: Subject, rank_tables: dict) -> ScoreLine:
    kind, code = item["kind"], item["code"]
    label = item.get("label", code)
    if kind == "manual":
        figure = subject.manual.get(code)
        points, text = _manual(item, figure)
    elif kind == "rank_table":
        figure = subject.metrics.get(item["metric"])
        points, text = _rank_points(item, rank_tables[code][subject.org_id], figure)
    else:
        figure = subject.metrics.get(item["metric"])
        points, text = {"per_point": _per_point, "bands": _bands, "per_count": _per_count}[kind](item, figure)
    return ScoreLine(code, label, figure, q2(points), text)


DEFAULT_HALF_YEAR_RUBRIC = {
    "items": [
        {"code": "completion", "label": "上半年完成率", "kind": "per_point", "metric": "completion_pct",
         "points_per_pp": "0.4", "max": "40", "min": "0"},
        {"code": "pace", "label": "时序进度", "kind": "bands", "metric": "gap_pp",
         "bands": [{"from": "0", "points": "20"}, {"from": "-10", "points": "14"}, {"from": "-30", "points": "6"}],
         "else": "0"},
        {"code": "rank", "label": "完成率排名", "kind": "rank_table", "metric": "completion_pct",
         "table": [{"from": 1, "to": 3, "points": "7"}, {"from": 4, "to": 6, "points": "5"},
                   {"from": 7, "to": 10, "points": "3"}], "else": "1"},
        {"code": "double_half", "label": "双过半", "kind": "bands", "metric": "double_half_rate",
         "bands": [{"from": "100", "points": "10"}, {"from": "80", "points": "7"}, {"from": "50", "points": "4"}],
         "else": "0"},
        {"code": "onsite", "label": "现场评议", "kind": "manual", "weight": "0.2", "max": "100"},
        {"code": "red", "label": "红灯事项", "kind": "per_count", "metric": "red_count", "points_each": "-1", "min": "-5"},
    ],
    "bonus_max": "5", "deduction_max": "10",
}

DEFAULT_ANNUAL_RUBRIC = {
    "items": [
        {"code": "completion", "label": "年度完成率", "kind": "per_point", "metric": "completion_pct",
         "points_per_pp": "0.5", "max": "50", "min": "0"},
        {"code": "rank", "label": "完成率排名", "kind": "rank_table", "metric": "completion_pct",
         "table": [{"from": 1, "to": 3, "points": "10"}, {"from": 4, "to": 6, "points": "7"},
                   {"from": 7, "to": 10, "points": "4"}], "else": "2"},
        {"code": "reports", "label": "按时填报率", "kind": "per_point", "metric": "on_time_rate",
         "points_per_pp": "0.1", "max": "10", "min": "0"},
        {"code": "onsite", "label": "现场评议", "kind": "manual", "weight": "0.3", "max": "100"},
        {"code": "red", "label": "红灯事项", "kind": "per_count", "metric": "red_count", "points_each": "-1", "min": "-5"},
    ],
    "bonus_max": "5", "deduction_max": "10",
}
