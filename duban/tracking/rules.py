"""The rules of the supervision office, kept pure: time progress (时序进度), completion, gap, lights (亮灯),
双过半 and the roll-up of a work-system node. Dataclasses in, dataclasses out; no database.

Conventions (see docs/tracking.md):
- percentages are Decimals rounded half-up to 2 places; lights are judged on the rounded figures users see;
- ``gap_pp`` is completion minus time progress (or actual minus target for indicators): negative = behind;
- the worst light of all rules that fire wins, and every rule that fires adds its reason, translated with gettext
  into the active language (Chinese by default).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from duban.core.numbers import format_percent, format_wanyuan_in, wanyuan_scale

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")

GREEN, YELLOW, RED, DONE, NOT_STARTED, NO_DATA = "green", "yellow", "red", "done", "not_started", "no_data"
#: How bad a light is, for "the worst light wins".
SEVERITY = {DONE: 0, NOT_STARTED: 1, GREEN: 2, NO_DATA: 3, YELLOW: 4, RED: 5}


def q2(value: Decimal | int | float | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def pp(value: Decimal) -> str:
    """A number of percentage points without sign: Decimal('10.00') -> '10'."""
    text = f"{abs(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# ---------------------------------------------------------------------------------------------------------
# Configuration


@dataclass(frozen=True)
class RuleConfig:
    """A light rule set. Defaults follow common practice; each city can change any of them."""

    mode: str = "absolute"              # "absolute": points behind; "relative": % short of time progress
    yellow_pp: Decimal = Decimal(10)    # yellow when behind by at least this many points ...
    red_pp: Decimal = Decimal(30)       # ... red when behind by more than this
    yellow_relative: Decimal = Decimal(20)  # relative mode: yellow when completion is ≥20% short of time progress
    red_relative: Decimal = Decimal(50)     # relative mode: red when more than 50% short
    consecutive_periods: int = 0        # 0 = off; N: escalate when behind by ≥ yellow_pp N periods in a row
    consecutive_light: str = RED
    no_data_light: str = NO_DATA        # what an item without confirmed figures shows (e.g. "red" in strict cities)
    started_late: bool = True           # 应开未开: a new-start project past its planned start, not started
    started_late_light: str = RED
    started_late_grace_days: int = 0
    not_registered: bool = True         # 开工未入库: started but not registered with statistics
    not_registered_light: str = YELLOW
    not_registered_grace_days: int = 30
    growth_red_pp: Decimal = Decimal(2)     # indicators: growth/share short of target by more than this: red
    about_tolerance_pp: Decimal = Decimal("0.5")  # "增长6%左右": a shortfall up to this is still green
    level_yellow_pct: Decimal = Decimal(5)  # non-cumulative levels: % short of target for yellow ...
    level_red_pct: Decimal = Decimal(15)    # ... and for red
    rank_red_places: int = 2                # rank targets: more than this many places behind: red
    time_progress: str = "months"       # "months": completed months / 12; "days": elapsed days / days in year
    expropriation_measure: str = "signed_households"  # or vacated_/demolished_households, signed_area, land
    rollup_missing: str = "zero"        # roll-up: an item without data counts as 0% ("zero") or is left out
    auto_order_lights: tuple[str, ...] = (RED,)  # lights that issue a supervision order automatically ...
    auto_order: bool = True             # ... when this is on (run by `duban remind`)
    order_deadline_days: int = 10
    remind_days_before: tuple[int, ...] = (3, 1)
    overdue_repeat_days: int = 7

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "RuleConfig":
        """Build from a rule set's JSON, keeping defaults for keys it does not give; unknown keys are an error."""
        data = dict(data or {})
        unknown = set(data) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValueError(f"unknown rule setting(s): {', '.join(sorted(unknown))}")
        values = {}
        for name, f in cls.__dataclass_fields__.items():
            if name not in data:
                continue
            default = f.default
            raw = data[name]
            if isinstance(default, Decimal):
                raw = Decimal(str(raw))
            elif isinstance(default, tuple):
                raw = tuple(raw)
            values[name] = raw
        config = cls(**values)
        if config.mode not in {"absolute", "relative"}:
            raise ValueError("mode must be 'absolute' or 'relative'")
        if config.red_pp < config.yellow_pp:
            raise ValueError("red_pp must not be below yellow_pp")
        return config

    def to_dict(self) -> dict[str, Any]:
        out = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            out[name] = str(value) if isinstance(value, Decimal) else list(value) if isinstance(value, tuple) else value
        return out


