"""Stored status: refresh, read, verify; confirming, settings and rules keep it equal to a fresh computation;
one item computed alone in a fixed number of queries."""

from datetime import date, datetime
from decimal import Decimal as D
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from duban.plans.models import Task, TaskUnit
from duban.tracking.models import ItemType, StatusSnapshot
from duban.tracking.services import (
    item_retire, item_setting_set, report_confirm, report_return, report_submit, rule_set_save,
)
from duban.tracking.snapshots import refresh_status, verify_status
from duban.tracking.status import district_status, item_status

SH = ZoneInfo("Asia/Shanghai")
AT = datetime(2024, 7, 2, 10, tzinfo=SH)
DAY = date(2024, 7, 2)


def submit(world, item_type, item_id, key, user="reporter_a", **values):
    return report_submit(actor=world.users[user], item_type=item_type, item_id=item_id, period_key=key,
                         values=values, at=AT)


def as_dicts(statuses):
    return sorted((s.as_dict() for s in statuses), key=lambda d: (d["type"], d["id"]))


def test_refresh_stores_one_row_per_item_and_reads_give_the_same_as_computing(world):
    py = world.project_year.pk
    report_confirm(actor=world.users["office"], at=AT,
                   report=submit(world, ItemType.PROJECT_YEAR, py, "2024-06", invest_month=D(4000), invest_ytd=D(4000)))
    assert refresh_status(district=world.district, as_of=DAY) == 6
    row = StatusSnapshot.objects.get(item__type=ItemType.PROJECT_YEAR, item__object_id=py)
    assert (row.as_of, row.light, row.completion_pct, row.gap_pp, row.double_half) == (DAY, "yellow", D("40"), D("-10"), False)
    assert row.figures["completion_pct"] == "40.00"
    assert row.reasons["zh-hans"][0] == "低于时序进度10个百分点"
    assert row.reasons["en"][0] == "10 percentage points behind time progress"
    stored = district_status(world.district, DAY)
    assert as_dicts(stored) == as_dicts(district_status(world.district, DAY, fresh=True))
    with translation.override("en"):
        assert as_dicts(district_status(world.district, DAY)) == \
        as_dicts(district_status(world.district, DAY, fresh=True))


def test_reads_use_the_snapshot_for_its_date_only(world):
    refresh_status(district=world.district, as_of=DAY)
    with CaptureQueriesContext(connection) as stored:
        district_status(world.district, DAY)
    with CaptureQueriesContext(connection) as computed:
        district_status(world.district, date(2024, 7, 3))
    assert not any("tracking_report" in q["sql"] for q in stored.captured_queries)
    assert any("tracking_report" in q["sql"] for q in computed.captured_queries)


def test_a_new_item_without_a_snapshot_makes_readers_compute(world):
    refresh_status(district=world.district, as_of=DAY)
    task = Task.objects.create(plan=world.plan, code="T9", title="新任务")
    TaskUnit.objects.create(task=task, organisation=world.unit_a, role="lead")
    refs = {(s.type, s.id) for s in district_status(world.district, DAY)}
    assert (ItemType.TASK, task.pk) in refs


