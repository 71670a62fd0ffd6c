"""A demo served "as of" a fixed date (DUBAN_TODAY) shows nothing dated after it: generated reports, their
events, and the history rows the loader writes."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from world_builders import build_world

from duban.demo.loader import date_history_as_of_today
from duban.demo.progress import _Builder, generate_progress
from duban.org.models import Organisation
from duban.tracking.models import Report, ReportEvent, ReportState

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def test_the_builder_squeezes_stamps_after_today_into_today_in_their_order():
    builder = _Builder(None, {}, None, date(2024, 6, 30))
    early = datetime(2024, 6, 29, 15, 0, tzinfo=SH)
    assert builder.fit(early) == early
    stamps = [datetime(2024, 7, d, h, tzinfo=SH) for d, h in ((1, 9), (2, 9), (3, 16), (25, 9))]
    fitted = [builder.fit(s) for s in stamps]
    assert fitted == sorted(fitted) and len(set(fitted)) == 4
    assert all(datetime(2024, 6, 30, 9, tzinfo=SH) < f < datetime(2024, 6, 30, 18, tzinfo=SH) for f in fitted)
    assert builder.fit(datetime(2024, 7, 1, 9, tzinfo=SH)) == datetime(2024, 6, 30, 13, 30, tzinfo=SH)


def test_june_reports_are_submitted_and_confirmed_by_the_demo_date(settings):
    settings.DUBAN_TODAY = "2024-06-30"
    world = build_world()
    generate_progress(district=world.district, year=2024)
    end = datetime.combine(date(2024, 6, 30), time.max, tzinfo=SH)
    reports = Report.objects.filter(district=world.district)
    june = reports.filter(period_key="2024-06")
    assert june.filter(state=ReportState.CONFIRMED).exists()
    assert not reports.filter(submitted_at__gt=end).exists()
    assert not reports.filter(reviewed_at__gt=end).exists()
    assert not ReportEvent.objects.filter(report__district=world.district, at__gt=end).exists()
    assert {timezone.localtime(r.submitted_at).date() for r in june} == {date(2024, 6, 30)}
    for report in reports.exclude(reviewed_at=None):
        assert report.submitted_at < report.reviewed_at


def test_history_written_by_the_loader_takes_the_demo_date(settings):
    started = timezone.now()
    world = build_world()
    settings.DUBAN_TODAY = "2024-06-30"
    before = {h.history_id: timezone.localtime(h.history_date) for h in Organisation.history.all()}
    assert before and {d.date() for d in before.values()} == {timezone.localdate()}
    assert date_history_as_of_today(started) >= len(before)
    after = {h.history_id: timezone.localtime(h.history_date) for h in Organisation.history.all()}
    back = timezone.localdate() - date(2024, 6, 30)
    assert after == {pk: at - timedelta(days=back.days) for pk, at in before.items()}
    assert world.district.history.first().history_date.astimezone(SH).date() == date(2024, 6, 30)
    settings.DUBAN_TODAY = None
    assert date_history_as_of_today(started) == 0
