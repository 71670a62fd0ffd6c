"""Small factories for tests: plain functions that build valid rows through the write services.

Import them as ``from factories import make_district, make_unit, make_user, ...`` (pytest puts tests/ on the
path). Every argument has a default; names and codes are made unique with a counter.
"""

import datetime
import itertools
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from duban.indicators import services as indicator_services
from duban.org import services as org_services
from duban.org.models import Organisation, OrgKind
from duban.plans import services as plan_services
from duban.projects import services as project_services

_seq = itertools.count(1)
PASSWORD = "duban-test"


def _n() -> int:
    return next(_seq)


def make_city(name: str = "济南市") -> Organisation:
    return org_services.organisation_upsert(name=name, kind=OrgKind.CITY)


def make_district(name: str | None = None, *, city: Organisation | None = None) -> Organisation:
    return org_services.organisation_upsert(name=name or f"测试区{_n()}", kind=OrgKind.DISTRICT,
                                            parent=city or make_city())


def make_unit(name: str | None = None, *, district: Organisation | None = None, parent: Organisation | None = None,
              kind: str = OrgKind.DEPARTMENT) -> Organisation:
    """A unit below ``parent`` (default: a new district)."""
    return org_services.organisation_upsert(name=name or f"测试单位{_n()}", kind=kind,
                                            parent=parent or district or make_district())


def make_user(username: str | None = None, *, role: str | None = None, unit: Organisation | None = None,
              is_superuser: bool = False, password: str | None = None):
    """A user, with ``role`` in ``unit`` when given (a city office role needs a city as unit).

    Without ``password`` the user has an unusable one (hashing is slow); pass ``PASSWORD`` to log in.
    """
    username = username or f"user{_n()}"
    user = org_services.user_ensure(username=username, email=f"{username}@example.org", password=password,
                                    is_superuser=is_superuser)
    if role:
        org_services.membership_ensure(user=user, organisation=unit or make_unit(), role=role)
    return user


def make_member(username: str, *memberships: tuple[Organisation, str], password: str = PASSWORD, **extra):
    """A user who can log in with ``password``, holding each (organisation, role) membership."""
    from django.contrib.auth import get_user_model

    from duban.org.models import Membership

    extra.setdefault("email", f"{username}@example.org")
    user = get_user_model().objects.create_user(username=username, password=password, **extra)
    Membership.objects.bulk_create(Membership(user=user, organisation=org, role=role) for org, role in memberships)
    return user


def make_leader(name: str | None = None, *, district: Organisation | None = None, oversees=(), user=None,
                title: str = "副区长"):
    return org_services.leader_upsert(district=district or make_district(), name=name or f"领导{_n()}", title=title,
                                      oversees=oversees, user=user)


def make_plan(*, district: Organisation | None = None, year: int = 2024, theme: str = ""):
    return plan_services.plan_upsert(district=district or make_district(), year=year, theme=theme)


def make_node(*, plan=None, code: str | None = None, title: str = "节点", parent=None):
    return plan_services.worknode_upsert(plan=plan or make_plan(), code=code or f"N{_n()}", title=title,
                                         parent=parent)


def make_task(*, plan=None, code: str | None = None, title: str | None = None, target_value=None,
              target_unit: str = "", lead: Organisation | None = None, responsible=(), cooperating=(), **kw):
    """A task; with ``lead``/``responsible``/``cooperating`` units assigned in those roles."""
    plan = plan or make_plan()
    task = plan_services.task_upsert(plan=plan, code=code or f"T{_n()}", title=title or f"任务{_n()}",
                                     target_value=target_value, target_unit=target_unit,
                                     deadline=kw.pop("deadline", datetime.date(plan.year, 12, 31)), **kw)
    units = ([(lead, "lead")] if lead else []) + [(u, "responsible") for u in responsible] \
        + [(u, "cooperating") for u in cooperating]
    if units:
        plan_services.task_units_set(task=task, units=units)
    return task


def make_livelihood_item(*, plan=None, number: int | None = None, title: str = "民生实事", lead_unit=None):
    return plan_services.livelihood_item_upsert(plan=plan or make_plan(), number=number or _n(), title=title,
                                                lead_unit=lead_unit)


def make_subitem(*, item=None, title: str | None = None, target_value=Decimal(10), target_unit: str = "处",
                 lead: Organisation | None = None):
    sub = plan_services.livelihood_subitem_upsert(item=item or make_livelihood_item(), title=title or f"子项{_n()}",
                                                  target_value=target_value, target_unit=target_unit)
    if lead:
        plan_services.livelihood_subitem_units_set(sub_item=sub, units=[(lead, "lead")])
    return sub


def make_project(*, district: Organisation | None = None, code: str | None = None, name: str | None = None,
                 lead_unit: Organisation | None = None, total_investment=Decimal(10000), **kw):
    district = district or (lead_unit.district if lead_unit else make_district())
    return project_services.project_upsert(district=district, code=code or f"P{_n()}", name=name or f"项目{_n()}",
                                           lead_unit=lead_unit, total_investment=total_investment, **kw)


def make_project_year(*, project=None, year: int = 2024, plan_type: str = "continuing", level: str = "district",
                      annual_plan=Decimal(1200), half_year_plan=Decimal(600), **kw):
    return project_services.project_year_upsert(project=project or make_project(), year=year, plan_type=plan_type,
                                                level=level, annual_plan=annual_plan,
                                                half_year_plan=half_year_plan, **kw)


def make_expropriation(*, district: Organisation | None = None, year: int = 2024, name: str | None = None,
                       households: int = 100, lead: Organisation | None = None):
    task = project_services.expropriation_upsert(district=district or make_district(), year=year,
                                                 name=name or f"征收{_n()}", households=households)
    if lead:
        project_services.expropriation_units_set(task=task, units=[(lead, "lead")])
    return task


def make_indicator(*, code: str | None = None, name: str | None = None, unit: str = "亿元", **kw):
    n = _n()
    return indicator_services.indicator_upsert(code=code or f"IND{n}", name=name or f"指标{n}", unit=unit, **kw)


def make_target(*, indicator=None, organisation: Organisation | None = None, year: int = 2024,
                target_type: str = "growth", value=Decimal(6), lead: Organisation | None = None, **kw):
    target = indicator_services.target_upsert(indicator=indicator or make_indicator(),
                                              organisation=organisation or make_district(), year=year,
                                              target_type=target_type, value=value, **kw)
    if lead:
        indicator_services.target_units_set(target=target, units=[(lead, "lead")])
    return target


def make_observation(*, indicator=None, organisation: Organisation | None = None, year: int = 2023,
                     period_type: str = "year", period: int = 1, level=Decimal(100), **kw):
    return indicator_services.observation_record(indicator=indicator or make_indicator(),
                                                 organisation=organisation or make_district(), year=year,
                                                 period_type=period_type, period=period, level=level, **kw)


@contextmanager
def assert_violates(name: str, *columns: str):
    """Expect an IntegrityError from the database constraint ``name``.

    PostgreSQL names the constraint; SQLite names check constraints, but for a unique constraint it names the
    columns: give them as ``columns`` ("plans_plan.district_id", "plans_plan.year"), compared exactly.
    """
    with pytest.raises(IntegrityError) as info, transaction.atomic():
        yield
    message = str(info.value)
    if connection.vendor == "sqlite" and columns:
        assert message == f"UNIQUE constraint failed: {', '.join(columns)}"
    else:
        assert name in message, message