def test_stored_equals_fresh_after_submissions_confirmations_returns_and_rule_changes(world):
    office = world.users["office"]
    refresh_status(district=world.district, as_of=DAY)
    py = world.project_year.pk
    v1 = submit(world, ItemType.PROJECT_YEAR, py, "2024-05", invest_month=D(3000), invest_ytd=D(3000))
    report_confirm(actor=office, report=v1, at=AT)
    v2 = submit(world, ItemType.PROJECT_YEAR, py, "2024-06", invest_month=D(500), invest_ytd=D(3500))
    report_return(actor=office, report=v2, comment="请核实", at=AT)
    v3 = submit(world, ItemType.PROJECT_YEAR, py, "2024-06", invest_month=D(2500), invest_ytd=D(5500))
    report_confirm(actor=office, report=v3, at=AT)
    report_confirm(actor=office, at=AT, report=submit(world, ItemType.TASK, world.task.pk, "2024-06", value=D(1)))
    report_confirm(actor=office, at=AT, report=submit(world, ItemType.TASK, world.task_pct.pk, "2024-06",
                                                        user="reporter_b", percent=D(20)))
    assert verify_status() == (6, [])
    strict = rule_set_save(actor=None, code="strict", name="严格", config={"yellow_pp": "5", "red_pp": "15"},
                           district=world.district, is_default=True)
    assert verify_status() == (6, [])
    light = {s.id: s.light for s in district_status(world.district, DAY) if s.type == ItemType.TASK}
    assert light == {world.task.pk: "red", world.task_pct.pk: "red"}
    lenient = rule_set_save(actor=None, code="lenient", name="宽松", config={"yellow_pp": "40", "red_pp": "60"})
    item_setting_set(actor=None, item_type=ItemType.TASK, item_id=world.task.pk, rule_set=lenient)
    assert verify_status() == (6, [])
    assert {s.id: s.light for s in district_status(world.district, DAY) if s.type == ItemType.TASK} == {
        world.task.pk: "green", world.task_pct.pk: "red"}
    rule_set_save(actor=None, code="strict", name="严格", config={"yellow_pp": "1", "red_pp": "2"},
                  district=world.district, is_default=True)
    item_retire(actor=office, item_type=ItemType.TASK, item_id=world.task_pct.pk)
    checked, differences = verify_status()
    assert (checked, differences) == (5, [])
    assert strict.pk
    assert as_dicts(district_status(world.district, DAY)) == \
        as_dicts(district_status(world.district, DAY, fresh=True))


def test_verify_lists_a_stale_snapshot_and_the_command_exits_non_zero(world):
    refresh_status(district=world.district, as_of=DAY)
    StatusSnapshot.objects.filter(item__object_id=world.task.pk, item__type=ItemType.TASK).update(light="red")
    checked, differences = verify_status()
    assert checked == 6
    assert [(d.ref, d.field, d.stored, d.fresh) for d in differences] == [
        ((ItemType.TASK, world.task.pk), "light", "red", "no_data")]
    out = StringIO()
    with pytest.raises(CommandError, match="已核对6项存储的状态，1处不同"):
        call_command("status", "--verify", stdout=out)
    assert out.getvalue() == f"市中区 task #{world.task.pk} light: stored 'red', fresh 'no_data'\n"


def test_refresh_command_stores_every_district_and_verify_passes(world):
    out = StringIO()
    call_command("status", "--refresh", "--date", "2024-07-02", stdout=out)
    assert "市中区：6项状态已存储（截至2024年7月2日）" in out.getvalue()
    assert StatusSnapshot.objects.filter(district=world.district, as_of=DAY).count() == 6
    out = StringIO()
    call_command("status", "--verify", stdout=out)
    assert out.getvalue().strip().endswith("已核对6项存储的状态，0处不同")


def test_one_item_is_computed_alone_in_a_fixed_number_of_queries(world):
    py = world.project_year.pk
    report_confirm(actor=world.users["office"], at=AT,
                   report=submit(world, ItemType.PROJECT_YEAR, py, "2024-06", invest_month=D(4000), invest_ytd=D(4000)))
    status = item_status(ItemType.PROJECT_YEAR, py, DAY)
    whole = next(s for s in district_status(world.district, DAY, fresh=True) if s.id == py and s.type == ItemType.PROJECT_YEAR)
    assert status.as_dict() == whole.as_dict()
    with CaptureQueriesContext(connection) as small:
        item_status(ItemType.TASK, world.task.pk, DAY)
    tasks = Task.objects.bulk_create(Task(plan=world.plan, code=f"B{i}", title=f"批量{i}") for i in range(40))
    for task in tasks:
        report_confirm(actor=world.users["office"], at=AT,
                       report=report_submit(actor=world.users["admin"], item_type=ItemType.TASK, item_id=task.pk,
                                            period_key="2024-06", values={"percent": D(30)}, at=AT))
    with CaptureQueriesContext(connection) as large:
        item_status(ItemType.TASK, world.task.pk, DAY)
    assert len(small.captured_queries) == len(large.captured_queries)
    settings_queries = [q["sql"] for q in large.captured_queries if "tracking_itemsetting" in q["sql"]]
    assert len(settings_queries) == 1 and "WHERE" in settings_queries[0]


