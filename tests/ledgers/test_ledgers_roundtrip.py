import datetime
from decimal import Decimal

import pytest
from ledger_files import edit, header_letter

from duban.ledgers.exports import ledger_export
from duban.ledgers.imports import ledger_import
from duban.plans.models import Task, TaskUnit
from duban.projects.models import ExpropriationTask, ProjectYear

ON = datetime.date(2024, 6, 30)


def export(world, kind):
    return ledger_export(kind=kind, district=world.district, year=2024, on_date=ON)


def test_plan_export_then_import_changes_nothing(world):
    preview = ledger_import(kind="plan", content=export(world, "plan"), district=world.district, year=2024,
                            user=world.office, confirm=True)
    assert preview.problems == []
    assert (preview.created, preview.updated, preview.unchanged) == (0, 0, 2)
    assert world.t1.history.count() == 1


@pytest.mark.parametrize("kind, expected", [("plan", 2), ("tasks", 2), ("projects", 1), ("livelihood", 1),
                                            ("expropriation", 1)])
def test_each_kind_exported_then_imported_is_a_no_op(world, kind, expected):
    user = world.projects if kind in ("projects", "expropriation") else world.office
    preview = ledger_import(kind=kind, content=export(world, kind), district=world.district, year=2024, user=user,
                            confirm=True)
    assert preview.problems == [] and preview.suggestions == []
    assert (preview.created, preview.updated, preview.unchanged) == (0, 0, expected)


def test_a_changed_annual_plan_round_trips_with_its_history_entry(world):
    content = export(world, "projects")
    letter = header_letter(content, "年度计划投资（万元）")
    changed = edit(content, {f"{letter}4": 13500})
    py = ProjectYear.objects.get(project=world.p1, year=2024)
    before = py.history.count()
    preview = ledger_import(kind="projects", content=changed, district=world.district, year=2024, user=world.projects)
    assert [(r.action, r.label, [(c.header, c.old, c.new) for c in r.changes]) for r in preview.rows] == [
        ("update", "P001 兴隆片区道路工程", [("年度计划投资", "12000", "13500")])]
    assert ProjectYear.objects.get(pk=py.pk).annual_plan == Decimal("12000")   # a preview writes nothing
    preview = ledger_import(kind="projects", content=changed, district=world.district, year=2024, user=world.projects,
                            confirm=True)
    assert preview.written is True
    py.refresh_from_db()
    assert py.annual_plan == Decimal("13500")
    assert py.history.count() == before + 1
    latest = py.history.first()
    assert (latest.annual_plan, latest.history_user) == (Decimal("13500"), world.projects)
    again = ledger_import(kind="projects", content=export(world, "projects"), district=world.district, year=2024,
                          user=world.projects)
    assert (again.updated, again.unchanged) == (0, 1)


def test_a_changed_target_and_units_of_the_plan_round_trip(world):
    content = export(world, "plan")
    value, resp, source = (header_letter(content, h) for h in ("目标值", "责任单位", "监考单位"))
    changed = edit(content, {f"{value}4": 18000, f"{resp}4": "区教体局、区统计局", f"{source}4": "区统计局"})
    preview = ledger_import(kind="plan", content=changed, district=world.district, year=2024, user=world.office,
                            confirm=True)
    assert [(c.header, c.old, c.new) for c in preview.rows[0].changes] == [
        ("目标值", "17600", "18000"), ("责任单位", "区教体局", "区教体局、区统计局"), ("监考单位", "", "区统计局")]
    task = Task.objects.get(pk=world.t1.pk)
    assert (task.target_value, task.source_unit) == (Decimal("18000"), world.stats)
    assert sorted(TaskUnit.objects.filter(task=task).values_list("organisation__name", "role")) == [
        ("区住房和城乡建设局", "cooperating"), ("区发展和改革局", "lead"), ("区教体局", "responsible"),
        ("区统计局", "responsible")]
    assert task.history.first().history_user == world.office
    assert ledger_import(kind="plan", content=export(world, "plan"), district=world.district, year=2024,
                         user=world.office).unchanged == 2


def test_a_changed_livelihood_target_and_expropriation_households_round_trip(world):
    content = export(world, "livelihood")
    changed = edit(content, {f"{header_letter(content, '目标值')}4": 15})
    assert ledger_import(kind="livelihood", content=changed, district=world.district, year=2024, user=world.office,
                         confirm=True).written
    world.sub.refresh_from_db()
    assert world.sub.target_value == Decimal(15) and world.sub.history.first().history_user == world.office
    content = export(world, "expropriation")
    changed = edit(content, {f"{header_letter(content, '任务户数（户）')}4": 130})
    assert ledger_import(kind="expropriation", content=changed, district=world.district, year=2024,
                         user=world.projects, confirm=True).written
    ex = ExpropriationTask.objects.get(pk=world.ex.pk)
    assert ex.households == 130 and ex.history.first().history_user == world.projects


def test_a_new_row_is_created_through_the_service(world):
    content = export(world, "plan")
    changed = edit(content, {"A6": "1.3", "B6": "1", "C6": "新增市场主体", "D6": 5000, "E6": "户", "H6": "区发展和改革局",
                             "L6": "2024年12月31日", "M6": "每季度"})
    preview = ledger_import(kind="plan", content=changed, district=world.district, year=2024, user=world.office,
                            confirm=True)
    assert preview.problems == []
    assert (preview.created, preview.unchanged) == (1, 2)
    task = Task.objects.get(plan=world.plan, code="1.3")
    assert (task.title, task.target_value, task.target_unit, task.deadline, task.frequency, task.node) == (
        "新增市场主体", Decimal(5000), "户", datetime.date(2024, 12, 31), "quarterly", world.node)
    assert list(TaskUnit.objects.filter(task=task).values_list("organisation", "role")) == [(world.dev.pk, "lead")]
