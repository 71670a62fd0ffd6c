"""The leaders' dashboard (驾驶舱): pure functions from a district's statuses to cards, rows and chart data.

Everything here reads the statuses that :func:`duban.tracking.status.district_status` computed, so the
dashboard's totals are the status list's totals for the same district and date. Every card, row and chart
element carries the link of the filtered status list behind it (``base`` is that list's URL with district,
year and date; filters are appended with their plain parameter names).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from duban.core.numbers import format_percent, format_points, format_wanyuan_in, wanyuan_scale
from duban.projects.models import ProjectLevel, Stage
from duban.tracking import rules
from duban.tracking.models import ItemType, Light
from duban.tracking.status import ItemStatus, NodeRollup, TrackingConfig

#: Lights in the order a leader reads them: the bad news first.
LIGHT_ORDER = (Light.RED, Light.YELLOW, Light.GREEN, Light.DONE, Light.NOT_STARTED, Light.NO_DATA)
OFF_TRACK = (Light.RED, Light.YELLOW)
ON_TRACK = (Light.GREEN, Light.DONE)
INVESTMENT_GROUPS = ("category", "area", "level", "unit")


def drill(base: str, **filters) -> str:
    """The status list's URL ``base`` narrowed by ``filters`` (empty values left out)."""
    query = urlencode({k: v for k, v in filters.items() if v not in (None, "")})
    if not query:
        return base
    return f"{base}{'&' if '?' in base else '?'}{query}"


def _projects(statuses: list[ItemStatus]) -> list[ItemStatus]:
    return [s for s in statuses if s.item.type == ItemType.PROJECT_YEAR]


def _planned(statuses: list[ItemStatus]) -> list[ItemStatus]:
    return [s for s in _projects(statuses) if (s.item.target or 0) > 0]


def light_counts(statuses: list[ItemStatus]) -> dict[str, int]:
    counts = Counter(s.light for s in statuses)
    return {light: counts.get(light, 0) for light in LIGHT_ORDER}


def typical_time_progress(statuses: list[ItemStatus]) -> Decimal | None:
    """The time progress most items are measured against (the plain calendar share for annual plans)."""
    values = Counter(s.time_progress_pct for s in statuses if s.time_progress_pct is not None)
    return values.most_common(1)[0][0] if values else None


# ---------------------------------------------------------------------------------------------------------
# Headline cards


@dataclass(frozen=True)
class Card:
    key: str
    label: str
    figure: str
    caption: str
    url: str


@dataclass(frozen=True)
class Investment:
    """Key projects' investment this year: Σ year to date ÷ Σ annual plan, in 万元."""

    projects: int
    ytd: Decimal
    plan: Decimal
    rate: Decimal | None
    formula: str
    time_progress: Decimal | None

    @property
    def gap(self) -> Decimal | None:
        if self.rate is None or self.time_progress is None:
            return None
        return rules.q2(self.rate - self.time_progress)


def investment(statuses: list[ItemStatus]) -> Investment:
    planned = _planned(statuses)
    rate, formula = rules.sum_ratio([(s.actual, s.item.target) for s in planned])
    return Investment(
        projects=len(planned),
        ytd=sum((s.actual or Decimal(0) for s in planned), Decimal(0)),
        plan=sum((s.item.target for s in planned), Decimal(0)),
        rate=rate, formula=formula, time_progress=typical_time_progress(planned),
    )


@dataclass(frozen=True)
class DoubleHalf:
    """双过半 over the district's projects judged at mid-year: met or not, and how many projects met it.

    A project meets it when its first-half investment is at least half its annual plan (at 30 June that is
    time progress too): :func:`duban.tracking.rules.double_half`, as the status list computes it. The
    district meets it by the same rule over the sums (Σ first half ≥ ½ Σ annual plan), as the bulletins say.
    """

    projects: int
    met: int
    rate: Decimal | None
    formula: str
    achieved: bool | None = None

    @property
    def verdict(self) -> str:
        """实现 / 未实现, or — when no project is judged (before 30 June)."""
        if self.achieved is None:
            return "—"
        return _("Achieved") if self.achieved else _("Not achieved")

    @property
    def count_text(self) -> str:
        return _("%(met)s/%(n)s projects half done by mid-year") % {"met": self.met, "n": self.projects}


