"""Supervision orders: lifecycle, extensions, log, automatic orders; reminders once a day; evaluations."""

from datetime import date, datetime, timedelta
from decimal import Decimal as D
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from duban.core.errors import ApplicationError
from duban.tracking.models import (
    EvaluationSubject, ItemType, Notification, OrderEvent, Reminder, Report, ReportState, Rubric, SupervisionOrder,
)
from duban.tracking.services import (
    evaluation_compute, evaluation_create, evaluation_publish, order_close, order_extension_decide,
    order_extension_request, order_feedback_submit, order_issue, order_review, order_sign, score_entry_add,
)

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2024, 7, 1, 9, tzinfo=SH)


def issue(world, **kw):
    return order_issue(actor=world.users["office"], district=world.district, title="加快数字经济产业园建设",
                       content="投资进度滞后，请加快推进", deadline=date(2024, 7, 15), lead_unit=world.unit_a,
                       cooperating_units=[world.unit_c], at=T0, **kw)


def test_order_lifecycle_with_return_and_log(world):
    order = issue(world)
    assert order.number == f"DB{world.district.pk}-2024-0001"
    assert mail.outbox[0].subject == f"[督办] 督办单 {order.number}：加快数字经济产业园建设"
    with pytest.raises(ApplicationError, match="请先签收"):
        order_feedback_submit(actor=world.users["reporter_a"], order=order, text="已推进", at=T0)
    with pytest.raises(ApplicationError, match="只有牵头单位可以签收"):
        order_sign(actor=world.users["reporter_c"], order=order)  # cooperating unit sees, does not act
    order_sign(actor=world.users["reporter_a"], order=order, at=T0)
    order_feedback_submit(actor=world.users["reporter_a"], order=order, text="已协调资金", at=T0)
    order_review(actor=world.users["office"], order=order, accept=False, comment="请附现场照片", at=T0)
    order_feedback_submit(actor=world.users["unit_leader_a"], order=order, text="已补充照片", at=T0)
    order_review(actor=world.users["office"], order=order, accept=True, at=T0)
    order_close(actor=world.users["office"], order=order, at=T0)
    order.refresh_from_db()
    assert order.state == "closed" and order.closed_at == T0
    log = list(OrderEvent.objects.filter(order=order).order_by("id").values_list("action", "from_state", "to_state"))
    assert log == [("issue", "", "issued"), ("sign", "issued", "signed"), ("feedback", "signed", "feedback"),
                   ("return", "feedback", "returned"), ("feedback", "returned", "feedback"),
                   ("accept", "feedback", "reviewed"), ("close", "reviewed", "closed")]


def test_extension_only_before_the_deadline(world):
    order = issue(world)
    request = order_extension_request(actor=world.users["reporter_a"], order=order, new_deadline=date(2024, 7, 31),
                                      reason="雨季停工", at=T0)
    with pytest.raises(ApplicationError, match="已有待审批的延期申请"):
        order_extension_request(actor=world.users["reporter_a"], order=order, new_deadline=date(2024, 8, 1),
                                reason="再延", at=T0)
    order_extension_decide(actor=world.users["office"], request=request, approve=True, at=T0)
    order.refresh_from_db()
    assert order.deadline == date(2024, 7, 31)
    late = T0 + timedelta(days=31)
    with pytest.raises(ApplicationError, match="已超过办理时限（2024年7月31日），不能再申请延期"):
        order_extension_request(actor=world.users["reporter_a"], order=order, new_deadline=date(2024, 8, 31),
                                reason="还要延", at=late)


def test_only_offices_issue_orders(world):
    with pytest.raises(ApplicationError, match="无权"):
        order_issue(actor=world.users["reporter_a"], district=world.district, title="x", content="y",
                    deadline=date(2030, 1, 1), lead_unit=world.unit_a)


