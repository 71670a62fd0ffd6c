"""Generated demo progress: every light on 30 June, all records marked generated, a second call changes nothing."""

from datetime import date

from duban.core.models import Provenance
from duban.demo.progress import generate_progress
from duban.plans.models import Task, TaskUnit
from duban.tracking.models import ItemSetting, Report, ReportEvent, ReportState
from duban.tracking.status import district_status


def test_generated_progress_shows_every_light_and_is_idempotent(world):
    for i in range(6):  # a few more tasks so that every profile finds an item
        task = Task.objects.create(plan=world.plan, node=world.node, code=f"G{i}", title=f"任务{i}")
        TaskUnit.objects.create(task=task, organisation=world.unit_b, role="lead")
    summary = generate_progress(district=world.district, year=2024)
    assert summary["reports"] == Report.objects.count() > 0
    statuses = district_status(world.district, date(2024, 6, 30))
    assert {s.light for s in statuses} == {"green", "yellow", "red", "done", "not_started", "no_data"}
    assert set(Report.objects.values_list("provenance", flat=True)) == {Provenance.GENERATED}
    assert set(ItemSetting.objects.values_list("provenance", flat=True)) == {Provenance.GENERATED}
    states = set(Report.objects.values_list("state", flat=True))
    assert states == {ReportState.CONFIRMED, ReportState.SUBMITTED, ReportState.RETURNED}
    counts = (Report.objects.count(), ReportEvent.objects.count(), ItemSetting.objects.count())
    again = generate_progress(district=world.district, year=2024)
    assert again["reports"] == 0
    assert (Report.objects.count(), ReportEvent.objects.count(), ItemSetting.objects.count()) == counts
    # project figures add up month by month: year-to-date = last month + this month
    rows = list(Report.objects.filter(item_type="project_year", state="confirmed").order_by("period_end")
                .values_list("invest_month", "invest_ytd"))
    running = 0
    for month, ytd in rows:
        running += month
        assert ytd == running
