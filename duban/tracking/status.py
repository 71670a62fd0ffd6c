"""Computed status of every tracked thing of a district at a date: load → compute, as a recipe.

``district_status`` loads everything in a constant number of set-based queries (items, unit assignments,
the latest confirmed report versions, published observations, rule sets, curves, item settings, unit names),
then computes each item with the pure rules of :mod:`duban.tracking.rules`.
"""

from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import Count, Max, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duban.core import dates
from duban.core.models import Frequency
from duban.core.numbers import format_day, format_percent, format_wanyuan
from duban.indicators.models import Accumulation, Observation, Qualifier, TargetType
from duban.org.models import Organisation
from duban.plans.models import ValueSource, WorkNode
from duban.projects.models import PlanType, ProjectLevel, Stage
from duban.projects.pipeline import reserve_count

from . import rules
from .items import TrackedItem, items_stamp, load_item, load_items
from .models import ItemSetting, ItemType, ProgressCurve, Report, RuleSet, StatusSnapshot
from .periods import closed_periods, periods_of_year

STARTED_STAGES = {Stage.STARTED, Stage.UNDER_CONSTRUCTION, Stage.COMPLETED, Stage.OPERATING}
REPORT_FIELDS = (
    "item_type", "item_id", "period_key", "period_end", "value", "percent", "is_done", "growth", "reference",
    "invest_ytd", "signed_households", "vacated_households", "demolished_households", "signed_area",
    "land_handed_mu",
)
EXPROPRIATION_MEASURES = {
    "signed_households": ("signed_households", "households", gettext_lazy("households signed")),
    "vacated_households": ("vacated_households", "households", gettext_lazy("households vacated")),
    "demolished_households": ("demolished_households", "households", gettext_lazy("households demolished")),
    "signed_area": ("signed_area", "area_m2", gettext_lazy("area signed")),
    "land": ("land_handed_mu", "land_mu", gettext_lazy("land handed over")),
}


@dataclass(frozen=True)
class Figures:
    """One confirmed report version, reduced to the figures the rules use."""

    period_key: str
    period_end: date
    value: Decimal | None = None
    percent: Decimal | None = None
    is_done: bool = False
    growth: Decimal | None = None
    reference: Decimal | None = None
    invest_ytd: Decimal | None = None
    signed_households: int | None = None
    vacated_households: int | None = None
    demolished_households: int | None = None
    signed_area: Decimal | None = None
    land_handed_mu: Decimal | None = None
    source: str = "report"


@dataclass
class ItemStatus:
    item: TrackedItem
    unit_name: str
    completion_pct: Decimal | None
    time_progress_pct: Decimal | None
    gap_pp: Decimal | None
    light: str
    double_half: bool | None
    reasons: list[str]
    measure: str                     # "pace": against time progress; "target": indicator against its target
    actual: Decimal | None = None
    last_period: str = ""
    ytd_june: Decimal | None = None

    @property
    def type(self) -> str:
        return self.item.type

    @property
    def id(self) -> int:
        return self.item.id

    def as_dict(self) -> dict:
        def num(value):
            return None if value is None else float(value)
        return {
            "type": self.item.type, "id": self.item.id, "code": self.item.code, "title": self.item.title,
            "unit": self.unit_name, "year": self.item.year, "category": self.item.category,
            "completion_pct": num(self.completion_pct), "time_progress_pct": num(self.time_progress_pct),
            "gap_pp": num(self.gap_pp), "light": self.light, "double_half": self.double_half,
            "reasons": list(self.reasons), "actual": num(self.actual), "target": num(self.item.target),
            "target_unit": self.item.target_unit, "last_period": self.last_period,
        }


@dataclass
class TrackingConfig:
    """Rule sets and time-progress curves in force for a district."""

    default: rules.RuleConfig = field(default_factory=rules.RuleConfig)
    by_item: dict = field(default_factory=dict)
    curve_by_item: dict = field(default_factory=dict)
    curve_by_category: dict = field(default_factory=dict)

    def rules_for(self, item: TrackedItem) -> rules.RuleConfig:
        return self.by_item.get(item.ref, self.default)

    def curve_for(self, item: TrackedItem) -> tuple | None:
        return self.curve_by_item.get(item.ref) or self.curve_by_category.get((item.type, item.category))


# ---------------------------------------------------------------------------------------------------------
# Loading