def double_half(statuses: list[ItemStatus]) -> DoubleHalf:
    checked = [s for s in _projects(statuses) if s.double_half is not None]
    rate, formula = rules.sum_ratio([(s.ytd_june, s.item.target) for s in checked])
    june = sum((s.ytd_june or Decimal(0) for s in checked), Decimal(0))
    plan = sum((s.item.target or Decimal(0) for s in checked), Decimal(0))
    achieved = rules.double_half(june, plan) if checked else None
    return DoubleHalf(len(checked), sum(1 for s in checked if s.double_half), rate, formula, achieved)


@dataclass(frozen=True)
class OrderCounts:
    open: int
    overdue: int


def headline_cards(statuses: list[ItemStatus], orders: OrderCounts, base: str, *, orders_url: str) -> list[Card]:
    """The cards above the charts, each linking to the list behind its figure."""
    counts = light_counts(statuses)
    cards = [
        Card(f"light-{light}", str(Light(light).label), str(counts[light]), _("items"), drill(base, light=light))
        for light in (Light.RED, Light.YELLOW, Light.GREEN, Light.DONE)
    ]
    inv = investment(statuses)
    caption = _("%(ytd)s of %(plan)s; time progress %(time)s") % {
        "ytd": format_wanyuan_in(inv.ytd, wanyuan_scale(inv.plan)),
        "plan": format_wanyuan_in(inv.plan, wanyuan_scale(inv.plan)), "time": format_percent(inv.time_progress)}
    cards.append(Card("investment", _("Key-project investment this year"), format_percent(inv.rate), caption,
                      drill(base, type=ItemType.PROJECT_YEAR, planned=1)))
    dh = double_half(statuses)
    if dh.projects:
        cards.append(Card("double-half", _("Half by mid-year"), dh.verdict, dh.count_text,
                          drill(base, type=ItemType.PROJECT_YEAR, dh="missed")))
    indicators = [s for s in statuses if s.item.type == ItemType.INDICATOR_TARGET]
    on = sum(1 for s in indicators if s.light in ON_TRACK)
    off = sum(1 for s in indicators if s.light in OFF_TRACK)
    cards.append(Card("indicators", _("Indicators on track"), f"{on}/{len(indicators)}",
                      _("%(off)s off track") % {"off": off},
                      drill(base, type=ItemType.INDICATOR_TARGET, light=",".join(OFF_TRACK))))
    subs = [s for s in statuses if s.item.type == ItemType.SUB_ITEM]
    done = sum(1 for s in subs if s.light == Light.DONE)
    cards.append(Card("livelihood", _("Livelihood sub-items done"), f"{done}/{len(subs)}",
                      _("livelihood commitments (民生实事)"), drill(base, type=ItemType.SUB_ITEM)))
    cards.append(Card("orders", _("Open supervision orders"), str(orders.open),
                      _("%(n)s overdue") % {"n": orders.overdue}, orders_url))
    return cards


def problem_card(problems: OrderCounts, url: str) -> Card:
    """Open problems of the problem list (问题清单), those overdue in the caption."""
    return Card("problems", _("Open problems"), str(problems.open), _("%(n)s overdue") % {"n": problems.overdue}, url)


# ---------------------------------------------------------------------------------------------------------
# Investment by group, stage funnel, lights per unit


@dataclass(frozen=True)
class GroupRow:
    key: str          # the value the status list filters by
    label: str
    projects: int
    ytd: Decimal
    plan: Decimal
    rate: Decimal | None
    formula: str


def _group_key(status: ItemStatus, by: str) -> tuple[str, str]:
    item = status.item
    if by == "level":
        label = str(ProjectLevel(item.level).label) if item.level in ProjectLevel.values else "—"
        return item.level or "—", label
    if by == "unit":
        return str(item.lead_unit_id or ""), status.unit_name or "—"
    value = getattr(item, by) or "—"
    return value, value


def investment_by(statuses: list[ItemStatus], by: str) -> list[GroupRow]:
    """Investment completion per category, area (片区), level or lead unit, largest plan first."""
    groups: dict[tuple[str, str], list[ItemStatus]] = defaultdict(list)
    for status in _planned(statuses):
        groups[_group_key(status, by)].append(status)
    rows = []
    for (key, label), members in groups.items():
        rate, formula = rules.sum_ratio([(s.actual, s.item.target) for s in members])
        rows.append(GroupRow(key, label, len(members), sum((s.actual or Decimal(0) for s in members), Decimal(0)),
                             sum((s.item.target for s in members), Decimal(0)), rate, formula))
    return sorted(rows, key=lambda r: (-r.plan, r.label))


