"""A small district with one of each tracked thing, its units and users of every role."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from factories import make_member

from duban.indicators.models import Accumulation, Indicator, IndicatorTarget, IndicatorTargetUnit, TargetType
from duban.org.models import Leader, Organisation, OrgKind, Role, UnitRole
from duban.plans.models import (
    LivelihoodItem,
    LivelihoodSubItem,
    LivelihoodSubItemUnit,
    Plan,
    Task,
    TaskUnit,
    WorkNode,
)
from duban.projects.models import (
    ExpropriationTask,
    ExpropriationUnit,
    PlanType,
    Project,
    ProjectCategory,
    ProjectYear,
    Stage,
)
from duban.tracking.models import Rubric
from duban.tracking.scoring import DEFAULT_ANNUAL_RUBRIC, DEFAULT_HALF_YEAR_RUBRIC


@dataclass
class World:
    city: Organisation
    district: Organisation
    other_district: Organisation
    office: Organisation
    unit_a: Organisation
    unit_b: Organisation
    unit_c: Organisation
    plan: Plan
    node: WorkNode
    task: Task
    task_pct: Task
    sub_item: LivelihoodSubItem
    project: Project
    project_year: ProjectYear
    indicator_target: IndicatorTarget
    expropriation: ExpropriationTask
    users: dict


def make_user(username: str, memberships=(), superuser: bool = False):
    return make_member(username, *memberships, password="pw-12345678", email=f"{username}@example.cn",
                       is_superuser=superuser, is_staff=superuser)


def build_world() -> World:
    city = Organisation.objects.create(name="济南市", kind=OrgKind.CITY)
    district = Organisation.objects.create(name="市中区", kind=OrgKind.DISTRICT, parent=city)
    other = Organisation.objects.create(name="历下区", kind=OrgKind.DISTRICT, parent=city)
    office = Organisation.objects.create(name="区委督查室", kind=OrgKind.OFFICE, parent=district)
    unit_a = Organisation.objects.create(name="区发改局", kind=OrgKind.DEPARTMENT, parent=district)
    unit_b = Organisation.objects.create(name="区住建局", kind=OrgKind.DEPARTMENT, parent=district)
    unit_c = Organisation.objects.create(name="区教体局", kind=OrgKind.DEPARTMENT, parent=district)
    other_unit = Organisation.objects.create(name="历下区发改局", kind=OrgKind.DEPARTMENT, parent=other)
    plan = Plan.objects.create(district=district, year=2024, theme="深化提升年")
    node = WorkNode.objects.create(plan=plan, code="1", title="项目建设")
    task = Task.objects.create(plan=plan, node=node, code="T1", title="新建学校5所", target_value=Decimal(5),
                               target_unit="所", category="livelihood")
    TaskUnit.objects.create(task=task, organisation=unit_a, role=UnitRole.LEAD)
    TaskUnit.objects.create(task=task, organisation=unit_c, role=UnitRole.COOPERATING)
    task_pct = Task.objects.create(plan=plan, node=node, code="T2", title="优化营商环境", weight=Decimal(2))
    TaskUnit.objects.create(task=task_pct, organisation=unit_b, role=UnitRole.LEAD)
    item = LivelihoodItem.objects.create(plan=plan, number=3, title="养老服务", lead_unit=unit_b)
    sub_item = LivelihoodSubItem.objects.create(item=item, title="新建日间照料中心13处", target_value=Decimal(13),
                                                target_unit="处")
    LivelihoodSubItemUnit.objects.create(sub_item=sub_item, organisation=unit_b, role=UnitRole.LEAD)
    category = ProjectCategory.objects.create(name="产业")
    project = Project.objects.create(district=district, code="P1", name="数字经济产业园", lead_unit=unit_a,
                                     category=category, stage=Stage.UNDER_CONSTRUCTION, actual_start=date(2023, 3, 1),
                                     registered_with_statistics=True)
    project_year = ProjectYear.objects.create(project=project, year=2024, plan_type=PlanType.CONTINUING,
                                              level="district", annual_plan=Decimal(10000),
                                              invested_before=Decimal(5000))
    Project.objects.create(district=other, code="P9", name="历下项目", lead_unit=other_unit)
    indicator = Indicator.objects.create(code="GDP", name="地区生产总值", unit="亿元", accumulation=Accumulation.YEAR_TO_DATE)
    target = IndicatorTarget.objects.create(indicator=indicator, organisation=district, year=2024,
                                            target_type=TargetType.GROWTH, value=Decimal(6), text="增长6%")
    IndicatorTargetUnit.objects.create(target=target, organisation=unit_a, role=UnitRole.LEAD)
    expropriation = ExpropriationTask.objects.create(district=district, name="七贤片区征收", year=2024, households=100,
                                                     area_m2=Decimal(20000), land_mu=Decimal(50),
                                                     deadline=date(2024, 12, 31))
    ExpropriationUnit.objects.create(task=expropriation, organisation=unit_b, role=UnitRole.LEAD)
    leader = Leader.objects.create(name="王区长", district=district)
    users = {
        "reporter_a": make_user("reporter_a", [(unit_a, Role.UNIT_REPORTER)]),
        "reporter_b": make_user("reporter_b", [(unit_b, Role.UNIT_REPORTER)]),
        "reporter_c": make_user("reporter_c", [(unit_c, Role.UNIT_REPORTER)]),
        "unit_leader_a": make_user("unit_leader_a", [(unit_a, Role.UNIT_LEADER)]),
        "district_leader": make_user("district_leader", [(district, Role.DISTRICT_LEADER)]),
        "statistics": make_user("statistics", [(district, Role.STATISTICS)]),
        "office": make_user("office", [(district, Role.SUPERVISION_OFFICE)]),
        "project_office": make_user("project_office", [(district, Role.PROJECT_OFFICE)]),
        "other_office": make_user("other_office", [(other, Role.SUPERVISION_OFFICE)]),
        "city_office": make_user("city_office", [(city, Role.CITY_OFFICE)]),
        "admin": make_user("admin", superuser=True),
    }
    # The data migration creates these; a flushing (transactional) test elsewhere in the suite may have removed them.
    Rubric.objects.get_or_create(code="half-year", defaults={"name": "半年评议细则", "config": DEFAULT_HALF_YEAR_RUBRIC})
    Rubric.objects.get_or_create(code="annual", defaults={"name": "年度考核细则", "config": DEFAULT_ANNUAL_RUBRIC})
    leader.user = users["district_leader"]
    leader.save(update_fields=["user"])
    return World(city, district, other, office, unit_a, unit_b, unit_c, plan, node, task, task_pct, sub_item,
                 project, project_year, target, expropriation, users)


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
