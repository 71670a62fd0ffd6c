"""The project pipeline: a lead reported, assessed, reviewed, signed, registered as a project, started."""

from datetime import date
from decimal import Decimal as D

import pytest
from factories import make_member

from duban.core.errors import ApplicationError
from duban.org.models import Organisation, OrgKind, Role
from duban.projects import pipeline
from duban.projects.models import Lead, Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    district = Organisation.objects.create(name="市中区", kind=OrgKind.DISTRICT)
    other = Organisation.objects.create(name="历下区", kind=OrgKind.DISTRICT)
    unit = Organisation.objects.create(name="区投促局", kind=OrgKind.DEPARTMENT, parent=district)
    office = Organisation.objects.create(name="重点办", kind=OrgKind.OFFICE, parent=district)
    users = {"reporter": make_member("tc", (unit, Role.UNIT_REPORTER)),
             "projects": make_member("zdb", (office, Role.PROJECT_OFFICE)),
             "other": make_member("lx", (other, Role.PROJECT_OFFICE))}
    return district, unit, users


def report(world, **extra):
    district, unit, users = world
    values = dict(actor=users["reporter"], district=district, title="数字文创产业园", investor="某文化集团",
                  amount=D(50000), reporting_unit=unit, reported_on=date(2024, 3, 1), is_important=True)
    return pipeline.lead_report(**{**values, **extra})


def test_a_lead_goes_from_report_to_a_started_project(world):
    district, unit, users = world
    lead = report(world)
    assert (lead.number, lead.state) == (f"XS{district.pk}-2024-0001", "reported")
    office = users["projects"]
    pipeline.lead_assess(actor=office, lead=lead, assessment="符合产业方向")
    pipeline.lead_review(actor=office, lead=lead, expert_opinion="可行", joint_review_opinion="同意引进",
                         decision="conditional", conditions="三年内达产")
    pipeline.lead_sign(actor=office, lead=lead, contract_amount=D(48000), signed_on=date(2024, 4, 10))
    project = pipeline.lead_register(actor=office, lead=lead, code="SZ-2024-L01", lead_unit=unit, year=2024)
    assert (project.stage, project.total_investment, project.years.get().plan_type) == ("signed", D(48000), "reserve")
    pipeline.project_start(actor=office, project=project, started_on=date(2024, 6, 1))
    project.refresh_from_db()
    assert (project.stage, project.actual_start) == ("started", date(2024, 6, 1))
    assert [h.state for h in Lead.objects.get().history.order_by("history_date")] == [
        "reported", "assessed", "reviewed", "signed", "registered"]
    counts, rate = pipeline.pipeline_counts(district, 2024)
    assert {c.state: c.leads for c in counts}["registered"] == 1 and rate == D("100.00")


def test_steps_out_of_order_and_by_others_are_refused(world):
    district, unit, users = world
    lead = report(world)
    with pytest.raises(ApplicationError, match="当前为“已报送”"):
        pipeline.lead_sign(actor=users["projects"], lead=lead, contract_amount=D(1), signed_on=date(2024, 4, 1))
    for who in ("reporter", "other"):
        with pytest.raises(ApplicationError, match="只有重点办"):
            pipeline.lead_assess(actor=users[who], lead=lead, assessment="好")
    with pytest.raises(ApplicationError, match="您无权为市中区报送线索"):
        report(world, actor=users["other"])


def test_a_refused_review_drops_the_lead_and_conditions_are_required(world):
    _district, _unit, users = world
    lead = report(world)
    pipeline.lead_assess(actor=users["projects"], lead=lead, assessment="待研究")
    with pytest.raises(ApplicationError, match="附加条件"):
        pipeline.lead_review(actor=users["projects"], lead=lead, expert_opinion="可行", joint_review_opinion="原则同意",
                             decision="conditional")
    pipeline.lead_review(actor=users["projects"], lead=lead, expert_opinion="不可行", joint_review_opinion="不同意",
                         decision="refused")
    assert Lead.objects.get().state == "dropped"
    assert not Project.objects.exists()


