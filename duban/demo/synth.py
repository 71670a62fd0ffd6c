"""A synthetic city for load and scale work: districts, units, users of every role, plans with a work system and
tasks, key projects with monthly reports, indicators with monthly observations, supervision orders.

Everything is drawn from one ``random.Random(seed)`` in a fixed order and written with ``bulk_create``, so the
same arguments give the same rows (ids aside) on SQLite and PostgreSQL. Every row that has a provenance is
``generated``. Reports go through ``tracking.services.reports_import`` (the bulk door: audit events included).
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from duban.core.models import Frequency, Provenance
from duban.indicators.models import (
    Accumulation, Indicator, IndicatorCategory, IndicatorTarget, IndicatorTargetUnit, Observation, PeriodType,
    TargetType,
)
from duban.org.models import Membership, Organisation, OrgKind, Role, UnitRole
from duban.plans.models import Plan, Task, TaskCategory, TaskUnit, WorkNode
from duban.projects.models import PlanType, Project, ProjectCategory, ProjectLevel, ProjectYear, Stage
from duban.tracking.models import ItemType, OrderState, OrderUnit, Report, ReportState, SupervisionOrder
from duban.tracking.periods import month_period
from duban.tracking.services import reports_import

SH = ZoneInfo("Asia/Shanghai")
GEN = Provenance.GENERATED
NOTE = "合成数据（duban synth）"
BATCH = 5000
PASSWORD = "duban-synth"
DISTRICT_NAMES = ["东城", "西城", "南湖", "北山", "中原", "新港", "高新", "临江", "青山", "白河", "龙泉", "金桥"]
UNIT_KINDS = [(OrgKind.DEPARTMENT, "局"), (OrgKind.STREET, "街道"), (OrgKind.COMPANY, "集团"), (OrgKind.PARK, "园区")]
PROJECT_WORDS = ["产业园", "综合体", "安置房", "学校", "医院", "道路", "污水处理厂", "数据中心", "物流园", "体育中心"]
CATEGORIES = ["产业", "基础设施", "民生", "城市更新", "生态环保"]
NODE_TITLES = ["经济发展", "项目建设", "城市品质", "民生保障", "改革开放"]
INDICATOR_WORDS = ["地区生产总值", "一般公共预算收入", "固定资产投资", "社会消费品零售总额", "规上工业增加值",
                   "进出口总额", "实际使用外资", "城镇居民人均可支配收入", "新增就业", "单位产值能耗"]


@dataclass(frozen=True)
class SynthSpec:
    districts: int = 2
    units_per_district: int = 10
    projects: int = 100
    years: int = 1
    seed: int = 1
    indicators: int = 20
    tasks_per_district: int = 50
    as_of: date = field(default_factory=lambda: date(2024, 12, 31))

    @property
    def year_list(self) -> list[int]:
        return list(range(self.as_of.year - self.years + 1, self.as_of.year + 1))


@dataclass
class District:
    org: Organisation
    units: list[Organisation]
    office_user: object = None
    reporter_of: dict = field(default_factory=dict)     # unit id -> reporter user


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def _bulk(model, rows) -> list:
    return model.objects.bulk_create(list(rows), batch_size=BATCH)


def _repath(orgs: list[Organisation], parent_path: str) -> None:
    for org in orgs:
        org.path = f"{parent_path}{org.pk}/"
    Organisation.objects.bulk_update(orgs, ["path"], batch_size=BATCH)


def _organisations(spec: SynthSpec, rng: random.Random, city_name: str) -> tuple[Organisation, list[District]]:
    city = Organisation.objects.create(name=city_name, kind=OrgKind.CITY, provenance=GEN, source_note=NOTE)
    names = [DISTRICT_NAMES[i % len(DISTRICT_NAMES)] + ("区" if i < len(DISTRICT_NAMES) else f"{i // len(DISTRICT_NAMES)}区")
             for i in range(spec.districts)]
    districts = _bulk(Organisation, (Organisation(name=n, kind=OrgKind.DISTRICT, parent=city, order=i, provenance=GEN,
                                                  source_note=NOTE) for i, n in enumerate(names)))
    _repath(districts, city.path)
    out = []
    for district in districts:
        units = [Organisation(name=f"{district.name}督查室", kind=OrgKind.OFFICE, parent=district, provenance=GEN,
                              source_note=NOTE)]
        for i in range(spec.units_per_district):
            kind, word = UNIT_KINDS[rng.randrange(len(UNIT_KINDS))]
            units.append(Organisation(name=f"{district.name}第{i + 1}{word}", kind=kind, parent=district, order=i,
                                      provenance=GEN, source_note=NOTE))
        units = _bulk(Organisation, units)
        _repath(units, district.path)
        out.append(District(district, units[1:]))
    return city, out


def _users(spec: SynthSpec, city: Organisation, districts: list[District]) -> int:
    """One user per role: city office; per district the offices, statistics, a leader, the command centre and a
    grid member; per unit a reporter and a unit leader. One password hash for all (hashing thousands of passwords would take minutes)."""
    User = get_user_model()
    password = make_password(PASSWORD, salt=f"synth{spec.seed}")
    prefix = f"s{spec.seed}"
    people = [(f"{prefix}-city", city, Role.CITY_OFFICE)]
    for d, district in enumerate(districts):
        org = district.org
        people += [(f"{prefix}-d{d}-office", org, Role.SUPERVISION_OFFICE), (f"{prefix}-d{d}-projects", org, Role.PROJECT_OFFICE),
                   (f"{prefix}-d{d}-stats", org, Role.STATISTICS), (f"{prefix}-d{d}-leader", org, Role.DISTRICT_LEADER),
                   (f"{prefix}-d{d}-centre", org, Role.COMMAND_CENTRE)]
        if district.units:
            people.append((f"{prefix}-d{d}-grid", district.units[0], Role.GRID_MEMBER))
        for u, unit in enumerate(district.units):
            people += [(f"{prefix}-d{d}-u{u}-reporter", unit, Role.UNIT_REPORTER),
                       (f"{prefix}-d{d}-u{u}-lead", unit, Role.UNIT_LEADER)]
    users = _bulk(User, (User(username=name, password=password, email=f"{name}@synth.invalid") for name, _o, _r in people))
    _bulk(Membership, (Membership(user=user, organisation=org, role=role) for user, (_n, org, role) in zip(users, people)))
    by_name = {u.username: u for u in users}
    for d, district in enumerate(districts):
        district.office_user = by_name[f"{prefix}-d{d}-office"]
        district.reporter_of = {unit.pk: by_name[f"{prefix}-d{d}-u{u}-reporter"] for u, unit in enumerate(district.units)}
    return len(users)


def _plans(spec: SynthSpec, rng: random.Random, districts: list[District]) -> list[tuple[District, Task]]:
    plans = _bulk(Plan, (Plan(district=d.org, year=y, theme="高质量发展年", provenance=GEN, source_note=NOTE)
                         for d in districts for y in spec.year_list))
    district_of = {p.pk: d for p, d in zip(plans, (d for d in districts for _y in spec.year_list))}
    roots = _bulk(WorkNode, (WorkNode(plan=p, code=str(i + 1), title=t, order=i, provenance=GEN, source_note=NOTE)
                             for p in plans for i, t in enumerate(NODE_TITLES)))
    leaves = _bulk(WorkNode, (WorkNode(plan_id=r.plan_id, parent=r, code=f"{r.code}.{j + 1}", title=f"{r.title}重点{j + 1}",
                                       order=j, provenance=GEN, source_note=NOTE) for r in roots for j in range(3)))
    by_plan: dict[int, list[WorkNode]] = {}
    for leaf in leaves:
        by_plan.setdefault(leaf.plan_id, []).append(leaf)
    categories = list(TaskCategory.values)
    tasks, owners = [], []
    for plan in plans:
        district = district_of[plan.pk]
        for i in range(spec.tasks_per_district):
            node = by_plan[plan.pk][rng.randrange(len(by_plan[plan.pk]))]
            target = Decimal(rng.choice([5, 10, 20, 50, 100, 300]))
            tasks.append(Task(plan=plan, node=node, code=f"T{i + 1:04d}", title=f"{node.title}任务{i + 1}",
                              target_value=target, target_unit="项", target_text=f"完成{target}项",
                              category=categories[rng.randrange(len(categories))], weight=Decimal(rng.choice([1, 1, 2])),
                              provenance=GEN, source_note=NOTE))
            owners.append(district)
    tasks = _bulk(Task, tasks)
    _bulk(TaskUnit, (TaskUnit(task=t, organisation=d.units[rng.randrange(len(d.units))], role=UnitRole.LEAD)
                     for t, d in zip(tasks, owners)))
    return list(zip(owners, tasks))


def _projects(spec: SynthSpec, rng: random.Random, districts: list[District]) -> list[tuple[District, ProjectYear]]:
    categories = {c.name: c for c in (ProjectCategory.objects.get_or_create(name=n)[0] for n in CATEGORIES)}
    first = spec.year_list[0]
    projects, owners = [], []
    for i in range(spec.projects):
        district = districts[i % len(districts)]
        start = date(first - rng.randrange(0, 2), rng.randrange(1, 13), 1)
        projects.append(Project(
            district=district.org, code=f"S{spec.seed}-{i + 1:06d}", name=f"{district.org.name}{PROJECT_WORDS[i % 10]}{i + 1}号",
            level=rng.choice([ProjectLevel.DISTRICT] * 3 + [ProjectLevel.CITY, ProjectLevel.PROVINCE]),
            category=categories[CATEGORIES[rng.randrange(len(CATEGORIES))]],
            lead_unit=district.units[rng.randrange(len(district.units))], planned_start=start, actual_start=start,
            planned_end=date(spec.as_of.year + rng.randrange(0, 3), 12, 31), stage=Stage.UNDER_CONSTRUCTION,
            registered_with_statistics=rng.random() < 0.9, total_investment=_money(rng.uniform(5000, 500000)),
            provenance=GEN, source_note=NOTE,
        ))
        owners.append(district)
    projects = _bulk(Project, projects)
    years, year_owners = [], []
    for project, district in zip(projects, owners):
        for n, year in enumerate(spec.year_list):
            years.append(ProjectYear(
                project=project, year=year, plan_type=PlanType.CONTINUING if n or project.actual_start.year < year else PlanType.NEW,
                level=project.level, annual_plan=_money(float(project.total_investment) * rng.uniform(0.15, 0.35)),
                invested_before=_money(float(project.total_investment) * 0.1 * n), provenance=GEN, source_note=NOTE,
            ))
            year_owners.append(district)
    return list(zip(year_owners, _bulk(ProjectYear, years)))


def _months(spec: SynthSpec, year: int) -> int:
    """Months of the year whose reports are in: all of a past year, the closed months of the current one."""
    return 12 if year < spec.as_of.year else max(spec.as_of.month - 1, 0)


def _submitted_at(year: int, month: int) -> datetime:
    following = date(year + (month == 12), month % 12 + 1, 3)
    return datetime.combine(following, time(10), tzinfo=SH)


def _report(district: District, item_type: str, item_id: int, unit_id: int, year: int, month: int, state: str,
            values: dict) -> Report:
    period = month_period(year, month)
    at = _submitted_at(year, month)
    reviewed = state != ReportState.SUBMITTED
    return Report(
        item_type=item_type, item_id=item_id, district=district.org, unit_id=unit_id, year=year,
        frequency=Frequency.MONTHLY, period_key=period.key, period_end=period.end, state=state,
        submitted_by=district.reporter_of.get(unit_id), submitted_at=at,
        reviewed_by=district.office_user if reviewed else None, reviewed_at=at if reviewed else None,
        provenance=GEN, source_note=NOTE, **values,
    )


def _project_reports(spec: SynthSpec, rng: random.Random, years: list[tuple[District, ProjectYear]]):
    lead = dict(Project.objects.filter(pk__in={py.project_id for _d, py in years}).values_list("pk", "lead_unit_id"))
    for district, py in years:
        pace = rng.uniform(0.55, 1.15)
        months = _months(spec, py.year)
        skip_last = py.year == spec.as_of.year and rng.random() < 0.05
        done_before = Decimal(0)
        for month in range(1, months + 1 - skip_last):
            done = _money(float(py.annual_plan) * min(pace * month / 12, 1.3))
            last = py.year == spec.as_of.year and month == months
            state = ReportState.SUBMITTED if last and rng.random() < 0.1 else ReportState.CONFIRMED
            yield _report(district, ItemType.PROJECT_YEAR, py.pk, lead[py.project_id], py.year, month, state,
                          {"invest_month": done - done_before, "invest_ytd": done})
            done_before = done


def _task_reports(spec: SynthSpec, rng: random.Random, tasks: list[tuple[District, Task]]):
    lead = dict(TaskUnit.objects.filter(task__in=[t for _d, t in tasks]).values_list("task_id", "organisation_id"))
    for district, task in tasks:
        pace = rng.uniform(0.5, 1.1)
        for month in range(1, task._months + 1):
            value = (task.target_value * Decimal(str(round(min(pace * month / 12, 1), 4)))).quantize(Decimal("0.01"))
            yield _report(district, ItemType.TASK, task.pk, lead[task.pk], task._year, month, ReportState.CONFIRMED,
                          {"value": value})


def _import(reports) -> int:
    count, batch = 0, []
    for report in reports:
        batch.append(report)
        if len(batch) >= BATCH:
            count += len(reports_import(reports=batch))
            batch = []
    if batch:
        count += len(reports_import(reports=batch))
    return count


def _indicators(spec: SynthSpec, rng: random.Random, districts: list[District]) -> tuple[int, int]:
    """``spec.indicators`` indicator definitions, each the target of one district (round robin) every year, with
    the statistics bureau's monthly year-to-date figures (level and growth)."""
    categories = list(IndicatorCategory.values)
    indicators = _bulk(Indicator, (
        Indicator(code=f"S{spec.seed}-I{i + 1:05d}", name=f"{INDICATOR_WORDS[i % len(INDICATOR_WORDS)]}（合成{spec.seed}-{i + 1}）",
                  unit="亿元", category=categories[i % len(categories)], accumulation=Accumulation.YEAR_TO_DATE,
                  provenance=GEN, source_note=NOTE) for i in range(spec.indicators)))
    targets, owners = [], []
    for i, indicator in enumerate(indicators):
        district = districts[i % len(districts)]
        for year in spec.year_list:
            growth = Decimal(rng.choice([5, 6, 7, 8]))
            targets.append(IndicatorTarget(indicator=indicator, organisation=district.org, year=year,
                                           target_type=TargetType.GROWTH, value=growth, text=f"增长{growth}%",
                                           provenance=GEN, source_note=NOTE))
            owners.append(district)
    targets = _bulk(IndicatorTarget, targets)
    _bulk(IndicatorTargetUnit, (IndicatorTargetUnit(target=t, organisation=d.units[rng.randrange(len(d.units))],
                                                    role=UnitRole.LEAD) for t, d in zip(targets, owners)))
    observations = []
    for target in targets:
        base, growth = rng.uniform(10, 500), rng.uniform(2, 10)
        for month in range(1, _months(spec, target.year) + 1):
            observations.append(Observation(
                indicator_id=target.indicator_id, organisation_id=target.organisation_id, year=target.year,
                period_type=PeriodType.MONTH, period=month, level=_money(base * month / 12),
                growth=Decimal(str(round(growth + rng.uniform(-1, 1), 1))), provenance=GEN, source_note=NOTE))
    return len(targets), len(_bulk(Observation, observations))


