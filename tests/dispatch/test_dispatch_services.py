"""Direct reports: submitted, merged, rejected, dispatched, answered, closed, escalated; who may do what."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser

from duban.core.errors import ApplicationError
from duban.dispatch import services
from duban.dispatch.models import DirectReport, DirectReportEvent
from duban.dispatch.selectors import unit_times, visible_reports
from duban.tracking.models import Notification, SupervisionOrder

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2024, 6, 3, 9, 0, tzinfo=SH)


def submit(world, actor=None, at=T0, **extra):
    values = dict(actor=actor or world.users["grid"], district=world.district, category="safety",
                  text="七贤路井盖缺失", location="七贤路12号门前")
    return services.direct_report_submit(**{**values, **extra}, at=at)


def test_a_grid_members_report_goes_from_dispatch_to_answer_to_close_and_the_reporter_is_told(world):
    report = submit(world)
    assert (report.number, report.channel, report.state) == (f"ZB{world.district.pk}-2024-0001", "grid", "received")
    services.direct_report_dispatch(actor=world.users["centre"], report=report, unit=world.unit_a,
                                    deadline=date(2024, 6, 5), at=T0)
    assert Notification.objects.get(user=world.users["reporter_a"]).title == f"直报 {report.number} 已派发给你单位"
    with pytest.raises(ApplicationError, match="只有派发到的单位"):
        services.direct_report_answer(actor=world.users["reporter_b"], report=report, answer="已处理")
    services.direct_report_answer(actor=world.users["reporter_a"], report=report, answer="已补装井盖",
                                  at=datetime(2024, 6, 3, 15, 30, tzinfo=SH))
    services.direct_report_close(actor=world.users["centre"], report=report, result="",
                                 at=datetime(2024, 6, 4, 9, 0, tzinfo=SH))
    report.refresh_from_db()
    assert (report.state, report.result) == ("closed", "已补装井盖")
    told = Notification.objects.filter(user=world.users["grid"]).get()
    assert (told.title, told.body) == (f"您反映的问题 {report.number} 已办结", "已补装井盖")
    assert list(DirectReportEvent.objects.filter(report=report).values_list("action", "to_state")) == [
        ("submit", "received"), ("dispatch", "dispatched"), ("answer", "answered"), ("close", "closed")]
    times = unit_times(world.district, date(2024, 6, 10))
    assert [(t.unit, t.dispatched, t.answered, t.closed, t.mean_response_hours, t.mean_closing_hours)
            for t in times] == [(world.unit_a.name, 1, 1, 1, 6.5, 24.0)]


def test_a_duplicate_is_merged_and_its_reporter_hears_the_result_too(world):
    first = submit(world)
    second = submit(world, actor=world.users["reporter_b"], text="七贤路有井盖丢了")
    services.direct_report_merge(actor=world.users["centre"], report=second, into=first, at=T0)
    services.direct_report_dispatch(actor=world.users["centre"], report=first, unit=world.unit_a,
                                    deadline=date(2024, 6, 5), at=T0)
    services.direct_report_answer(actor=world.users["reporter_a"], report=first, answer="已补装", at=T0)
    services.direct_report_close(actor=world.users["centre"], report=first, result="已补装井盖", at=T0)
    titles = list(Notification.objects.filter(user=world.users["reporter_b"]).order_by("id").values_list("title", flat=True))
    assert titles == [f"您反映的问题 {second.number} 将与 {first.number} 一并办理", f"您反映的问题 {second.number} 已办结"]


def test_a_citizen_without_login_leaves_a_phone_and_a_rejection_needs_a_reason(world):
    with pytest.raises(ApplicationError, match="请留下联系电话"):
        submit(world, actor=AnonymousUser())
    report = submit(world, actor=AnonymousUser(), reporter_phone="13800000000")
    assert (report.channel, report.reporter) == ("public", None)
    with pytest.raises(ApplicationError, match="请说明不予受理的原因"):
        services.direct_report_reject(actor=world.users["centre"], report=report, reason=" ")
    services.direct_report_reject(actor=world.users["centre"], report=report, reason="不属于本区管辖", at=T0)
    assert DirectReport.objects.get(pk=report.pk).state == "rejected"


@pytest.mark.parametrize("who", ["office_of_other", "reporter_a", "grid", "district_leader"])
def test_only_the_command_centre_or_supervision_office_triages(world, who):
    users = {**world.users, "office_of_other": world.users["other_office"]}
    report = submit(world)
    with pytest.raises(ApplicationError, match="只有指挥中心"):
        services.direct_report_dispatch(actor=users[who], report=report, unit=world.unit_a,
                                        deadline=date(2024, 6, 5), at=T0)
    services.direct_report_dispatch(actor=world.users["office"], report=report, unit=world.unit_a,
                                    deadline=date(2024, 6, 5), at=T0)


def test_dispatch_checks_the_unit_and_the_deadline(world):
    report = submit(world)
    with pytest.raises(ApplicationError, match="派发给"):
        services.direct_report_dispatch(actor=world.users["centre"], report=report, unit=world.other_district,
                                        deadline=date(2024, 6, 5), at=T0)
    with pytest.raises(ApplicationError, match="晚于今天"):
        services.direct_report_dispatch(actor=world.users["centre"], report=report, unit=world.unit_a,
                                        deadline=date(2024, 6, 3), at=T0)
    assert DirectReport.objects.get(pk=report.pk).state == "received"


def test_an_overdue_dispatch_becomes_one_supervision_order(world):
    report = submit(world)
    services.direct_report_dispatch(actor=world.users["centre"], report=report, unit=world.unit_a,
                                    deadline=date(2024, 6, 5), at=T0)
    assert services.direct_reports_escalate(on_date=date(2024, 6, 5), at=T0) == []
    later = datetime(2024, 6, 6, 8, tzinfo=SH)
    [escalated] = services.direct_reports_escalate(on_date=date(2024, 6, 6), at=later)
    order = SupervisionOrder.objects.get()
    assert (escalated.order, order.title, order.deadline, order.is_automatic) == (
        order, f"直报 {report.number} 未按期办理", date(2024, 6, 9), True)
    assert services.direct_reports_escalate(on_date=date(2024, 6, 7), at=later) == []
    assert DirectReportEvent.objects.filter(report=report, action="escalate").get().note == order.number


def test_each_user_sees_the_reports_of_their_role(world):
    mine = submit(world)
    other = submit(world, actor=world.users["reporter_b"], text="路灯不亮")
    services.direct_report_dispatch(actor=world.users["centre"], report=mine, unit=world.unit_a,
                                    deadline=date(2024, 6, 5), at=T0)
    def numbers(who):
        return sorted(r.number for r in visible_reports(world.users[who]))

    assert numbers("centre") == sorted([mine.number, other.number])
    assert numbers("grid") == [mine.number]
    assert numbers("reporter_a") == [mine.number]
    assert numbers("reporter_b") == [other.number]
    assert numbers("other_office") == []
