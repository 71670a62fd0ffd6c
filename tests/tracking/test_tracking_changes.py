"""The change log (duban.core.changes): PostgreSQL's triggers stamp every write to what the items and reports
are read from, per district; per-process caches compare the stamp instead of digesting thousands of rows."""

import re
from decimal import Decimal as D

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from duban.core.changes import CITY, change_stamp, changes_compact
from duban.org.models import Organisation
from duban.plans.models import TaskUnit
from duban.projects.models import ProjectYear
from duban.tracking.items import items_stamp, load_items, retired_refs
from duban.tracking.models import ItemType, Report
from duban.tracking.services import report_submit
from duban.tracking.status import load_unit_names

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the change log is kept by PostgreSQL")


def submit(world, item_type, item_id, key, **values):
    return report_submit(actor=world.users["reporter_a"], item_type=item_type, item_id=item_id, period_key=key,
                         values=values)


def _stamp(district) -> tuple[int, int]:
    return change_stamp([CITY, district.pk])


def test_every_table_the_item_loaders_and_the_report_list_read_has_the_triggers(world):
    with CaptureQueriesContext(connection) as read:
        items = load_items(district=world.district, year=2024)
        load_unit_names(items)
        retired_refs(district_id=world.district.pk, year=2024)
        list(Report.objects.filter(district=world.district, year=2024).values_list("item_type", "item_id"))
    read_tables = {t for q in read.captured_queries for t in re.findall(r'(?:FROM|JOIN) "(\w+)"', q["sql"])}
    with connection.cursor() as cursor:
        cursor.execute("SELECT c.relname, array_agg(t.tgname ORDER BY t.tgname) FROM pg_trigger t "
                       "JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE 'duban_change_%%' GROUP BY c.relname")
        triggered = dict(cursor.fetchall())
    assert len(items) == 6 and "projects_projectyear" in read_tables and "org_organisation" in read_tables
    assert read_tables - set(triggered) == set()  # a loader reading a new table needs a migration adding it
    assert {tuple(names) for names in triggered.values()} == {
        ("duban_change_del", "duban_change_ins", "duban_change_trunc", "duban_change_upd")}


def test_a_write_changes_the_stamp_of_its_district_only_and_a_shared_row_every_stamp(world):
    other = world.other_district
    here, there = _stamp(world.district), _stamp(other)
    submit(world, ItemType.PROJECT_YEAR, world.project_year.pk, "2024-05", invest_month=D(100), invest_ytd=D(100))
    assert _stamp(world.district) != here and _stamp(other) == there
    for write in (
        lambda: ProjectYear.objects.filter(pk=world.project_year.pk).update(weight=D("2")),  # no save(), no signal
        lambda: TaskUnit.objects.filter(task=world.task, organisation=world.unit_c).delete(),
        lambda: Report.objects.filter(district=world.district).update(narrative="改"),
    ):
        here = _stamp(world.district)
        write()
        assert _stamp(world.district)[0] == here[0] + 1 and _stamp(other) == there
    ProjectYear.objects.filter(pk=-1).update(weight=D("3"))  # no row written: nothing stamped
    assert _stamp(world.district)[0] == here[0] + 1
    Organisation.objects.filter(pk=world.unit_a.pk).update(name="区发改局")  # every district reads unit names
    assert _stamp(other) != there and _stamp(world.district)[0] == here[0] + 2


def test_compacting_keeps_every_stamp_and_the_next_write_still_changes_it(world):
    submit(world, ItemType.TASK, world.task.pk, "2024-06", value=D(3))
    before = {d.pk: _stamp(d) for d in (world.district, world.other_district)}
    assert changes_compact() > 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM duban_change")
        assert cursor.fetchone()[0] == 0
    assert {d.pk: _stamp(d) for d in (world.district, world.other_district)} == before
    assert changes_compact() == 0
    TaskUnit.objects.filter(task=world.task, organisation=world.unit_c).update(role="responsible")
    assert _stamp(world.district)[0] == before[world.district.pk][0] + 1


def test_inside_a_transaction_nothing_is_reused(world):
    assert connection.in_atomic_block  # every test of this module runs in one
    assert items_stamp(world.district) is None


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_leaves_the_stamp_as_it_was_and_a_committed_one_changes_it(world):
    before = items_stamp(world.district)
    assert before is not None and before == _stamp(world.district)
    with pytest.raises(RuntimeError), transaction.atomic():
        ProjectYear.objects.filter(pk=world.project_year.pk).update(weight=D("5"))
        raise RuntimeError("rolled back")
    assert items_stamp(world.district) == before
    with transaction.atomic():
        ProjectYear.objects.filter(pk=world.project_year.pk).update(weight=D("5"))
    after = items_stamp(world.district)
    assert after[0] == before[0] + 1 and after[1] > before[1]


@pytest.mark.django_db(transaction=True)
def test_the_item_pages_problem_form_is_kept_until_a_unit_changes(client, world):
    from duban.tracking import views

    views._RAISE_FORMS.clear()
    client.force_login(world.users["office"])
    url = f"/tracking/items/project_year/{world.project_year.pk}/"

    def owner_units() -> list[str]:
        page = client.get(url).content.decode()
        form = page[page.index('data-testid="problem-raise"'):]
        return re.findall(r'<option value="\d+">([^<]+)</option>', form[:form.index("</form>")])

    first = owner_units()
    assert "区住建局" in first and len(views._RAISE_FORMS) == 1
    assert owner_units() == first and len(views._RAISE_FORMS) == 1  # the same stamp: the kept HTML
    Organisation.objects.filter(pk=world.unit_b.pk).update(name="区住房和城乡建设局")
    renamed = owner_units()
    assert "区住房和城乡建设局" in renamed and "区住建局" not in renamed and len(views._RAISE_FORMS) == 2
