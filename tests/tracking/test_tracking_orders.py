"""Supervision orders: lifecycle, extensions, log, automatic orders; reminders once a day; evaluations."""

from datetime import date, datetime, timedelta
from decimal import Decimal as D
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from duban.core.errors import ApplicationError
from duban.org.models import Membership, Role
from duban.projects.models import Project, ProjectYear
from duban.tracking.models import (
    EvaluationSubject, ItemType, Notification, OrderEvent, Reminder, Report, ReportState, Rubric, SupervisionOrder,
)
from duban.tracking.services import (
    evaluation_compute, evaluation_create, evaluation_publish, order_close, order_extension_decide,
    notify_users, order_extension_request, order_feedback_submit, order_issue, order_review, order_sign,
    score_entry_add,
)

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2024, 7, 1, 9, tzinfo=SH)


def issue(world, **kw):
    return order_issue(actor=world.users["office"], district=world.district, title="加快数字经济产业园建设",
                       content="投资进度滞后，请加快推进", deadline=date(2024, 7, 15), lead_unit=world.unit_a,
                       cooperating_units=[world.unit_c], at=T0, **kw)


def test_order_lifecycle_with_return_and_log(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # mail leaves when the issue commits
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


# ---------------------------------------------------------------------------------------------------------
# Offices in child organisations, mail after commit, items checked, extensions only on open orders, January


def test_an_office_held_in_a_child_organisation_hears_of_feedback_extensions_and_overdue_orders(world):
    duchashi = get_user_model().objects.create_user("duchashi", "dcs@example.cn", "pw-12345678")
    Membership.objects.create(user=duchashi, organisation=world.office, role=Role.SUPERVISION_OFFICE)  # 区委督查室
    order = issue(world)
    order_extension_request(actor=world.users["reporter_a"], order=order, new_deadline=date(2024, 7, 31),
                            reason="雨季停工", at=T0)
    order_sign(actor=world.users["reporter_a"], order=order, at=T0)
    order_feedback_submit(actor=world.users["reporter_a"], order=order, text="已协调资金", at=T0)
    call_command("remind", "--date", "2024-07-16", "--district", "市中区", "--no-orders", stdout=StringIO())
    titles = list(Notification.objects.filter(user=duchashi).order_by("id").values_list("title", flat=True))
    assert titles == [f"督办单 {order.number} 申请延期", f"督办单 {order.number} 已反馈",
                      f"督办单已逾期：{order.number} 加快数字经济产业园建设"]
    # another district's office hears nothing
    assert not Notification.objects.filter(user=world.users["other_office"]).exists()


def test_mail_leaves_only_when_the_transaction_commits(world, django_capture_on_commit_callbacks):
    user = world.users["reporter_a"]
    with (django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError),
          transaction.atomic()):
        notify_users(users=[user], title="回滚", body="x")
        raise RuntimeError("rolled back")
    assert (len(callbacks), len(mail.outbox), Notification.objects.count()) == (0, 0, 0)
    with django_capture_on_commit_callbacks(execute=True):
        notify_users(users=[user], title="提交", body="x")
    assert [m.subject for m in mail.outbox] == ["[督办] 提交"]


def test_an_order_names_an_item_of_its_own_district(world, client):
    with pytest.raises(ApplicationError, match="督办单关联的事项不存在"):
        issue(world, item_type="made_up", item_id=1)
    with pytest.raises(ApplicationError, match="督办单关联的事项不存在"):
        issue(world, item_type=ItemType.TASK, item_id=999999)
    other_year = ProjectYear.objects.create(project=Project.objects.get(code="P9"), year=2024,
                                            level="district", annual_plan=D(100))
    # Another district's item is refused with the same words as a missing one: its title is not revealed.
    with pytest.raises(ApplicationError, match="^督办单关联的事项不存在$"):
        issue(world, item_type=ItemType.PROJECT_YEAR, item_id=other_year.pk)
    own = issue(world, item_type=ItemType.TASK, item_id=world.task.pk)
    # an order written straight into another district's books does not show on this district's item page
    stray = SupervisionOrder.objects.create(number="DB-X-0001", district=world.other_district, item_type=ItemType.TASK,
                                            item_id=world.task.pk, title="串区督办", content="x", issued_at=T0,
                                            deadline=date(2024, 7, 15))
    client.force_login(world.users["office"])
    page = client.get(f"/tracking/items/task/{world.task.pk}/?date=2024-06-30").content.decode()
    assert own.number in page and stray.number not in page


def test_an_extension_is_not_decided_on_a_closed_order(world):
    order = issue(world)
    request = order_extension_request(actor=world.users["reporter_a"], order=order, new_deadline=date(2024, 7, 31),
                                      reason="雨季停工", at=T0)
    order_sign(actor=world.users["reporter_a"], order=order, at=T0)
    order_feedback_submit(actor=world.users["reporter_a"], order=order, text="已办结", at=T0)
    order_review(actor=world.users["office"], order=order, accept=True, at=T0)
    order_close(actor=world.users["office"], order=order, at=T0)
    with pytest.raises(ApplicationError, match="督办单当前状态为“已办结”，不能再审批延期申请"):
        order_extension_decide(actor=world.users["office"], request=request, approve=True, at=T0)
    order.refresh_from_db()
    request.refresh_from_db()
    assert (order.deadline, request.state) == (date(2024, 7, 15), "pending")


def test_early_january_reminds_last_years_final_periods_and_march_does_not(world):
    # December 2024 reports are due 5 working days after 31 December: 7 January 2025; 8 January is overdue day 1
    call_command("remind", "--date", "2025-01-08", "--district", "市中区", "--no-orders", stdout=StringIO())
    keys = set(Reminder.objects.values_list("key", flat=True))
    assert keys == {f"report_overdue:{world.unit_a.pk}:2025-01-08", f"report_overdue:{world.unit_b.pk}:2025-01-08"}
    body = Notification.objects.filter(user=world.users["reporter_a"]).get().body
    assert body == ("· 数字经济产业园（2024年12月，应于1月7日前报送）\n· 新建学校5所（2024年12月，应于1月7日前报送）\n"
                    "· 地区生产总值（增长6%）（2024年12月，应于1月7日前报送）")
    # 5 March would be overdue day 57 (a weekly repeat day), but last year is no longer reminded about by then
    call_command("remind", "--date", "2025-03-05", "--district", "市中区", "--no-orders", stdout=StringIO())
    assert Reminder.objects.count() == 2