def red_task(world):
    Report.objects.create(item_type=ItemType.TASK, item_id=world.task.pk, district=world.district, year=2024,
                          frequency="monthly", period_key="2024-06", period_end=date(2024, 6, 30), value=D("0.5"),
                          state=ReportState.CONFIRMED, submitted_at=T0)


def test_remind_sends_once_per_day_and_issues_orders_for_red_items(world):
    red_task(world)
    first, second = StringIO(), StringIO()
    call_command("remind", "--date", "2024-07-06", "--district", "市中区", stdout=first)
    sent = Reminder.objects.count()
    notified = Notification.objects.count()
    call_command("remind", "--date", "2024-07-06", "--district", "市中区", stdout=second)
    assert sent > 0
    assert Reminder.objects.count() == sent and Notification.objects.count() == notified
    assert "自动下发督办单1件" in first.getvalue()
    assert f"发送提醒0条，当日已发送而跳过{sent}条，自动下发督办单0件" in second.getvalue()
    order = SupervisionOrder.objects.get()
    assert (order.is_automatic, order.light_at_issue, order.item_id) == (True, "red", world.task.pk)
    # issued "as of" the day asked for: numbered in its year, deadline counted from it (10 days by default)
    assert (order.number.split("-")[1], order.deadline) == ("2024", date(2024, 7, 16))
    assert list(order.units.values_list("organisation__name", "role")) == [("区发改局", "lead"), ("区教体局", "cooperating")]
    keys = set(Reminder.objects.values_list("key", flat=True))
    # June reports were due 5 working days after 30 June (5 July): 6 July is the first day overdue
    assert f"report_overdue:{world.unit_b.pk}:2024-07-06" in keys


def test_evaluation_scores_units_and_publishes(world):
    red_task(world)
    Report.objects.create(item_type=ItemType.PROJECT_YEAR, item_id=world.project_year.pk, district=world.district,
                          year=2024, frequency="monthly", period_key="2024-06", period_end=date(2024, 6, 30),
                          invest_ytd=D(6000), state=ReportState.CONFIRMED, submitted_at=T0)
    rubric = Rubric.objects.get(code="half-year")
    evaluation = evaluation_create(actor=world.users["office"], rubric=rubric, scope_org=world.district, year=2024,
                                   period="half_year")
    assert evaluation.as_of == date(2024, 6, 30)
    score_entry_add(actor=world.users["office"], evaluation=evaluation, organisation=world.unit_a, kind="manual",
                    item_code="onsite", points=D(90))
    score_entry_add(actor=world.users["office"], evaluation=evaluation, organisation=world.unit_a, kind="deduction",
                    points=D(2), reason="迟报一次")
    scores = {s.organisation_id: s for s in evaluation_compute(actor=world.users["office"], evaluation=evaluation)}
    assert world.unit_c.pk not in scores  # cooperating units do not count
    unit_a = scores[world.unit_a.pk]
    lines = {line["code"]: line for line in unit_a.breakdown}
    # project 60% and task 10%, weights 1 each; the GDP growth target is judged against its target, not in the mean
    assert unit_a.metrics["completion_pct"] == "35.00"
    assert lines["onsite"]["points"] == "18.00" and lines["deduction"]["points"] == "-2.00"
    evaluation_publish(actor=world.users["office"], evaluation=evaluation)
    with pytest.raises(ApplicationError, match="已发布"):
        evaluation_compute(actor=world.users["office"], evaluation=evaluation)
    with pytest.raises(ApplicationError, match="评议区县时请选择市"):
        evaluation_create(actor=world.users["city_office"], rubric=rubric, scope_org=world.district, year=2024,
                          period="annual", subject=EvaluationSubject.DISTRICTS)
    city = evaluation_create(actor=world.users["city_office"], rubric=rubric, scope_org=world.city, year=2024,
                             period="half_year", subject=EvaluationSubject.DISTRICTS)
    ranked = evaluation_compute(actor=world.users["city_office"], evaluation=city)
    assert sorted(s.organisation.name for s in ranked) == ["历下区", "市中区"]