def load_config(district: Organisation | None, *, refs=None, rule_sets: dict | None = None,
                curves: dict | None = None) -> TrackingConfig:
    """Rule set of the district (else the global default, else built-in defaults), curves and item overrides.

    ``refs``: load only these items' overrides (one item's status must not read every item's settings).
    ``rule_sets``/``curves``: rows by id to use instead of the stored ones (a preview of a change not yet saved).
    """
    sets = rule_sets if rule_sets is not None else {rs.pk: rs for rs in RuleSet.objects.all()}
    default = _default_rule_set(sets.values(), district)
    config = TrackingConfig(default=rules.RuleConfig.from_dict(default.config) if default else rules.RuleConfig())
    curves = curves if curves is not None else {c.pk: c for c in ProgressCurve.objects.all()}
    for curve in curves.values():
        if curve.category:
            for item_type in [curve.item_type] if curve.item_type else list(ItemType.values):
                config.curve_by_category[(item_type, curve.category)] = tuple(curve.months)
    settings = ItemSetting.objects.all()
    if refs is not None:
        settings = settings.filter(_ref_q(refs))
    for setting in settings.values_list("item_type", "item_id", "rule_set_id", "curve_id"):
        item_type, item_id, rule_set_id, curve_id = setting
        if rule_set_id:
            config.by_item[(item_type, item_id)] = rules.RuleConfig.from_dict(sets[rule_set_id].config)
        if curve_id:
            config.curve_by_item[(item_type, item_id)] = tuple(curves[curve_id].months)
    return config


def _ref_q(refs) -> Q:
    """Rows whose (item_type, item_id) is one of ``refs``: one IN list per item type."""
    by_type: dict[str, list[int]] = defaultdict(list)
    for item_type, item_id in refs:
        by_type[item_type].append(item_id)
    q = Q(pk__in=[])
    for item_type, ids in by_type.items():
        q |= Q(item_type=item_type, item_id__in=ids)
    return q


def _default_rule_set(rule_sets, district):
    candidates = [rs for rs in rule_sets if rs.is_default]
    own = [rs for rs in candidates if district is not None and rs.district_id == district.pk]
    general = [rs for rs in candidates if rs.district_id is None]
    return (own or general or [None])[0]


def load_confirmed(district: Organisation, year: int, on_date: date) -> dict[tuple[str, int], list[Figures]]:
    """The latest confirmed version of every report of the district's year up to ``on_date``, by item."""
    rows = (
        Report.objects.latest_confirmed(as_of=on_date)
        .filter(district=district, year=year)
        .order_by("period_end")
        .values_list(*REPORT_FIELDS)
    )
    out: dict[tuple[str, int], list[Figures]] = defaultdict(list)
    for row in rows.iterator(chunk_size=5000):
        out[(row[0], row[1])].append(Figures(*row[2:]))
    return out


def load_confirmed_items(items: list[TrackedItem], on_date: date) -> dict[tuple[str, int], list[Figures]]:
    """Like :func:`load_confirmed`, for the given items only: the query reads their reports and no others."""
    out: dict[tuple[str, int], list[Figures]] = defaultdict(list)
    if not items:
        return out
    rows = (
        Report.objects.latest_confirmed(as_of=on_date)
        .filter(_ref_q([i.ref for i in items]), year__in={i.year for i in items})
        .order_by("period_end")
        .values_list(*REPORT_FIELDS)
    )
    for row in rows:
        out[(row[0], row[1])].append(Figures(*row[2:]))
    return out


_PERIOD_END = {
    "month": lambda y, p: closed_periods(Frequency.MONTHLY, y, date(y, 12, 31))[p - 1].end,
    "quarter": lambda y, p: closed_periods(Frequency.QUARTERLY, y, date(y, 12, 31))[p - 1].end,
    "half": lambda y, p: closed_periods(Frequency.HALF_YEARLY, y, date(y, 12, 31))[p - 1].end,
    "year": lambda y, p: date(y, 12, 31),
}


def load_observations(items: list[TrackedItem], year: int, on_date: date) -> dict[tuple[str, int], list[Figures]]:
    """Published statistics (Observation, latest revision) for indicator targets, used where no report is confirmed."""
    targets = [i for i in items if i.type == ItemType.INDICATOR_TARGET]
    if not targets:
        return {}
    rows = Observation.objects.latest_revisions().filter(
        indicator_id__in={t.attrs["indicator_id"] for t in targets},
        organisation_id__in={t.attrs["organisation_id"] for t in targets}, year=year,
    ).values_list("indicator_id", "organisation_id", "period_type", "period", "level", "growth", "share", "rank")
    series: dict[tuple[int, int], list[tuple[date, Figures]]] = defaultdict(list)
    for indicator_id, org_id, ptype, period, level, growth, share, rank in rows:
        end = _PERIOD_END[ptype](year, period)
        if end <= on_date:
            fig = (level, growth, share, rank)
            series[(indicator_id, org_id)].append((end, fig))
    out = {}
    for target in targets:
        found = sorted(series.get((target.attrs["indicator_id"], target.attrs["organisation_id"]), []), key=lambda p: p[0])
        if found:
            out[target.ref] = [_observation_figures(target, end, fig) for end, fig in found]
    return out