DEFAULT_RULES = RuleConfig()


# ---------------------------------------------------------------------------------------------------------
# Time progress and completion


def months_elapsed(day: date, year: int) -> int:
    """Completed months of ``year`` at ``day``: a month counts once its last day is reached (30 June → 6)."""
    if day.year < year:
        return 0
    if day.year > year:
        return 12
    next_day = date.fromordinal(day.toordinal() + 1)
    return day.month if next_day.month != day.month else day.month - 1


def time_progress(
    day: date, year: int, *, curve: list | tuple | None = None, deadline: date | None = None,
    deadline_based: bool = False, mode: str = "months",
) -> Decimal:
    """Share of the period elapsed, in % (2 places).

    - default: completed months / 12 (end of February 16.67%, end of June 50%);
    - ``curve``: the cumulative % given for the last completed month (a seasonal curve of 12 numbers);
    - ``deadline_based``: elapsed days from 1 January to the deadline (one-off tasks, expropriation);
    - ``mode="days"``: elapsed days / days of the year.
    """
    start = date(year, 1, 1)
    if deadline_based and deadline is not None:
        if deadline < start:
            return HUNDRED if day >= deadline else Decimal(0)
        total = (deadline - start).days + 1
        elapsed = min(max((day - start).days + 1, 0), total)
        return q2(Decimal(elapsed) * HUNDRED / Decimal(total))
    if curve:
        months = months_elapsed(day, year)
        return q2(Decimal(0) if months == 0 else Decimal(str(curve[months - 1])))
    if mode == "days":
        total = (date(year, 12, 31) - start).days + 1
        elapsed = min(max((day - start).days + 1, 0), total)
        return q2(Decimal(elapsed) * HUNDRED / Decimal(total))
    return q2(Decimal(months_elapsed(day, year)) * HUNDRED / Decimal(12))


def completion(actual: Decimal | None, target: Decimal | None) -> Decimal | None:
    """Actual as % of target (2 places); None when either is missing or the target is not positive."""
    if actual is None or target is None or target <= 0:
        return None
    return q2(Decimal(actual) * HUNDRED / Decimal(target))


def gap(completion_pct: Decimal | None, time_progress_pct: Decimal | None) -> Decimal | None:
    if completion_pct is None or time_progress_pct is None:
        return None
    return q2(completion_pct - time_progress_pct)


def double_half(ytd_at_june: Decimal | None, annual_plan: Decimal | None) -> bool | None:
    """双过半: year-to-date completion at the end of June is at least half the annual plan."""
    if ytd_at_june is None or annual_plan is None or annual_plan <= 0:
        return None
    return ytd_at_june * 2 >= annual_plan


def validate_curve(months: list) -> list[Decimal]:
    """A curve is 12 non-decreasing cumulative percentages from 0 to 100, the last being 100."""
    if not isinstance(months, (list, tuple)) or len(months) != 12:
        raise ValueError("a curve needs 12 monthly figures")
    values = [Decimal(str(v)) for v in months]
    if any(v < 0 or v > HUNDRED for v in values) or values != sorted(values) or values[-1] != HUNDRED:
        raise ValueError("a curve's figures must rise from 0 to 100 and end at 100")
    return values


# ---------------------------------------------------------------------------------------------------------
# Lights


@dataclass(frozen=True)
class PaceFacts:
    """An item measured against time: projects, quantified tasks, sub-items, cumulative indicators, expropriation."""

    completion: Decimal | None          # % of the annual (or total) target, None = no confirmed figures
    time_progress: Decimal
    is_done: bool = False               # reported as completed (one-off tasks)
    history_gaps: tuple[Decimal | None, ...] = ()  # gaps at the last closed periods, oldest first
    window_started: bool = True         # False when the item's time has not come (time progress 0)
    # Key projects only
    should_have_started: bool = False   # 应开未开
    started_unregistered_days: int | None = None  # days since start while not registered (开工未入库)
    not_yet_due_to_start: bool = False  # new start with planned start still ahead


@dataclass(frozen=True)
class TargetFacts:
    """An indicator compared with its target: growth, share, non-cumulative level or rank."""

    measure: str                        # "growth" | "share" | "level" | "rank"
    actual: Decimal | None
    target: Decimal | None
    lower_is_better: bool = False
    about: bool = False                 # target qualified 左右 (about)
    at_most: bool = False               # target qualified 以内/以下 (keep within)


