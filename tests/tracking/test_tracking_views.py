"""Pages through Django's test client: each works for the right user and refuses the wrong one."""

from datetime import datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from duban.tracking.models import ItemType, Report, ReportState, SupervisionOrder
from duban.tracking.services import report_submit

SH = ZoneInfo("Asia/Shanghai")


def client_for(client, world, name):
    client.force_login(world.users[name])
    return client


def test_anonymous_users_are_sent_to_login(client, world):
    for url in ("/tracking/my/", "/tracking/status/", "/tracking/review/", "/tracking/orders/", "/tracking/ranking/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_my_updates_and_submitting_a_report(client, world):
    c = client_for(client, world, "reporter_a")
    page = c.get("/tracking/my/?date=2024-07-08")
    assert page.status_code == 200
    assert "数字经济产业园" in page.content.decode() and "七贤片区征收" not in page.content.decode()
    url = f"/tracking/items/project_year/{world.project_year.pk}/report/?period=2024-01"
    assert c.get(url).status_code == 200
    response = c.post(url, {"period": "2024-01", "invest_month": "800", "invest_ytd": "900"})
    assert response.status_code == 400
    assert "1月的本年累计完成投资应等于本月完成投资800万元，填报的是900万元" in response.content.decode()
    response = c.post(url, {"period": "2024-01", "invest_month": "800", "invest_ytd": "800", "narrative": "开工"})
    assert response.status_code == 302
    # back to "my updates" as of the period reported, not to today's date
    assert response["Location"] == "/tracking/my/?date=2024-01-31"
    assert Report.objects.get().state == ReportState.SUBMITTED


def test_reporter_of_another_unit_cannot_open_the_form(client, world):
    c = client_for(client, world, "reporter_b")
    assert c.get(f"/tracking/items/project_year/{world.project_year.pk}/report/").status_code == 403
    assert c.get(f"/tracking/items/project_year/{world.project_year.pk}/").status_code == 403
    other = client_for(client, world, "other_office")
    assert other.get(f"/tracking/items/task/{world.task.pk}/").status_code == 403


def test_review_queue_confirm_with_htmx_and_denials(client, world):
    report = report_submit(actor=world.users["reporter_a"], item_type=ItemType.PROJECT_YEAR,
                           item_id=world.project_year.pk, period_key="2024-01",
                           values={"invest_month": D(800), "invest_ytd": D(800)}, at=datetime(2024, 2, 2, tzinfo=SH))
    assert client_for(client, world, "reporter_a").get("/tracking/review/").status_code == 403
    assert client.post(f"/tracking/reports/{report.pk}/review/", {"action": "confirm"}).status_code == 403
    c = client_for(client, world, "office")
    page = c.get("/tracking/review/")
    assert page.status_code == 200 and "数字经济产业园" in page.content.decode()
    assert "<td>2024年1月</td>" in page.content.decode()
    response = c.post(f"/tracking/reports/{report.pk}/review/", {"action": "confirm"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and f'id="report-{report.pk}"' in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.CONFIRMED


def test_status_page_for_office_and_unit_leader(client, world):
    c = client_for(client, world, "office")
    page = c.get("/tracking/status/?date=2024-06-30&year=2024")
    assert page.status_code == 200
    body = page.content.decode()
    assert "数字经济产业园" in body and "七贤片区征收" in body and "双过半" in body
    fragment = c.get("/tracking/status/?date=2024-06-30&year=2024&light=no_data", HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()
    leader = client_for(client, world, "unit_leader_a").get("/tracking/status/?date=2024-06-30&year=2024")
    body = leader.content.decode()
    assert "数字经济产业园" in body and "七贤片区征收" not in body


def test_order_pages_and_actions(client, world):
    office = client_for(client, world, "office")
    response = office.post(f"/tracking/orders/new/?district={world.district.pk}", {
        "title": "加快推进", "content": "请加快", "deadline": "2099-01-01", "lead_unit": world.unit_a.pk,
        "cooperating_units": [world.unit_c.pk]})
    order = SupervisionOrder.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/tracking/orders/{order.pk}/"
    reporter_b = client_for(client, world, "reporter_b")
    assert reporter_b.get(f"/tracking/orders/{order.pk}/").status_code == 403
    assert reporter_b.post(f"/tracking/orders/{order.pk}/sign/").status_code == 403
    cooperating = client_for(client, world, "reporter_c")
    assert cooperating.get(f"/tracking/orders/{order.pk}/").status_code == 200
    assert cooperating.post(f"/tracking/orders/{order.pk}/sign/").status_code == 403
    lead = client_for(client, world, "reporter_a")
    assert lead.post(f"/tracking/orders/{order.pk}/sign/").status_code == 302
    lead.post(f"/tracking/orders/{order.pk}/feedback/", {"text": "已完成整改"})
    order.refresh_from_db()
    assert order.state == "feedback"
    assert client_for(client, world, "reporter_a").get("/tracking/orders/new/").status_code == 403


def test_ranking_pages(client, world):
    office = client_for(client, world, "office")
    from duban.tracking.models import Rubric
    rubric = Rubric.objects.get(code="half-year")
    response = office.post("/tracking/ranking/", {"scope": world.district.pk, "subject": "units",
                                                  "rubric": rubric.pk, "period": "half_year", "year": "2024"})
    assert response.status_code == 302
    detail = office.get(response["Location"])
    assert detail.status_code == 200 and "区发改局" in detail.content.decode()
    assert client_for(client, world, "reporter_a").get(response["Location"]).status_code == 403  # draft
    client_for(client, world, "office").post(response["Location"] + "publish/")
    assert client_for(client, world, "reporter_a").get(response["Location"]).status_code == 200
    assert client_for(client, world, "other_office").get(response["Location"]).status_code == 403


def test_review_queue_links_each_evidence_file_with_its_taking_time(client, world, settings, tmp_path):
    from test_tracking_reports import jpeg_with_exif

    settings.MEDIA_ROOT = tmp_path
    photo = SimpleUploadedFile("site.jpg", jpeg_with_exif("2024:01:28 15:30:00"), content_type="image/jpeg")
    report = report_submit(actor=world.users["reporter_a"], item_type=ItemType.PROJECT_YEAR,
                           item_id=world.project_year.pk, period_key="2024-01", files=[photo],
                           values={"invest_month": D(800), "invest_ytd": D(800)}, at=datetime(2024, 2, 2, tzinfo=SH))
    evidence = report.evidence.get()
    page = client_for(client, world, "office").get("/tracking/review/").content.decode()
    assert f'<a href="/tracking/evidence/{evidence.pk}/">site.jpg</a> <span class="small">拍摄于2024-01-28 15:30</span>' in page


def test_report_form_says_so_when_no_period_is_open_yet(client, world):
    from duban.plans.models import Plan, Task, TaskUnit
    plan = Plan.objects.create(district=world.district, year=2099, theme="远期")
    task = Task.objects.create(plan=plan, code="F1", title="远期任务")
    TaskUnit.objects.create(task=task, organisation=world.unit_a, role="lead")
    response = client_for(client, world, "reporter_a").get(f"/tracking/items/task/{task.pk}/report/")
    assert response.status_code == 404
    assert "该事项尚无可填报的报送期：2099年的第一个报送期尚未开始。" in response.content.decode()