def load_system_figures(items: list[TrackedItem], on_date: date) -> dict[tuple[str, int], list[Figures]]:
    """Actual values the system counts itself, for tasks whose value does not come from the units' reports:
    "策划储备项目500个" is the pipeline's count of projects in the planning reserve on ``on_date`` (at most the
    year's last day). These figures take the place of any reported number."""
    out: dict[tuple[str, int], list[Figures]] = {}
    for item in items:
        if item.type == ItemType.TASK and item.attrs.get("value_source") == ValueSource.PIPELINE_RESERVE:
            day = min(on_date, date(item.year, 12, 31))
            district = Organisation(pk=item.district_id)
            out[item.ref] = [Figures(f"{day:%Y-%m}", day, value=Decimal(reserve_count(district, day)),
                                     source="pipeline")]
    return out


def _observation_figures(target: TrackedItem, end: date, fig) -> Figures:
    level, growth, share, rank = fig
    ttype = target.attrs["target_type"]
    value = share if ttype == TargetType.SHARE else rank if ttype == TargetType.RANK else level
    return Figures(f"{end:%Y-%m}", end, value=value, growth=growth, source="statistics")


def load_unit_names(items: list[TrackedItem]) -> dict[int, str]:
    ids = {org for item in items for org, _ in item.units}
    return dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


# ---------------------------------------------------------------------------------------------------------
# Computing


class _TimeProgress:
    """Time progress per distinct (year, curve, deadline) — thousands of items share a handful of values."""

    def __init__(self, on_date: date):
        self.on_date = on_date
        self.cache: dict = {}

    def __call__(self, item: TrackedItem, config: rules.RuleConfig, curve, at: date | None = None) -> Decimal:
        day = at or self.on_date
        deadline_based = item.deadline is not None and (
            item.frequency == Frequency.ONCE or item.deadline < date(item.year, 12, 31)
        )
        key = (day, item.year, curve, item.deadline if deadline_based else None, config.time_progress)
        if key not in self.cache:
            self.cache[key] = rules.time_progress(
                day, item.year, curve=curve, deadline=item.deadline, deadline_based=deadline_based,
                mode=config.time_progress,
            )
        return self.cache[key]


def compute_statuses(
    items: list[TrackedItem], figures: dict, config: TrackingConfig, unit_names: dict[int, str], on_date: date,
) -> list[ItemStatus]:
    tp = _TimeProgress(on_date)
    out = []
    for item in items:
        computer = _COMPUTERS[item.type]
        status = computer(item, figures.get(item.ref, ()), config.rules_for(item), config.curve_for(item), tp, on_date)
        status.unit_name = unit_names.get(item.lead_unit_id, "") if item.lead_unit_id else ""
        out.append(status)
    return out


def _status(item, verdict: rules.Verdict, completion, time_progress, measure, *, actual=None, last=None,
            double_half=None, extra_reasons=(), ytd_june=None) -> ItemStatus:
    reasons = list(verdict.reasons) + list(extra_reasons)
    return ItemStatus(
        item, "", completion, time_progress, verdict.gap_pp, verdict.light, double_half, reasons, measure,
        actual, last.period_key if last else "", ytd_june,
    )


def _stale_reason(item: TrackedItem, last: Figures | None, on_date: date) -> list[str]:
    closed = closed_periods(item.frequency, item.year, on_date, item.deadline)
    if last is None or not closed or item.frequency == Frequency.ONCE:
        return []
    if last.period_end < closed[-1].end:
        return [_("Latest confirmed figures as of %(day)s") % {"day": format_day(last.period_end)}]
    return []


def _history(item, figs, completion_of, config, curve, tp, *, within: bool = False) -> tuple:
    """Gaps of the last ``consecutive_periods`` periods up to the latest confirmed one, oldest first.

    Periods are counted, not reports: each period is judged on its own confirmed figures (``completion_of`` is
    the function that computes the item's current completion), and a period without them is ``None``, which
    breaks the run. ``within``: a target to stay within (gap = time progress − share used).
    """
    count = config.consecutive_periods
    if not count or not figs:
        return ()
    by_end = {f.period_end: f for f in figs}
    last_end = figs[-1].period_end
    if item.frequency == Frequency.ONCE:
        ends = [last_end]
    else:
        ends = [p.end for p in periods_of_year(item.frequency, item.year, item.deadline) if p.end <= last_end]
    gaps = []
    for end in ends[-count:]:
        fig = by_end.get(end)
        done = completion_of(fig) if fig is not None else None
        time_pct = tp(item, config, curve, end)
        gaps.append(rules.gap(time_pct, done) if within and done is not None else rules.gap(done, time_pct))
    return tuple(gaps)


