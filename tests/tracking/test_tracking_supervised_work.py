"""Supervised work beyond the report: instructions, meeting decisions, suggestions and proposals as tasks."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from duban.core.errors import ApplicationError
from duban.plans.models import Task
from duban.plans.services import task_satisfaction_record
from duban.tracking.selectors import supervised_work_by_source
from duban.tracking.services import order_issue, supervised_work_register
from duban.tracking.status import district_status

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def register(world, kind="instruction", **extra):
    values = dict(actor=world.users["office"], district=world.district, year=2024, source_kind=kind,
                  title="落实区长批示：加快学校建设", lead_unit=world.unit_a, responsible_units=[world.unit_b],
                  source_ref="市中政批〔2024〕12号", source_date=date(2024, 3, 5), source_person="区长")
    return supervised_work_register(**{**values, **extra})


def test_an_instruction_becomes_a_numbered_task_with_its_units_and_source(world):
    first, second = register(world), register(world, title="落实常务副区长批示")
    assert (first.code, second.code) == ("PS2024-001", "PS2024-002")
    assert (first.plan, first.source_kind, first.source_ref, first.source_person, first.deadline) == (
        world.plan, "instruction", "市中政批〔2024〕12号", "区长", date(2024, 12, 31))
    assert sorted((u.role, u.organisation.name) for u in first.units.all()) == [
        ("lead", "区发改局"), ("responsible", "区住建局")]
    assert first.source_note == "登记自领导批示 市中政批〔2024〕12号"


def test_a_suggestion_gets_a_reply_deadline_and_its_satisfaction_is_recorded(world):
    task = register(world, kind="deputy", title="关于增设社区停车位的建议", source_ref="第12号", source_person="张代表")
    assert (task.code, task.reply_deadline) == ("RD2024-001", date(2024, 6, 3))
    task_satisfaction_record(task=task, satisfaction="satisfied", by=world.users["office"])
    assert Task.objects.get(pk=task.pk).satisfaction == "satisfied"
    with pytest.raises(ApplicationError, match="只有人大建议和政协提案"):
        task_satisfaction_record(task=register(world), satisfaction="satisfied")


def test_registered_work_is_supervised_like_any_item_and_counted_by_source(world):
    task = register(world, kind="meeting", title="区政府常务会议议定：背街小巷整治")
    order = order_issue(actor=world.users["office"], district=world.district, title="督办背街小巷整治",
                        content="请于月底前报送进展", deadline=date(2024, 7, 15), lead_unit=world.unit_a,
                        item_type="task", item_id=task.pk, at=datetime(2024, 7, 1, 9, tzinfo=SH))
    assert (order.item_type, order.item_id) == ("task", task.pk)
    register(world, kind="proposal", title="关于老旧小区加装电梯的提案", source_date=date(2024, 1, 20))
    on = date(2024, 6, 30)
    summary, rows = supervised_work_by_source(world.district, 2024, district_status(world.district, on, year=2024), on)
    counts = {s.kind: (s.items, s.replies_overdue) for s in summary}
    assert counts == {"report": (2, 0), "meeting": (1, 0), "proposal": (1, 1)}
    assert [t.code for t, _status in rows] == ["HY2024-001", "ZX2024-001"]


@pytest.mark.parametrize(("who", "message"), [("reporter_a", "无权"), ("other_office", "无权")])
def test_only_the_districts_office_registers_supervised_work(world, who, message):
    with pytest.raises(ApplicationError, match=message):
        register(world, actor=world.users[who])
    assert not Task.objects.filter(source_kind="instruction").exists()


def test_units_of_another_district_and_a_year_without_plan_are_refused(world):
    other_unit = world.other_district
    with pytest.raises(ApplicationError, match="必须属于"):
        register(world, lead_unit=other_unit)
    with pytest.raises(ApplicationError, match="尚无2023年"):
        register(world, year=2023)
    with pytest.raises(ApplicationError, match="不能早于"):
        register(world, deadline=date(2024, 3, 1))
