"""Load the demo district (济南市 → 市中区) through the write services.

Recipe: organisations → leaders and logins → indicators (observations, targets) → plans (tree, tasks,
livelihood items, linked to their indicators) → key projects and expropriation → a year of progress
(``duban.demo.progress``) → 2020's key-project progress and first-half results (``duban.demo.history``) and
the city's 2020 half-year review.
Every write is an upsert by natural key, so running the loader again changes nothing.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from duban.core import dates
from duban.core.models import Provenance
from duban.dispatch import services as dispatch_services
from duban.dispatch.models import DirectReport
from duban.indicators import services as indicator_services
from duban.org import services as org_services
from duban.org.models import Leader, Organisation, OrgKind
from duban.plans import services as plan_services
from duban.plans.models import Task, WorkSource
from duban.projects import pipeline
from duban.projects import services as project_services
from duban.projects.models import Area, Lead, ProjectCategory
from duban.tracking import services as tracking_services
from duban.tracking.items import load_items
from duban.tracking.models import (
    Evaluation,
    EvaluationPeriod,
    EvaluationSubject,
    ItemType,
    ReceivedRank,
    Report,
    ReportState,
    ScoreEntryKind,
)
from duban.tracking.periods import periods_of_year
from duban.tracking.services import reports_import

from . import generate
from . import progress as demo_progress
from .history import generate_2020
from .data import GENERATED
from .data import indicators as indicator_data
from .data import org as org_data
from .data import plans as plan_data
from .data import projects as project_data
from .data import reviews as review_data

Say = Callable[[str], None]
SHANGHAI = ZoneInfo("Asia/Shanghai")
DEMO_APPS = ("org", "plans", "projects", "indicators", "tracking", "dispatch")
#: The public portal shows the latest year's provincial and city-level key projects (the ones the press follows).
PUBLIC_PROJECT_LEVELS = ("province", "city")


@dataclass
class Context:
    """What the steps share: the district, units by short name, leaders, the random source."""

    rng: random.Random
    say: Say
    city: Organisation | None = None
    district: Organisation | None = None
    units: dict[str, Organisation] = field(default_factory=dict)
    leader_of_unit: dict[int, Leader] = field(default_factory=dict)
    categories: dict[str, ProjectCategory] = field(default_factory=dict)
    areas: dict[str, Area] = field(default_factory=dict)
    indicators: dict = field(default_factory=dict)

    def unit(self, short: str) -> Organisation:
        return self.units[short]

    def roles(self, lead: str | None, resp=(), coop=()) -> list[tuple[Organisation, str]]:
        """Unit assignments [(organisation, role)] from short names; a unit keeps its first role."""
        out, seen = [], set()
        for names, role in (([lead] if lead else [], "lead"), (resp, "responsible"), (coop, "cooperating")):
            for name in names:
                if name not in seen:
                    seen.add(name)
                    out.append((self.unit(name), role))
        return out


def _marks(gen: bool, note: str) -> dict:
    return {"provenance": Provenance.GENERATED if gen else Provenance.SOURCE, "source_note": GENERATED if gen else note}


def load_demo(*, seed: int = 2024, progress: bool = True, say: Say = print) -> dict[str, int]:
    """Load (or bring up to date) the demo district; return the row counts per model."""
    ctx = Context(rng=random.Random(seed), say=say)
    started = timezone.now()
    with transaction.atomic():
        load_organisations(ctx)
        load_people(ctx)
        load_indicators(ctx)
        load_plans(ctx)
        load_projects(ctx)
    if progress:
        load_progress(ctx, seed=seed)
    date_history_as_of_today(started)
    return demo_counts()


def date_history_as_of_today(started: datetime.datetime) -> int:
    """A demo served as of a fixed date (DUBAN_TODAY) shows no change made after it: the history rows this load
    wrote on the real clock move back by whole days to that date, keeping their order and time of day."""
    fixed = dates.fixed_today()
    if fixed is None:
        return 0
    back = datetime.timedelta(days=(timezone.localdate() - fixed).days)
    if back <= datetime.timedelta(0):
        return 0
    moved = 0
    for model in demo_models():
        if model.__name__.startswith("Historical") and any(f.name == "history_date" for f in model._meta.fields):
            moved += model._default_manager.filter(history_date__gte=started).update(
                history_date=F("history_date") - back)
    return moved


# --- organisations and people -------------------------------------------------------------------------------

def load_organisations(ctx: Context) -> None:
    src = {"provenance": Provenance.SOURCE, "source_note": "济南市市中区机构设置（据公开资料整理）"}
    ctx.city = org_services.organisation_upsert(name=org_data.CITY["name"], kind=OrgKind.CITY,
                                                code=org_data.CITY["code"], **src)
    ctx.units[org_data.CITY["short"]] = ctx.city
    for i, u in enumerate(org_data.CITY_UNITS):
        ctx.units[u["short"]] = org_services.organisation_upsert(name=u["name"], kind=u["kind"], parent=ctx.city,
                                                                 short_name=u["short"], order=i, **src)
    ctx.district = org_services.organisation_upsert(name=org_data.DISTRICT["name"], kind=OrgKind.DISTRICT,
                                                    parent=ctx.city, code=org_data.DISTRICT["code"], order=1, **src)
    ctx.units[org_data.DISTRICT["short"]] = ctx.district
    for i, u in enumerate(org_data.UNITS):
        ctx.units[u["short"]] = org_services.organisation_upsert(
            name=u["name"], kind=u["kind"], parent=ctx.district, short_name=u["short"], order=i, **src)
    for j, d in enumerate(org_data.OTHER_DISTRICTS, 2):
        other = org_services.organisation_upsert(name=d["name"], kind=OrgKind.DISTRICT, parent=ctx.city,
                                                 code=d["code"], order=j, **_marks(True, ""))
        for i, u in enumerate(d["units"]):
            ctx.units[u["short"]] = org_services.organisation_upsert(
                name=u["name"], kind=u["kind"], parent=other, short_name=u["short"], order=i, **_marks(True, ""))
    ctx.say(f"Organisations: {Organisation.objects.count()}")


def load_people(ctx: Context) -> None:
    users = {}
    for u in org_data.USERS:
        users[u["username"]] = org_services.user_ensure(
            username=u["username"], email=f"{u['username']}@{org_data.EMAIL_DOMAIN}", password=org_data.PASSWORD,
            first_name=u["first_name"], is_superuser=u.get("superuser", False))
        if "role" in u:
            org_services.membership_ensure(user=users[u["username"]], organisation=ctx.unit(u["unit"]), role=u["role"])
    leader_users = {u["leader"]: users[u["username"]] for u in org_data.USERS if "leader" in u}
    for i, spec in enumerate(org_data.LEADERS):
        leader = org_services.leader_upsert(
            district=ctx.district, name=spec["name"], title=spec["title"], order=i,
            user=leader_users.get(spec["name"]), oversees=[ctx.unit(s) for s in spec["oversees"]],
            provenance=Provenance.GENERATED, source_note=org_data.LEADER_NOTE)
        for short in spec["oversees"]:
            ctx.leader_of_unit.setdefault(ctx.unit(short).pk, leader)
    ctx.say(f"Leaders: {len(org_data.LEADERS)}; logins: {len(users)} (password {org_data.PASSWORD})")


# --- plans ------------------------------------------------------------------------------------------------------

def load_plans(ctx: Context) -> None:
    for year, spec in plan_data.PLANS.items():
        _load_plan(ctx, year, spec)
    # 2023's twenty livelihood commitments, drawn from a random source of their own so that the other years'
    # generated records stay exactly what they were.
    rng, ctx.rng = ctx.rng, random.Random(2023)
    _load_plan(ctx, 2023, plan_data.PLAN_2023)
    ctx.rng = rng
    ctx.say(f"Plans: {len(plan_data.PLANS) + 1} ({', '.join(str(y) for y in sorted([*plan_data.PLANS, 2023]))})")


def _load_plan(ctx: Context, year: int, spec: dict) -> None:
    plan = plan_services.plan_upsert(
        district=ctx.district, year=year, theme=spec["theme"], system_name=spec["system_name"],
        goal=spec["goal"], source_document=spec["source_document"], **_marks(False, spec["note"]))
    nodes = _load_nodes(plan, spec)
    tasks = list(spec["tasks"])
    if year == plan_data.LATEST_YEAR:
        tasks += [dict(t, gen=True) for t in generate.latest_tasks(
            ctx.rng, year=year, count=plan_data.LATEST_TASKS_TOTAL - len(tasks), start=len(tasks) + 1)]
    for task in tasks:
        _load_task(ctx, plan, nodes, task, spec["note"])
    _load_livelihood(ctx, plan, spec)


def _load_nodes(plan, spec) -> dict:
    nodes = {}
    for order, (code, parent, title, *flags) in enumerate(spec["nodes"]):
        nodes[code] = plan_services.worknode_upsert(
            plan=plan, code=code, title=title, parent=nodes.get(parent), order=order,
            **_marks("gen" in flags, spec["note"]))
    return nodes


def _load_task(ctx: Context, plan, nodes, t: dict, note: str) -> None:
    value = t.get("value")
    task = plan_services.task_upsert(
        plan=plan, code=t["code"], title=t["title"], node=nodes.get(t.get("node")), description=t.get("desc", ""),
        target_text=t.get("text", ""), target_value=None if value is None else Decimal(str(value)),
        target_unit=t.get("unit", ""), deadline=t.get("deadline", datetime.date(plan.year, 12, 31)),
        category=t.get("cat", "other"), is_public=t.get("cat") == "livelihood",
        indicator=ctx.indicators.get(t.get("indicator")), value_source=t.get("value_source", ""),
        **_marks(t.get("gen", False), note))
    plan_services.task_units_set(task=task, units=ctx.roles(t.get("lead"), t.get("resp", ()), t.get("coop", ())))


def _load_livelihood(ctx: Context, plan, spec) -> None:
    items = [dict(i, gen=False) for i in spec["livelihood"]]
    total = spec.get("livelihood_total", len(items))
    if total > len(items):
        sub_counts = _sub_counts(ctx, plan.year, items, total - len(items))
        items += [dict(i, gen=True) for i in generate.livelihood_items(
            ctx.rng, year=plan.year, first_number=len(items) + 1, count=total - len(items), sub_counts=sub_counts)]
    if plan.year == 2023:  # closed at year end: every commitment due on 31 December
        items = [dict(i, subs=[dict(sub, deadline=datetime.date(2023, 12, 31)) for sub in i["subs"]]) for i in items]
    for item_spec in items:
        item = plan_services.livelihood_item_upsert(
            plan=plan, number=item_spec["number"], title=item_spec["title"], lead_unit=ctx.unit(item_spec["lead"]),
            voted_by_congress=True, **_marks(item_spec["gen"], spec["note"]))
        for order, s in enumerate(item_spec["subs"]):
            _load_subitem(ctx, item, order, s, item_spec["gen"], spec["note"])


def _sub_counts(ctx: Context, year: int, items: list[dict], count: int) -> list[int]:
    """How many sub-items each generated item gets: for the latest year enough to reach the wanted total."""
    if year != plan_data.LATEST_YEAR:
        return [ctx.rng.choice([1, 2]) for _ in range(count)]
    missing = plan_data.LATEST_SUBITEMS_TOTAL - sum(len(i["subs"]) for i in items)
    base, extra = divmod(max(missing, count), count)
    return [base + (1 if i < extra else 0) for i in range(count)]


def _load_subitem(ctx: Context, item, order: int, s: dict, gen: bool, note: str) -> None:
    sub = plan_services.livelihood_subitem_upsert(
        item=item, title=s["title"], target_value=Decimal(str(s["value"])) if "value" in s else None,
        target_unit=s.get("unit", ""), deadline=s.get("deadline", datetime.date(item.plan.year, 12, 31)),
        order=order, indicator=ctx.indicators.get(s.get("indicator")), **_marks(gen, note))
    resp = org_data.STREETS if s.get("resp") == "streets" else s.get("resp", ())
    plan_services.livelihood_subitem_units_set(sub_item=sub, units=ctx.roles(s["lead"], resp, s.get("coop", ())))


# --- projects ------------------------------------------------------------------------------------------------

def load_projects(ctx: Context) -> None:
    template = project_services.milestone_template_upsert(
        name=project_data.MILESTONE_TEMPLATE, steps=project_data.MILESTONE_STEPS)
    for i, name in enumerate(project_data.CATEGORIES):
        ctx.categories[name] = project_services.category_upsert(name=name, order=i)
    for name in project_data.AREAS:
        ctx.areas[name] = project_services.area_upsert(district=ctx.district, name=name)
    specs = generate.project_specs(ctx.rng)
    for spec in specs:
        _load_project(ctx, spec)
    _load_expropriations(ctx)
    ctx.say(f"Key projects: {len(specs)}; milestone list “{template.name}” with {len(project_data.MILESTONE_STEPS)} steps")


def _load_project(ctx: Context, spec: generate.ProjectSpec) -> None:
    lead = ctx.unit(spec.lead)
    started = spec.stage not in ("reserve", "preparation", "signed")
    finished = spec.stage in ("completed", "operating")
    project = project_services.project_upsert(
        district=ctx.district, code=spec.code, name=spec.name, description=spec.desc,
        level=spec.years[spec.last_year][1], category=ctx.categories[spec.cat], area=ctx.areas.get(spec.area),
        lead_unit=lead, leader=ctx.leader_of_unit.get(lead.pk), total_investment=spec.total,
        planned_start=spec.start, planned_end=spec.end, actual_start=spec.start if started else None,
        actual_end=spec.end if finished else None, stage=spec.stage,
        registered_with_statistics=generate.registered_with_statistics(spec),
        provenance=spec.provenance, source_note=spec.note,
        is_public=spec.years.get(plan_data.LATEST_YEAR, ("", ""))[1] in PUBLIC_PROJECT_LEVELS)
    for year, (plan_type, level) in sorted(spec.years.items()):
        project_services.project_year_upsert(
            project=project, year=year, plan_type=plan_type, level=level, provenance=spec.provenance,
            source_note=spec.note, **generate.year_figures(spec, year))
    project_services.project_milestones_set(project=project, milestones=generate.milestones(spec))


def _load_expropriations(ctx: Context) -> None:
    rows = [dict(e, gen=False) for e in project_data.EXPROPRIATIONS]
    rows += [{"year": plan_data.LATEST_YEAR, "name": name, "lead": "区征收中心", "resp": [street], "gen": True}
             for name, street in project_data.GENERATED_EXPROPRIATIONS_2024]
    for e in rows:
        figures = generate.expropriation_figures(ctx.rng)
        if "households" in e:
            figures.update(households=e["households"], area_m2=Decimal(e["area_m2"]), land_mu=Decimal(e["land_mu"]),
                           enterprises=0)
        task = project_services.expropriation_upsert(
            district=ctx.district, year=e["year"], name=e["name"], deadline=datetime.date(e["year"], 12, 31),
            **figures, **_marks(e["gen"], e.get("note", "")))
        project_services.expropriation_units_set(task=task, units=ctx.roles(e["lead"], e.get("resp", ()),
                                                                              e.get("coop", ["区住建局"])))


# --- indicators -------------------------------------------------------------------------------------------------

def load_indicators(ctx: Context) -> None:
    indicators = {}
    for code, name, unit, cat, freq, acc, aspect, growth, comparable, higher, source in indicator_data.INDICATORS:
        indicators[code] = indicator_services.indicator_upsert(
            code=code, name=name, unit=unit, category=cat, frequency=freq, accumulation=acc, aspect=aspect,
            publishes_growth=growth, comparable_prices=comparable, higher_is_better=higher,
            source_unit=ctx.unit(source), provenance=Provenance.SOURCE, source_note="指标口径（据公开资料整理）")
    for code, year, ptype, period, level, growth, share, rank, note in indicator_data.OBSERVATIONS:
        indicator_services.observation_record(
            indicator=indicators[code], organisation=ctx.district, year=year, period_type=ptype, period=period,
            level=_d(level), growth=_d(growth), share=_d(share), rank=rank, source=note.split("：")[0],
            qualifier=indicator_data.OBSERVATION_QUALIFIERS.get((code, year), ""),
            provenance=Provenance.SOURCE, source_note=note)
    for code, series in indicator_data.GENERATED_SERIES.items():
        for year, level in series.items():
            indicator_services.observation_record(
                indicator=indicators[code], organisation=ctx.district, year=year, period_type="year",
                level=Decimal(level), provenance=Provenance.GENERATED, source_note=indicator_data.GENERATED_SERIES_NOTE)
    _load_targets(ctx, indicators)
    ctx.indicators = indicators
    ctx.say(f"Indicators: {len(indicators)}; observations: {len(indicator_data.OBSERVATIONS)} from the articles")


def _load_targets(ctx: Context, indicators) -> None:
    for code, ttype, value, qualifier, text, lead, resp, coop, note in indicator_data.TARGETS_2024:
        target = indicator_services.target_upsert(
            indicator=indicators[code], organisation=ctx.district, year=plan_data.LATEST_YEAR, target_type=ttype,
            value=Decimal(value), qualifier=qualifier, text=text, frequency=indicators[code].frequency,
            **_marks(note == GENERATED, note))
        indicator_services.target_units_set(target=target, units=ctx.roles(lead, resp, coop))


def _d(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


# --- progress and counts -----------------------------------------------------------------------------------------

def load_progress(ctx: Context, *, seed: int) -> None:
    try:
        from duban.demo.progress import generate_progress
    except ImportError:
        ctx.say("Progress: skipped (duban.demo.progress is not available yet).")
        return
    generate_progress(district=ctx.district, year=plan_data.LATEST_YEAR, seed=seed)
    ctx.say(f"Progress: a year of monthly progress generated for {plan_data.LATEST_YEAR}.")
    from duban.demo.extras import load_extras

    extras = load_extras(ctx.district, plan_data.LATEST_YEAR)
    ctx.say(f"Supervision orders and rankings: {extras}.")
    generate_2020(district=ctx.district)
    close_2023(district=ctx.district)
    load_pipeline(ctx)
    load_city_review(ctx)
    load_supervised_work(ctx)
    load_direct_reports(ctx)
    ctx.say("2020: key-project progress, the first half's expropriation result and the city's half-year review.")


def load_pipeline(ctx: Context) -> None:
    """The 2024 leads of ``project_data.LEADS_2024`` (generated), taken through the pipeline's steps by the
    key-project office as far as each went: reported, assessed, reviewed, signed, registered with its 前期
    procedures, started; one refused by the joint review, one dropped."""
    district = ctx.district or Organisation.objects.get(code=org_data.DISTRICT["code"])
    if Lead.objects.filter(district=district).exists():
        return
    office = get_user_model().objects.get(username="projects")
    day = lambda start, days: start + datetime.timedelta(days=days)  # noqa: E731
    year = plan_data.LATEST_YEAR
    for number, (title, investor, sector, amount, unit, (month, dd), important, fate) in enumerate(
            project_data.LEADS_2024, 1):
        reported = datetime.date(year, month, dd)
        lead = pipeline.lead_report(
            actor=office, district=district, title=title, investor=investor, amount=Decimal(amount),
            reporting_unit=ctx.unit(unit), reported_on=reported, is_important=important,
            sector=ProjectCategory.objects.get(name=sector), contact="招商专员 0531-8000000" + str(number),
            provenance=Provenance.GENERATED, source_note=GENERATED)
        if fate == "reported":
            continue
        pipeline.lead_assess(actor=office, lead=lead, assessment="符合区域产业导向，投资主体实力较强，建议提交评审。")
        if fate == "dropped":
            pipeline.lead_drop(actor=office, lead=lead, reason="投资方调整投资计划，暂缓落地。")
            continue
        if fate == "assessed":
            continue
        refused = fate == "refused"
        pipeline.lead_review(
            actor=office, lead=lead, expert_opinion="专家评审：项目亩均效益偏低。" if refused else "专家评审：项目可行。",
            joint_review_opinion="七人小组会审：不同意引进。" if refused else "七人小组会审：同意引进。",
            decision="refused" if refused else "conditional", conditions="" if refused else "三年内达产，税收有贡献")
        if fate in ("refused", "reviewed"):
            continue
        signed = day(reported, 45)
        pipeline.lead_sign(actor=office, lead=lead, contract_amount=Decimal(amount) * Decimal("0.95"),
                           signed_on=signed)
        if fate == "signed":
            continue
        project = pipeline.lead_register(actor=office, lead=lead, code=f"XS{year}-{number:02d}", lead_unit=ctx.unit(unit),
                                         year=year)
        plans = {"land": 20, "planning": 40, "environment": 50, "construction": 70}
        for kind, after in plans.items():
            pipeline.procedure_plan(actor=office, project=project, kind=kind,
                                    unit=ctx.unit(project_data.PROCEDURE_UNITS[kind]), planned_date=day(signed, after))
        done = plans if fate == "started" else {"land": 18, "planning": 45}
        for procedure in project.procedures.all():
            if procedure.kind in done:
                pipeline.procedure_done(actor=office, procedure=procedure, actual_date=day(signed, done[procedure.kind]))
        if fate == "started":
            pipeline.project_start(actor=office, project=project, started_on=day(signed, 75))


def close_2023(*, district: Organisation) -> int:
    """Seed 003: “20件民生实事全部兑现” — each of 2023's livelihood commitments closed as done at year end, a
    confirmed report with ``provenance=source`` naming the article. A second call writes nothing."""
    if Report.objects.filter(district=district, year=2023).exists():
        return 0
    items = [i for i in load_items(district=district, year=2023) if i.type == ItemType.SUB_ITEM]
    builder = demo_progress._Builder(district, demo_progress._reporters(district), demo_progress._reviewer(district))
    at = datetime.datetime(2023, 12, 29, 10, tzinfo=SHANGHAI)
    for item in items:
        period = periods_of_year(item.frequency, 2023, item.deadline)[-1]
        builder.add(item, period.key, period.end, 1, ReportState.CONFIRMED, {"percent": Decimal(100), "is_done": True},
                    at, narrative="年底全部兑现")
        builder.rows[-1].provenance, builder.rows[-1].source_note = Provenance.SOURCE, plan_data.YEAR_END_CLOSE_2023
    reports_import(reports=builder.rows)
    return len(builder.rows)


def load_supervised_work(ctx: Context) -> None:
    """A few leaders' instructions, meeting decisions, a suggestion and a proposal of 2024 (generated)."""
    district = ctx.district or Organisation.objects.get(code=org_data.DISTRICT["code"])
    if Task.objects.filter(plan__district=district, plan__year=plan_data.LATEST_YEAR).exclude(
            source_kind=WorkSource.REPORT).exists():
        return
    office = get_user_model().objects.get(username="office")
    for kind, title, number, person, (month, day), lead, resp in plan_data.SUPERVISED_WORK_2024:
        tracking_services.supervised_work_register(
            actor=office, district=district, year=plan_data.LATEST_YEAR, source_kind=kind, title=title,
            source_ref=number, source_person=person, source_date=datetime.date(plan_data.LATEST_YEAR, month, day),
            lead_unit=ctx.unit(lead), responsible_units=[ctx.unit(u) for u in resp],
            provenance=Provenance.GENERATED, source_note=GENERATED)