def stage_funnel(statuses: list[ItemStatus]) -> list[tuple[str, str, int]]:
    """Projects per physical stage, 谋划储备 → … → 投产/达产: (stage, label, count), every stage listed."""
    counts = Counter(s.item.attrs.get("stage") for s in _projects(statuses))
    return [(stage, str(label), counts.get(stage, 0)) for stage, label in Stage.choices]


@dataclass(frozen=True)
class UnitLights:
    unit_id: int
    name: str
    counts: dict
    overseen: bool

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def lights_per_unit(statuses: list[ItemStatus], unit_names: dict[int, str],
                    overseen: frozenset[int] = frozenset()) -> list[UnitLights]:
    """Lights of the items each unit leads or is responsible for; overseen (分管) units first, then most red."""
    by_unit: dict[int, Counter] = defaultdict(Counter)
    for status in statuses:
        for unit_id in status.item.counting_unit_ids:
            by_unit[unit_id][status.light] += 1
    rows = [UnitLights(unit_id, unit_names.get(unit_id, "—"), {light: c.get(light, 0) for light in LIGHT_ORDER},
                       unit_id in overseen) for unit_id, c in by_unit.items()]
    return sorted(rows, key=lambda r: (not r.overseen, -r.counts[Light.RED], -r.counts[Light.YELLOW], r.name))


@dataclass(frozen=True)
class LaggingRow:
    """A red or yellow item in the leader's list: why it is off track, and its gap when the gap is why."""

    status: ItemStatus
    reasons: list[str]
    gap_pp: Decimal | None

    @property
    def item(self):
        return self.status.item

    @property
    def light(self) -> str:
        return self.status.light


def _gap_is_a_reason(status: ItemStatus, config: TrackingConfig | None) -> bool:
    """Being behind is why the item is off track: behind time progress by the item's yellow threshold or more.

    A gap within tolerance is not why an item is red (应开未开, a missed deadline... are); indicators judged
    against their target, and items whose rule set is not given, count any shortfall.
    """
    g = status.gap_pp
    if g is None or g >= 0:
        return False
    if config is None or status.measure != "pace":
        return True
    rule_set = config.rules_for(status.item)
    if rule_set.mode == "relative":
        tp = status.time_progress_pct
        return tp is not None and tp > 0 and -g * rules.HUNDRED / tp >= rule_set.yellow_relative
    return -g >= rule_set.yellow_pp


def lagging(statuses: list[ItemStatus], unit_ids: frozenset[int],
            config: TrackingConfig | None = None) -> list[LaggingRow]:
    """Red and yellow items of the given units, red first, furthest behind first, each with its reasons.

    An item off track while ahead of time progress, or behind it within tolerance (应开未开, stale figures,
    a missed deadline...), shows no gap: its reasons say why it is red or yellow. ``config``: the district's
    rule sets (:func:`duban.tracking.status.load_config`), whose thresholds tell a gap that is a reason.
    """
    rows = [s for s in statuses if s.light in OFF_TRACK and s.item.counting_unit_ids & unit_ids]
    gaps = {id(s): s.gap_pp if _gap_is_a_reason(s, config) else None for s in rows}
    rows.sort(key=lambda s: (s.light != Light.RED, gaps[id(s)] if gaps[id(s)] is not None else Decimal(0),
                             s.item.title))
    return [LaggingRow(s, list(s.reasons), gaps[id(s)]) for s in rows]


@dataclass(frozen=True)
class TreeRow:
    node_id: int
    code: str
    title: str
    depth: int
    value: Decimal | None
    formula: str


def tree_rows(rollups: list[NodeRollup]) -> list[TreeRow]:
    """The work-system tree in reading order (each node followed by its children), with value and formula."""
    children: dict[int | None, list[NodeRollup]] = defaultdict(list)
    for r in rollups:
        children[r.parent_id].append(r)
    out: list[TreeRow] = []

    def visit(r: NodeRollup) -> None:
        out.append(TreeRow(r.node_id, r.code, r.title, r.depth, r.result.value, r.result.formula))
        for child in children.get(r.node_id, []):
            visit(child)

    known = {r.node_id for r in rollups}
    for root in [r for r in rollups if r.parent_id is None or r.parent_id not in known]:
        visit(root)
    return out


def gap_text(value: Decimal | None) -> str:
    return format_points(value)
