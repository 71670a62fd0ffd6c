"""A small district world with exact figures, shared by tests/web and tests/browser."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from factories import make_member

from duban.core.models import Provenance
from duban.indicators.models import Indicator, IndicatorTarget, Observation, PeriodType, TargetType
from duban.org.models import Organisation, OrgKind, Role
from duban.plans.models import LivelihoodItem, LivelihoodSubItem, Plan, Task, WorkNode
from duban.projects.models import PlanType, Project, ProjectCategory, ProjectLevel, ProjectYear

PASSWORD = "secret-pass-1"


def make_user(username: str, *memberships: tuple[Organisation, str], **extra):
    return make_member(username, *memberships, password=PASSWORD, **extra)


@dataclass
class World:
    city: Organisation
    district: Organisation
    other_district: Organisation
    dev_bureau: Organisation
    housing_bureau: Organisation
    plan_2023: Plan
    plan_2024: Plan
    other_plan: Plan
    users: dict




def build_world() -> World:
    city = Organisation.objects.create(name="济南市", kind=OrgKind.CITY)
    district = Organisation.objects.create(name="市中区", kind=OrgKind.DISTRICT, parent=city)
    other = Organisation.objects.create(name="历下区", kind=OrgKind.DISTRICT, parent=city)
    dev = Organisation.objects.create(name="区发展改革局", kind=OrgKind.DEPARTMENT, parent=district)
    housing = Organisation.objects.create(name="区住房城乡建设局", kind=OrgKind.DEPARTMENT, parent=district)

    plan_2023 = Plan.objects.create(district=district, year=2023, theme="攻坚突破年", system_name="123456工作体系")
    plan_2024 = Plan.objects.create(
        district=district, year=2024, theme="深化提升年", system_name="21234工作体系",
        goal="建设现代化强区", provenance=Provenance.SOURCE,
    )
    other_plan = Plan.objects.create(district=other, year=2024, theme="项目建设年")

    goal = WorkNode.objects.create(plan=plan_2024, code="2", title="两大目标", order=1)
    lead = WorkNode.objects.create(plan=plan_2024, parent=goal, code="2.1", title="经济发展", order=1)
    life = WorkNode.objects.create(plan=plan_2024, parent=goal, code="2.2", title="民生保障", order=2)
    for code, node in [("T1", lead), ("T2", lead), ("T3", life), ("T4", None)]:
        Task.objects.create(plan=plan_2024, node=node, code=code, title=f"任务{code}")
    Task.objects.create(plan=plan_2023, code="T1", title="2023任务")

    for number, subs in [(1, 2), (2, 1)]:
        item = LivelihoodItem.objects.create(plan=plan_2024, number=number, title=f"民生实事{number}")
        for i in range(subs):
            LivelihoodSubItem.objects.create(item=item, title=f"子项{number}.{i}", order=i)

    industry = ProjectCategory.objects.create(name="产业项目", order=1)
    infra = ProjectCategory.objects.create(name="基础设施", order=2)
    for code, category, total, annual, year in [
        ("P1", industry, "250000", "30000", 2024),
        ("P2", industry, "50000", "10000", 2024),
        ("P3", infra, "5000", "2000", 2024),
        ("P4", infra, "100000", "8000", 2023),
    ]:
        project = Project.objects.create(
            district=district, code=code, name=f"项目{code}", category=category, total_investment=Decimal(total)
        )
        ProjectYear.objects.create(
            project=project, year=year, plan_type=PlanType.NEW, level=ProjectLevel.DISTRICT, annual_plan=Decimal(annual)
        )
    Project.objects.create(district=other, code="X1", name="历下项目", total_investment=Decimal(9999))

    gdp = Indicator.objects.create(code="GDP", name="地区生产总值", unit="亿元")
    revenue = Indicator.objects.create(code="REV", name="一般公共预算收入", unit="亿元")
    IndicatorTarget.objects.create(indicator=gdp, organisation=district, year=2024, target_type=TargetType.GROWTH,
                                   value=Decimal(6), text="增长6%左右")
    IndicatorTarget.objects.create(indicator=gdp, organisation=district, year=2024, target_type=TargetType.LEVEL,
                                   value=Decimal(1300))
    IndicatorTarget.objects.create(indicator=revenue, organisation=district, year=2024, target_type=TargetType.GROWTH,
                                   value=Decimal(5))
    IndicatorTarget.objects.create(indicator=gdp, organisation=district, year=2023, target_type=TargetType.GROWTH,
                                   value=Decimal("6.5"))
    for year, level, revision in [(2021, "1100", 0), (2021, "1161.7", 1), (2022, "1200.5", 0)]:
        Observation.objects.create(indicator=gdp, organisation=district, year=year, period_type=PeriodType.YEAR,
                                   level=Decimal(level), revision=revision)
    Observation.objects.create(indicator=gdp, organisation=district, year=2022, period_type=PeriodType.QUARTER,
                               period=2, level=Decimal(600))

    users = {
        "leader": make_user("leader", (district, Role.DISTRICT_LEADER), first_name="王区长"),
        "office": make_user("office", (district, Role.SUPERVISION_OFFICE)),
        "reporter": make_user("reporter", (dev, Role.UNIT_REPORTER)),
        "unitlead": make_user("unitlead", (housing, Role.UNIT_LEADER)),
        "cityoffice": make_user("cityoffice", (city, Role.CITY_OFFICE)),
        "nobody": make_user("nobody"),
        "admin": get_user_model().objects.create_superuser("admin", "admin@example.com", PASSWORD),
    }
    return World(city, district, other, dev, housing, plan_2023, plan_2024, other_plan, users)
