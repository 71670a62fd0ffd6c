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