def load_direct_reports(ctx: Context) -> None:
    """A few 2024 direct reports in different states (generated), handled by the command centre."""
    district = ctx.district or Organisation.objects.get(code=org_data.DISTRICT["code"])
    if DirectReport.objects.filter(district=district).exists():
        return
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["centre", "grid"])}
    centre, first = users["centre"], None
    for category, text, place, (month, day, hour), who, fate in plan_data.DIRECT_REPORTS_2024:
        at = datetime.datetime(plan_data.LATEST_YEAR, month, day, hour, tzinfo=SHANGHAI)
        report = dispatch_services.direct_report_submit(
            actor=users.get(who) or AnonymousUser(), district=district, category=category, text=text,
            location=place, reporter_phone="" if who else "13800000000", at=at)
        first = first or report
        later = at + datetime.timedelta(hours=2)
        if fate[0] == "merged":
            dispatch_services.direct_report_merge(actor=centre, report=report, into=first, at=later)
        elif fate[0] in ("dispatched", "closed"):
            dispatch_services.direct_report_dispatch(actor=centre, report=report, unit=ctx.unit(fate[1]),
                                                     deadline=at.date() + datetime.timedelta(days=5), at=later)
        if fate[0] == "closed":
            unit_user = get_user_model().objects.filter(
                memberships__organisation=ctx.unit(fate[1])).first() or get_user_model().objects.get(username="admin")
            dispatch_services.direct_report_answer(actor=unit_user, report=report, answer=fate[2],
                                                   at=later + datetime.timedelta(hours=20))
            dispatch_services.direct_report_close(actor=centre, report=report, result=fate[2],
                                                  at=later + datetime.timedelta(days=1))


