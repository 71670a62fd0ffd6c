"""The workbench defects of issue 7: prefilled resubmission, single error list, order messages, review row, item page."""

from datetime import date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext

from duban.plans.models import Task
from duban.tracking.models import ItemType, Report, ReportState, SupervisionOrder
from duban.tracking.services import report_confirm, report_return, report_submit
from duban.tracking.status import district_status, item_status

SH = ZoneInfo("Asia/Shanghai")


def login(client, world, name):
    client.force_login(world.users[name])
    return client


def _submit(world, period_key, month, ytd, day, **extra):
    return report_submit(actor=world.users["reporter_a"], item_type=ItemType.PROJECT_YEAR,
                         item_id=world.project_year.pk, period_key=period_key,
                         values={"invest_month": D(month), "invest_ytd": D(ytd)}, at=datetime(*day, tzinfo=SH), **extra)


def test_a_returned_report_opens_prefilled_with_plan_last_confirmed_and_time_progress(client, world):
    first = _submit(world, "2024-01", 800, 800, (2024, 2, 2))
    report_confirm(actor=world.users["office"], report=first, comment="", at=datetime(2024, 2, 3, tzinfo=SH))
    second = _submit(world, "2024-02", 700, 1500, (2024, 3, 2), narrative="主体施工", problems="用地指标")
    report_return(actor=world.users["office"], report=second, comment="请附现场照片", at=datetime(2024, 3, 3, tzinfo=SH))
    page = login(client, world, "reporter_a").get(
        f"/tracking/items/project_year/{world.project_year.pk}/report/?period=2024-02")
    assert page.status_code == 200
    form = page.context["form"]
    assert form["invest_month"].value() == D("700.00") and form["invest_ytd"].value() == D("1500.00")
    assert form["narrative"].value() == "主体施工" and form["problems"].value() == "用地指标"
    body = page.content.decode()
    assert 'name="invest_ytd" value="1500.00"' in body
    assert "请附现场照片" in body
    # plan and year-to-date in one unit, 万元 with separators and fixed decimals
    assert '<dd data-testid="annual-plan">10,000.00万元</dd>' in body
    assert "2024-01 第1版" in body and "本年累计 800.00万元" in body
    # time progress at the end of February: two months of twelve
    assert page.context["status"].time_progress_pct == D("16.67")
    assert '<dd data-testid="time-progress">16.67%</dd>' in body
    assert 'accept="image/*" capture="environment"' in body


def test_form_errors_are_printed_once(client, world):
    c = login(client, world, "reporter_a")
    url = f"/tracking/items/project_year/{world.project_year.pk}/report/?period=2024-01"
    body = c.post(url, {"period": "2024-01", "invest_month": "800", "invest_ytd": "900"}).content.decode()
    assert body.count("1月的本年累计完成投资应等于本月完成投资800万元，填报的是900万元") == 1
    office = login(client, world, "office")
    body = office.post(f"/tracking/orders/new/?district={world.district.pk}", {
        "title": "", "content": "请加快", "deadline": "2099-01-01", "lead_unit": world.unit_a.pk}).content.decode()
    assert body.count("这个字段是必填项。") == 1


def test_order_actions_say_what_happened(client, world):
    office = login(client, world, "office")
    office.post(f"/tracking/orders/new/?district={world.district.pk}", {
        "title": "加快推进", "content": "请加快", "deadline": "2099-01-01", "lead_unit": world.unit_a.pk})
    order = SupervisionOrder.objects.get()
    lead = login(client, world, "reporter_a")
    page = lead.post(f"/tracking/orders/{order.pk}/sign/", follow=True).content.decode()
    assert f"督办单{order.number}已签收，当前状态：已签收" in page
    page = lead.post(f"/tracking/orders/{order.pk}/feedback/", {"text": "已完成整改"}, follow=True).content.decode()
    assert f"督办单{order.number}的办理情况已提交，等待审核" in page
    office = login(client, world, "office")
    page = office.post(f"/tracking/orders/{order.pk}/review/", {"accept": "0", "comment": "不充分"},
                       follow=True).content.decode()
    assert f"督办单{order.number}的办理情况已退回重办，当前状态：" in page
    assert "操作成功" not in page


