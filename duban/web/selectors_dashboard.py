"""Reads of the dashboard besides the statuses: orders, the latest ranking, oversight, indicator series.

Each is a fixed number of queries whatever the district's size.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q

from duban.indicators.models import IndicatorTarget, Observation, PeriodType, TargetType
from duban.org.models import Leader, Organisation
from duban.tracking.models import (
    OPEN_ORDER_STATES,
    Evaluation,
    EvaluationState,
    EvaluationSubject,
    Problem,
    ProblemState,
    SupervisionOrder,
)

from .dashboard import OrderCounts


def order_counts(district: Organisation, on_date: date) -> OrderCounts:
    """Open supervision orders of the district and those past their deadline on ``on_date``."""
    row = SupervisionOrder.objects.filter(district=district, state__in=OPEN_ORDER_STATES).aggregate(
        open=Count("id"), overdue=Count("id", filter=Q(deadline__lt=on_date)))
    return OrderCounts(open=row["open"], overdue=row["overdue"])


def problem_counts(district: Organisation, on_date: date) -> OrderCounts:
    """Open problems of the district's problem list (问题清单) and those past their deadline on ``on_date``."""
    row = Problem.objects.filter(district=district, state=ProblemState.OPEN).aggregate(
        open=Count("id"), overdue=Count("id", filter=Q(deadline__lt=on_date)))
    return OrderCounts(open=row["open"], overdue=row["overdue"])


def latest_ranking(district: Organisation, year: int) -> tuple[Evaluation | None, list]:
    """The newest published ranking of the district's units up to ``year``, with its first ten scores."""
    evaluation = (Evaluation.objects.filter(scope=district, subject=EvaluationSubject.UNITS,
                                            state=EvaluationState.PUBLISHED, year__lte=year)
                  .select_related("rubric").order_by("-year", "-as_of").first())
    if evaluation is None:
        return None, []
    return evaluation, list(evaluation.scores.select_related("organisation").order_by("rank")[:10])


def overseen_units(user) -> tuple[Leader | None, frozenset[int]]:
    """The leader record of the user and the units they oversee (分管), if the user is a leader."""
    leader = Leader.objects.filter(user_id=user.pk).first() if user.is_authenticated else None
    if leader is None:
        return None, frozenset()
    return leader, frozenset(leader.oversees.values_list("pk", flat=True))


@dataclass(frozen=True)
class IndicatorSeries:
    indicator_id: int
    name: str
    measure: str                    # "%" for growth targets, else the indicator's unit
    years: list[int]
    actual: list[Decimal | None]
    target: list[Decimal | None]


def indicator_series(district: Organisation, year: int) -> list[IndicatorSeries]:
    """Indicators with a target this year: yearly published figures (growth or level) and targets, by year."""
    targets = list(IndicatorTarget.objects.filter(organisation=district, year__lte=year,
                                                  target_type__in=(TargetType.GROWTH, TargetType.LEVEL))
                   .values_list("indicator_id", "indicator__name", "indicator__unit", "year", "target_type", "value"))
    current = {(i, t) for i, _n, _u, y, t, _v in targets if y == year}
    wanted = {i for i, _t in current}
    observed = (Observation.objects.latest_revisions()
                .filter(organisation=district, indicator_id__in=wanted, period_type=PeriodType.YEAR, year__lte=year)
                .values_list("indicator_id", "year", "level", "growth"))
    by_indicator: dict[int, dict] = {}
    for ind, name, unit, y, ttype, value in targets:
        if (ind, ttype) in current:
            entry = by_indicator.setdefault(ind, {"name": name, "unit": unit, "type": ttype, "actual": {}, "target": {}})
            if ttype == entry["type"]:
                entry["target"][y] = value
    for ind, y, level, growth in observed:
        entry = by_indicator.get(ind)
        if entry is not None:
            entry["actual"][y] = growth if entry["type"] == TargetType.GROWTH else level
    out = []
    for ind, e in sorted(by_indicator.items(), key=lambda kv: kv[1]["name"]):
        years = sorted(set(e["actual"]) | set(e["target"]))
        out.append(IndicatorSeries(ind, e["name"], "%" if e["type"] == TargetType.GROWTH else e["unit"], years,
                                   [e["actual"].get(y) for y in years], [e["target"].get(y) for y in years]))
    return out
