"""Tracked-item rows: the database checks every reference, refuses deleting an item with reports or orders,
retired items leave the lists, the data migration fills existing rows."""

from datetime import date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from duban.core.errors import ApplicationError
from duban.plans.models import Task
from duban.tracking.items import load_items
from duban.tracking.models import Item, ItemSetting, ItemType, Report, ReportState, SupervisionOrder
from duban.tracking.services import item_restore, item_retire, item_setting_set, order_issue, report_submit

SH = ZoneInfo("Asia/Shanghai")
AT = datetime(2024, 7, 2, 10, tzinfo=SH)


def submit_task(world, value=2):
    return report_submit(actor=world.users["reporter_a"], item_type=ItemType.TASK, item_id=world.task.pk,
                         period_key="2024-06", values={"value": D(value)}, at=AT)


def test_a_report_points_to_its_item_row_with_the_district_and_year(world):
    report = submit_task(world)
    item = report.tracked_item
    assert (item.type, item.object_id, item.task_id, item.district_id, item.year) == (
        "task", world.task.pk, world.task.pk, world.district.pk, 2024)
    assert Item.objects.count() == 1


def test_every_kind_of_item_gets_its_own_foreign_key(world):
    refs = [(ItemType.PROJECT_YEAR, world.project_year.pk), (ItemType.SUB_ITEM, world.sub_item.pk),
            (ItemType.INDICATOR_TARGET, world.indicator_target.pk), (ItemType.EXPROPRIATION, world.expropriation.pk)]
    Report.objects.bulk_create(
        Report(item_type=t, item_id=i, district=world.district, year=2024, frequency="monthly", period_key="2024-06",
               period_end=date(2024, 6, 30), state=ReportState.CONFIRMED, submitted_at=AT) for t, i in refs)
    rows = {(i.type, i.object_id): (i.project_year_id, i.sub_item_id, i.indicator_target_id, i.expropriation_id)
            for i in Item.objects.all()}
    assert rows == {
        refs[0]: (world.project_year.pk, None, None, None), refs[1]: (None, world.sub_item.pk, None, None),
        refs[2]: (None, None, world.indicator_target.pk, None), refs[3]: (None, None, None, world.expropriation.pk),
    }
    assert Report.objects.filter(tracked_item__isnull=True).count() == 0


def test_the_database_refuses_an_item_whose_key_does_not_match_its_type_or_id(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.create(type="task", object_id=world.task.pk, district=world.district, year=2024,
                            project_year=world.project_year)
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.create(type="task", object_id=world.task.pk + 1, district=world.district, year=2024,
                            task=world.task)


def test_a_report_about_nothing_is_refused(world):
    with pytest.raises(ApplicationError, match="task #999999"):
        Report.objects.create(item_type="task", item_id=999999, district=world.district, year=2024,
                              frequency="monthly", period_key="2024-06", period_end=date(2024, 6, 30), submitted_at=AT)


def test_an_item_with_reports_cannot_be_deleted(world):
    submit_task(world)
    with pytest.raises(ProtectedError), transaction.atomic():
        world.task.delete()
    assert Task.objects.filter(pk=world.task.pk).exists()


def test_an_item_with_an_order_cannot_be_deleted_and_deleting_its_project_is_refused_too(world):
    order_issue(actor=world.users["office"], district=world.district, title="督办", content="请加快",
                deadline=date(2099, 1, 1), lead_unit=world.unit_a, item_type=ItemType.PROJECT_YEAR,
                item_id=world.project_year.pk)
    with pytest.raises(ProtectedError), transaction.atomic():
        world.project.delete()
    assert SupervisionOrder.objects.get().tracked_item.project_year_id == world.project_year.pk


def test_an_item_with_only_a_setting_can_be_deleted_and_takes_its_setting_along(world):
    item_setting_set(actor=None, item_type=ItemType.TASK, item_id=world.task_pct.pk)
    world.task_pct.delete()
    assert (ItemSetting.objects.count(), Item.objects.count()) == (0, 0)


def test_retired_items_leave_the_lists_and_come_back_when_restored(world):
    submit_task(world)
    item_retire(actor=world.users["office"], item_type=ItemType.TASK, item_id=world.task.pk, reason="并入T2")
    refs = {i.ref for i in load_items(district=world.district, year=2024)}
    assert (ItemType.TASK, world.task.pk) not in refs
    assert (ItemType.TASK, world.task_pct.pk) in refs
    assert (ItemType.TASK, world.task.pk) in {i.ref for i in load_items(district=world.district, year=2024, retired=True)}
    assert Item.objects.get(task=world.task).retired_reason == "并入T2"
    with pytest.raises(ApplicationError, match="已经停用"):
        item_retire(actor=world.users["office"], item_type=ItemType.TASK, item_id=world.task.pk)
    item_restore(actor=world.users["office"], item_type=ItemType.TASK, item_id=world.task.pk)
    assert (ItemType.TASK, world.task.pk) in {i.ref for i in load_items(district=world.district, year=2024)}


def test_only_the_districts_office_may_retire(world):
    with pytest.raises(ApplicationError, match="无权停用"):
        item_retire(actor=world.users["reporter_a"], item_type=ItemType.TASK, item_id=world.task.pk)
    with pytest.raises(ApplicationError, match="无权停用"):
        item_retire(actor=world.users["other_office"], item_type=ItemType.TASK, item_id=world.task.pk)
    assert not Item.objects.retired().exists()


@pytest.fixture
def superclient(client, world):
    client.force_login(world.users["admin"])
    return client


def test_the_admin_refuses_deleting_a_task_with_reports_and_names_what_protects_it(superclient, world):
    submit_task(world)
    url = f"/admin/plans/task/{world.task.pk}/delete/"
    page = superclient.get(url)
    assert page.status_code == 200
    assert page.context["protected"]
    assert "<title>无法删除 任务" in page.content.decode()
    superclient.post(url, {"post": "yes"})
    assert Task.objects.filter(pk=world.task.pk).exists()


def test_the_admin_retires_items_through_the_service(superclient, world):
    submit_task(world)
    item = Item.objects.get()
    superclient.post("/admin/tracking/item/", {"action": "retire", "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert item.retired_by == world.users["admin"]


def test_an_item_setting_for_nothing_is_a_form_error_in_the_admin(superclient, world):
    page = superclient.post("/admin/tracking/itemsetting/add/", {"item_type": "task", "item_id": 999999,
                                                                   "provenance": "entered"})
    assert page.status_code == 200
    assert "事项不存在：task #999999" in page.content.decode()
    assert ItemSetting.objects.count() == 0
