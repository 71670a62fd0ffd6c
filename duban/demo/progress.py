"""A year of generated progress for the demo district: reports for every tracked item of the plan year.

Called by ``duban load_demo`` as its last step. Every record is marked provenance=GENERATED. Items get a
profile (on pace, behind, far behind, done early, starting in the second half, never reported) so that the
status at 30 June shows every light; most reports are confirmed, a few are returned and resubmitted, a few
wait for review. A second call changes nothing.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from duban.core import dates
from duban.core.models import Frequency, Provenance
from duban.indicators.models import Accumulation, TargetType
from duban.org.models import Membership, Organisation, Role
from duban.projects.models import PlanType
from duban.tracking import rules
from duban.tracking.items import TrackedItem, load_items
from duban.tracking.models import ItemSetting, ItemType, ProgressCurve, Report, ReportState
from duban.tracking.periods import Period, periods_of_year
from duban.tracking.services import curve_save, item_setting_set, reports_import

from .data import GENERATED

SHANGHAI = ZoneInfo("Asia/Shanghai")
CHECK_DATE = (6, 30)                      # the profiles are aimed at the status on 30 June
PROFILES = ("green", "yellow", "red", "done", "not_started", "no_data")
WEIGHTS = (56, 18, 9, 9, 3, 5)
SECOND_HALF_CURVE = ["0", "0", "0", "0", "0", "0", "15", "30", "50", "70", "85", "100"]
GAP_AT_JUNE = {"green": (-6, 12), "yellow": (-26, -12), "red": (-48, -34)}
YEAR_END = {"green": (100, 108), "yellow": (88, 99), "red": (60, 85), "done": (100, 110), "not_started": (80, 100)}
PROGRESS_TEXT = ["按计划推进", "主体结构施工中", "正在进行设备安装", "完成阶段性验收", "加快推进前期手续", "正在组织施工"]
PROBLEMS = ["", "", "", "资金拨付滞后", "征地拆迁影响施工进度", "审批手续尚未办结"]
RETURN_COMMENT = "本年累计数与统计口径不一致，请核实后重新报送"


@dataclass
class Plan:
    item: TrackedItem
    profile: str
    june: Decimal          # completion % at 30 June (pace items)
    final: Decimal         # completion % at year end
    delta: Decimal         # indicators: actual minus target, in points (or % for levels)


#: A level commitment's generated value before it is reached: 95% of the target (e.g. 1058元 before 1114元).
LEVEL_BEFORE_RAISE = Decimal("0.95")


def _d(value: float, places: str = "0.01") -> Decimal:
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _is_pace(item: TrackedItem) -> bool:
    if item.type != ItemType.INDICATOR_TARGET:
        return True
    return item.attrs["target_type"] == TargetType.LEVEL and item.attrs["accumulation"] == Accumulation.YEAR_TO_DATE


def _reportable(item: TrackedItem) -> bool:
    if item.type == ItemType.PROJECT_YEAR:
        return bool(item.target and item.target > 0)
    if item.type == ItemType.EXPROPRIATION:
        return bool(item.attrs["households"] or item.attrs["area_m2"] or item.attrs["land_mu"])
    return True


def _flags_free(item: TrackedItem, check: date) -> bool:
    """A project whose 应开未开 / 开工未入库 rules would not fire: its light follows its figures alone."""
    if item.type != ItemType.PROJECT_YEAR:
        return True
    a = item.attrs
    started = a["actual_start"] is not None and a["actual_start"] <= check
    if a["plan_type"] == PlanType.NEW and not started:
        return False
    return not (started and not a["registered"])


def _time_progress_at(item: TrackedItem, check: date, curve) -> Decimal:
    deadline_based = item.deadline is not None and (item.frequency == Frequency.ONCE or item.deadline < date(item.year, 12, 31))
    return rules.time_progress(check, item.year, curve=curve, deadline=item.deadline, deadline_based=deadline_based)


def _assign_profiles(items: list[TrackedItem], rng: random.Random, check: date) -> dict:
    """Every light at least once (on items whose light follows their figures), then weighted chance."""
    profiles = {}
    candidates = sorted((i for i in items if _is_pace(i) and _flags_free(i, check)),
                        key=lambda i: (i.type != ItemType.TASK, i.type != ItemType.SUB_ITEM, i.type, i.id))
    forced = [p for p in PROFILES]
    red_ready = [i for i in candidates if _time_progress_at(i, check, None) >= 40]
    if red_ready:
        profiles[red_ready[0].ref] = "red"
        forced.remove("red")
    for item in candidates:
        if not forced:
            break
        if item.ref not in profiles:
            profiles[item.ref] = forced.pop(0)
    if "no_data" in forced:
        spare = next((i for i in items if i.ref not in profiles), None)
        if spare is not None:
            profiles[spare.ref] = "no_data"
    for item in items:
        if item.ref not in profiles:
            choice = rng.choices(PROFILES, WEIGHTS)[0]
            if not _is_pace(item) and choice == "not_started":
                choice = "green"
            profiles[item.ref] = choice
    return profiles


def _plan(item: TrackedItem, profile: str, rng: random.Random, check: date, curve) -> Plan:
    tp = _time_progress_at(item, check, curve if profile == "not_started" else None)
    if profile == "done":
        june = _d(rng.uniform(100, 106))
    elif profile in GAP_AT_JUNE:
        low, high = GAP_AT_JUNE[profile]
        june = _d(min(max(float(tp) + rng.uniform(low, high), 0), 99))
    else:
        june = Decimal(0)
    low, high = YEAR_END.get(profile, (90, 100))
    final = max(_d(rng.uniform(low, high)), june)
    delta = {"green": rng.uniform(0.2, 1.5), "done": rng.uniform(0.5, 2), "not_started": rng.uniform(0, 1),
             "yellow": -rng.uniform(0.7, 1.8), "red": -rng.uniform(2.5, 4.0), "no_data": 0}[profile]
    return Plan(item, profile, june, final, _d(delta, "0.1"))


def _fraction(period_end: date) -> Decimal:
    """Months elapsed at a date as a decimal: 30 June → 6, 15 March → 2.48."""
    next_month = date(period_end.year + period_end.month // 12, period_end.month % 12 + 1, 1)
    days = (next_month - date(period_end.year, period_end.month, 1)).days
    return Decimal(period_end.month - 1) + Decimal(period_end.day) / Decimal(days)


def _completion_at(plan: Plan, at: date, curve) -> Decimal:
    t = _fraction(at)
    if plan.profile == "not_started":
        month = min(int(t), 12)
        share = Decimal(curve[month - 1]) if month >= 1 else Decimal(0)
        return _d(plan.final * share / 100)
    if t <= 6:
        return _d(plan.june * t / 6)
    return _d(plan.june + (plan.final - plan.june) * (t - 6) / 6)


def _periods(item: TrackedItem, today: date) -> list[Period]:
    if item.frequency == Frequency.ONCE:
        deadline = item.deadline or date(item.year, 12, 31)
        ends = [d for d in (date(item.year, m, 1) - timedelta(days=1) for m in (4, 7, 10)) if d < deadline] + [deadline]
        return [Period(Frequency.ONCE, f"{item.year}-once", date(item.year, 1, 1), end, "") for end in ends if end <= today]
    return [p for p in periods_of_year(item.frequency, item.year, item.deadline) if p.end <= today]


def _values(plan: Plan, completion: Decimal, previous: dict | None, rng: random.Random) -> dict:
    item = plan.item
    if item.type == ItemType.PROJECT_YEAR:
        ytd = _d(item.target * completion / 100)
        month = ytd - (previous or {}).get("invest_ytd", Decimal(0))
        return {"invest_month": month, "invest_ytd": ytd,
                "invest_since_start": (item.attrs["invested_before"] or Decimal(0)) + ytd,
                "funds_received": _d(ytd * Decimal("0.9"))}
    if item.type == ItemType.EXPROPRIATION:
        return _expropriation_values(item, completion)
    if item.type == ItemType.INDICATOR_TARGET:
        return _indicator_values(plan, completion, rng)
    if item.target and item.attrs.get("is_level"):
        # a standard (1114元 a month) is raised once: the previous level until then, the target from then on
        done = completion >= 100
        return {"value": item.target if done else _d(item.target * LEVEL_BEFORE_RAISE, "1"), "is_done": done}
    if item.target:
        return {"value": _d(item.target * min(completion, Decimal(100)) / 100), "is_done": completion >= 100}
    return {"percent": min(completion, Decimal(100)), "is_done": completion >= 100}


def _expropriation_values(item: TrackedItem, completion: Decimal) -> dict:
    share = min(completion, Decimal(100)) / 100
    signed = int(Decimal(item.attrs["households"] or 0) * share)
    vacated, area = int(signed * 0.9), Decimal(item.attrs["area_m2"] or 0)
    return {
        "signed_households": signed, "vacated_households": vacated, "demolished_households": int(vacated * 0.8),
        "signed_area": _d(area * share), "vacated_area": _d(area * share * Decimal("0.9")),
        "demolished_area": _d(area * share * Decimal("0.72")),
        "land_handed_mu": _d(Decimal(item.attrs["land_mu"] or 0) * share * Decimal("0.7")),
    }


def _indicator_values(plan: Plan, completion: Decimal, rng: random.Random) -> dict:
    item, a = plan.item, plan.item.attrs
    target = item.target if item.target is not None else Decimal(5)
    delta = plan.delta if a["higher_is_better"] else -plan.delta
    noise = _d(rng.uniform(-0.2, 0.2), "0.1") if plan.profile == "green" else Decimal(0)
    ttype = a["target_type"]
    if ttype == TargetType.LEVEL and a["accumulation"] == Accumulation.YEAR_TO_DATE:
        return {"value": _d(target * completion / 100)}
    if ttype == TargetType.GROWTH:
        return {"growth": target + delta + noise}
    if ttype == TargetType.NOT_BELOW_CITY_AVERAGE:
        reference = _d(rng.uniform(4.5, 6.0), "0.1")
        return {"growth": reference + delta, "reference": reference}
    if ttype == TargetType.RANK:
        places = {"yellow": 1, "red": 4}.get(plan.profile, 0)
        return {"value": max(target + places, Decimal(1))}
    if ttype == TargetType.SHARE:
        return {"value": target + delta + noise}
    short_pct = {"yellow": Decimal(8), "red": Decimal(20)}.get(plan.profile, Decimal(-1))
    factor = (1 - short_pct / 100) if a["higher_is_better"] else (1 + short_pct / 100)
    return {"value": _d(target * factor)}


def _submitted_at(period_end: date, rng: random.Random) -> datetime:
    day = period_end + timedelta(days=rng.choice((1, 2, 3, 3, 4, 5, 6, 9)))
    return datetime.combine(day, time(9 + rng.randrange(8), rng.randrange(60)), tzinfo=SHANGHAI)


def _reporters(district: Organisation) -> dict[int, int]:
    rows = Membership.objects.filter(organisation__path__startswith=district.path, role=Role.UNIT_REPORTER)
    out: dict[int, int] = {}
    for org_id, user_id in rows.order_by("pk").values_list("organisation_id", "user_id"):
        out.setdefault(org_id, user_id)
    return out


def _reviewer(district: Organisation) -> int | None:
    return (Membership.objects.filter(organisation=district, role__in=(Role.SUPERVISION_OFFICE, Role.PROJECT_OFFICE))
            .order_by("pk").values_list("user_id", flat=True).first())


#: Generated reports never carry a time after "today": stamps later than the morning of today are squeezed,
#: in their order, into the rest of today's working day (see ``_Builder.fit``).
WORKDAY = (time(9, 0), time(18, 0))


class _Builder:
    """Collects unsaved report rows for one district and year, stamped no later than ``today``."""

    def __init__(self, district, reporters, reviewer, today: date | None = None):
        self.district, self.reporters, self.reviewer = district, reporters, reviewer
        self.rows: list[Report] = []
        today = today or dates.today()
        self.start = datetime.combine(today, WORKDAY[0], tzinfo=SHANGHAI)
        self.limit = datetime.combine(today, WORKDAY[1], tzinfo=SHANGHAI)

    def fit(self, at: datetime) -> datetime:
        """``at`` itself up to this morning; a later stamp maps, strictly increasing, into this morning..evening,
        so that a June report due after 30 June is submitted and confirmed on 30 June, in the same order."""
        if at <= self.start:
            return at
        late = (at - self.start).total_seconds()
        day = 86400.0
        return self.start + (self.limit - self.start) * (late / (late + day))

    def add(self, item, period_key, period_end, version, state, values, submitted_at, comment="", narrative=""):
        unit_id = item.lead_unit_id
        reviewed = state != ReportState.SUBMITTED
        self.rows.append(Report(
            item_type=item.type, item_id=item.id, district=self.district, unit_id=unit_id, year=item.year,
            frequency=item.frequency, period_key=period_key, period_end=period_end, version=version, state=state,
            submitted_by_id=self.reporters.get(unit_id), submitted_at=self.fit(submitted_at),
            reviewed_by_id=self.reviewer if reviewed else None,
            reviewed_at=self.fit(submitted_at + timedelta(days=1)) if reviewed else None, review_comment=comment,
            narrative=narrative, provenance=Provenance.GENERATED, source_note=GENERATED + "：每月进度",
            **{k: v for k, v in values.items() if v is not None},
        ))


def _item_reports(builder: _Builder, plan: Plan, rng: random.Random, today: date, curve, extras: dict) -> None:
    periods = _periods(plan.item, today)
    if plan.profile == "no_data":
        if periods and extras.pop("pending_no_data", False):
            last = periods[min(len(periods) - 1, 5)]
            values = _values(plan, _d(rng.uniform(5, 20)), None, rng)
            builder.add(plan.item, last.key, last.end, 1, ReportState.SUBMITTED, values, _submitted_at(last.end, rng),
                        narrative="首次报送，待审核")
        return
    previous = None
    for index, period in enumerate(periods):
        version = index + 1 if period.frequency == Frequency.ONCE else 1
        values = _values(plan, _completion_at(plan, period.end, curve), previous, rng)
        at = _submitted_at(period.end, rng)
        narrative = f"{rng.choice(PROGRESS_TEXT)}。{rng.choice(PROBLEMS)}".rstrip("。") + "。"
        is_last = index == len(periods) - 1
        if is_last and extras.get("pending_last", 0) > 0 and period.frequency != Frequency.ONCE:
            extras["pending_last"] -= 1
            builder.add(plan.item, period.key, period.end, version, ReportState.SUBMITTED, values, at, narrative=narrative)
            continue
        if period.end.month == 6 and period.frequency == Frequency.MONTHLY and extras.get("returned", 0) > 0:
            extras["returned"] -= 1
            builder.add(plan.item, period.key, period.end, 1, ReportState.RETURNED, values, at, RETURN_COMMENT, narrative)
            version = 2
            at += timedelta(days=2)
        builder.add(plan.item, period.key, period.end, version, ReportState.CONFIRMED, values, at, narrative=narrative)
        if period.end.month == 5 and period.frequency == Frequency.MONTHLY and extras.get("corrections", 0) > 0:
            extras["corrections"] -= 1
            builder.add(plan.item, period.key, period.end, version + 1, ReportState.SUBMITTED, values,
                        at + timedelta(days=20), narrative="更正：补充佐证材料")
        previous = values


def _second_half_curve():
    curve = ProgressCurve.objects.filter(code="demo-second-half").first()
    if curve is None:
        curve = curve_save(actor=None, code="demo-second-half", name="下半年集中推进（演示）", months=SECOND_HALF_CURVE)
    return curve


@transaction.atomic
def generate_progress(*, district: Organisation, year: int, seed: int = 2024) -> dict:
    """Generate a year of progress for the district's plan year; returns counts. Idempotent."""
    items = [i for i in load_items(district=district, year=year) if _reportable(i)]
    done_refs = set(Report.objects.filter(district=district, year=year, provenance=Provenance.GENERATED)
                    .values_list("item_type", "item_id"))
    if done_refs:
        return {"items": 0, "reports": 0, "skipped": len(items)}
    rng = random.Random(seed)
    check = date(year, *CHECK_DATE)
    today = dates.today()
    profiles = _assign_profiles(items, rng, check)
    curve_row = _second_half_curve() if "not_started" in profiles.values() else None
    curve = tuple(curve_row.months) if curve_row else None
    builder = _Builder(district, _reporters(district), _reviewer(district), today)
    extras = {"returned": 3, "pending_last": 3, "corrections": 2, "pending_no_data": True}
    existing_settings = set(ItemSetting.objects.values_list("item_type", "item_id"))
    for item in items:
        plan = _plan(item, profiles[item.ref], rng, check, curve)
        if plan.profile == "not_started" and item.ref not in existing_settings:
            item_setting_set(actor=None, item_type=item.type, item_id=item.id, curve=curve_row,
                             provenance=Provenance.GENERATED)
        _item_reports(builder, plan, rng, today, curve, extras if plan.profile in ("green", "yellow", "no_data") else {})
    reports_import(reports=builder.rows)
    counts = {p: sum(1 for v in profiles.values() if v == p) for p in PROFILES}
    return {"items": len(items), "reports": len(builder.rows), "profiles": counts}
