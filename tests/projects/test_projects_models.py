import datetime
from decimal import Decimal

import pytest
from factories import (
    assert_violates,
    make_district,
    make_expropriation,
    make_project,
    make_project_year,
    make_unit,
)

from duban.core.errors import ApplicationError
from duban.projects.models import (
    Area,
    ExpropriationTask,
    ExpropriationUnit,
    Milestone,
    MilestoneTemplate,
    MilestoneTemplateStep,
    Project,
    ProjectCategory,
    ProjectYear,
)
from duban.projects.services import (
    milestone_template_upsert,
    project_milestones_set,
    project_upsert,
    project_year_upsert,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def test_category_and_milestone_template_names_are_unique():
    ProjectCategory.objects.create(name="产业发展")
    with assert_violates("name", "projects_projectcategory.name"):
        ProjectCategory.objects.create(name="产业发展")
    MilestoneTemplate.objects.create(name="建设类项目")
    with assert_violates("name", "projects_milestonetemplate.name"):
        MilestoneTemplate.objects.create(name="建设类项目")


def test_area_names_are_unique_in_a_district():
    district = make_district()
    Area.objects.create(district=district, name="兴隆")
    with assert_violates("area_unique_name", "projects_area.district_id", "projects_area.name"):
        Area.objects.create(district=district, name="兴隆")


def test_project_codes_are_unique_in_a_district():
    project = make_project(code="SZ-1")
    with assert_violates("project_unique_code", "projects_project.district_id", "projects_project.code"):
        Project.objects.create(district=project.district, code="SZ-1", name="重复")


def test_a_project_does_not_end_before_it_starts():
    district = make_district()
    with assert_violates("project_planned_end_after_start"):
        Project.objects.create(district=district, code="A", name="A", planned_start=D(2024, 5, 1),
                               planned_end=D(2024, 4, 30))
    with assert_violates("project_actual_end_after_start"):
        Project.objects.create(district=district, code="B", name="B", actual_start=D(2024, 5, 1),
                               actual_end=D(2024, 4, 30))
    with pytest.raises(ApplicationError, match="^项目计划竣工时间不能早于计划开工时间。$"):
        project_upsert(district=district, code="A", name="A", planned_start=D(2024, 5, 1), planned_end=D(2024, 4, 30))


def test_one_project_year_per_year_and_half_year_plan_not_above_annual():
    py = make_project_year(year=2024)
    with assert_violates("projectyear_unique", "projects_projectyear.project_id", "projects_projectyear.year"):
        ProjectYear.objects.create(project=py.project, year=2024, plan_type="new", level="district")
    with assert_violates("projectyear_half_not_above_annual"):
        ProjectYear.objects.create(project=py.project, year=2025, plan_type="new", level="district",
                                   annual_plan=Decimal(100), half_year_plan=Decimal("100.01"))
    with pytest.raises(ApplicationError, match="^上半年计划不能超过年度计划。$"):
        project_year_upsert(project=py.project, year=2025, plan_type="new", level="district",
                            annual_plan=Decimal(100), half_year_plan=Decimal(101))


def test_milestone_steps_are_unique_by_order_and_by_name():
    template = MilestoneTemplate.objects.create(name="模板")
    MilestoneTemplateStep.objects.create(template=template, name="立项", order=1)
    with assert_violates("milestonestep_unique_order", "projects_milestonetemplatestep.template_id",
                         "projects_milestonetemplatestep.order"):
        MilestoneTemplateStep.objects.create(template=template, name="用地", order=1)
    with assert_violates("milestonestep_unique_name", "projects_milestonetemplatestep.template_id",
                         "projects_milestonetemplatestep.name"):
        MilestoneTemplateStep.objects.create(template=template, name="立项", order=2)


def test_a_project_has_each_milestone_once():
    project = make_project()
    Milestone.objects.create(project=project, name="开工", order=1)
    with assert_violates("milestone_unique_name", "projects_milestone.project_id", "projects_milestone.name"):
        Milestone.objects.create(project=project, name="开工", order=2)


def test_expropriation_names_are_unique_per_district_and_year_and_units_once():
    task = make_expropriation(year=2024, name="中山公园片区征收拆迁")
    with assert_violates("expropriation_unique_name", "projects_expropriationtask.district_id",
                         "projects_expropriationtask.year", "projects_expropriationtask.name"):
        ExpropriationTask.objects.create(district=task.district, year=2024, name="中山公园片区征收拆迁")
    unit = make_unit(district=task.district)
    ExpropriationUnit.objects.create(task=task, organisation=unit, role="lead")
    with assert_violates("expropriationunit_unique", "projects_expropriationunit.task_id",
                         "projects_expropriationunit.organisation_id"):
        ExpropriationUnit.objects.create(task=task, organisation=unit, role="responsible")


def test_milestone_template_keeps_steps_in_order_and_is_idempotent():
    template = milestone_template_upsert(name="建设类项目", steps=["立项", "开工", "竣工"])
    milestone_template_upsert(name="建设类项目", steps=["立项", "开工", "竣工"])
    assert list(template.steps.values_list("order", "name")) == [(1, "立项"), (2, "开工"), (3, "竣工")]
    with pytest.raises(ApplicationError, match="^节点清单中同一步骤不能出现两次。$"):
        milestone_template_upsert(name="重复", steps=["立项", "立项"])


def test_project_milestones_set_creates_with_history_then_writes_only_changes():
    project = make_project()
    steps = [("立项", D(2024, 1, 10), D(2024, 1, 12)), ("开工", D(2024, 3, 1), None)]
    assert project_milestones_set(project=project, milestones=steps) == 2
    assert project_milestones_set(project=project, milestones=steps) == 0
    assert Milestone.history.filter(project=project).count() == 2
    steps[1] = ("开工", D(2024, 3, 1), D(2024, 3, 5))
    assert project_milestones_set(project=project, milestones=steps) == 1
    assert project.milestones.get(name="开工").actual_date == D(2024, 3, 5)


def test_a_lead_unit_must_belong_to_the_projects_district():
    a, b = make_district(), make_district()
    with pytest.raises(ApplicationError, match="^牵头单位.+不属于.+。$"):
        project_upsert(district=a, code="X", name="X", lead_unit=make_unit(district=b))


def test_money_cannot_be_negative():
    with pytest.raises(ApplicationError, match="^总投资不能为负数。$"):
        make_project(total_investment=Decimal(-1))