def _project(item, figs, config, curve, tp, on_date) -> ItemStatus:
    a = item.attrs
    time_pct = tp(item, config, curve)
    last = figs[-1] if figs else None
    plan = item.target or Decimal(0)
    if plan <= 0:
        light = rules.NOT_STARTED if a["plan_type"] in (PlanType.RESERVE, PlanType.PREPARATION) else rules.NO_DATA
        reason = (_("Reserve or preparation project: no annual investment planned") if light == rules.NOT_STARTED
                  else _("No annual investment planned"))
        return _status(item, rules.Verdict(light, None, (reason,)), None, time_pct, "pace",
                       actual=last.invest_ytd if last else None, last=last)
    ytd = last.invest_ytd if last else None
    completion = rules.completion(ytd, plan)
    started = _project_started(a, on_date)
    facts = rules.PaceFacts(
        completion, time_pct, history_gaps=_history(item, figs, lambda f: rules.completion(f.invest_ytd, plan), config, curve, tp),
        window_started=time_pct > 0,
        should_have_started=_should_have_started(a, started, on_date, config),
        started_unregistered_days=(on_date - a["actual_start"]).days
        if started and a["actual_start"] and not a["registered"] else None,
        not_yet_due_to_start=a["plan_type"] == PlanType.NEW and not started
        and (a["planned_start"] is None or a["planned_start"] > on_date),
    )
    verdict = rules.judge_pace(facts, config)
    dh, ytd_june, dh_reason = _double_half(figs, plan, item.year, on_date)
    extra = ([_("Invested this year %(ytd)s, annual plan %(plan)s") % {"ytd": format_wanyuan(ytd), "plan": format_wanyuan(plan)}]
             if ytd is not None else [])
    if ytd is not None and ytd > 0 and not started:
        extra.append(_("%(ytd)s invested but not started: check the stage and the actual start date") % {
            "ytd": format_wanyuan(ytd)})
    extra += dh_reason + _stale_reason(item, last, on_date)
    return _status(item, verdict, completion, time_pct, "pace", actual=ytd, last=last, double_half=dh,
                   extra_reasons=extra, ytd_june=ytd_june)


def _project_started(a: dict, on_date: date) -> bool:
    if a["actual_start"] is not None:
        return a["actual_start"] <= on_date
    return a["stage"] in STARTED_STAGES


def _should_have_started(a: dict, started: bool, on_date: date, config: rules.RuleConfig) -> bool:
    if started or a["plan_type"] != PlanType.NEW or a["planned_start"] is None:
        return False
    return (on_date - a["planned_start"]).days > config.started_late_grace_days


def _double_half(figs, plan: Decimal, year: int, on_date: date):
    june = date(year, 6, 30)
    if on_date < june:
        return None, None, []
    by_june = [f for f in figs if f.period_end <= june and f.invest_ytd is not None]
    ytd_june = by_june[-1].invest_ytd if by_june else Decimal(0)
    met = rules.double_half(ytd_june, plan)
    share = rules.completion(ytd_june, plan)
    text = (_("Half done by mid-year (first half %(ytd)s, %(share)s of the annual plan)") if met
            else _("Not half done by mid-year (first half %(ytd)s, %(share)s of the annual plan)"))
    return met, ytd_june, [text % {"ytd": format_wanyuan(ytd_june), "share": format_percent(share)}]


def _quantity(item, figs, config, curve, tp, on_date) -> ItemStatus:
    """Tasks and livelihood sub-items: cumulative value against the target, else the reported % or done flag."""
    time_pct = tp(item, config, curve)
    last = figs[-1] if figs else None
    # A level raised to a target (a standard of 1114元) is measured from the year's first reported level, not from
    # zero: 1058元 of 1114元 is none of the raise, not 95% of the work.
    base = figs[0].value if figs and item.attrs.get("is_level") else None
    completion = _quantity_completion(item, last, base)
    facts = rules.PaceFacts(
        completion, time_pct, is_done=bool(last and last.is_done),
        history_gaps=_history(item, figs, lambda f: _quantity_completion(item, f, base), config, curve, tp),
        window_started=time_pct > 0,
    )
    verdict = rules.judge_pace(facts, config)
    extra = []
    if last is not None and item.target and last.value is not None:
        text = (_("Level now %(value)s%(unit)s, to reach %(target)s%(unit)s") if item.attrs.get("is_level")
                else _("Done so far %(value)s%(unit)s, target %(target)s%(unit)s"))
        extra.append(text % {"value": _plain(last.value), "target": _plain(item.target), "unit": item.target_unit})
    if last is not None and last.source == "pipeline":
        extra.append(_("Counted by the project pipeline (projects in the planning reserve), not reported"))
    if item.deadline and on_date > item.deadline and verdict.light != rules.DONE:
        extra.append(_("Past its deadline (%(day)s)") % {"day": format_day(item.deadline)})
    extra += _stale_reason(item, last, on_date)
    actual = last.value if last and item.target else completion
    return _status(item, verdict, completion, time_pct, "pace", actual=actual, last=last, extra_reasons=extra)


