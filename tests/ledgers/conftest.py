"""A small district for the ledger tests: units, a 2024 plan with tasks, key projects, livelihood, expropriation."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from factories import (
    PASSWORD,
    make_district, make_leader, make_livelihood_item, make_node, make_plan, make_project, make_project_year,
    make_task, make_unit, make_user,
)

from duban.org.models import Role
from duban.plans import services as plan_services
from duban.projects import services as project_services


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def live_world(transactional_db):
    """The same district written for a live server (browser tests)."""
    return build_world()


def build_world():
    district = make_district("市中区")
    edu = make_unit("区教体局", district=district)
    dev = make_unit("区发展和改革局", district=district)
    stats = make_unit("区统计局", district=district)
    build = make_unit("区住房和城乡建设局", district=district)
    plan = make_plan(district=district, year=2024)
    node = make_node(plan=plan, code="1", title="经济发展")
    t1 = make_task(plan=plan, code="1.1", title="城镇新增就业", target_value=Decimal("17600"), target_unit="人",
                   node=node, lead=dev, responsible=[edu], cooperating=[build], weight=Decimal(2))
    t2 = make_task(plan=plan, code="1.2", title="开工建设17所学校", target_value=Decimal(17), target_unit="所",
                   node=node, lead=edu, target_text="开工建设17所学校、幼儿园")
    leader = make_leader("王副区长", district=district)
    category = project_services.category_upsert(name="基础设施")
    area = project_services.area_upsert(district=district, name="兴隆")
    p1 = make_project(district=district, code="P001", name="兴隆片区道路工程")
    p1 = project_services.project_upsert(district=district, code="P001", name="兴隆片区道路工程", level="city",
                                         category=category, area=area, lead_unit=build, leader=leader,
                                         total_investment=Decimal("50000"), stage="construction")
    make_project_year(project=p1, year=2024, plan_type="continuing", annual_plan=Decimal("12000"))
    item = make_livelihood_item(plan=plan, number=1, title="养老服务提升")
    sub = plan_services.livelihood_subitem_upsert(item=item, title="新建日间照料中心", target_value=Decimal(13),
                                                  target_unit="处", deadline=datetime.date(2024, 12, 31))
    plan_services.livelihood_subitem_units_set(sub_item=sub, units=[(edu, "lead")])
    ex = project_services.expropriation_upsert(district=district, year=2024, name="兴隆片区一期征收", project=p1,
                                               households=120, area_m2=Decimal("15200"), land_mu=Decimal("30.5"))
    project_services.expropriation_units_set(task=ex, units=[(build, "lead")])
    office = make_user("office", role=Role.SUPERVISION_OFFICE, unit=district, password=PASSWORD)
    projects = make_user("projects", role=Role.PROJECT_OFFICE, unit=district)
    reporter = make_user("reporter", role=Role.UNIT_REPORTER, unit=edu)
    return SimpleNamespace(district=district, edu=edu, dev=dev, stats=stats, build=build, plan=plan, node=node, t1=t1,
                           t2=t2, p1=p1, sub=sub, ex=ex, office=office, projects=projects, reporter=reporter,
                           leader=leader)
