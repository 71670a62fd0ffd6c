"""The demo district, loaded once for this module (and emptied again afterwards, so other tests start clean)."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db.models import Count, Sum
from django.test import override_settings

from duban.core.models import Provenance
from duban.demo.loader import demo_counts, load_demo
from duban.indicators.models import Indicator, IndicatorTarget, Observation
from duban.org.models import Leader, Organisation
from duban.org.permissions import Scope
from duban.plans.models import LivelihoodItem, LivelihoodSubItem, Plan, Task
from duban.projects.models import ExpropriationTask, Project, ProjectYear

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        counts = load_demo(seed=2024, say=lambda message: None)
    yield counts
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


pytestmark = pytest.mark.django_db


def test_a_second_run_changes_nothing(demo):
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        again = load_demo(seed=2024, say=lambda message: None)
    assert again == demo
    assert again == demo_counts()
    assert demo["projects.HistoricalProject"] == demo["projects.Project"] == 252


def test_counts_of_organisations_people_and_logins():
    assert Organisation.objects.count() == 48
    assert Organisation.objects.units_of(Organisation.objects.get(name="市中区")).count() == 43
    assert Leader.objects.count() == 5
    users = get_user_model().objects.order_by("username")
    assert [u.username for u in users] == [
        "admin", "cityoffice", "leader", "office", "projects", "reporter", "stats", "unitlead"]
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        assert all(u.email == f"{u.username}@example.org" and u.check_password("duban-demo") for u in users)
    assert Leader.objects.get(user__username="leader").name == "王晓燕"


def test_the_four_plans_with_their_themes_and_work_systems():
    plans = {p.year: (p.theme, p.system_name) for p in Plan.objects.all()}
    assert plans == {2020: ("聚焦提升年", "“1+467”工作体系"), 2021: ("", "“123456”工作体系"),
                     2022: ("突破提升年", "“21234”工作体系"), 2024: ("深化提升年", "")}


def test_tasks_and_livelihood_items_per_year():
    tasks = dict(Task.objects.values_list("plan__year").annotate(n=Count("id")))
    assert tasks == {2020: 20, 2021: 23, 2022: 7, 2024: 60}
    items = dict(LivelihoodItem.objects.values_list("plan__year").annotate(n=Count("id")))
    assert items == {2022: 22, 2024: 20}
    subs = dict(LivelihoodSubItem.objects.values_list("item__plan__year").annotate(n=Count("id")))
    assert subs[2024] == 40
    task = Task.objects.get(plan__year=2021, code="2021-04")
    assert (task.title, task.target_value, task.target_unit) == ("启动市政道路建设", Decimal(25), "条")


def test_2020_has_127_district_and_11_city_projects_worth_305_yi():
    years = ProjectYear.objects.filter(year=2020)
    assert years.filter(level="district").count() == 127
    city = years.filter(level="city")
    assert city.count() == 11
    assert city.aggregate(s=Sum("project__total_investment"))["s"] == Decimal(3_050_000)
    assert Project.objects.filter(years__year=2020).values("category").distinct().count() == 8


def test_project_years_of_2021_and_of_the_latest_year():
    by_level = dict(ProjectYear.objects.filter(year=2021).values_list("level").annotate(n=Count("id")))
    assert by_level == {"district": 60, "city": 13}
    latest = ProjectYear.objects.filter(year=2024)
    assert latest.count() == 120
    assert latest.filter(level="city").count() == 12
    assert not latest.exclude(plan_type__in=["preparation", "reserve"]).filter(annual_plan=0).exists()


def test_the_latest_year_has_enough_for_tracking_with_units_assigned():
    assert ExpropriationTask.objects.filter(year=2024).count() == 6
    assert IndicatorTarget.objects.filter(year=2024).count() == 16
    assert not Task.objects.filter(plan__year=2024).exclude(units__role="lead").exists()
    assert not LivelihoodSubItem.objects.filter(item__plan__year=2024).exclude(units__role="lead").exists()
    assert not IndicatorTarget.objects.filter(year=2024).exclude(units__role="lead").exists()
    assert not ExpropriationTask.objects.filter(year=2024).exclude(units__role="lead").exists()


def test_gdp_series_and_other_facts_from_the_articles():
    gdp = Observation.objects.filter(indicator__code="GDP", period_type="year")
    assert gdp.get(year=2012).level == Decimal("558.5")
    assert gdp.get(year=2021).level == Decimal("1161.7")
    assert gdp.get(year=2012).provenance == Provenance.SOURCE
    assert gdp.get(year=2019).provenance == Provenance.GENERATED
    revenue = Observation.objects.get(indicator__code="REVENUE", year=2023)
    assert (revenue.level, revenue.growth) == (Decimal("98.2"), Decimal("10.1"))
    assert Indicator.objects.get(code="GDP").unit == "亿元"
    assert (Indicator.objects.count(), Observation.objects.count()) == (27, 49)


def test_facts_and_generated_records_are_marked():
    for model in (Organisation, Leader, Plan, Task, LivelihoodItem, LivelihoodSubItem, Project, ProjectYear,
                  ExpropriationTask, IndicatorTarget, Observation):
        generated = model.objects.filter(provenance=Provenance.GENERATED)
        source = model.objects.filter(provenance=Provenance.SOURCE)
        assert generated.exclude(source_note__contains="演示数据（生成）").count() == 0, model
        assert source.filter(source_note="").count() == 0, model
        assert model.objects.exclude(provenance__in=[Provenance.GENERATED, Provenance.SOURCE]).count() == 0, model
    assert Project.objects.filter(provenance=Provenance.SOURCE).count() == 54
    assert Project.objects.get(name="万科南北康高端商务综合体").source_note.startswith("据2020年")


def _scope(username):
    return Scope(get_user_model().objects.get(username=username))


UNITS_OF_SHIZHONG = 44  # the district and its 43 units
UNITS_OF_LIXIA = 2


@pytest.mark.parametrize(("username", "districts", "n_units", "reporting", "is_office"), [
    ("office", {"市中区"}, UNITS_OF_SHIZHONG, set(), True),
    ("projects", {"市中区"}, UNITS_OF_SHIZHONG, set(), True),
    ("stats", {"市中区"}, UNITS_OF_SHIZHONG, set(), False),
    ("leader", {"市中区"}, UNITS_OF_SHIZHONG, set(), False),
    ("reporter", set(), 1, {"区教育和体育局"}, False),
    ("unitlead", set(), 1, set(), False),
    ("cityoffice", {"市中区", "历下区"}, UNITS_OF_SHIZHONG + UNITS_OF_LIXIA, set(), True),
    ("admin", {"市中区", "历下区"}, 48, None, True),
])
def test_scope_of_each_demo_role(username, districts, n_units, reporting, is_office):
    scope = _scope(username)
    assert {d.name for d in scope.districts} == districts
    assert len(scope.unit_ids) == n_units
    names = set(Organisation.objects.filter(pk__in=scope.reporting_unit_ids).values_list("name", flat=True))
    if reporting is not None:
        assert names == reporting
    assert scope.is_office is is_office


def test_unit_roles_see_their_unit_only_and_the_public_sees_nothing():
    jiaoti = Organisation.objects.get(name="区教育和体育局")
    assert _scope("reporter").unit_ids == {jiaoti.pk}
    assert _scope("unitlead").unit_ids == {jiaoti.pk}
    assert not _scope("office").sees_unit(Organisation.objects.get(name="历下区").pk)
    anonymous = Scope(AnonymousUser())
    assert (list(anonymous.districts), anonymous.unit_ids) == ([], frozenset())


def test_the_district_leader_oversees_the_education_bureau():
    leader = Leader.objects.get(name="王晓燕")
    assert leader.oversees.filter(name="区教育和体育局").exists()
    assert Project.objects.filter(lead_unit__name="区教育和体育局").exclude(leader=leader).count() == 0


def test_the_demo_holds_orders_in_several_states_a_published_ranking_and_public_projects():
    from duban.tracking.models import Evaluation, SupervisionOrder

    orders = list(SupervisionOrder.objects.order_by("issued_at"))
    assert len(orders) == 4
    assert sorted(o.state for o in orders) == ["closed", "issued", "signed", "signed"]
    assert all(o.number.split("-")[1] == "2024" for o in orders)  # numbered in the demo's year, not today's
    assert sum(1 for o in orders if o.is_open and o.deadline < datetime.date(2024, 6, 30)) == 1
    ranking = Evaluation.objects.get()
    assert (ranking.state, ranking.year, ranking.period, ranking.scores.count() > 0) == ("published", 2024, "half_year", True)
    assert Project.objects.filter(is_public=True).count() == 12