def _quantity_completion(item: TrackedItem, last: Figures | None, base: Decimal | None = None) -> Decimal | None:
    """Share of the target done; for a level (``base``: the year's starting level) the share of the raise done."""
    if last is None:
        return None
    if item.target and last.value is not None:
        if base is not None and base < item.target:
            if last.value >= item.target:
                return rules.HUNDRED
            return rules.completion(max(last.value - base, Decimal(0)), item.target - base)
        return rules.completion(last.value, item.target)
    if last.percent is not None:
        return rules.q2(last.percent)
    return rules.HUNDRED if last.is_done else None


def _plain(value: Decimal) -> str:
    return rules.pp(rules.q2(value))


def _expropriation(item, figs, config, curve, tp, on_date) -> ItemStatus:
    time_pct = tp(item, config, curve)
    last = figs[-1] if figs else None
    field_name, total_attr, word = _expropriation_measure(item, config.expropriation_measure)
    total = Decimal(item.attrs[total_attr] or 0)
    done = getattr(last, field_name) if last else None

    def completion_of(fig: Figures) -> Decimal | None:
        value = getattr(fig, field_name)
        return rules.completion(Decimal(value) if value is not None else None, total)

    completion = completion_of(last) if last else None
    facts = rules.PaceFacts(completion, time_pct, window_started=time_pct > 0,
                            history_gaps=_history(item, figs, completion_of, config, curve, tp))
    verdict = rules.judge_pace(facts, config)
    extra = []
    if last is not None:
        extra.append(_(
            "So far %(signed)s households signed, %(vacated)s vacated, %(demolished)s demolished, %(land)s mu "
            "handed over (task %(households)s households, %(land_task)s mu; measured by %(measure)s)"
        ) % {
            "signed": last.signed_households or 0, "vacated": last.vacated_households or 0,
            "demolished": last.demolished_households or 0, "land": _plain(last.land_handed_mu or Decimal(0)),
            "households": item.attrs["households"], "land_task": _plain(item.attrs["land_mu"] or Decimal(0)),
            "measure": word,
        })
    extra += _stale_reason(item, last, on_date)
    return _status(item, verdict, completion, time_pct, "pace", actual=Decimal(done) if done is not None else None,
                   last=last, extra_reasons=extra)


def _expropriation_measure(item: TrackedItem, measure: str):
    chosen = EXPROPRIATION_MEASURES.get(measure, EXPROPRIATION_MEASURES["signed_households"])
    if item.attrs.get(chosen[1]):
        return chosen
    for fallback in ("signed_area", "land"):
        if item.attrs.get(EXPROPRIATION_MEASURES[fallback][1]):
            return EXPROPRIATION_MEASURES[fallback]
    return chosen


def _indicator(item, figs, config, curve, tp, on_date) -> ItemStatus:
    a = item.attrs
    last = figs[-1] if figs else None
    ttype = a["target_type"]
    extra = _stale_reason(item, last, on_date)
    if last is not None and last.source == "statistics":
        extra.append(_("Figures published by the statistics bureau"))
    if ttype == TargetType.LEVEL and a["accumulation"] == Accumulation.YEAR_TO_DATE:
        # Year-to-date level: against target × time progress. A target to stay within (lower is better, or
        # 以内) is behind when more of it is used than time has passed, and is never "done" by reaching it.
        within = not a["higher_is_better"] or a["qualifier"] == Qualifier.LESS_THAN
        time_pct = tp(item, config, curve)

        def completion_of(fig: Figures) -> Decimal | None:
            return rules.completion(fig.value, item.target)

        completion = completion_of(last) if last else None
        facts = rules.PaceFacts(completion, time_pct, window_started=time_pct > 0,
                                history_gaps=_history(item, figs, completion_of, config, curve, tp, within=within))
        verdict = rules.judge_cap_pace(facts, config) if within else rules.judge_pace(facts, config)
        return _status(item, verdict, completion, time_pct, "pace", actual=last.value if last else None,
                       last=last, extra_reasons=extra)
    measure, actual, target = _indicator_measure(ttype, last, item.target)
    facts = rules.TargetFacts(
        measure, actual, target, lower_is_better=not a["higher_is_better"],
        about=a["qualifier"] == Qualifier.ABOUT, at_most=a["qualifier"] == Qualifier.LESS_THAN,
    )
    verdict = rules.judge_target(facts, config)
    if ttype == TargetType.NOT_BELOW_CITY_AVERAGE and last is not None and last.reference is not None:
        extra.insert(0, _("City average growth %(growth)s%%") % {"growth": _plain(last.reference)})
    return _status(item, verdict, None, None, "target", actual=actual, last=last, extra_reasons=extra)


def _indicator_measure(ttype: str, last: Figures | None, target: Decimal | None):
    if ttype == TargetType.GROWTH:
        return "growth", last.growth if last else None, target
    if ttype == TargetType.NOT_BELOW_CITY_AVERAGE:
        return "growth", last.growth if last else None, last.reference if last else None
    if ttype == TargetType.SHARE:
        return "share", last.value if last else None, target
    if ttype == TargetType.RANK:
        return "rank", last.value if last else None, target
    return "level", last.value if last else None, target


