from decimal import Decimal

import pytest
from factories import (
    assert_violates,
    make_district,
    make_livelihood_item,
    make_node,
    make_plan,
    make_subitem,
    make_task,
    make_unit,
)

from duban.core.errors import ApplicationError
from duban.plans.models import (
    LivelihoodItem,
    LivelihoodSubItem,
    LivelihoodSubItemUnit,
    Plan,
    Task,
    TaskUnit,
    WorkNode,
)
from duban.plans.services import (
    livelihood_subitem_upsert,
    plan_upsert,
    task_units_set,
    task_upsert,
    worknode_upsert,
)

pytestmark = pytest.mark.django_db


def test_one_plan_per_district_and_year():
    plan = make_plan(year=2024)
    with assert_violates("plan_unique_district_year", "plans_plan.district_id", "plans_plan.year"):
        Plan.objects.create(district=plan.district, year=2024)


def test_work_node_codes_are_unique_in_a_plan():
    node = make_node(code="G")
    with assert_violates("worknode_unique_code", "plans_worknode.plan_id", "plans_worknode.code"):
        WorkNode.objects.create(plan=node.plan, code="G", title="重复")


def test_a_work_node_cannot_be_its_own_parent():
    node = make_node(code="G")
    node.parent_id = node.pk
    with assert_violates("worknode_not_own_parent"):
        node.save(update_fields=["parent"])


def test_task_codes_are_unique_in_a_plan_but_blank_codes_may_repeat():
    task = make_task(code="2024-01")
    with assert_violates("task_unique_code_in_plan", "plans_task.plan_id", "plans_task.code"):
        Task.objects.create(plan=task.plan, code="2024-01", title="重复")
    Task.objects.create(plan=task.plan, code="", title="无编号一")
    Task.objects.create(plan=task.plan, code="", title="无编号二")
    assert Task.objects.filter(plan=task.plan, code="").count() == 2


def test_a_task_target_value_needs_a_unit():
    plan = make_plan()
    with assert_violates("task_value_needs_unit"):
        Task.objects.create(plan=plan, code="X", title="无单位", target_value=Decimal(25))
    with pytest.raises(ApplicationError, match="^目标值须注明单位。$"):
        task_upsert(plan=plan, code="X", title="无单位", target_value=Decimal(25))


def test_a_unit_is_assigned_to_a_task_once_and_a_task_has_one_lead():
    task = make_task()
    a, b = make_unit(), make_unit()
    TaskUnit.objects.create(task=task, organisation=a, role="lead")
    with assert_violates("taskunit_unique", "plans_taskunit.task_id", "plans_taskunit.organisation_id"):
        TaskUnit.objects.create(task=task, organisation=a, role="responsible")
    with assert_violates("taskunit_one_lead", "plans_taskunit.task_id"):
        TaskUnit.objects.create(task=task, organisation=b, role="lead")


def test_task_units_set_moves_the_lead_and_drops_units_not_given():
    a, b, c = make_unit("甲"), make_unit("乙"), make_unit("丙")
    task = make_task(lead=a, responsible=[b], cooperating=[c])
    task_units_set(task=task, units=[(b, "lead"), (a, "responsible")])
    assert sorted(task.units.values_list("organisation__name", "role")) == [("乙", "lead"), ("甲", "responsible")]
    with pytest.raises(ApplicationError, match="^只能指定一个牵头单位。$"):
        task_units_set(task=task, units=[(a, "lead"), (b, "lead")])


def test_livelihood_items_are_numbered_once_per_plan():
    item = make_livelihood_item(number=1)
    with assert_violates("livelihood_unique_number", "plans_livelihooditem.plan_id", "plans_livelihooditem.number"):
        LivelihoodItem.objects.create(plan=item.plan, number=1, title="重复")


def test_a_sub_item_value_needs_a_unit_and_cannot_be_negative():
    item = make_livelihood_item()
    with assert_violates("subitem_value_needs_unit"):
        LivelihoodSubItem.objects.create(item=item, title="无单位", target_value=Decimal(13))
    with assert_violates("subitem_value_not_negative"):
        LivelihoodSubItem.objects.create(item=item, title="负数", target_value=Decimal(-1), target_unit="处")
    with pytest.raises(ApplicationError, match="^子项目标不能为负数。$"):
        livelihood_subitem_upsert(item=item, title="负数", target_value=Decimal(-1), target_unit="处")


def test_a_unit_is_assigned_to_a_sub_item_once():
    sub, unit = make_subitem(), make_unit()
    LivelihoodSubItemUnit.objects.create(sub_item=sub, organisation=unit, role="lead")
    with assert_violates("subitemunit_unique", "plans_livelihoodsubitemunit.sub_item_id",
                         "plans_livelihoodsubitemunit.organisation_id"):
        LivelihoodSubItemUnit.objects.create(sub_item=sub, organisation=unit, role="responsible")


def test_plan_upsert_is_idempotent_and_records_changes():
    district = make_district()
    plan = plan_upsert(district=district, year=2024, theme="深化提升年")
    plan_upsert(district=district, year=2024, theme="深化提升年")
    assert plan.history.count() == 1
    plan_upsert(district=district, year=2024, theme="深化提升年", system_name="工作体系")
    assert plan.history.count() == 2
    assert str(Plan.objects.get()) == f"{district} 2024「深化提升年」"


def test_a_node_parent_and_a_task_node_belong_to_the_same_plan():
    district = make_district()
    node_2020 = make_node(plan=make_plan(district=district, year=2020))
    plan_2024 = make_plan(district=district, year=2024)
    with pytest.raises(ApplicationError, match="^工作体系节点的上级须属于同一计划。$"):
        worknode_upsert(plan=plan_2024, code="X", title="X", parent=node_2020)
    with pytest.raises(ApplicationError, match="^任务所属的工作体系节点须属于同一计划。$"):
        task_upsert(plan=plan_2024, code="X", title="X", node=node_2020)