def _orders(spec: SynthSpec, rng: random.Random, years: list[tuple[District, ProjectYear]]) -> int:
    """A supervision order on about 2% of the project years; those of past years closed."""
    lead = dict(Project.objects.filter(pk__in={py.project_id for _d, py in years}).values_list("pk", "lead_unit_id"))
    picked = [(d, py) for d, py in years if rng.random() < 0.02]
    orders = _bulk(SupervisionOrder, (
        SupervisionOrder(
            number=f"S{spec.seed}-{py.year}-{n + 1:05d}", district=d.org, item_type=ItemType.PROJECT_YEAR,
            item_id=py.pk, title=f"关于加快推进项目建设的督办单（{py.year}）", content="请加快投资进度，按期报送整改情况。",
            issued_by=d.office_user, issued_at=datetime(py.year, 7, 5, 9, tzinfo=SH), deadline=date(py.year, 7, 20),
            state=OrderState.CLOSED if py.year < spec.as_of.year else OrderState.ISSUED,
            closed_at=datetime(py.year, 7, 25, 9, tzinfo=SH) if py.year < spec.as_of.year else None,
            provenance=GEN, source_note=NOTE,
        ) for n, (d, py) in enumerate(picked)))
    _bulk(OrderUnit, (OrderUnit(order=o, organisation_id=lead[py.project_id], role=UnitRole.LEAD)
                      for o, (_d, py) in zip(orders, picked)))
    return len(orders)