_COMPUTERS = {
    ItemType.PROJECT_YEAR: _project,
    ItemType.TASK: _quantity,
    ItemType.SUB_ITEM: _quantity,
    ItemType.INDICATOR_TARGET: _indicator,
    ItemType.EXPROPRIATION: _expropriation,
}


def district_status(district: Organisation, on_date: date, *, year: int | None = None,
                    fresh: bool = False) -> list[ItemStatus]:
    """Every tracked thing of the district's year with completion, time progress, gap, light and reasons.

    Read from the stored snapshots when every item has one for ``on_date`` (see snapshots.py), else computed;
    ``fresh`` always computes.
    """
    year = year or on_date.year
    key = stamp = None
    if not fresh:
        changes = items_stamp(district)
        if changes is not None:
            key = (connection.settings_dict["NAME"], district.pk, year, on_date,
                   get_language() or settings.LANGUAGE_CODE)
            stamp = (_snapshot_stamp(district, year, on_date), changes)
            cached = _STATUSES.get(key)
            if cached is not None and cached[0] == stamp:
                _STATUSES.move_to_end(key)
                return cached[1]
    items = load_items(district=district, year=year)
    if not fresh and items:
        by_ref = _snapshot_rows(district, year, on_date, stamp=stamp[0] if stamp else None)
        missing = [item for item in items if item.ref not in by_ref]
        if not missing:
            statuses = StatusList(_from_rows(items, by_ref))
            if key is not None:
                _STATUSES[key] = (stamp, statuses)
                while len(_STATUSES) > ROWS_CACHED:
                    _STATUSES.popitem(last=False)
            return statuses
        if storable_date(year, on_date):
            # The day pages show by default: compute what is missing once and store it, so that the next
            # request reads (see snapshots.store_missing). Any other date is computed and not stored.
            from .snapshots import store_missing  # noqa: PLC0415 - snapshots imports this module

            computed = store_missing(district, year, on_date, items, missing)
            if computed is not None:
                names = load_unit_names(items) if len(computed) < len(items) else {}
                return [computed[item.ref] if item.ref in computed else _from_row(item, by_ref[item.ref], names)
                        for item in items]
    return _compute_district(district, year, on_date, items)


def _compute_district(district: Organisation, year: int, on_date: date, items: list[TrackedItem]) -> list[ItemStatus]:
    figures = dict(load_observations(items, year, on_date))
    figures.update(load_confirmed(district, year, on_date))
    figures.update(load_system_figures(items, on_date))
    return compute_statuses(items, figures, load_config(district), load_unit_names(items), on_date)


#: ItemStatus fields kept as exact decimal text in a snapshot's ``figures``.
SNAPSHOT_NUMBERS = ("completion_pct", "time_progress_pct", "gap_pp", "actual", "ytd_june")


def storable_date(year: int, on_date: date) -> bool:
    """Whether ``on_date`` is the day the pages of ``year`` show by default (today, or 31 December of a past
    year): the day whose status is kept stored. Other days are computed when asked and never stored."""
    return on_date == min(dates.today(), date(year, 12, 31))


#: Decoded snapshot rows of the last districts read, per process: {(database, district, year, day): (stamp,
#: rows)}. Every read asks the database for the stamp of the stored rows — their count, newest id and newest
#: computation time, one indexed aggregate — and decodes the rows again only when it changed, so a worker
#: serving the same district's lists again skips reading and decoding thousands of JSON values. Whatever
#: writes snapshots (``snapshots._store``, deletes) changes the stamp: the next read sees it.
_ROWS: "OrderedDict[tuple, tuple[tuple, dict]]" = OrderedDict()
ROWS_CACHED = 32

#: The statuses ``district_status`` answered from snapshots, per process: {(database, district, year, day,
#: language): ((snapshot stamp, change stamp), StatusList)}. Returned again, with what was derived from them
#: (``derived``), while both the snapshots' stamp and the district's change stamp (``items.items_stamp``:
#: whatever wrote the rows the items are built from, PostgreSQL) are unchanged: a worker serving the same
#: district's pages again loads no items and builds no statuses. The last 32 are kept.
_STATUSES: "OrderedDict[tuple, tuple[tuple, StatusList]]" = OrderedDict()


class StatusList(list):
    """What ``district_status`` returns when read from snapshots: the statuses, with ``memo``, results derived
    from exactly these statuses (see ``derived``). Callers read it and never change it or its statuses."""

    def __init__(self, *args):
        super().__init__(*args)
        self.memo: dict = {}