@dataclass(frozen=True)
class Verdict:
    light: str
    gap_pp: Decimal | None
    reasons: tuple[str, ...] = field(default_factory=tuple)


def _worst(*lights: str) -> str:
    return max(lights, key=lambda light: SEVERITY[light])


def _behind_light(behind: Decimal, config: RuleConfig, completion_pct: Decimal, tp: Decimal) -> tuple[str, str | None]:
    """Light for an item ``behind`` points behind time progress."""
    if config.mode == "relative":
        if tp <= 0:
            return GREEN, None
        short = q2((tp - completion_pct) * HUNDRED / tp)
        if short > config.red_relative:
            return RED, _("Completion is only %(share)s%% of time progress, more than %(limit)s%% behind") % {
                "share": pp(HUNDRED - short), "limit": pp(config.red_relative)}
        if short >= config.yellow_relative:
            return YELLOW, _("Completion is %(share)s%% of time progress, %(short)s%% behind") % {
                "share": pp(HUNDRED - short), "short": pp(short)}
        return GREEN, None
    if behind > config.red_pp:
        return RED, _("%(behind)s percentage points behind time progress (more than %(limit)s)") % {
            "behind": pp(behind), "limit": pp(config.red_pp)}
    if behind >= config.yellow_pp:
        return YELLOW, _("%(behind)s percentage points behind time progress") % {"behind": pp(behind)}
    return GREEN, None


def _pace_flags(facts: PaceFacts, config: RuleConfig) -> list[tuple[str, str]]:
    flags = []
    if config.started_late and facts.should_have_started:
        flags.append((config.started_late_light, _("Should have started: past the planned start and not started")))
    days = facts.started_unregistered_days
    if config.not_registered and days is not None and days > config.not_registered_grace_days:
        flags.append((config.not_registered_light, _("Started, not registered: started %(days)s days ago and not yet in the statistics") % {"days": days}))
    return flags


def judge_pace(facts: PaceFacts, config: RuleConfig = DEFAULT_RULES) -> Verdict:
    """The light of an item measured against time progress."""
    flags = _pace_flags(facts, config)
    c, tp = facts.completion, facts.time_progress
    if facts.is_done or (c is not None and c >= HUNDRED):
        reason = _("Done (completion rate %(rate)s)") % {"rate": format_percent(c)} if c is not None else _("Done")
        return Verdict(DONE, gap(c, tp) if c is not None else None, (reason,))
    if c is None:
        if not facts.window_started or facts.not_yet_due_to_start:
            return _with_flags(NOT_STARTED, None, [_("Not yet due to start")], flags)
        return _with_flags(config.no_data_light, None, [_("No confirmed figures")], flags)
    g = gap(c, tp)
    if (not facts.window_started or facts.not_yet_due_to_start) and c == 0:
        return _with_flags(NOT_STARTED, g, [_("Not yet due to start, not begun")], flags)
    behind = -g if g < 0 else Decimal(0)
    light, reason = _behind_light(behind, config, c, tp)
    reasons = [reason] if reason else [_on_pace_reason(g)]
    if config.consecutive_periods and _behind_in_a_row(facts.history_gaps, config):
        light = _worst(light, config.consecutive_light)
        reasons.append(_("%(periods)s periods in a row at least %(limit)s percentage points behind time progress") % {
            "periods": config.consecutive_periods, "limit": pp(config.yellow_pp)})
    return _with_flags(light, g, reasons, flags)