@transaction.atomic
def synth_city(spec: SynthSpec, *, city_name: str | None = None, progress=lambda message: None) -> dict[str, int]:
    """Build the city; returns the number of rows made per kind."""
    rng = random.Random(spec.seed)
    city, districts = _organisations(spec, rng, city_name or f"合成市{spec.seed}")
    progress("organisations")
    counts = {"districts": len(districts), "units": sum(len(d.units) for d in districts)}
    counts["users"] = _users(spec, city, districts)
    progress("users")
    tasks = _plans(spec, rng, districts)
    plan_year = dict(Plan.objects.filter(district__in=[d.org for d in districts]).values_list("pk", "year"))
    for _d, task in tasks:
        task._year = plan_year[task.plan_id]
        task._months = _months(spec, task._year)
    counts["tasks"] = len(tasks)
    years = _projects(spec, rng, districts)
    counts["projects"], counts["project_years"] = spec.projects, len(years)
    progress("plans and projects")
    counts["reports"] = _import(_project_reports(spec, rng, years)) + _import(_task_reports(spec, rng, tasks))
    progress("reports")
    counts["indicator_targets"], counts["observations"] = _indicators(spec, rng, districts)
    counts["orders"] = _orders(spec, rng, years)
    progress("indicators and orders")
    return counts