def test_the_refreshed_review_row_keeps_the_items_title(client, world):
    report = _submit(world, "2024-01", 800, 800, (2024, 2, 2))
    c = login(client, world, "office")
    response = c.post(f"/tracking/reports/{report.pk}/review/", {"action": "return", "comment": "补充"},
                      HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert '<a href="/tracking/items/project_year/%d/" data-testid="reviewed-title">数字经济产业园</a>' % \
        world.project_year.pk in response.content.decode()


def test_cooperating_units_are_a_filterable_checkbox_list(client, world):
    body = login(client, world, "office").get(f"/tracking/orders/new/?district={world.district.pk}").content.decode()
    assert 'type="checkbox" name="cooperating_units"' in body and "data-checklist=" in body
    assert "tracking/checklist.js" in body and "<select name=\"cooperating_units\"" not in body


def test_item_status_alone_equals_the_districts_and_its_queries_do_not_grow(world):
    report = _submit(world, "2024-01", 800, 800, (2024, 2, 2))
    report_confirm(actor=world.users["office"], report=report, comment="", at=datetime(2024, 2, 3, tzinfo=SH))
    on_date = date(2024, 2, 29)
    whole = next(s for s in district_status(world.district, on_date, year=2024) if s.item.ref ==
                 (ItemType.PROJECT_YEAR, world.project_year.pk))
    with CaptureQueriesContext(connection) as small:
        alone = item_status(ItemType.PROJECT_YEAR, world.project_year.pk, on_date)
    assert alone.as_dict() == whole.as_dict()
    assert alone.completion_pct == D("8.00") and alone.light == whole.light
    # twenty more confirmed reports of other items do not add a query
    for i in range(20):
        task = Task.objects.create(plan=world.plan, code=f"X{i}", title=f"另一项任务{i}")
        Report.objects.create(item_type=ItemType.TASK, item_id=task.pk, district=world.district,
                              year=2024, frequency="monthly", period_key="2024-01", period_end=date(2024, 1, 31),
                              state=ReportState.CONFIRMED, submitted_at=datetime(2024, 2, 1, tzinfo=SH))
    with CaptureQueriesContext(connection) as big:
        item_status(ItemType.PROJECT_YEAR, world.project_year.pk, on_date)
    assert len(big.captured_queries) == len(small.captured_queries)


def test_item_page_shows_facts_status_units_changes_and_actions(client, world):
    world.project_year.annual_plan = D(12000)
    world.project_year.save(update_fields=["annual_plan"])
    page = login(client, world, "office").get(f"/tracking/items/project_year/{world.project_year.pk}/?date=2024-06-30")
    assert page.status_code == 200
    body = page.content.decode()
    assert "<dt>牵头单位</dt><dd>区发改局</dd>" in body
    assert "<dt>年度计划</dt>" in body and "1.2亿元" in body
    assert "<dt>已投资（本年以前）</dt><dd>5,000万元</dd>" in body and "<dt>实际开工</dt><dd>2023年3月1日</dd>" in body
    assert "<dt>分管领导</dt><dd>—</dd>" in body
    assert 'data-light="no_data"' in body
    assert "修改：年度计划投资（万元）" in body
    assert "下发督办单" in body and "/report/" not in body
    reporter = login(client, world, "reporter_a").get(f"/tracking/items/project_year/{world.project_year.pk}/")
    assert f"/tracking/items/project_year/{world.project_year.pk}/report/" in reporter.content.decode()
    assert "下发督办单" not in reporter.content.decode()


def test_not_reported_lists_the_missing_unit_and_the_reminder_reaches_its_reporter_once_a_day(
        client, world, mailoutbox, django_capture_on_commit_callbacks):
    from duban.tracking.models import Notification, Reminder
    _submit(world, "2024-01", 800, 800, (2024, 2, 2))
    office = login(client, world, "office")
    url = f"/tracking/not-reported/?district={world.district.pk}&year=2024&date=2024-03-20&period=2024-02"
    page = office.get(url)
    assert page.status_code == 200
    rows = page.context["rows"]
    project_rows = [r for r in rows if r.item.ref == (ItemType.PROJECT_YEAR, world.project_year.pk)]
    assert [(r.unit_name, r.period.key, r.due, r.days_overdue) for r in project_rows] == [
        ("区发改局", "2024-02", date(2024, 3, 7), 13)]
    assert "区发改局" in page.content.decode() and "数字经济产业园" in page.content.decode()
    # January was reported: it is not listed as missing for the project
    all_rows = office.get(url.replace("&period=2024-02", "")).context["rows"]
    assert {r.period.key for r in all_rows if r.item.ref == (ItemType.PROJECT_YEAR, world.project_year.pk)} == {"2024-02"}
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(url, {"row": [project_rows[0].key]})
    assert response.status_code == 302
    note = Notification.objects.get(user=world.users["reporter_a"])
    assert note.title == "请填报：数字经济产业园（2024年2月）"
    assert note.url == f"/tracking/items/project_year/{world.project_year.pk}/report/?period=2024-02"
    assert Notification.objects.filter(user=world.users["unit_leader_a"]).count() == 1
    assert sorted(m.to[0] for m in mailoutbox) == ["reporter_a@example.cn", "unit_leader_a@example.cn"]
    assert Reminder.objects.get().key == (f"report_chase:{world.unit_a.pk}:project_year:{world.project_year.pk}:"
                                          f"2024-02:2024-03-20")
    page = office.get(url).content.decode()
    assert "已催办：1项（2人收到）；今日已催办过的：0项" in page
    with django_capture_on_commit_callbacks(execute=True):
        office.post(url, {"row": [project_rows[0].key]})
    assert Notification.objects.count() == 2 and len(mailoutbox) == 2 and Reminder.objects.count() == 1
    assert "已催办：0项（0人收到）；今日已催办过的：1项" in office.get(url).content.decode()
    # the item page lists the reminder
    item_page = office.get(f"/tracking/items/project_year/{world.project_year.pk}/").content.decode()
    assert "2人收到" in item_page


def test_not_reported_is_for_offices_only(client, world):
    assert login(client, world, "reporter_a").get("/tracking/not-reported/").status_code == 403
    assert login(client, world, "district_leader").get("/tracking/not-reported/").status_code == 403
    response = login(client, world, "reporter_a").post("/tracking/not-reported/", {"all": "1"})
    assert response.status_code == 403


def _confirmed(world, period_key, month, ytd, day):
    report = _submit(world, period_key, month, ytd, day)
    return report_confirm(actor=world.users["office"], report=report, comment="", at=datetime(*day, tzinfo=SH))


def test_lights_overview_filters_sorts_pages_and_keeps_the_state_in_the_url(client, world, settings):
    from duban.tracking import overview
    _confirmed(world, "2024-01", 800, 800, (2024, 2, 2))
    c = login(client, world, "office")
    base = "/tracking/status/?date=2024-02-29&year=2024"
    page = c.get(base)
    assert page.status_code == 200 and page.context["total"] == 6
    # red first, then yellow, no data … green last; within a light by code
    assert [(s.light, s.item.code) for s in page.context["statuses"]] == [
        ("no_data", "GDP"), ("no_data", "MS3"), ("no_data", "T1"), ("no_data", "T2"),
        ("no_data", f"ZS{world.expropriation.pk}"), ("green", "P1")]
    only_a = c.get(f"{base}&unit={world.unit_a.pk}").context
    assert sorted(s.item.title for s in only_a["statuses"]) == ["地区生产总值（增长6%）", "数字经济产业园", "新建学校5所"]
    assert 'value="%d" selected' % world.unit_a.pk in c.get(f"{base}&unit={world.unit_a.pk}").content.decode()
    projects = c.get(f"{base}&type=project_year&category=产业&level=district").context
    assert [s.item.title for s in projects["statuses"]] == ["数字经济产业园"]
    assert projects["counts"]["green"] == 1 and sum(projects["counts"].values()) == 1
    by_reason = c.get(f"{base}&reason=无已确认").context["statuses"]
    assert "数字经济产业园" not in [s.item.title for s in by_reason] and len(by_reason) == 5
    # the leader who oversees unit A sees unit A's items
    from duban.org.models import Leader
    leader = Leader.objects.get(name="王区长")
    leader.oversees.add(world.unit_b)
    titles = sorted(s.item.title for s in c.get(f"{base}&leader={leader.pk}").context["statuses"])
    assert titles == ["3. 养老服务 · 新建日间照料中心13处", "七贤片区征收", "优化营商环境"]
    # pagination: two per page, the filter kept in the page links
    settings_page_size, overview.PAGE_SIZE = overview.PAGE_SIZE, 2
    try:
        second = c.get(f"{base}&sort=title&page=2")
    finally:
        overview.PAGE_SIZE = settings_page_size
    assert second.context["page"].number == 2 and len(second.context["statuses"]) == 2
    assert "?date=2024-02-29&amp;year=2024&amp;sort=title&page=3" in second.content.decode()


def test_lights_overview_exports_the_filtered_list_to_excel(client, world):
    from io import BytesIO

    from openpyxl import load_workbook
    _confirmed(world, "2024-01", 800, 800, (2024, 2, 2))
    c = login(client, world, "office")
    response = c.get("/tracking/status/export/?date=2024-02-29&year=2024&type=project_year")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="status-{world.district.pk}-2024-02-29.xlsx"'
    ws = load_workbook(BytesIO(response.content)).active
    assert ws["A1"].value == "市中区亮灯总览（截至2024年2月29日）"
    assert [c.value for c in ws[2]][:6] == ["亮灯", "编号", "事项", "类型", "单位", "年度计划或目标"]
    assert ws.freeze_panes == "A3"
    assert [c.value for c in ws[3]][1:10] == ["P1", "数字经济产业园", "重点项目（年度）", "区发改局", 10000.0, "万元",
                                             8.0, 16.67, -8.67]
    assert ws.max_row == 3


def test_review_queue_shows_plan_last_confirmed_change_and_time_progress_in_fixed_queries(client, world):
    _confirmed(world, "2024-01", 800, 800, (2024, 2, 2))
    second = _submit(world, "2024-02", 700, 1500, (2024, 3, 2))
    c = login(client, world, "office")
    page = c.get("/tracking/review/")
    ctx = page.context["rows"][0].context
    assert page.context["rows"][0].report == second
    assert (ctx.previous.period_key, ctx.figure, ctx.previous_figure, ctx.change) == ("2024-01", D(1500), D(800), D(700))
    assert (ctx.time_progress_pct, ctx.completion_pct) == (D("16.67"), D("15.00"))
    body = page.content.decode()
    assert "上次确认：2024-01 800.00万元" in body and "增减：700.00万元" in body and "计划：10,000.00万元" in body
    assert "本月700.00万元，累计1,500.00万元" in body
    with CaptureQueriesContext(connection) as one:
        c.get("/tracking/review/")
    report_submit(actor=world.users["reporter_b"], item_type=ItemType.TASK, item_id=world.task_pct.pk,
                  period_key="2024-02", values={"percent": D(20)}, at=datetime(2024, 3, 2, tzinfo=SH))
    report_submit(actor=world.users["reporter_b"], item_type=ItemType.SUB_ITEM, item_id=world.sub_item.pk,
                  period_key="2024-02", values={"value": D(3)}, at=datetime(2024, 3, 2, tzinfo=SH))
    with CaptureQueriesContext(connection) as three:
        assert len(c.get("/tracking/review/").context["rows"]) == 3
    # one more query per kind of item loaded (task, sub-item), none per report
    assert len(three.captured_queries) <= len(one.captured_queries) + 4


def test_bulk_review_is_all_or_nothing(client, world):
    first = _submit(world, "2024-01", 800, 800, (2024, 2, 2))
    other = report_submit(actor=world.users["reporter_b"], item_type=ItemType.TASK, item_id=world.task_pct.pk,
                          period_key="2024-01", values={"percent": D(10)}, at=datetime(2024, 2, 2, tzinfo=SH))
    c = login(client, world, "office")
    # returning needs a comment: neither report changes
    page = c.post("/tracking/review/", {"report": [first.pk, other.pk], "action": "return", "comment": ""}, follow=True)
    assert "未作任何更改" in page.content.decode()
    assert set(Report.objects.values_list("state", flat=True)) == {ReportState.SUBMITTED}
    page = c.post("/tracking/review/", {"report": [first.pk, other.pk], "action": "confirm"}, follow=True)
    assert "2份填报已确认" in page.content.decode()
    assert set(Report.objects.values_list("state", flat=True)) == {ReportState.CONFIRMED}


def test_my_updates_are_grouped_by_item_with_next_due_returned_and_orders_to_sign(client, world):
    from duban.tracking.services import order_issue
    second = _submit(world, "2024-02", 700, 700, (2024, 3, 2))
    report_return(actor=world.users["office"], report=second, comment="数字有误", at=datetime(2024, 3, 3, tzinfo=SH))
    order = order_issue(actor=world.users["office"], district=world.district, title="加快推进", content="请加快",
                        deadline=date(2099, 1, 1), lead_unit=world.unit_a, cooperating_units=[])
    page = login(client, world, "reporter_a").get("/tracking/my/?date=2024-03-20")
    groups = page.context["groups"]
    project = next(g for g in groups if g.item.ref == (ItemType.PROJECT_YEAR, world.project_year.pk))
    assert [(r.period.key, r.state) for r in project.rows] == [("2024-01", "overdue"), ("2024-02", "returned")]
    assert (project.returned, project.next_due) == (1, date(2024, 2, 7))
    assert [g.item.title for g in groups] == ["地区生产总值（增长6%）", "数字经济产业园", "新建学校5所"]
    body = page.content.decode()
    assert "1期被退回" in body and "下次应报 2024年2月7日" in body
    assert page.context["to_sign"] == [order] and f"{order.number} 加快推进" in body and "待签收" in body
