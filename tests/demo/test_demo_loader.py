"""The demo district, loaded once for this module (and emptied again afterwards, so other tests start clean)."""

from datetime import date
import datetime
from decimal import Decimal
from io import StringIO

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
from duban.plans.models import LivelihoodItem, LivelihoodSubItem, Plan, Task, WorkNode
from duban.projects.models import ExpropriationTask, Lead, Procedure, Project, ProjectYear
from duban.tracking.models import Evaluation, ReceivedRank, Report
from duban.tracking.status import district_status, double_half_totals

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
    # 252 projects of the plans and 2 registered from leads; each has one history row, and the two leads' projects
    # one more when they entered 前期, the started one another when it started
    assert (demo["projects.Project"], demo["projects.HistoricalProject"]) == (254, 257)


def test_counts_of_organisations_people_and_logins():
    assert Organisation.objects.count() == 69  # 济南市, its office, 12 districts, 市中区's 44 units, 11 other offices
    assert Organisation.objects.filter(kind="district").count() == 12
    assert Organisation.objects.units_of(Organisation.objects.get(name="市中区")).count() == 44
    assert Leader.objects.count() == 5
    users = get_user_model().objects.order_by("username")
    assert [u.username for u in users] == [
        "admin", "centre", "cityoffice", "grid", "leader", "office", "projects", "reporter", "stats", "unitlead"]
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        assert all(u.email == f"{u.username}@example.org" and u.check_password("duban-demo") for u in users)
    assert Leader.objects.get(user__username="leader").name == "王晓燕"


def test_the_four_plans_with_their_themes_and_work_systems():
    plans = {p.year: (p.theme, p.system_name) for p in Plan.objects.all()}
    assert plans == {2020: ("聚焦提升年", "“1+467”工作体系"), 2021: ("", "“123456”工作体系"),
                     2022: ("突破提升年", "“21234”工作体系"), 2023: ("深化落实年、提速增效年", ""),
                     2024: ("深化提升年", "")}


def test_tasks_and_livelihood_items_per_year():
    tasks = dict(Task.objects.values_list("plan__year").annotate(n=Count("id")))
    assert tasks == {2020: 20, 2021: 23, 2022: 7, 2024: 65}  # 2024: 60 from the report, 5 registered later
    registered = dict(Task.objects.filter(plan__year=2024).values_list("source_kind").annotate(n=Count("id")))
    assert registered == {"report": 60, "instruction": 2, "meeting": 1, "deputy": 1, "proposal": 1}
    items = dict(LivelihoodItem.objects.values_list("plan__year").annotate(n=Count("id")))
    assert items == {2022: 22, 2023: 20, 2024: 20}
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
    assert latest.count() == 122  # 120 of the plan and 2 reserve projects registered from leads
    assert latest.filter(level="city").count() == 12
    assert not latest.exclude(plan_type__in=["preparation", "reserve"]).filter(annual_plan=0).exists()


def test_the_latest_year_has_enough_for_tracking_with_units_assigned():
    assert ExpropriationTask.objects.filter(year=2024).count() == 6
    assert IndicatorTarget.objects.filter(year=2024).count() == 10  # the six also tasks or sub-items are tracked there
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
    for model in (Organisation, Leader, Plan, WorkNode, Task, LivelihoodItem, LivelihoodSubItem, Project, ProjectYear,
                  ExpropriationTask, IndicatorTarget, Observation, Lead, Report):
        # (ranks received from the city's 2020 review are written by its publication; 市中区's is checked below)
        generated = model.objects.filter(provenance=Provenance.GENERATED)
        source = model.objects.filter(provenance=Provenance.SOURCE)
        assert generated.exclude(source_note__contains="演示数据（生成）").count() == 0, model
        assert source.filter(source_note="").count() == 0, model
        assert model.objects.exclude(provenance__in=[Provenance.GENERATED, Provenance.SOURCE]).count() == 0, model
    assert Project.objects.filter(provenance=Provenance.SOURCE).count() == 54
    assert Project.objects.get(name="万科南北康高端商务综合体").source_note.startswith("据2020年")