def judge_cap_pace(facts: PaceFacts, config: RuleConfig = DEFAULT_RULES) -> Verdict:
    """The light of a year-to-date figure that must stay *within* its annual target (lower is better, or 以内).

    ``facts.completion`` is the share of the annual cap used so far; the allowance at a date is the cap × time
    progress, so using more than time progress is being behind: ``gap_pp`` = time progress − share used (negative
    = behind), judged with the same thresholds as :func:`judge_pace`. Past the cap the target is missed: red. Such
    a target is never "done" before the year is over; at the year's end, within the cap is green.
    """
    c, tp = facts.completion, facts.time_progress
    if c is None:
        if not facts.window_started:
            return Verdict(NOT_STARTED, None, (_("Not yet due to start"),))
        return Verdict(config.no_data_light, None, (_("No confirmed figures"),))
    g = gap(tp, c)
    used = {"used": format_percent(c), "over": pp(g), "limit": pp(config.red_pp)}
    if c > HUNDRED:
        return Verdict(RED, g, (_("%(used)s of the annual limit used: the limit is exceeded") % used,))
    behind = -g if g < 0 else Decimal(0)
    if config.mode == "relative":
        over = q2(behind * HUNDRED / tp) if tp > 0 else Decimal(0)
        light = RED if over > config.red_relative else YELLOW if over >= config.yellow_relative else GREEN
    else:
        light = RED if behind > config.red_pp else YELLOW if behind >= config.yellow_pp else GREEN
    if light == GREEN:
        reasons = [_("%(used)s of the annual limit used, within time progress") % used]
    elif light == RED and config.mode == "absolute":
        reasons = [_("%(used)s of the annual limit used, %(over)s percentage points ahead of time progress "
                     "(more than %(limit)s)") % used]
    else:
        reasons = [_("%(used)s of the annual limit used, %(over)s percentage points ahead of time progress") % used]
    if config.consecutive_periods and _behind_in_a_row(facts.history_gaps, config):
        light = _worst(light, config.consecutive_light)
        reasons.append(_("%(periods)s periods in a row at least %(limit)s percentage points behind time progress") % {
            "periods": config.consecutive_periods, "limit": pp(config.yellow_pp)})
    return Verdict(light, g, tuple(reasons))


def _on_pace_reason(g: Decimal) -> str:
    if g > 0:
        return _("%(gap)s percentage points ahead of time progress") % {"gap": pp(g)}
    if g == 0:
        return _("On a par with time progress")
    return _("%(gap)s percentage points behind time progress (within tolerance)") % {"gap": pp(g)}


def _behind_in_a_row(history: tuple[Decimal | None, ...], config: RuleConfig) -> bool:
    last = history[-config.consecutive_periods:]
    return len(last) == config.consecutive_periods and all(g is not None and -g >= config.yellow_pp for g in last)


def _with_flags(light: str, g: Decimal | None, reasons: list[str], flags: list[tuple[str, str]]) -> Verdict:
    for flag_light, flag_reason in flags:
        light = _worst(light, flag_light)
        reasons.append(flag_reason)
    return Verdict(light, g, tuple(reasons))



def _stated(measure: str, actual: Decimal, target: Decimal) -> str:
    """The figure against its target: 增速5.2%，目标6%."""
    values = {"actual": _signed(actual), "target": _signed(target)}
    if measure == "growth":
        return _("Growth %(actual)s%%, target %(target)s%%") % values
    if measure == "share":
        return _("Share %(actual)s%%, target %(target)s%%") % values
    return _("Value %(actual)s, target %(target)s") % values


def judge_target(facts: TargetFacts, config: RuleConfig = DEFAULT_RULES) -> Verdict:
    """The light of an indicator against a growth, share, level or rank target."""
    if facts.actual is None or facts.target is None:
        return Verdict(config.no_data_light, None, (_("No confirmed figures"),))
    if facts.measure == "rank":
        return _judge_rank(facts, config)
    lower = facts.lower_is_better or facts.at_most
    g = q2(facts.target - facts.actual if lower else facts.actual - facts.target)
    stated = _stated(facts.measure, facts.actual, facts.target)
    if facts.measure == "level":
        return _judge_level(facts, g, stated, config)
    short = -g
    tolerance = config.about_tolerance_pp if facts.about else Decimal(0)
    if short <= 0:
        reason = (_("%(stated)s, %(gap)s percentage points better than the target") % {"stated": stated, "gap": pp(g)}
                  if g > 0 else _("%(stated)s, target met") % {"stated": stated})
        return Verdict(GREEN, g, (reason,))
    if short <= tolerance:
        return Verdict(GREEN, g, (_("%(stated)s, %(short)s percentage points short (within the tolerance of “about”)") % {
            "stated": stated, "short": pp(short)},))
    light = RED if short > config.growth_red_pp else YELLOW
    text = (_("%(stated)s, %(short)s percentage points above the target") if lower
            else _("%(stated)s, %(short)s percentage points below the target"))
    return Verdict(light, g, (text % {"stated": stated, "short": pp(short)},))


