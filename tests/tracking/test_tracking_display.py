"""What people read on the tracking pages: category and order-state labels rather than stored codes, people
by their names rather than their logins, units in the order offices list them."""

import re
from datetime import date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from duban.org.models import Organisation, OrgKind
from duban.tracking import services
from duban.tracking.forms import ProblemRaiseForm
from duban.tracking.items import load_item
from duban.tracking.models import ItemType
from duban.web import search

SH = ZoneInfo("Asia/Shanghai")
STATUS = "/tracking/status/?year=2024&date=2024-06-30"


def _options(html: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{name}">(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_the_status_filter_offers_category_labels_and_filters_by_label_or_code(client, world):
    world.task_pct.category = "urban"
    world.task_pct.save(update_fields=["category"])
    # a project category named like a task category's label is one choice with it
    world.project.category.name = "城市建设"
    world.project.category.save()
    client.force_login(world.users["office"])
    html = client.get(f"{STATUS}&district={world.district.pk}").content.decode()
    select = re.search(r'<select name="category">(.*?)</select>', html, re.S).group(1)
    # tasks', sub-items', indicators' and expropriations' codes read as their labels
    assert re.findall(r"<option[^>]*>([^<]*)</option>", select)[1:] == sorted(
        ["城市建设", "其他", "征收拆迁任务", "民生"])
    for wanted in ("城市建设", "urban"):
        rows = client.get(f"{STATUS}&district={world.district.pk}&category={wanted}").content.decode()
        assert "优化营商环境" in rows and "新建学校5所" not in rows, wanted
        assert ("数字经济产业园" in rows) is (wanted == "城市建设"), wanted
    livelihood = client.get(f"{STATUS}&district={world.district.pk}&category=民生").content.decode()
    assert "新建学校5所" in livelihood and "新建日间照料中心13处" in livelihood and "优化营商环境" not in livelihood


def test_search_names_an_orders_state_not_its_code(world):
    order = services.order_issue(actor=world.users["office"], district=world.district, title="加快推进数字经济产业园二期建设",
                                 content="请于期限内完成二期主体施工", deadline=date(2099, 1, 1), lead_unit=world.unit_a)
    services.order_sign(actor=world.users["reporter_a"], order=order)
    groups = search.search(world.users["office"], order.number)
    assert [(g.kind, [h.detail for h in g.hits]) for g in groups] == [("order", ["已签收"])]


def test_people_are_named_by_their_full_names_on_the_item_page_review_queue_and_order(client, world):
    reporter, office = world.users["reporter_a"], world.users["office"]
    reporter.first_name, office.first_name = "发改局填报员", "督查室"
    reporter.save(update_fields=["first_name"])
    office.save(update_fields=["first_name"])
    services.report_submit(actor=reporter, item_type=ItemType.PROJECT_YEAR, item_id=world.project_year.pk,
                           period_key="2024-01", values={"invest_month": D(800), "invest_ytd": D(800)},
                           at=datetime(2024, 2, 2, tzinfo=SH))
    services.problem_raise(actor=office, item=load_item(ItemType.PROJECT_YEAR, world.project_year.pk),
                           description="资金拨付滞后", owner_unit=world.unit_a, deadline=date(2024, 7, 10),
                           at=datetime(2024, 7, 2, tzinfo=SH))
    order = services.order_issue(actor=office, district=world.district, title="加快推进二期建设", content="请完成",
                                 deadline=date(2099, 1, 1), lead_unit=world.unit_a)
    services.order_sign(actor=reporter, order=order)
    client.force_login(office)
    queue = client.get("/tracking/review/").content.decode()
    assert "<td>发改局填报员<div" in queue and "reporter_a" not in queue
    item = client.get(f"/tracking/items/project_year/{world.project_year.pk}/?date=2024-07-05").content.decode()
    assert "提交 发改局填报员" in item and "督查室" in item
    assert "reporter_a" not in item and ">office<" not in item and " office " not in item
    detail = client.get(f"/tracking/orders/{order.pk}/").content.decode()
    assert "<td>发改局填报员</td>" in detail and "<td>督查室</td>" in detail and "reporter_a" not in detail


def test_unit_pickers_list_units_by_their_order_then_kind(client, world):
    for unit, order in ((world.office, 0), (world.unit_c, 1), (world.unit_a, 2), (world.unit_b, 3)):
        unit.order = order
        unit.save()
    expected = ["区委督查室", "区教体局", "区发改局", "区住建局"]
    client.force_login(world.users["office"])
    html = client.get(f"{STATUS}&district={world.district.pk}").content.decode()
    assert [name for _pk, name in _options(html, "unit")[1:]] == expected
    form = ProblemRaiseForm(district=world.district)
    assert [u.name for u in form.fields["owner_unit"].queryset] == expected


def test_without_an_order_units_come_offices_first_then_bureaus_then_streets(world):
    street = Organisation.objects.create(name="七贤街道", kind=OrgKind.STREET, parent=world.district)
    company = Organisation.objects.create(name="市中控股集团", kind=OrgKind.COMPANY, parent=world.district)
    office2 = Organisation.objects.create(name="区城市运行指挥中心", kind=OrgKind.OFFICE, parent=world.district)
    bureau = Organisation.objects.create(name="区财政局", kind=OrgKind.DEPARTMENT, parent=world.district)
    names = [o.name for o in Organisation.objects.units_of(world.district).filter(
        pk__in=[street.pk, company.pk, office2.pk, bureau.pk, world.office.pk, world.unit_a.pk]).in_office_order()]
    assert names == ["区委督查室", "区城市运行指挥中心", "区发改局", "区财政局", "七贤街道", "市中控股集团"]