def test_item_status_of_nothing_is_none(world):
    assert item_status(ItemType.TASK, 999999, DAY) is None


def _report_queries(captured) -> int:
    return sum("tracking_report" in q["sql"] and "tracking_statussnapshot" not in q["sql"] for q in captured)


def test_the_day_pages_show_is_computed_once_and_stored_then_read(world, settings):
    settings.DUBAN_TODAY = DAY.isoformat()
    assert not StatusSnapshot.objects.exists()
    fresh = as_dicts(district_status(world.district, DAY, fresh=True))
    with CaptureQueriesContext(connection) as first:
        assert as_dicts(district_status(world.district, DAY)) == fresh
    assert _report_queries(first.captured_queries) == 1  # the whole district's newest confirmed reports, once
    assert set(StatusSnapshot.objects.filter(district=world.district).values_list("as_of", flat=True)) == {DAY}
    with CaptureQueriesContext(connection) as second:
        assert as_dicts(district_status(world.district, DAY)) == fresh
    assert _report_queries(second.captured_queries) == 0
    assert verify_status(world.district) == (6, [])


def test_other_days_are_computed_and_never_replace_the_stored_day(world, settings):
    settings.DUBAN_TODAY = DAY.isoformat()
    refresh_status(district=world.district, as_of=DAY)
    district_status(world.district, date(2024, 3, 31))
    assert set(StatusSnapshot.objects.values_list("as_of", flat=True)) == {DAY}


def test_an_item_without_a_snapshot_of_the_day_is_computed_alone_and_stored(world, settings):
    settings.DUBAN_TODAY = DAY.isoformat()
    refresh_status(district=world.district, as_of=DAY)
    task = Task.objects.create(plan=world.plan, code="T9", title="新任务")
    TaskUnit.objects.create(task=task, organisation=world.unit_a, role="lead")
    for n in range(30):  # enough items that one new one is computed alone, not the district
        extra = Task.objects.create(plan=world.plan, code=f"X{n}", title=f"任务{n}")
        TaskUnit.objects.create(task=extra, organisation=world.unit_a, role="lead")
    refresh_status(district=world.district, as_of=DAY)
    newest = Task.objects.create(plan=world.plan, code="T10", title="更新的任务")
    TaskUnit.objects.create(task=newest, organisation=world.unit_b, role="lead")
    stored_before = StatusSnapshot.objects.get(item__object_id=task.pk, item__type=ItemType.TASK).computed_at
    statuses = district_status(world.district, DAY)
    assert (ItemType.TASK, newest.pk) in {(s.type, s.id) for s in statuses}
    assert StatusSnapshot.objects.filter(item__type=ItemType.TASK, item__object_id=newest.pk, as_of=DAY).exists()
    # the others were not recomputed
    assert StatusSnapshot.objects.get(item__object_id=task.pk, item__type=ItemType.TASK).computed_at == stored_before
    assert as_dicts(statuses) == as_dicts(district_status(world.district, DAY, fresh=True))
    assert verify_status(world.district)[1] == []


def test_decoded_snapshots_are_reused_until_a_write_changes_them(world):
    refresh_status(district=world.district, as_of=DAY)
    district_status(world.district, DAY)
    with CaptureQueriesContext(connection) as again:
        district_status(world.district, DAY)
    assert not any('"figures"' in q["sql"] for q in again.captured_queries)  # only the stamp of the stored rows
    py = world.project_year.pk
    report_confirm(actor=world.users["office"], at=AT,
                   report=submit(world, ItemType.PROJECT_YEAR, py, "2024-06", invest_month=D(9000), invest_ytd=D(9000)))
    with CaptureQueriesContext(connection) as after_write:
        statuses = district_status(world.district, DAY)
    assert any('"figures"' in q["sql"] for q in after_write.captured_queries)
    assert next(s for s in statuses if s.item.ref == (ItemType.PROJECT_YEAR, py)).completion_pct == D("90.00")
    assert as_dicts(statuses) == as_dicts(district_status(world.district, DAY, fresh=True))


