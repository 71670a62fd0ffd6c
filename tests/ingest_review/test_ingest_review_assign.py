"""Review that builds an assigned plan: suggested units and their reasons, work-system node, deadline and
frequency, one commitment one item, project years created on accept, draft plan years and their publication,
the office's keyword → unit table."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

from duban.core.errors import ApplicationError
from duban.core.models import Provenance
from duban.indicators.models import Aspect, IndicatorTarget
from duban.indicators.services import indicator_upsert, target_upsert
from duban.ingest import assign, services
from duban.ingest.models import UnitKeyword
from duban.ingest.review import Target
from duban.org.models import Organisation, OrgKind, UnitRole
from duban.plans import services as plan_services
from duban.plans.models import Plan, Task, TaskUnit
from duban.projects.models import PlanType, Project, ProjectLevel, ProjectYear
from duban.public.selectors import public_year
from duban.tracking.selectors import default_year

from ingest_review_data import REPORT, add_units, candidate

pytestmark = pytest.mark.django_db
ON = datetime.date(2024, 6, 30)


def upload(world, text=REPORT):
    return services.document_upload(district=world.district, user=world.users["office"], text=text).document


# --- pure helpers --------------------------------------------------------------------------------------


def test_aliases_give_full_short_and_abbreviated_names():
    unit = assign.Unit(1, "清苑区人力资源和社会保障局")
    assert assign.aliases(unit, "清苑区") == {
        "清苑区人力资源和社会保障局", "人力资源和社会保障局", "区人力资源和社会保障局", "人社局", "区人社局",
    }


def test_a_unit_followed_by_qianshou_leads_and_the_others_are_responsible():
    finder = assign.UnitFinder([assign.Unit(1, "区财政局"), assign.Unit(2, "区教育和体育局")], "清苑区")
    found = assign.from_mentions(finder, "区财政局配合，由区教体局牵头，新建学校3所", "")
    assert (found.lead, found.responsible, found.reason) == (2, [1], "mention")


def test_keywords_lead_with_the_first_unit_and_join_the_others():
    table = [("就业", [7]), ("道路", [3, 4])]
    found = assign.from_keywords("新建道路带动就业", table)
    assert (found.lead, found.responsible, found.reason, found.detail) == (7, [3, 4], "keyword", "就业")
    assert assign.from_keywords("无关的句子", table) is None


def test_node_title_and_schedule_follow_the_heading_and_the_kind():
    assert assign.node_title("（一）聚力抓招商、促协同") == "聚力抓招商、促协同"
    assert assign.node_title("二、2024年主要目标") == "2024年主要目标"
    assert assign.schedule(kind="target", target="indicator_target", clause="增长6%", year=2024) == (
        datetime.date(2024, 12, 31), "quarterly")
    assert assign.schedule(kind="target", target="task", clause="新开工项目30个", year=2024) == (
        datetime.date(2024, 12, 31), "monthly")
    assert assign.schedule(kind="actual", target="observation", clause="完成1161.7亿元", year=2024) == (None, "")


# --- suggestions on upload ------------------------------------------------------------------------------


def test_units_are_suggested_from_the_text_last_year_and_the_keyword_table(world):
    units = add_units(world.district)
    # Last year the day-care centres were led by the health bureau (the keyword 照料 would say 民政局).
    plan_2023 = plan_services.plan_upsert(district=world.district, year=2023)
    task = plan_services.task_upsert(plan=plan_2023, code="T1", title="新建日间照料中心")
    plan_services.task_units_set(task=task, units=[(units["health"], UnitRole.LEAD),
                                                   (units["civil"], UnitRole.RESPONSIBLE)])
    text = REPORT + "由区教体局牵头，区财政局配合，新建学校3所。\n"
    document = upload(world, text)

    def suggestion(quote):
        c = candidate(document, quote)
        return c.lead_unit_id, c.responsible_unit_ids, c.unit_reason, c.unit_reason_detail

    assert suggestion("1.76万人") == (units["hr"].pk, [], "keyword", "就业")
    assert suggestion("25条") == (units["build"].pk, [units["transport"].pk], "keyword", "道路")
    assert suggestion("13处") == (units["health"].pk, [units["civil"].pk], "last_year", "新建日间照料中心")
    assert suggestion("3所") == (units["edu"].pk, [], "mention", "")
    jobs = candidate(document, "1.76万人")
    assert (jobs.deadline, jobs.frequency) == (datetime.date(2024, 12, 31), "monthly")
    assert (candidate(document, "1161.7亿元").deadline, candidate(document, "1161.7亿元").frequency) == (None, "")


def test_the_review_page_shows_the_suggested_unit_and_its_reason(world):
    add_units(world.district)
    document = upload(world)
    client = Client()
    client.force_login(world.users["office"])
    html = client.get(reverse("ingest:review", args=[document.pk])).content.decode()
    row = html[html.index(f'id="cand-{candidate(document, "1.76万人").pk}"'):]
    row = row[:row.index("</li>")]
    assert "关键词：就业" in row and "2024年12月31日" in row
    # the unit's stored (full) name, as everywhere else in the app, not its short name 区人社局
    assert '<strong data-testid="lead-unit">市中区人力资源和社会保障局</strong>' in row
    assert "区人社局" not in row


def test_accepting_a_task_gives_it_units_node_deadline_and_frequency(world):
    add_units(world.district)
    document = upload(world)
    accepted = services.candidate_accept(candidate=candidate(document, "25条"), user=world.users["office"])
    task = accepted.created_task
    assert sorted(TaskUnit.objects.filter(task=task).values_list("organisation__name", "role")) == [
        ("市中区交通运输局", UnitRole.RESPONSIBLE), ("市中区住房和城乡建设局", UnitRole.LEAD)]
    assert (task.node.title, task.deadline, task.frequency) == ("2024年主要目标", datetime.date(2024, 12, 31), "monthly")
    assert task.node.plan_id == task.plan_id


def test_the_reviewer_may_change_the_lead_unit_but_only_to_a_unit_of_the_district(world):
    units = add_units(world.district)
    document = upload(world)
    c = services.candidate_accept(candidate=candidate(document, "1.76万人"), user=world.users["office"],
                                  lead_unit=units["dev"])
    assert list(TaskUnit.objects.filter(task=c.created_task).values_list("organisation", "role")) == [
        (units["dev"].pk, UnitRole.LEAD)]
    assert (c.unit_reason, c.status) == ("", "accepted")
    stranger = Organisation.objects.create(name="历下区人社局", kind=OrgKind.DEPARTMENT, parent=world.other)
    with pytest.raises(ApplicationError, match="历下区人社局"):
        services.candidate_accept(candidate=candidate(document, "25条"), user=world.users["office"], lead_unit=stranger)


# --- one commitment, one item ---------------------------------------------------------------------------


def test_an_amount_matching_an_existing_indicator_target_is_linked_not_duplicated(world):
    indicator = indicator_upsert(code="JOBS", name="城镇新增就业", unit="万人", aspect=Aspect.LEVEL)
    existing = target_upsert(indicator=indicator, organisation=world.district, year=2024, target_type="level",
                             value=Decimal("1.76"), provenance=Provenance.ENTERED)
    document = upload(world)
    c = candidate(document, "1.76万人")
    assert (c.target, c.link_indicator_id) == (Target.INDICATOR_TARGET, indicator.pk)
    assert c.matched == gettext("indicator target %(name)s") % {"name": "城镇新增就业"} + "：17600人"
    accepted = services.candidate_accept(candidate=c, user=world.users["office"])
    assert accepted.created_target == existing
    assert IndicatorTarget.objects.count() == 1 and Task.objects.count() == 0
    existing.refresh_from_db()
    assert (existing.value, existing.provenance) == (Decimal("1.76"), Provenance.ENTERED)


def test_a_duplicate_of_a_tracked_task_needs_an_explicit_choice(world):
    plan = plan_services.plan_upsert(district=world.district, year=2024)
    tracked = plan_services.task_upsert(plan=plan, code="ROADS", title="市政道路建设", target_value=Decimal(25),
                                        target_unit="条")
    document = upload(world)
    c = candidate(document, "25条")
    assert (c.target, c.link_task_id) == (Target.TASK, tracked.pk)
    with pytest.raises(ApplicationError, match="already tracked|已在跟踪"):
        services.candidate_accept(candidate=c, user=world.users["office"], link=None)
    assert Task.objects.count() == 1
    c.refresh_from_db()
    accepted = services.candidate_accept(candidate=c, user=world.users["office"], link=None, allow_duplicate=True)
    assert Task.objects.count() == 2 and accepted.created_task != tracked


def test_a_linked_task_with_the_same_value_is_not_rewritten(world):
    plan = plan_services.plan_upsert(district=world.district, year=2024)
    tracked = plan_services.task_upsert(plan=plan, code="ROADS", title="市政道路建设", target_value=Decimal(25),
                                        target_unit="条", provenance=Provenance.ENTERED)
    document = upload(world)
    accepted = services.candidate_accept(candidate=candidate(document, "25条"), user=world.users["office"])
    tracked.refresh_from_db()
    assert accepted.created_task == tracked
    assert (tracked.provenance, tracked.history.count(), Task.objects.count()) == (Provenance.ENTERED, 1, 1)


# --- projects -------------------------------------------------------------------------------------------


def test_accepting_a_project_figure_creates_the_project_year(world):
    project = Project.objects.create(district=world.district, code="P1", name="兴隆片区综合开发项目",
                                     level=ProjectLevel.CITY)
    ProjectYear.objects.create(project=project, year=2023, plan_type=PlanType.NEW, level=ProjectLevel.CITY,
                               annual_plan=Decimal(20000))
    document = upload(world, "2024年政府工作报告\n兴隆片区综合开发项目计划完成投资3.49亿元。\n")
    c = candidate(document, "3.49亿元")
    assert (c.target, c.link_project_id) == (Target.PROJECT_FACT, project.pk)
    accepted = services.candidate_accept(candidate=c, user=world.users["office"])
    year = ProjectYear.objects.get(project=project, year=2024)
    assert accepted.created_project_year == year
    assert (year.plan_type, year.level, year.annual_plan, year.provenance) == (
        PlanType.CONTINUING, ProjectLevel.CITY, Decimal("34900"), Provenance.EXTRACTED)


def test_a_project_clause_sets_the_plan_type_of_an_existing_year():
    assert services.project_plan_type("新开工兴隆片区项目") == PlanType.NEW
    assert services.project_plan_type("续建东部新城道路") == PlanType.CONTINUING
    assert services.project_plan_type("完成投资3.49亿元") == ""


# --- draft plan years ------------------------------------------------------------------------------------


def test_accepting_an_item_never_changes_another_users_default_year(world):
    plan_services.plan_upsert(district=world.district, year=2023)
    leader = Client()
    leader.force_login(world.users["leader"])
    assert default_year(world.district, ON) == 2023
    document = upload(world)
    services.candidate_accept(candidate=candidate(document, "25条"), user=world.users["office"])
    plan = Plan.objects.get(district=world.district, year=2024)
    assert plan.is_draft
    assert default_year(world.district, ON) == 2023
    assert public_year(world.district, ON) == 2023
    home = leader.get(reverse("web:home") + f"?district={world.district.pk}")
    assert home.context["plan"].year == 2023 and [p.year for p in home.context["plans"]] == [2023]
    office = Client()
    office.force_login(world.users["office"])
    assert [p.year for p in office.get(reverse("web:home") + f"?district={world.district.pk}").context["plans"]] == [
        2024, 2023]

    response = office.post(reverse("ingest:publish", args=[document.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert not plan.is_draft
    assert default_year(world.district, ON) == 2024
    assert leader.get(reverse("web:home") + f"?district={world.district.pk}").context["plan"].year == 2024


def test_only_the_supervision_office_publishes(world):
    document = upload(world)
    services.candidate_accept(candidate=candidate(document, "25条"), user=world.users["office"])
    for name in ("projects", "stats"):
        client = Client()
        client.force_login(world.users[name])
        assert client.post(reverse("ingest:publish", args=[document.pk])).status_code == 403
    assert Plan.objects.get(year=2024).is_draft
    with pytest.raises(ApplicationError):
        services.document_plan_publish(document=document, user=world.users["projects"])


# --- keyword table ---------------------------------------------------------------------------------------


def test_the_keyword_table_is_seeded_and_the_office_can_change_it_for_its_district(world):
    units = add_units(world.district)
    assert UnitKeyword.objects.get(district=None, keyword="就业").unit_names == "人社局"
    client = Client()
    client.force_login(world.users["office"])
    url = reverse("ingest:keywords") + f"?district={world.district.pk}"
    page = client.get(url)
    assert page.status_code == 200
    row = next(r for r in page.context["rows"] if r["keyword"] == "就业")
    assert (row["units"], row["own"]) == ([("人社局", "市中区人力资源和社会保障局")], False)

    response = client.post(url, {"district": world.district.pk, "keyword": "就业", "unit_names": "民政局/发改局"})
    assert response.status_code == 302
    document = upload(world)
    c = candidate(document, "1.76万人")
    assert (c.lead_unit_id, c.responsible_unit_ids, c.unit_reason_detail) == (
        units["civil"].pk, [units["dev"].pk], "就业")
    assert UnitKeyword.objects.get(district=None, keyword="就业").unit_names == "人社局"

    client.post(url, {"district": world.district.pk, "delete": "就业"})
    assert not UnitKeyword.objects.filter(district=world.district).exists()


def test_the_keyword_table_is_refused_to_units_and_other_districts(world):
    for name in ("reporter", "leader", "city"):
        client = Client()
        client.force_login(world.users[name])
        assert client.get(reverse("ingest:keywords")).status_code == 403
    client = Client()
    client.force_login(world.users["other_office"])
    assert client.get(reverse("ingest:keywords") + f"?district={world.district.pk}").status_code == 403
    assert client.post(reverse("ingest:keywords"), {"district": world.district.pk, "keyword": "就业",
                                                     "unit_names": "x"}).status_code == 403
    assert client.get(reverse("ingest:keywords") + "?district=abc").status_code == 400


def test_an_accepted_row_brings_the_draft_plan_and_its_publish_button_out_of_band(world):
    document = upload(world)
    client = Client()
    client.force_login(world.users["office"])
    page = client.get(reverse("ingest:review", args=[document.pk])).content.decode()
    assert '<div id="plan-state"></div>' in page
    row = client.post(reverse("ingest:accept", args=[candidate(document, "25条").pk]), HTTP_HX_REQUEST="true")
    html = row.content.decode()
    assert '<div id="plan-state" hx-swap-oob="true">' in html and 'data-testid="publish"' in html
    projects = Client()
    projects.force_login(world.users["projects"])
    html = projects.post(reverse("ingest:accept", args=[candidate(document, "13处").pk]),
                         HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="plan-state"' in html and 'data-testid="publish"' not in html
