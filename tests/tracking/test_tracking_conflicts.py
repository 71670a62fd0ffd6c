"""Concurrent edits: two tabs (two clients) open the same form, both submit; the second gets a conflict showing
its values and the saved ones side by side, its input kept; the API answers 409 with both versions."""

import json
import re
from datetime import date, datetime
from decimal import Decimal as D
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from duban.tracking.models import ItemSetting, ItemType, OrderState, Report, ReportState, RuleSet
from duban.tracking.services import (
    order_extension_request, order_feedback_submit, order_issue, order_sign, report_confirm,
    report_submit,
)

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2024, 7, 1, 9, tzinfo=SH)
TITLE = "此记录已被他人修改"


def tab(world, name) -> Client:
    client = Client()
    client.force_login(world.users[name])
    return client


def rows(page: str) -> dict:
    """The conflict table: {field name: (yours, current)}."""
    found = re.findall(r'data-testid="conflict-row-(\w+)">\s*<th>[^<]*</th><td data-testid="yours">([^<]*)</td>'
                       r'<td data-testid="current">([^<]*)</td>', page)
    return {name: (unescape(yours), unescape(current)) for name, yours, current in found}


def hidden(page: str, name: str) -> str:
    return re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', page).group(1)


def confirmed_january(world):
    report = report_submit(actor=world.users["reporter_a"], item_type=ItemType.PROJECT_YEAR, item_id=world.project_year.pk,
                           period_key="2024-01", values={"invest_month": D(800), "invest_ytd": D(800)}, at=T0)
    return report_confirm(actor=world.users["office"], report=report, at=T0)


def test_two_tabs_correct_the_same_report_the_second_sees_both_versions(world):
    confirmed_january(world)
    url = f"/tracking/items/project_year/{world.project_year.pk}/report/?period=2024-01"
    first, second = tab(world, "reporter_a"), tab(world, "reporter_a")
    for t in (first, second):
        assert hidden(t.get(url).content.decode(), "edit_version") == "1"   # both opened on version 1
    response = first.post(url, {"period": "2024-01", "invest_month": "900", "invest_ytd": "900", "edit_version": "1",
                                "narrative": "更正：多报了"})
    assert response.status_code == 302
    response = second.post(url, {"period": "2024-01", "invest_month": "850", "invest_ytd": "850", "edit_version": "1",
                                 "narrative": "第二个标签页的更正"})
    page = response.content.decode()
    assert response.status_code == 409
    assert f'<h2 class="error" data-testid="conflict-title">{TITLE}</h2>' in page
    assert "您打开表单后，本期已有人提交了另一个版本" in page
    table = rows(page)
    assert table["version"] == ("新版本（基于第1版）", "2")
    assert table["state"] == ("—", "已提交")
    assert table["invest_month"] == ("850", "900") and table["invest_ytd"] == ("850", "900")
    assert table["narrative"] == ("第二个标签页的更正", "更正：多报了")
    # nothing typed is lost: the form still holds the second tab's input, and now carries version 2
    assert 'name="invest_month" value="850"' in page and "第二个标签页的更正</textarea>" in page
    assert hidden(page, "edit_version") == "2"
    assert list(Report.objects.filter(period_key="2024-01").values_list("version", "invest_month")) == [
        (1, D("800.00")), (2, D("900.00"))]