def derived(statuses, key, compute):
    """``compute()``, kept with ``statuses`` under ``key`` when they are a StatusList reused from the cache
    (totals, filter options, counts: the same statuses give the same result); computed every time otherwise.
    ``key`` names the computation and every argument it takes besides the statuses. The result is shared:
    callers do not change it."""
    memo = getattr(statuses, "memo", None)
    if memo is None:
        return compute()
    if key not in memo:
        if len(memo) >= MEMO_KEPT:  # many different filters of one day's statuses: start again
            memo.clear()
        memo[key] = compute()
    return memo[key]


#: At most this many derived results are kept with one StatusList (each filter of the status list is one).
MEMO_KEPT = 256


def _snapshot_stamp(district: Organisation, year: int, on_date: date) -> tuple:
    """Count, newest id and newest computation time of the district's snapshots of a day (one aggregate)."""
    stored = StatusSnapshot.objects.filter(district=district, year=year, as_of=on_date)
    return tuple(stored.aggregate(n=Count("id"), last=Max("id"), at=Max("computed_at")).values())


def _snapshot_rows(district: Organisation, year: int, on_date: date, *, stamp: tuple | None = None) -> dict:
    """{ref: (light, measure, double_half, last_period, numbers, reasons)} of the district's snapshots of a day."""
    stored = StatusSnapshot.objects.filter(district=district, year=year, as_of=on_date)
    stamp = stamp or _snapshot_stamp(district, year, on_date)
    if not stamp[0]:
        return {}
    key = (connection.settings_dict["NAME"], district.pk, year, on_date)
    cached = _ROWS.get(key)
    if cached is not None and cached[0] == stamp:
        _ROWS.move_to_end(key)
        return cached[1]
    rows = {}
    for type_, object_id, light, measure, double_half, last_period, figures, reasons in stored.values_list(
            "item__type", "item__object_id", "light", "measure", "double_half", "last_period", "figures", "reasons"):
        numbers = {k: (Decimal(figures[k]) if figures.get(k) is not None else None) for k in SNAPSHOT_NUMBERS}
        rows[(type_, object_id)] = (light, measure, double_half, last_period, numbers, reasons)
    _ROWS[key] = (stamp, rows)
    while len(_ROWS) > ROWS_CACHED:
        _ROWS.popitem(last=False)
    return rows


def _from_row(item: TrackedItem, row, names: dict | None) -> ItemStatus:
    light, measure, double_half, last_period, numbers, reasons = row
    language = get_language() or settings.LANGUAGE_CODE
    if names is None:
        names = load_unit_names([item])
    return ItemStatus(
        item, names.get(item.lead_unit_id, "") if item.lead_unit_id else "", numbers["completion_pct"],
        numbers["time_progress_pct"], numbers["gap_pp"], light, double_half,
        list(reasons.get(language) or reasons.get(settings.LANGUAGE_CODE) or []), measure,
        numbers["actual"], last_period, numbers["ytd_june"],
    )


def _from_rows(items: list[TrackedItem], by_ref: dict) -> list[ItemStatus]:
    names = load_unit_names(items)
    return [_from_row(item, by_ref[item.ref], names) for item in items]


def stored_statuses(district: Organisation, year: int, on_date: date, items: list[TrackedItem]) -> list[ItemStatus] | None:
    """The items' statuses from their snapshots of ``on_date`` (two queries), or None when one is missing."""
    by_ref = _snapshot_rows(district, year, on_date)
    if not items or any(item.ref not in by_ref for item in items):
        return None
    return _from_rows(items, by_ref)


def items_status(items: list[TrackedItem], on_date: date, *,
                 district: Organisation | None = None) -> list[ItemStatus]:
    """The status of a few items of one district (given, or read), loading only their reports, observations
    and settings."""
    if not items:
        return []
    district = district if district is not None else Organisation.objects.get(pk=items[0].district_id)
    figures = dict(load_observations(items, items[0].year, on_date))
    figures.update(load_confirmed_items(items, on_date))
    figures.update(load_system_figures(items, on_date))
    config = load_config(district, refs=[i.ref for i in items])
    return compute_statuses(items, figures, config, load_unit_names(items), on_date)


def item_status(item_type: str, item_id: int, on_date: date, *, item: TrackedItem | None = None,
                district: Organisation | None = None) -> ItemStatus | None:
    """One tracked thing's status, computed alone: a fixed number of queries whatever the district's size."""
    item = item or load_item(item_type, item_id)
    return items_status([item], on_date, district=district)[0] if item is not None else None


# ---------------------------------------------------------------------------------------------------------
# Totals: 双过半 by group, node roll-up, unit figures for scoring


@dataclass(frozen=True)
class GroupTotal:
    key: str
    projects: int
    met: int
    ytd_june: Decimal
    plan: Decimal
    rate: Decimal | None
    formula: str


DOUBLE_HALF_GROUPS = {
    "unit": lambda s: s.unit_name or "—",
    "category": lambda s: s.item.category or "—",
    "area": lambda s: s.item.area or "—",
    "level": lambda s: str(ProjectLevel(s.item.level).label) if s.item.level in ProjectLevel.values else "—",
}


