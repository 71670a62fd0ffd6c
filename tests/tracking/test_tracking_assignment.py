"""Bulk assignment of tasks: the preview, the all-or-nothing service with history, the page and who may use it."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.utils import translation

from duban.core.errors import ApplicationError
from duban.org.models import UnitRole
from duban.plans.models import Task, TaskUnit
from duban.tracking import permissions
from duban.tracking.services import Assignment, task_assignment_changes, task_bulk_assign


def _units(task) -> dict[str, str]:
    return {u.organisation.name: u.role for u in TaskUnit.objects.filter(task=task).select_related("organisation")}


def _tasks(world):
    return list(Task.objects.filter(pk__in=[world.task.pk, world.task_pct.pk]).select_related("plan").order_by("code"))


def test_preview_names_each_field_old_and_new(world):
    with translation.override("en"):
        changes = _preview(world)
    assert [(c.task.code, [(f.field, f.before, f.after) for f in c.changes]) for c in changes] == [
        ("T1", [("Lead unit", "区发改局", "区教体局"), ("Responsible unit", "—", "区住建局"),
                ("Cooperating unit", "区教体局", "—"), ("Deadline", "—", "2024-09-30"),
                ("Reporting frequency", "Monthly", "Quarterly")]),
        ("T2", [("Lead unit", "区住建局", "区教体局"), ("Responsible unit", "—", "区住建局"),
                ("Deadline", "—", "2024-09-30"), ("Weight", "2", "1"),
                ("Reporting frequency", "Monthly", "Quarterly")]),
    ]
    with translation.override("zh-hans"):
        assert [(f.field, f.after) for f in _preview(world)[0].changes][3] == ("办理时限", "2024年9月30日")


def _preview(world):
    return task_assignment_changes(district=world.district, tasks=_tasks(world), assignment=Assignment(
        lead_unit=world.unit_c, responsible_units=(world.unit_b,), deadline=date(2024, 9, 30), weight=D("1"),
        frequency="quarterly"))


def test_bulk_assign_changes_only_the_fields_given_and_records_history_per_task(world):
    office = world.users["office"]
    changed = task_bulk_assign(actor=office, district=world.district, tasks=_tasks(world),
                               assignment=Assignment(lead_unit=world.unit_c, deadline=date(2024, 9, 30)))
    assert [c.task.code for c in changed] == ["T1", "T2"]
    t1, t2 = _tasks(world)
    # T1's cooperating unit becomes its lead; the old lead is gone; the other roles stay
    assert _units(t1) == {"区教体局": UnitRole.LEAD}
    assert _units(t2) == {"区教体局": UnitRole.LEAD}
    assert (t1.deadline, t1.weight, t1.frequency) == (date(2024, 9, 30), D("1.000"), "monthly")
    assert (t2.deadline, t2.weight, t2.frequency) == (date(2024, 9, 30), D("2.000"), "monthly")
    for task in (t1, t2):
        latest = task.history.latest()
        assert latest.history_user == office and latest.deadline == date(2024, 9, 30)
    assert TaskUnit.history.filter(history_user=office, task_id=t1.pk).count() == 2  # lead removed, new lead added


def test_cooperating_units_replace_only_the_cooperating_ones(world):
    task_bulk_assign(actor=world.users["office"], district=world.district, tasks=_tasks(world)[:1],
                     assignment=Assignment(cooperating_units=(world.unit_b,), weight=D("2.5"), frequency="weekly"))
    t1 = _tasks(world)[0]
    assert _units(t1) == {"区发改局": UnitRole.LEAD, "区住建局": UnitRole.COOPERATING}
    assert (t1.weight, t1.frequency) == (D("2.500"), "weekly")


def test_a_deadline_outside_the_plan_year_names_the_task_and_changes_nothing(world):
    with pytest.raises(ApplicationError) as error:
        task_bulk_assign(actor=world.users["office"], district=world.district, tasks=_tasks(world),
                         assignment=Assignment(lead_unit=world.unit_c, deadline=date(2025, 1, 15)))
    assert error.value.message == ("任务T1 新建学校5所：办理时限2025年1月15日不在计划年度2024年内。 "
                                   "任务T2 优化营商环境：办理时限2025年1月15日不在计划年度2024年内。")
    assert _units(_tasks(world)[0]) == {"区发改局": UnitRole.LEAD, "区教体局": UnitRole.COOPERATING}
    assert Task.objects.get(pk=world.task.pk).deadline is None


def test_a_unit_in_two_roles_or_of_another_district_is_refused(world):
    other_unit = world.other_district.children.get()
    with pytest.raises(ApplicationError) as error:
        task_bulk_assign(actor=world.users["office"], district=world.district, tasks=_tasks(world),
                         assignment=Assignment(lead_unit=world.unit_b, responsible_units=(world.unit_b, other_unit)))
    assert error.value.message == ("历下区发改局不是市中区的单位。 "
                                   "区住建局被同时选为两种角色；一个单位在一项任务中只能有一种角色。")


def test_only_the_districts_office_may_assign(world):
    for name, allowed in [("office", True), ("project_office", True), ("admin", True), ("city_office", True),
                          ("other_office", False), ("reporter_a", False), ("district_leader", False),
                          ("statistics", False), ("unit_leader_a", False)]:
        assert permissions.can_assign_tasks(world.users[name], world.district) is allowed, name
    with pytest.raises(ApplicationError):
        task_bulk_assign(actor=world.users["other_office"], district=world.district, tasks=_tasks(world),
                         assignment=Assignment(weight=D(3)))
    assert Task.objects.get(pk=world.task.pk).weight == D(1)


# ---------------------------------------------------------------------------------------------------------
# The page


def _post(client, world, **data):
    client.force_login(world.users["office"])
    return client.post(f"/tracking/assign/?district={world.district.pk}&year=2024", data)


def test_the_page_lists_filters_and_previews_before_saving(client, world):
    client.force_login(world.users["office"])
    page = client.get(f"/tracking/assign/?district={world.district.pk}&year=2024")
    assert page.status_code == 200
    assert [r["task"].code for r in page.context["rows"]] == ["T1", "T2"]
    assert page.content.decode().count('data-testid="assign-row"') == 2
    only_b = client.get(f"/tracking/assign/?district={world.district.pk}&year=2024&unit={world.unit_b.pk}")
    assert [r["task"].code for r in only_b.context["rows"]] == ["T2"]
    TaskUnit.objects.filter(task=world.task_pct).delete()
    unassigned = client.get(f"/tracking/assign/?district={world.district.pk}&year=2024&unassigned=1")
    assert [r["task"].code for r in unassigned.context["rows"]] == ["T2"]
    preview = _post(client, world, task=[world.task.pk, world.task_pct.pk], lead_unit=world.unit_a.pk,
                    action="preview")
    assert preview.status_code == 200
    assert [c.task.code for c in preview.context["preview"]] == ["T2"]  # T1 is already led by unit A
    assert preview.content.decode().count('data-testid="assign-change"') == 1
    assert _units(Task.objects.get(pk=world.task_pct.pk)) == {}
    done = _post(client, world, task=[world.task.pk, world.task_pct.pk], lead_unit=world.unit_a.pk,
                 action="confirm")
    assert done.status_code == 302
    assert _units(Task.objects.get(pk=world.task_pct.pk)) == {"区发改局": UnitRole.LEAD}


def test_the_page_says_what_is_wrong(client, world):
    response = _post(client, world, task=[world.task.pk], weight="abc", action="preview")
    assert response.status_code == 200 and response.context["form"].errors == {"weight": ["权重须为数字，如1或1.5。"]}
    response = _post(client, world, task=[world.task.pk], deadline="2025-03-01", action="confirm")
    assert response.context["form"].non_field_errors() == ["任务T1 新建学校5所：办理时限2025年3月1日不在计划年度2024年内。"]
    assert response.context["form"].errors.get("weight") is None
    assert Task.objects.get(pk=world.task.pk).deadline is None
    assert _post(client, world, task=["x"], action="preview").status_code == 400


def test_who_opens_the_page_and_sees_the_menu_entry(client, world):
    for name, status in [("office", 200), ("reporter_a", 403), ("district_leader", 403), ("statistics", 403)]:
        client.force_login(world.users[name])
        assert client.get("/tracking/assign/").status_code == status, name
    from duban.web.templatetags.web_shell import nav_items_for

    assert "/tracking/assign/" in [i.url for i in nav_items_for(world.users["office"], "/")]
    assert "/tracking/assign/" not in [i.url for i in nav_items_for(world.users["reporter_a"], "/")]


def test_the_page_and_the_preview_take_as_many_queries_for_forty_tasks_as_for_two(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.users["office"])
    url = f"/tracking/assign/?district={world.district.pk}&year=2024"

    def count(method, **data):
        with CaptureQueriesContext(connection) as queries:
            assert getattr(client, method)(url, data).status_code == 200
        return len(queries)

    def both():
        ids = list(Task.objects.filter(plan=world.plan).values_list("pk", flat=True))
        return count("get"), count("post", task=ids, lead_unit=world.unit_c.pk, weight="3", action="preview")

    small = both()
    for i in range(38):
        task = Task.objects.create(plan=world.plan, node=world.node, code=f"X{i:02d}", title=f"任务{i}")
        TaskUnit.objects.create(task=task, organisation=world.unit_b, role=UnitRole.LEAD)
    assert both() == small