# The reuse is outside transactions only (a transaction's own writes could be rolled back): these two tests commit.
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the change log is kept by PostgreSQL's triggers")
@pytest.mark.django_db(transaction=True)
def test_statuses_are_reused_until_their_items_or_snapshots_change(world):
    from duban.org.models import Organisation
    from duban.projects.models import Project
    from duban.tracking.items import items_stamp
    from duban.tracking.status import derived

    refresh_status(district=world.district, as_of=DAY)
    first = district_status(world.district, DAY)
    assert derived(first, "n", lambda: len(first)) == 6
    with CaptureQueriesContext(connection) as again:
        assert district_status(world.district, DAY) is first  # no item loaded, no status built
    assert len(again.captured_queries) == 2  # the change stamp and the snapshots' stamp
    assert derived(first, "n", lambda: 0) == 6  # kept with the statuses
    with translation.override("en"):
        assert district_status(world.district, DAY) is not first  # reasons in another language
    stamp = items_stamp(world.district)
    # writes that save() would not announce: each changes the stamp and gives new statuses with the change
    Project.objects.filter(pk=world.project.pk).update(name="新名字")
    renamed = district_status(world.district, DAY)
    assert renamed is not first and derived(renamed, "n", lambda: -1) == -1
    py = (ItemType.PROJECT_YEAR, world.project_year.pk)
    assert next(s for s in renamed if s.item.ref == py).item.title == "新名字"
    Organisation.objects.filter(pk=world.unit_a.pk).update(name="区发展改革局")
    task = next(s for s in district_status(world.district, DAY) if s.item.ref == ("task", world.task.id))
    assert task.unit_name == "区发展改革局"
    TaskUnit.objects.filter(task=world.task, organisation=world.unit_a).update(organisation=world.unit_b)
    task = next(s for s in district_status(world.district, DAY) if s.item.ref == ("task", world.task.id))
    assert task.unit_name == "区住建局"
    assert items_stamp(world.district) != stamp
    item_retire(actor=world.users["office"], item_type=ItemType.TASK, item_id=world.task.pk, reason="并入其他任务")
    assert (ItemType.TASK, world.task.pk) not in {s.item.ref for s in district_status(world.district, DAY)}
    assert as_dicts(district_status(world.district, DAY)) == \
        as_dicts(district_status(world.district, DAY, fresh=True))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the change log is kept by PostgreSQL's triggers")
@pytest.mark.django_db(transaction=True)
def test_the_not_reported_list_is_reused_until_a_report_or_an_item_changes(world):
    from duban.tracking.selectors import not_reported

    py = (ItemType.PROJECT_YEAR, world.project_year.pk)
    day = date(2024, 3, 20)
    first = not_reported(world.district, 2024, day)
    assert ("2024-02", py) in {(r.period.key, r.item.ref) for r in first}
    assert not_reported(world.district, 2024, day) is first
    report = submit(world, ItemType.PROJECT_YEAR, py[1], "2024-02", invest_month=D(800), invest_ytd=D(800))
    after = not_reported(world.district, 2024, day)
    assert ("2024-02", py) not in {(r.period.key, r.item.ref) for r in after}
    report_return(actor=world.users["office"], report=report, comment="数字不对", at=AT)
    assert ("2024-02", py) in {(r.period.key, r.item.ref) for r in not_reported(world.district, 2024, day)}
    TaskUnit.objects.filter(task=world.task).delete()
    assert (ItemType.TASK, world.task.pk) not in {r.item.ref for r in not_reported(world.district, 2024, day)}