def test_the_planning_reserve_counts_reserve_and_signed_projects(world):
    district, unit, users = world
    Project.objects.create(district=district, code="A", name="甲", stage="reserve")
    Project.objects.create(district=district, code="B", name="乙", stage="signed")
    Project.objects.create(district=district, code="C", name="丙", stage="construction")
    assert pipeline.reserve_count(district) == 2


# --- 前期 procedures, the reserve as of a date, the figures read from the leads --------------------------------

def _registered(world):
    district, unit, users = world
    office = users["projects"]
    lead = report(world)
    pipeline.lead_assess(actor=office, lead=lead, assessment="符合产业方向")
    pipeline.lead_review(actor=office, lead=lead, expert_opinion="可行", joint_review_opinion="同意引进",
                         decision="approved")
    pipeline.lead_sign(actor=office, lead=lead, contract_amount=D(48000), signed_on=date(2024, 4, 10))
    return lead, pipeline.lead_register(actor=office, lead=lead, code="SZ-2024-L01", lead_unit=unit, year=2024)


def test_procedures_are_planned_with_a_unit_and_recorded_done_with_history(world):
    district, unit, users = world
    office = users["projects"]
    _lead, project = _registered(world)
    land = pipeline.procedure_plan(actor=office, project=project, kind="land", unit=unit, planned_date=date(2024, 5, 1))
    permit = pipeline.procedure_plan(actor=office, project=project, kind="construction", unit=unit,
                                     planned_date=date(2024, 5, 20), note="待规划许可后办理")
    project.refresh_from_db()
    assert project.stage == "preparation"  # a signed project in its 前期
    assert [(p.kind, p.unit.name, p.planned_date, p.actual_date) for p in project.procedures.all()] == [
        ("land", "区投促局", date(2024, 5, 1), None), ("construction", "区投促局", date(2024, 5, 20), None)]
    # the responsible unit's reporter records the land approval; someone of another district may not
    pipeline.procedure_done(actor=users["reporter"], procedure=land, actual_date=date(2024, 4, 28))
    with pytest.raises(ApplicationError, match="只有重点办或责任单位"):
        pipeline.procedure_done(actor=users["other"], procedure=permit, actual_date=date(2024, 5, 2))
    with pytest.raises(ApplicationError, match="签约之前"):
        pipeline.procedure_done(actor=office, procedure=permit, actual_date=date(2024, 4, 1))
    land.refresh_from_db()
    assert land.actual_date == date(2024, 4, 28)
    assert [h.actual_date for h in land.history.order_by("history_date")] == [None, date(2024, 4, 28)]
    # no start before the construction permit; after it, the start is recorded
    with pytest.raises(ApplicationError, match="施工许可"):
        pipeline.project_start(actor=office, project=project, started_on=date(2024, 6, 1))
    pipeline.procedure_done(actor=office, procedure=permit, actual_date=date(2024, 5, 25))
    with pytest.raises(ApplicationError, match="施工许可"):
        pipeline.project_start(actor=office, project=project, started_on=date(2024, 5, 24))
    pipeline.project_start(actor=office, project=project, started_on=date(2024, 6, 1))
    with pytest.raises(ApplicationError, match="已开工"):
        pipeline.procedure_plan(actor=office, project=project, kind="planning", unit=unit,
                                planned_date=date(2024, 7, 1))


def test_procedure_plans_are_checked(world):
    district, unit, users = world
    _lead, project = _registered(world)
    office = users["projects"]
    elsewhere = Organisation.objects.create(name="历下区住建局", kind=OrgKind.DEPARTMENT,
                                            parent=Organisation.objects.get(name="历下区"))
    with pytest.raises(ApplicationError, match="只有重点办"):
        pipeline.procedure_plan(actor=users["reporter"], project=project, kind="land", unit=unit,
                                planned_date=date(2024, 5, 1))
    with pytest.raises(ApplicationError, match="责任单位须属于市中区"):
        pipeline.procedure_plan(actor=office, project=project, kind="land", unit=elsewhere,
                                planned_date=date(2024, 5, 1))
    with pytest.raises(ApplicationError, match="签约"):
        pipeline.procedure_plan(actor=office, project=project, kind="land", unit=unit, planned_date=date(2024, 3, 1))
    with pytest.raises(ApplicationError, match="手续"):
        pipeline.procedure_plan(actor=office, project=project, kind="water", unit=unit, planned_date=date(2024, 5, 1))
    assert not project.procedures.exists()