def _scope(username):
    return Scope(get_user_model().objects.get(username=username))


UNITS_OF_SHIZHONG = 45  # the district and its 44 units
OTHER_DISTRICTS = {"历下区", "槐荫区", "天桥区", "历城区", "长清区", "章丘区", "济阳区", "莱芜区", "钢城区", "平阴县", "商河县"}
UNITS_OF_OTHERS = 22  # each of the eleven with its office


@pytest.mark.parametrize(("username", "districts", "n_units", "reporting", "is_office"), [
    ("office", {"市中区"}, UNITS_OF_SHIZHONG, set(), True),
    ("projects", {"市中区"}, UNITS_OF_SHIZHONG, set(), True),
    ("stats", {"市中区"}, UNITS_OF_SHIZHONG, set(), False),
    ("leader", {"市中区"}, UNITS_OF_SHIZHONG, set(), False),
    ("reporter", set(), 1, {"区教育和体育局"}, False),
    ("unitlead", set(), 1, set(), False),
    ("cityoffice", {"市中区"} | OTHER_DISTRICTS, UNITS_OF_SHIZHONG + UNITS_OF_OTHERS, set(), True),
    ("admin", {"市中区"} | OTHER_DISTRICTS, 69, None, True),
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


# --- 2020 as seed 004 tells it: 34.9亿元 and 双过半 at 30 June, fourth in the city's half-year review --------------

def _status_2020():
    return district_status(Organisation.objects.get(name="市中区"), date(2020, 6, 30), year=2020)


def test_the_11_city_level_projects_completed_34_9_yi_and_met_double_half_on_30_june_2020():
    city = {t.key: t for t in double_half_totals(_status_2020(), "level")}["市级"]
    assert (city.projects, city.ytd_june, city.plan, city.rate) == (11, Decimal(349_000), Decimal(690_000),
                                                                   Decimal("50.58"))
    assert city.rate >= 50


def test_the_status_command_prints_the_city_level_double_half_of_2020():
    out = StringIO()
    call_command("status", "--year", "2020", "--date", "2020-06-30", "--district", "市中区", "--summary", stdout=out)
    assert "市级：7/11个项目实现双过半，34.9亿元 ÷ 69亿元 = 50.58%" in out.getvalue()


def test_no_2020_project_reports_investment_before_it_started():
    years = {py.pk: py.project.actual_start for py in ProjectYear.objects.filter(year=2020).select_related("project")}
    reports = Report.objects.filter(year=2020, item_type="project_year", invest_ytd__gt=0)
    assert reports.count() > 600
    assert all(years[r.item_id] is not None and years[r.item_id] <= r.period_end for r in reports)


def test_the_first_half_expropriation_result_of_2020_is_a_result_not_the_task_size():
    task = ExpropriationTask.objects.get(year=2020)
    assert (task.households, task.land_mu) == (1300, Decimal("265.00"))
    report = Report.objects.get(item_type="expropriation", item_id=task.pk)
    assert (report.signed_households, report.demolished_households, report.signed_area, report.land_handed_mu) == (
        779, 779, Decimal("152000.00"), Decimal("151.80"))
    assert (report.period_end.isoformat(), report.provenance) == ("2020-06-28", Provenance.SOURCE)
    assert "779户、15.2万平方米" in report.source_note


def test_the_citys_2020_half_year_review_ranks_shizhong_fourth_of_twelve():
    evaluation = Evaluation.objects.get(scope__name="济南市", year=2020, period="half_year")
    assert evaluation.state == "published"
    ranking = [(s.organisation.name, s.total, s.rank) for s in evaluation.scores.select_related("organisation")]
    assert ranking[:5] == [("历下区", Decimal("93.00"), 1), ("历城区", Decimal("91.50"), 2),
                           ("槐荫区", Decimal("90.00"), 3), ("市中区", Decimal("89.00"), 4),
                           ("天桥区", Decimal("87.50"), 5)]
    assert len(ranking) == 12
    own = ReceivedRank.objects.get(organisation__name="市中区", year=2020, review="全市重点项目半年评议")
    assert (own.rank, own.out_of, own.awarded_by.name, own.provenance) == (4, 12, "济南市", Provenance.SOURCE)
    assert "取得第四名" in own.source_note
    assert ReceivedRank.objects.filter(year=2020, evaluation=evaluation).count() == 12


# --- one commitment, one tracked item; facts stored as the articles give them -------------------------------

def test_no_commitment_is_tracked_twice_as_an_indicator_target_and_a_task_or_sub_item():
    from duban.tracking.items import load_items

    district = Organisation.objects.get(name="市中区")
    for year in (2020, 2021, 2022, 2024):
        items = [i for i in load_items(district=district, year=year) if i.target is not None]
        targets = {(i.target, i.target_unit) for i in items if i.type == "indicator_target"}
        commitments = {(i.target, i.target_unit): i.title for i in items if i.type in ("task", "sub_item")}
        assert not targets & set(commitments), (year, targets & set(commitments))


def test_the_2024_commitments_that_are_also_indicators_are_linked_to_their_indicator():
    links = {t.title: t.indicator.code for t in Task.objects.filter(plan__year=2024, indicator__isnull=False)}
    assert links == {"数字经济核心产业规模": "DIGITAL_CORE", "策划储备项目": "RESERVE_PROJECTS"}
    subs = {s.title: (s.target_value, s.indicator.code)
            for s in LivelihoodSubItem.objects.filter(item__plan__year=2024, indicator__isnull=False)}
    assert subs == {"城镇新增就业": (Decimal("17600"), "NEW_JOBS"), "城镇失业人员再就业": (Decimal("4000"), "REEMPLOYMENT"),
                    "城乡低保标准提高至每人每月": (Decimal("1114"), "SUBSISTENCE"),
                    "筹集保障性租赁住房": (Decimal("2350"), "RENTAL_HOUSING")}
    assert not IndicatorTarget.objects.filter(year=2024, indicator__code__in=[
        "NEW_JOBS", "REEMPLOYMENT", "SUBSISTENCE", "RENTAL_HOUSING", "DIGITAL_CORE", "RESERVE_PROJECTS"]).exists()


def test_published_values_keep_their_qualifier():
    share = Observation.objects.get(indicator__code="LIVELIHOOD_SHARE", year=2023)
    assert (share.share, share.qualifier) == (Decimal("80.000"), "more_than")
    assert Observation.objects.get(indicator__code="UNEMPLOYMENT", year=2020).qualifier == "less_than"


def test_the_2021_district_projects_fall_in_the_six_categories_of_the_article():
    cats = set(ProjectYear.objects.filter(year=2021, level="district").values_list("project__category__name", flat=True))
    assert cats == {"产业发展", "科技创新", "城市更新", "基础设施", "安置房建设", "社会事业"}


def test_the_demo_holds_direct_reports_in_each_state_and_the_command_centre_sees_them():
    from duban.dispatch.models import DirectReport
    from duban.dispatch.selectors import visible_reports

    states = dict(DirectReport.objects.values_list("text", "state"))
    assert states == {"七贤路井盖缺失，行人易踩空": "closed", "七贤路有一处井盖丢失": "merged",
                      "小区门口建筑垃圾堆放": "dispatched", "路口信号灯不亮": "received"}
    centre = get_user_model().objects.get(username="centre")
    assert visible_reports(centre).count() == 4
    assert visible_reports(get_user_model().objects.get(username="grid")).count() == 2
def test_the_demo_holds_orders_in_several_states_a_published_ranking_and_public_projects():
    from duban.tracking.models import Evaluation, SupervisionOrder

    orders = list(SupervisionOrder.objects.order_by("issued_at"))
    assert len(orders) == 4
    assert sorted(o.state for o in orders) == ["closed", "issued", "signed", "signed"]
    assert all(o.number.split("-")[1] == "2024" for o in orders)  # numbered in the demo's year, not today's
    assert sum(1 for o in orders if o.is_open and o.deadline < datetime.date(2024, 6, 30)) == 1
    ranking = Evaluation.objects.get(scope__name="市中区")  # the city's 2020 review of its districts is the other
    assert (ranking.state, ranking.year, ranking.period, ranking.scores.count() > 0) == ("published", 2024, "half_year", True)
    assert Project.objects.filter(is_public=True).count() == 12


# --- the seed figures the demo holds, each with provenance=source and its article --------------------------------

SRC_2020, SRC_2020H1, SRC_2021 = "据2020年“聚焦提升年”报道", "据2020年“中国百强区”报道（上半年数据）", "据2021年区政府工作报告报道"
SRC_2024 = "据2024年区政府工作报告报道"


@pytest.mark.parametrize(("row", "field", "value", "article"), [
    (lambda: Observation.objects.get(indicator__code="GDP", year=2021), "level", Decimal("1161.7"), "2022"),
    (lambda: Observation.objects.get(indicator__code="REVENUE", year=2023), "level", Decimal("98.2"), SRC_2024),
    (lambda: Observation.objects.get(indicator__code="LIVELIHOOD_SHARE", year=2020), "share", Decimal("75.770"),
     SRC_2020H1),
    (lambda: Task.objects.get(plan__year=2020, code="2020-01"), "target_value", Decimal(127), SRC_2020),
    (lambda: Task.objects.get(plan__year=2021, code="2021-06"), "target_value", Decimal("56.3"), SRC_2021),
    (lambda: Task.objects.get(plan__year=2024, code="2024-02"), "target_value", Decimal(500), SRC_2024),
    (lambda: LivelihoodSubItem.objects.get(item__plan__year=2024, title="城乡低保标准提高至每人每月"), "target_value",
     Decimal(1114), SRC_2024),
    (lambda: ReceivedRank.objects.get(organisation__name="市中区", year=2020), "rank", 4, SRC_2020H1),
    (lambda: Report.objects.filter(year=2023).first(), "is_done", True, "20件民生实事全部兑现"),
    (lambda: WorkNode.objects.get(plan__year=2021, code="12100"), "title", "新一轮“12100”民生工程", SRC_2021),
])
def test_each_seed_figure_keeps_its_value_and_names_its_article(row, field, value, article):
    record = row()
    assert getattr(record, field) == value
    assert record.provenance == Provenance.SOURCE
    assert article in record.source_note


def test_the_12100_programme_has_its_node_in_2020_and_2021_with_the_livelihood_tasks_under_it():
    nodes = {n.plan.year: n for n in WorkNode.objects.filter(code="12100").select_related("plan")}
    assert {y: n.title for y, n in nodes.items()} == {2020: "“12100”民生工程", 2021: "新一轮“12100”民生工程"}
    assert (nodes[2020].provenance, nodes[2020].source_note) == (Provenance.SOURCE, SRC_2020)
    assert (nodes[2021].provenance, nodes[2021].source_note) == (Provenance.SOURCE, SRC_2021)
    assert nodes[2020].parent.title == "民生提档"
    under = {y: sorted(Task.objects.filter(node=n).values_list("code", flat=True)) for y, n in nodes.items()}
    assert under == {2020: ["2020-09", "2020-10", "2020-11", "2020-12", "2020-13", "2020-14", "2020-15"],
                     2021: ["2021-06", "2021-07", "2021-17", "2021-18", "2021-19"]}


def test_the_twenty_livelihood_commitments_of_2023_are_closed_as_done_at_year_end():
    items = LivelihoodItem.objects.filter(plan__year=2023)
    assert items.count() == 20
    assert set(items.values_list("provenance", flat=True)) == {Provenance.GENERATED}  # the article gives no titles
    reports = Report.objects.filter(year=2023)
    subs = LivelihoodSubItem.objects.filter(item__plan__year=2023)
    assert reports.count() == subs.count() == 28
    assert {(r.state, r.is_done, r.percent, r.period_end, r.provenance) for r in reports} == {
        ("confirmed", True, Decimal(100), date(2023, 12, 31), Provenance.SOURCE)}
    assert {r.source_note for r in reports} == {SRC_2024 + "：2023年“20件民生实事全部兑现”（年底兑现）"}
    statuses = district_status(Organisation.objects.get(name="市中区"), date(2023, 12, 31), year=2023)
    assert [s.light for s in statuses] == ["done"] * 28


def test_the_subsistence_standard_is_an_amount_in_yuan_reported_as_a_level():
    from duban.tracking.status import item_status

    sub = LivelihoodSubItem.objects.get(item__plan__year=2024, title="城乡低保标准提高至每人每月")
    assert (sub.target_value, sub.target_unit, sub.indicator.unit, sub.indicator.accumulation) == (
        Decimal(1114), "元", "元", "balance")
    values = set(Report.objects.filter(item_type="livelihood_sub_item", item_id=sub.pk).values_list("value", flat=True))
    assert values <= {Decimal(1058), Decimal(1114)}  # the previous level until the raise, never a share of 1114
    status = item_status("livelihood_sub_item", sub.pk, date(2024, 6, 30))
    assert "当前标准1058元，目标1114元" in status.reasons


def test_the_demo_pipeline_holds_generated_leads_in_every_state_with_their_procedures():
    leads = {lead.title: lead for lead in Lead.objects.select_related("project")}
    assert {t: lead.state for t, lead in leads.items()} == {
        "人工智能场景创新中心二期": "registered", "算力网络服务基地": "registered", "商埠文化创意产业园": "signed",
        "绿色低碳能源总部": "reviewed", "社区康养综合体": "assessed", "数字人民币场景运营中心": "reported",
        "物流仓储基地": "dropped", "影视拍摄基地": "dropped"}
    assert {lead.source_note for lead in leads.values()} == {"演示数据（生成）"}
    started = leads["人工智能场景创新中心二期"].project
    assert (started.stage, started.actual_start) == ("started", date(2024, 5, 14))
    waiting = leads["算力网络服务基地"].project
    assert waiting.stage == "preparation"
    assert [(p.kind, p.unit.name, p.planned_date, p.actual_date) for p in waiting.procedures.order_by("planned_date")] == [
        ("land", "区房屋征收服务中心", date(2024, 4, 25), date(2024, 4, 23)),
        ("planning", "区行政审批服务局", date(2024, 5, 15), date(2024, 5, 20)),
        ("environment", "区行政审批服务局", date(2024, 5, 25), None),
        ("construction", "区住房和城乡建设局", date(2024, 6, 14), None)]
    assert Procedure.objects.filter(actual_date__isnull=False).count() == 6


def test_the_reserve_target_of_2024_is_measured_by_the_pipeline():
    from duban.projects.pipeline import reserve_count
    from duban.tracking.status import item_status

    district = Organisation.objects.get(name="市中区")
    task = Task.objects.get(plan__year=2024, code="2024-02")
    assert task.value_source == "pipeline_reserve"
    reserve = reserve_count(district, date(2024, 6, 30))
    assert reserve == Project.objects.filter(stage__in=["reserve", "signed", "preparation"]).count() == 40
    status = item_status("task", task.pk, date(2024, 6, 30))
    assert (status.actual, status.completion_pct, status.light) == (Decimal(40), Decimal("8.00"), "red")
def test_the_demo_holds_problems_in_three_states_marked_generated_and_the_overdue_one_escalated():
    from duban.tracking.models import Problem

    problems = list(Problem.objects.select_related("owner_unit").order_by("deadline"))
    assert [(p.description, p.deadline, p.state, p.escalation_level, p.provenance) for p in problems] == [
        ("施工用地尚未完成移交，影响桩基施工", date(2024, 6, 20), "open", 1, "generated"),
        ("项目资金拨付滞后，施工单位进场人员不足", date(2024, 6, 25), "resolved", 0, "generated"),
        ("配套电力线路迁改滞后，需协调供电公司", date(2024, 7, 15), "open", 0, "generated"),
    ]
    assert all(p.source_note == "demo: generated problems (问题清单)" for p in problems)
    assert list(problems[0].events.values_list("action", "level")) == [("raise", 0), ("escalate", 1)]
    assert list(problems[1].events.values_list("action", flat=True)) == ["raise", "resolve"]