def load_city_review(ctx: Context) -> None:
    """The city's 2020 half-year review of its twelve districts, published; 市中区 receives fourth place."""
    city = ctx.city or Organisation.objects.get(code=org_data.CITY["code"])
    district = ctx.district or Organisation.objects.get(code=org_data.DISTRICT["code"])
    r = review_data.RUBRIC
    rubric = tracking_services.rubric_save(actor=None, code=r["code"], name=r["name"], config=r["config"],
                                           description=r["description"])
    if Evaluation.objects.filter(scope=city, year=review_data.YEAR, rubric=rubric).exists():
        return
    actor = get_user_model().objects.get(username="cityoffice")
    evaluation = tracking_services.evaluation_create(
        actor=actor, rubric=rubric, scope_org=city, year=review_data.YEAR, period=EvaluationPeriod.HALF_YEAR,
        subject=EvaluationSubject.DISTRICTS)
    districts = {d.name: d for d in Organisation.objects.filter(parent=city, kind=OrgKind.DISTRICT)}
    codes = [item["code"] for item in r["config"]["items"]]
    for name, points in review_data.SCORES.items():
        for code, value in zip(codes, points):
            tracking_services.score_entry_add(actor=actor, evaluation=evaluation, organisation=districts[name],
                                              kind=ScoreEntryKind.MANUAL, item_code=code, points=Decimal(value),
                                              reason=GENERATED)
    tracking_services.evaluation_publish(
        actor=actor, evaluation=evaluation, at=datetime.datetime(2020, 7, 20, 10, 0, tzinfo=datetime.UTC))
    own = ReceivedRank.objects.get(organisation=district, year=review_data.YEAR, review=r["name"])
    tracking_services.received_rank_record(
        actor=None, organisation=district, year=own.year, period=own.period, review=own.review, rank=own.rank,
        out_of=own.out_of, awarded_by=city, evaluation=evaluation, provenance=Provenance.SOURCE,
        source_note=review_data.OWN_NOTE)


def demo_models() -> list:
    """Every concrete model of the apps the demo fills, their history models included, and users."""
    models = [apps.get_model("auth", "User")]
    for label in DEMO_APPS:
        try:
            models += list(apps.get_app_config(label).get_models())
        except LookupError:
            continue
    return models


def demo_counts() -> dict[str, int]:
    """Row counts of every demo model (``app.Model``) whose table exists: equal after a second run."""
    tables = set(connection.introspection.table_names())
    return {m._meta.label: m._default_manager.count() for m in demo_models() if m._meta.db_table in tables}