def test_the_reserve_as_of_a_date_counts_a_lead_from_its_signing_and_a_project_until_its_start(world):
    district, unit, users = world
    _lead, project = _registered(world)  # signed 10 April 2024
    Project.objects.create(district=district, code="A", name="甲", stage="reserve")
    Project.objects.create(district=district, code="C", name="丙", stage="construction", actual_start=date(2024, 5, 1))
    Project.objects.create(district=district, code="D", name="丁", stage="construction", actual_start=date(2023, 5, 1))
    assert pipeline.reserve_count(district) == 2                      # 甲 and the signed lead's project
    assert pipeline.reserve_count(district, date(2024, 3, 31)) == 2   # 甲 and 丙 (not started yet)
    assert pipeline.reserve_count(district, date(2024, 4, 30)) == 3   # 甲, 丙 and the signed project
    assert pipeline.reserve_count(district, date(2024, 6, 30)) == 2   # 丙 started on 1 May


def test_lead_facts_read_how_far_each_lead_went(world):
    from duban.projects.selectors import by_stage, lead_facts

    district, unit, users = world
    office = users["projects"]
    _lead, project = _registered(world)
    pipeline.project_start(actor=office, project=project, started_on=date(2024, 6, 1))
    dropped = report(world, title="物流基地", reported_on=date(2024, 5, 3))
    pipeline.lead_assess(actor=office, lead=dropped, assessment="待研究")
    pipeline.lead_drop(actor=office, lead=dropped, reason="投资方撤回")
    report(world, title="文创园", amount=D(1000), reported_on=date(2024, 5, 9))
    facts = lead_facts(district, 2024)
    assert [(f.reported_on, f.reached, f.dropped) for f in facts] == [
        (date(2024, 3, 1), 5, False), (date(2024, 5, 3), 1, True), (date(2024, 5, 9), 0, False)]
    assert [r.leads for r in by_stage(facts)] == [3, 2, 1, 1, 1, 1]
    assert lead_facts(district, 2023) == []


def test_the_lead_page_plans_and_records_procedures_and_answers_bad_input_with_400(world, client):
    district, unit, users = world
    lead, project = _registered(world)
    url = f"/projects/leads/{lead.pk}/"
    client.force_login(users["projects"])
    response = client.post(url, {"step": "procedure", "kind": "land", "unit": unit.pk, "planned_date": "2024-05-01"})
    assert response.status_code == 302
    land = project.procedures.get()
    assert (land.kind, land.unit, land.planned_date) == ("land", unit, date(2024, 5, 1))
    assert client.post(url, {"step": "procedure", "kind": "land", "unit": unit.pk,
                             "planned_date": "2024-13-45"}).status_code == 400
    assert client.post(url, {"step": "procedure_done", "procedure": "1e999", "actual_date": "2024-05-02"}).status_code == 400
    page = client.get(url).content.decode()
    assert "用地手续" in page and "step-procedure" in page
    # the unit's reporter may record the procedure done, and do nothing else
    client.force_login(users["reporter"])
    assert client.post(url, {"step": "procedure_done", "procedure": land.pk, "actual_date": "2024-05-02"}).status_code == 302
    land.refresh_from_db()
    assert land.actual_date == date(2024, 5, 2)
    assert client.post(url, {"step": "drop", "reason": "x"}).status_code == 403


def test_the_pipeline_page_writes_amounts_with_separators_and_months_in_chinese(world, client):
    _district, _unit, users = world
    lead, _project = _registered(world)
    client.force_login(users["projects"])
    html = client.get("/projects/pipeline/").content.decode()
    assert "<td>2024年3月</td><td>1</td><td>50,000</td><td>1</td><td>48,000</td>" in html
    assert "2024-03" not in html and ">50000<" not in html
    page = client.get(f"/projects/leads/{lead.pk}/").content.decode()
    assert "<dd>50,000</dd>" in page and "48,000万元，2024年4月10日" in page