def double_half_totals(statuses: list[ItemStatus], by: str) -> list[GroupTotal]:
    """双过半 summed per unit, category, area or level: Σ上半年完成 ÷ Σ年度计划, and projects that met it."""
    key_of = DOUBLE_HALF_GROUPS[by]
    groups: dict[str, list[ItemStatus]] = defaultdict(list)
    for status in statuses:
        if status.item.type == ItemType.PROJECT_YEAR and status.double_half is not None:
            groups[key_of(status)].append(status)
    out = []
    for key, members in sorted(groups.items()):
        rate, formula = rules.sum_ratio([(s.ytd_june, s.item.target) for s in members])
        out.append(GroupTotal(
            key, len(members), sum(1 for s in members if s.double_half),
            sum((s.ytd_june or Decimal(0) for s in members), Decimal(0)),
            sum((s.item.target or Decimal(0) for s in members), Decimal(0)), rate, formula,
        ))
    return out


@dataclass(frozen=True)
class NodeRollup:
    node_id: int
    code: str
    title: str
    parent_id: int | None
    depth: int
    result: rules.RollupResult


def _child_value(status: ItemStatus) -> Decimal | None:
    if status.light == rules.DONE:
        return rules.HUNDRED
    return status.completion_pct


def node_rollups(district: Organisation, year: int, statuses: list[ItemStatus], *,
                 missing: str | None = None) -> list[NodeRollup]:
    """Progress of every work-system node from its child nodes and tasks (weights normalised), with formula.

    ``missing``: how a child without data counts; by default the district rule set's ``rollup_missing``.
    """
    if missing is None:
        missing = load_config(district).default.rollup_missing
    nodes = list(WorkNode.objects.filter(plan__district=district, plan__year=year)
                 .values_list("id", "parent_id", "code", "title", "weight").order_by("order", "code"))
    children: dict[int | None, list] = defaultdict(list)
    for node in nodes:
        children[node[1]].append(node)
    tasks_of: dict[int, list[ItemStatus]] = defaultdict(list)
    for status in statuses:
        # One rule with group_metrics: an item whose time has not come (not_started) does not count.
        if status.item.type == ItemType.TASK and status.item.node_id and status.light != rules.NOT_STARTED:
            tasks_of[status.item.node_id].append(status)
    out: list[NodeRollup] = []

    def visit(node, depth) -> rules.RollupResult:
        node_id, parent_id, code, title, _ = node
        kids = [rules.RollupChild(f"{c[2]}", c[4], visit(c, depth + 1).value) for c in children.get(node_id, [])]
        kids += [rules.RollupChild(s.item.title, s.item.weight, _child_value(s)) for s in tasks_of.get(node_id, [])]
        result = rules.rollup(kids, missing=missing)
        out.append(NodeRollup(node_id, code, title, parent_id, depth, result))
        return result

    for root in children.get(None, []):
        visit(root, 0)
    order = {node[0]: i for i, node in enumerate(nodes)}
    return sorted(out, key=lambda r: (r.depth, order.get(r.node_id, 0)))


def group_metrics(statuses: list[ItemStatus], *, missing: str) -> dict[str, Decimal | None]:
    """Figures of a group of items for scoring: completion (roll-up), mean gap, lights counted, 双过半 rate.

    ``missing`` is the rule set's ``rollup_missing`` (callers pass ``load_config(district).default.rollup_missing``).
    """
    pace = [s for s in statuses if s.measure == "pace" and s.light != rules.NOT_STARTED]
    completion = rules.rollup([rules.RollupChild(s.item.title, s.item.weight, _child_value(s)) for s in pace],
                              missing=missing).value
    gaps = [(s.gap_pp, s.item.weight) for s in pace if s.gap_pp is not None and s.item.weight > 0]
    weight = sum((w for _, w in gaps), Decimal(0))
    mean_gap = rules.q2(sum((g * w for g, w in gaps), Decimal(0)) / weight) if weight else None
    dh = [s.double_half for s in statuses if s.double_half is not None]
    return {
        "completion_pct": completion, "gap_pp": mean_gap, "items": Decimal(len(statuses)),
        "red_count": Decimal(sum(1 for s in statuses if s.light == rules.RED)),
        "yellow_count": Decimal(sum(1 for s in statuses if s.light == rules.YELLOW)),
        "double_half_rate": rules.q2(Decimal(sum(dh)) * rules.HUNDRED / len(dh)) if dh else None,
    }


def unit_metrics(statuses: list[ItemStatus], *, missing: str) -> dict[int, dict]:
    """Figures per unit over the items it leads or is responsible for (cooperating units do not count)."""
    by_unit: dict[int, list[ItemStatus]] = defaultdict(list)
    for status in statuses:
        for org_id in status.item.counting_unit_ids:
            by_unit[org_id].append(status)
    return {org_id: group_metrics(members, missing=missing) for org_id, members in by_unit.items()}