def test_two_reviewers_the_second_sees_the_first_decision(world):
    report = report_submit(actor=world.users["reporter_a"], item_type=ItemType.PROJECT_YEAR, item_id=world.project_year.pk,
                           period_key="2024-01", values={"invest_month": D(800), "invest_ytd": D(800)}, at=T0)
    url = f"/tracking/reports/{report.pk}/review/"
    first, second = tab(world, "office"), tab(world, "office")
    assert f'id="report-{report.pk}"' in second.get("/tracking/review/").content.decode()
    assert first.post(url, {"action": "confirm", "comment": "数据属实"}, headers={"HX-Request": "true"}).status_code == 200
    response = second.post(url, {"action": "return", "comment": "请补充照片"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 409
    assert page.startswith(f'<tr id="report-{report.pk}" data-state="conflict"><td colspan="7">')
    assert "您打开后，此报告已由他人审核" in page
    table = rows(page)
    assert table["state"] == ("已退回", "已确认")
    assert table["review_comment"] == ("请补充照片", "数据属实")
    assert table["reviewed_by"][1] == "office"
    # without htmx: a page of its own, same table
    response = second.post(url, {"action": "confirm", "comment": ""})
    assert response.status_code == 409 and rows(response.content.decode())["state"] == ("已确认", "已确认")
    assert Report.objects.get(pk=report.pk).review_comment == "数据属实"


def issued_order(world):
    return order_issue(actor=world.users["office"], district=world.district, title="加快数字经济产业园建设",
                       content="投资进度滞后，请加快推进", deadline=date(2024, 7, 15), lead_unit=world.unit_a, at=T0)


def test_order_review_after_the_deadline_moved_keeps_the_comment_and_shows_both(world):
    order = issued_order(world)
    order_sign(actor=world.users["reporter_a"], order=order, at=T0)
    order_feedback_submit(actor=world.users["reporter_a"], order=order, text="已完成整改", at=T0)
    request = order_extension_request(actor=world.users["reporter_a"], order=order, new_deadline=date(2024, 8, 1),
                                      reason="施工窗口", at=T0)
    page_url = f"/tracking/orders/{order.pk}/"
    first, second = tab(world, "office"), tab(world, "office")
    opened = hidden(second.get(page_url).content.decode(), "edit_version")
    first_page = first.get(page_url).content.decode()
    assert first.post(f"{page_url}decide/", {"extension": request.pk, "approve": "1", "comment": "同意",
                                             "edit_version": hidden(first_page, "edit_version")}).status_code == 302
    response = second.post(f"{page_url}review/", {"accept": "0", "comment": "整改不到位，请重新反馈",
                                                  "edit_version": opened})
    page = response.content.decode()
    assert response.status_code == 409 and TITLE in page
    table = rows(page)
    assert table["action"][0] == "已退回" and table["action"][1].startswith("批准延期（")
    assert table["comment"] == ("整改不到位，请重新反馈", "同意")
    assert table["state"] == ("—", "已反馈") and table["deadline"] == ("—", "2024年8月1日")
    # the review form is shown again with the comment typed, carrying the saved version: sending it again works
    assert "整改不到位，请重新反馈</textarea>" in page
    current = hidden(page, "edit_version")
    assert current != opened
    response = second.post(f"{page_url}review/", {"accept": "0", "comment": "整改不到位，请重新反馈", "edit_version": current})
    assert response.status_code == 302
    order.refresh_from_db()
    assert (order.state, order.deadline) == (OrderState.RETURNED, date(2024, 8, 1))


def test_order_without_a_version_behaves_as_before(world):
    order = issued_order(world)
    first = tab(world, "reporter_a")
    assert first.post(f"/tracking/orders/{order.pk}/sign/").status_code == 302
    order.refresh_from_db()
    assert order.state == OrderState.SIGNED


def _admin_form_data(page_response) -> dict:
    """What the browser would send back from an admin change form, untouched."""
    form = page_response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, (list, tuple)) else str(value)
    for formset in page_response.context["inline_admin_formsets"]:
        fs = formset.formset
        for name, field in fs.management_form.fields.items():
            data[fs.management_form.add_prefix(name)] = str(fs.management_form[name].value())
        for sub in fs.forms:
            for name in sub.fields:
                value = sub[name].value()
                if value is not None and value is not False:
                    data[sub.add_prefix(name)] = str(value)
    data["edit_version"] = hidden(page_response.content.decode(), "edit_version")
    return data


def test_two_admin_tabs_edit_the_same_task_assignment(world):
    url = f"/admin/plans/task/{world.task.pk}/change/"
    first, second = tab(world, "admin"), tab(world, "admin")
    one, two = _admin_form_data(first.get(url)), _admin_form_data(second.get(url))
    assert one["edit_version"] == two["edit_version"] != ""
    one["deadline"] = "2024-09-30"
    response = first.post(url, one)
    assert response.status_code == 302, response.context["adminform"].form.errors
    two["weight"] = "3"
    response = second.post(url, two)
    page = response.content.decode()
    assert response.status_code == 200 and TITLE in page and "此记录在您打开后已被他人修改" in page
    table = rows(page)
    assert table["deadline"] == ("—", "2024年9月30日")
    assert table["weight"] == ("3", "1.000")
    assert set(table) == {"deadline", "weight"}          # only the fields that differ
    world.task.refresh_from_db()
    assert (world.task.deadline, world.task.weight) == (date(2024, 9, 30), D("1.00"))
    assert 'name="weight" value="3"' in page          # the second tab's input kept
    again = {**two, "edit_version": hidden(page, "edit_version"), "deadline": "2024-09-30"}
    assert second.post(url, again).status_code == 302  # saved over it knowingly
    world.task.refresh_from_db()
    assert (world.task.deadline, world.task.weight) == (date(2024, 9, 30), D("3.00"))


def test_two_admin_tabs_edit_the_same_item_setting(world):
    rule_set = RuleSet.objects.create(code="strict", name="从严", config={})
    setting = ItemSetting.objects.create(item_type=ItemType.TASK, item_id=world.task.pk)
    url = f"/admin/tracking/itemsetting/{setting.pk}/change/"
    first, second = tab(world, "admin"), tab(world, "admin")
    one, two = _admin_form_data(first.get(url)), _admin_form_data(second.get(url))
    one["rule_set"] = str(rule_set.pk)
    assert first.post(url, one).status_code == 302
    two["provenance"] = "imported"
    response = second.post(url, two)
    assert response.status_code == 200
    table = rows(response.content.decode())
    assert table["rule_set"][1] == "从严" and table["rule_set"][0] == "—"
    assert ItemSetting.objects.get(pk=setting.pk).rule_set == rule_set


def test_api_answers_409_with_both_versions(world, client):
    order = issued_order(world)
    order_sign(actor=world.users["reporter_a"], order=order, at=T0)
    first, second = tab(world, "reporter_a"), tab(world, "reporter_a")
    opened = first.get(f"/api/orders/{order.pk}").json()["edit_version"]
    assert second.get(f"/api/orders/{order.pk}").json()["edit_version"] == opened
    response = first.post(f"/api/orders/{order.pk}/feedback", json.dumps({"text": "第一份反馈", "edit_version": opened}),
                          content_type="application/json")
    assert response.status_code == 201
    response = second.post(f"/api/orders/{order.pk}/feedback", json.dumps({"text": "第二份反馈", "edit_version": opened}),
                           content_type="application/json")
    assert response.status_code == 409
    body = response.json()
    assert body["detail"] == "此记录在您打开后已被他人修改"
    assert (body["yours"]["comment"], body["current"]["comment"]) == ("第二份反馈", "第一份反馈")
    assert body["current"]["state"] == "已反馈" and body["labels"]["state"] == "状态"
    assert body["current_version"] == first.get(f"/api/orders/{order.pk}").json()["edit_version"] != opened
    # reports: a version submitted since the client read the period is a 409 too; a wrong value stays 400
    confirmed_january(world)
    payload = {"item_type": "project_year", "item_id": world.project_year.pk, "period_key": "2024-01",
               "values": {"invest_month": "700", "invest_ytd": "700"}, "expected_version": 0}
    response = first.post("/api/reports", json.dumps(payload), content_type="application/json")
    assert response.status_code == 409 and response.json()["current"]["version"] == "1"
    payload.update(expected_version=1, values={"invest_month": "700", "invest_ytd": "900"})
    assert first.post("/api/reports", json.dumps(payload), content_type="application/json").status_code == 400


@pytest.mark.django_db(transaction=True)
def test_report_conflict_on_a_committed_database(world):
    """The same as the first test with real commits (no test transaction around it)."""
    confirmed_january(world)
    report_submit(actor=world.users["reporter_a"], item_type=ItemType.PROJECT_YEAR, item_id=world.project_year.pk,
                  period_key="2024-01", values={"invest_month": D(900), "invest_ytd": D(900)}, at=T0, expected_version=1)
    url = f"/tracking/items/project_year/{world.project_year.pk}/report/?period=2024-01"
    response = tab(world, "reporter_a").post(url, {"period": "2024-01", "invest_month": "850", "invest_ytd": "850",
                                                   "edit_version": "1"})
    assert response.status_code == 409 and rows(response.content.decode())["invest_month"] == ("850", "900")
    assert Report.objects.filter(state=ReportState.SUBMITTED).count() == 1


def test_two_offices_decide_the_same_extension_the_second_sees_the_first(world):
    order = issued_order(world)
    order_sign(actor=world.users["reporter_a"], order=order, at=T0)
    request = order_extension_request(actor=world.users["reporter_a"], order=order, new_deadline=date(2024, 8, 1),
                                      reason="施工窗口", at=T0)
    page_url = f"/tracking/orders/{order.pk}/"
    first, second = tab(world, "office"), tab(world, "office")
    opened = [hidden(t.get(page_url).content.decode(), "edit_version") for t in (first, second)]
    assert first.post(f"{page_url}decide/", {"extension": request.pk, "approve": "0", "comment": "理由不充分",
                                             "edit_version": opened[0]}).status_code == 302
    response = second.post(f"{page_url}decide/", {"extension": request.pk, "approve": "1", "comment": "同意延期",
                                                   "edit_version": opened[1]})
    assert response.status_code == 409
    table = rows(response.content.decode())
    assert table["action"][0] == "批准延期" and table["action"][1].startswith("不批准延期（")
    assert table["comment"] == ("同意延期", "理由不充分") and table["deadline"] == ("—", "2024年7月15日")
    order.refresh_from_db()
    assert order.deadline == date(2024, 7, 15)
    # without a version, the service's own rule answers: already decided
    response = second.post(f"{page_url}decide/", {"extension": request.pk, "approve": "1"}, follow=True)
    assert "该延期申请已处理" in response.content.decode()