def _signed(value: Decimal) -> str:
    return pp(value) if value >= 0 else "-" + pp(value)


def _judge_level(facts: TargetFacts, g: Decimal, stated: str, config: RuleConfig) -> Verdict:
    # The shortfall as % of the target's size: a negative target (−5) is not a reason to flip the sign.
    short_pct = q2(-g * HUNDRED / abs(facts.target)) if facts.target else Decimal(0)
    if short_pct <= 0:
        return Verdict(GREEN, g, (_("%(stated)s, target met") % {"stated": stated},))
    values = {"stated": stated, "short": pp(short_pct)}
    if short_pct > config.level_red_pct:
        return Verdict(RED, g, (_("%(stated)s, %(short)s%% short") % values,))
    if short_pct >= config.level_yellow_pct:
        return Verdict(YELLOW, g, (_("%(stated)s, %(short)s%% short") % values,))
    return Verdict(GREEN, g, (_("%(stated)s, %(short)s%% short (within tolerance)") % values,))


def _judge_rank(facts: TargetFacts, config: RuleConfig) -> Verdict:
    behind = int(facts.actual - facts.target)
    g = Decimal(-behind)
    stated = _("Ranked %(actual)s, target %(target)s") % {"actual": int(facts.actual), "target": int(facts.target)}
    if behind <= 0:
        return Verdict(GREEN, g, (_("%(stated)s, target met") % {"stated": stated},))
    return Verdict(RED if behind > config.rank_red_places else YELLOW, g,
                   (_("%(stated)s, %(behind)s places behind") % {"stated": stated, "behind": behind},))


# ---------------------------------------------------------------------------------------------------------
# Roll-up of a work-system node


@dataclass(frozen=True)
class RollupChild:
    label: str
    weight: Decimal
    value: Decimal | None   # completion %, None = no data


@dataclass(frozen=True)
class RollupResult:
    value: Decimal | None
    formula: str
    counted: int
    missing: int


def rollup(children: list[RollupChild], *, missing: str = "zero", cap: bool = True) -> RollupResult:
    """Weighted mean of the children's completion, weights normalised over the children that count.

    ``missing="zero"`` counts a child without data as 0% (silence never looks good); ``"exclude"`` leaves it
    out and renormalises. Each child is capped at 100% (``cap``) so a node never passes 100% on one item's
    overshoot. Children with weight 0 do not count. No counted child → value None.
    """
    if missing not in {"zero", "exclude"}:
        raise ValueError("missing must be 'zero' or 'exclude'")
    terms, total_weight, absent = [], Decimal(0), 0
    for child in children:
        if child.weight <= 0:
            continue
        value = child.value
        if value is None:
            absent += 1
            if missing == "exclude":
                continue
            value = Decimal(0)
        if cap:
            value = min(max(value, Decimal(0)), HUNDRED)
        terms.append((value, child.weight))
        total_weight += child.weight
    if not terms or total_weight == 0:
        return RollupResult(None, _("Nothing to count"), 0, absent)
    exact = sum(v * w for v, w in terms) / total_weight
    value = q2(exact)
    parts = " + ".join(f"{pp(q2(v))}%×{_w(w)}" for v, w in terms)
    formula = f"({parts}) ÷ {_w(total_weight)} = {pp(value)}%"
    if absent:
        formula += (_(" (%(count)s without data, counted as 0)") if missing == "zero"
                    else _(" (%(count)s without data, left out)")) % {"count": absent}
    return RollupResult(value, formula, len(terms), absent)


def _w(weight: Decimal) -> str:
    text = f"{weight.normalize():f}"
    return text


def sum_ratio(parts: list[tuple[Decimal | None, Decimal | None]]) -> tuple[Decimal | None, str]:
    """Σ actual ÷ Σ plan as % with its formula (双过半 and investment completion summed over projects)."""
    actual = sum((a or Decimal(0)) for a, p in parts if p)
    plan = sum((p or Decimal(0)) for a, p in parts if p)
    if plan <= 0:
        return None, _("No planned figures")
    value = q2(actual * HUNDRED / plan)
    # Amounts are held in 万元; both sides are written in one unit, 亿元 from 1亿元 up (as offices write them).
    scale = wanyuan_scale(actual, plan)
    return value, f"{format_wanyuan_in(actual, scale)} ÷ {format_wanyuan_in(plan, scale)} = {pp(value)}%"
