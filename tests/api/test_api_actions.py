"""Actions: submit, confirm, return reports; issue, sign, answer, review, close orders — with the web's rules."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from duban.projects.services import project_milestones_set
from duban.tracking.models import OrderEvent, Problem, Report, ReportEvent, SupervisionOrder

pytestmark = pytest.mark.django_db


def post(client, url, headers, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json", **headers)


def submit_task(client, world, headers, value="3"):
    return post(client, "/api/reports", headers, {"item_type": "task", "item_id": world.task.pk, "period_key": "2024-06",
                                                  "values": {"value": value}, "narrative": "已开工3所"})


def test_reporter_submits_and_office_confirms_a_report(client, world, token_for):
    response = submit_task(client, world, token_for("reporter_a"))
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["state"], body["version"], body["value"], body["narrative"], body["unit_id"]) == (
        "submitted", 1, "3.0000", "已开工3所", world.unit_a.pk)
    confirmed = post(client, f"/api/reports/{body['id']}/confirm", token_for("office"), {"comment": "属实"})
    assert confirmed.status_code == 200
    assert (confirmed.json()["state"], confirmed.json()["review_comment"]) == ("confirmed", "属实")
    report = Report.objects.get()
    assert list(ReportEvent.objects.filter(report=report).order_by("pk").values_list("action", "actor__username")) == [
        ("submit", "reporter_a"), ("confirm", "office")]
    assert client.get(f"/api/reports/{report.pk}", **token_for("reporter_c")).json()["state"] == "confirmed"


def test_business_rules_come_back_as_400_with_the_services_message(client, world, token_for):
    first = submit_task(client, world, token_for("reporter_a")).json()
    again = submit_task(client, world, token_for("reporter_a"))
    assert again.status_code == 400
    assert again.json()["detail"] == "2024年6月已有待审核的报告（第1版），请等待审核后再提交"
    returned = post(client, f"/api/reports/{first['id']}/return", token_for("office"), {"comment": "  "})
    assert returned.status_code == 400
    assert returned.json()["detail"] == "退回时请填写退回意见"
    returned = post(client, f"/api/reports/{first['id']}/return", token_for("office"), {"comment": "请补充照片"})
    assert returned.json()["state"] == "returned"
    # reviewing a report someone already reviewed is a version conflict (409), with both decisions
    second = post(client, f"/api/reports/{first['id']}/confirm", token_for("office"))
    assert second.status_code == 409
    assert second.json()["detail"] == "您打开后，此报告已由他人审核"
    assert (second.json()["yours"]["state"], second.json()["current"]["state"]) == ("已确认", "已退回")
    assert second.json()["current"]["review_comment"] == "请补充照片"


def test_permissions_refuse_with_403_and_hide_with_404(client, world, token_for):
    refused = submit_task(client, world, token_for("reporter_b"))
    assert refused.status_code == 404  # reporter_b does not even see the task
    refused = submit_task(client, world, token_for("reporter_c"))  # cooperating: sees it, may not report
    assert refused.status_code == 403
    assert refused.json()["detail"] == "您不是该事项牵头或责任单位的填报人，不能填报"
    report = submit_task(client, world, token_for("reporter_a")).json()
    assert post(client, f"/api/reports/{report['id']}/confirm", token_for("reporter_a")).status_code == 403
    assert post(client, f"/api/reports/{report['id']}/confirm", token_for("other_office")).status_code == 404
    assert post(client, f"/api/reports/{report['id']}/confirm", token_for("district_leader")).status_code == 403
    assert Report.objects.get().state == "submitted"


def test_order_life_cycle_issue_sign_feedback_review_close(client, world, token_for):
    deadline = (timezone.localdate() + timedelta(days=10)).isoformat()
    issued = post(client, "/api/orders", token_for("office"), {
        "district_id": world.district.pk, "title": "请加快学校建设", "content": "月底前开工", "deadline": deadline,
        "lead_unit_id": world.unit_a.pk, "cooperating_unit_ids": [world.unit_c.pk], "item_type": "task",
        "item_id": world.task.pk})
    assert issued.status_code == 201, issued.content
    order = issued.json()
    assert (order["state"], order["title"], order["deadline"], order["item_id"]) == ("issued", "请加快学校建设", deadline, world.task.pk)
    assert order["number"] == f"DB{world.district.pk}-{timezone.localdate().year}-0001"
    assert sorted((u["organisation_id"], u["role"]) for u in order["units"]) == [
        (world.unit_a.pk, "lead"), (world.unit_c.pk, "cooperating")]
    oid = order["id"]
    assert post(client, f"/api/orders/{oid}/sign", token_for("reporter_c")).status_code == 403
    assert post(client, f"/api/orders/{oid}/sign", token_for("reporter_a")).json()["state"] == "signed"
    feedback = post(client, f"/api/orders/{oid}/feedback", token_for("reporter_a"), {"text": "已开工"})
    assert feedback.status_code == 201 and feedback.json()["text"] == "已开工"
    assert post(client, f"/api/orders/{oid}/close", token_for("office")).status_code == 400
    assert post(client, f"/api/orders/{oid}/review", token_for("office"), {"accept": True}).json()["state"] == "reviewed"
    closed = post(client, f"/api/orders/{oid}/close", token_for("office"), {"comment": "办结"})
    assert closed.json()["state"] == "closed" and closed.json()["closed_at"] is not None
    assert list(OrderEvent.objects.filter(order_id=oid).order_by("pk").values_list("action", flat=True)) == [
        "issue", "sign", "feedback", "accept", "close"]
    listed = client.get("/api/orders?state=closed", **token_for("reporter_c")).json()
    assert [o["number"] for o in listed["items"]] == [order["number"]]
    assert client.get("/api/orders", **token_for("reporter_b")).json()["count"] == 0
    assert client.get(f"/api/orders/{oid}", **token_for("reporter_b")).status_code == 404


def test_issuing_is_for_the_office_of_the_district_only(client, world, token_for):
    body = {"district_id": world.district.pk, "title": "t", "content": "c",
            "deadline": (timezone.localdate() + timedelta(days=3)).isoformat(), "lead_unit_id": world.unit_a.pk}
    assert post(client, "/api/orders", token_for("reporter_a"), body).status_code == 403
    assert post(client, "/api/orders", token_for("other_office"), body).status_code == 404
    past = post(client, "/api/orders", token_for("office"), {**body, "deadline": timezone.localdate().isoformat()})
    assert past.status_code == 400 and past.json()["detail"] == "办理时限应晚于下发日期"
    assert SupervisionOrder.objects.count() == 0


def test_a_write_by_session_needs_the_csrf_token(world):
    from django.test import Client
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.users["office"])
    response = browser.post("/api/orders", data="{}", content_type="application/json")
    assert response.status_code == 403


def test_a_key_projects_report_carries_its_milestones_and_problems_through_the_api(client, world, token_for, settings):
    settings.DUBAN_TODAY = "2024-07-02"
    project_milestones_set(project=world.project, milestones=[("主体封顶", date(2024, 6, 30), None)])
    topped = world.project.milestones.get()
    body = {"item_type": "project_year", "item_id": world.project_year.pk, "period_key": "2024-06",
            "values": {"invest_month": "1000", "invest_ytd": "1000"}, "narrative": "主体封顶",
            "progress": {"milestone_actuals": {str(topped.pk): "2024-06-20"}, "physical_progress": "20个楼座封顶"},
            "raised_problems": [{"description": "施工用地尚未移交", "owner_unit_id": world.unit_a.pk,
                                 "deadline": "2024-07-10"}]}
    wrong = post(client, "/api/reports", token_for("reporter_a"),
                 body | {"progress": {"milestone_actuals": {str(topped.pk): "2024-07-20"}}})
    assert wrong.status_code == 400
    assert "2024年7月20日" in wrong.json()["detail"]
    response = post(client, "/api/reports", token_for("reporter_a"), body)
    assert response.status_code == 201, response.content
    assert post(client, f"/api/reports/{response.json()['id']}/confirm", token_for("office")).status_code == 200
    topped.refresh_from_db()
    assert str(topped.actual_date) == "2024-06-20"
    assert list(Problem.objects.values_list("description", "owner_unit_id", "deadline")) == [
        ("施工用地尚未移交", world.unit_a.pk, date(2024, 7, 10))]
    task = post(client, "/api/reports", token_for("reporter_a"),
                {"item_type": "task", "item_id": world.task.pk, "period_key": "2024-06", "values": {"value": "1"},
                 "raised_problems": body["raised_problems"]})
    assert task.status_code == 400
