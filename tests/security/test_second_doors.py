"""The second doors closed: one default rule set per district in the database; the admin saves rule sets,
curves and rubrics through their services; ingest writes key-project figures through projects.services."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from factories import make_district, make_member, make_project, make_project_year

from duban.core.errors import ApplicationError
from duban.projects import services as project_services
from duban.tracking import services
from duban.tracking.models import Rubric, RuleSet
from duban.tracking.scoring import DEFAULT_HALF_YEAR_RUBRIC


@pytest.mark.django_db
def test_the_database_refuses_a_second_default_rule_set_for_a_district():
    district = make_district()
    RuleSet.objects.create(code="d-a", name="A", district=district, is_default=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        RuleSet.objects.create(code="d-b", name="B", district=district, is_default=True)
    RuleSet.objects.create(code="d-c", name="C", district=district, is_default=False)
    RuleSet.objects.create(code="other", name="O", district=make_district(), is_default=True)


@pytest.mark.django_db
def test_the_service_moves_the_default_within_the_district():
    district = make_district()
    services.rule_set_save(actor=None, code="x1", name="X1", config={}, district=district, is_default=True)
    services.rule_set_save(actor=None, code="x2", name="X2", config={}, district=district, is_default=True)
    assert list(RuleSet.objects.filter(district=district, is_default=True).values_list("code", flat=True)) == ["x2"]


@pytest.mark.django_db
def test_the_admin_saves_a_rule_set_through_the_service_and_refuses_a_bad_config(client):
    admin = make_member("cfg_admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    district = make_district()
    data = {"code": "adm", "name": "后台规则", "district": district.pk, "is_default": "on", "config": "{}", "description": ""}
    assert client.post("/admin/tracking/ruleset/add/", data).status_code == 302
    assert RuleSet.objects.get(code="adm").is_default is True
    bad = client.post("/admin/tracking/ruleset/add/", {**data, "code": "bad", "config": '{"no_such_setting": 1}'})
    assert bad.status_code == 200 and not RuleSet.objects.filter(code="bad").exists()


@pytest.mark.django_db
def test_a_staff_member_who_may_not_configure_cannot_edit_rules_in_the_admin(client):
    staff = make_member("cfg_staff", is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/tracking/ruleset/add/").status_code == 403


@pytest.mark.django_db
def test_rubrics_are_saved_through_their_service():
    with pytest.raises(ApplicationError, match="考核细则有误"):
        services.rubric_save(actor=None, code="r", name="R", config={"items": "not a list"})
    rubric = services.rubric_save(actor=None, code="r", name="R", config=DEFAULT_HALF_YEAR_RUBRIC)
    assert Rubric.objects.get(code="r").pk == rubric.pk


@pytest.mark.django_db
def test_project_figures_are_set_through_projects_services():
    year = make_project_year(project=make_project(), annual_plan=Decimal(1200), half_year_plan=Decimal(600))
    with pytest.raises(ApplicationError):
        project_services.project_year_annual_plan_set(project_year=year, amount=Decimal(500))
    assert project_services.project_year_annual_plan_set(project_year=year, amount=Decimal(2000)).annual_plan == 2000
    project = project_services.project_total_investment_set(project=year.project, amount=Decimal(9000))
    assert project.total_investment == Decimal(9000)
