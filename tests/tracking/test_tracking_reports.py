"""Reports: versions, review, year-to-date check, expropriation checks, evidence files."""

import io
from datetime import date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from duban.core.errors import ApplicationError
from duban.tracking.models import ItemType, Report, ReportEvent, ReportState
from duban.tracking.services import report_confirm, report_return, report_submit

SH = ZoneInfo("Asia/Shanghai")
AT = datetime(2024, 7, 2, 10, tzinfo=SH)


def submit_project(world, key, month, ytd, user="reporter_a", **kw):
    return report_submit(actor=world.users[user], item_type=ItemType.PROJECT_YEAR, item_id=world.project_year.pk,
                         period_key=key, values={"invest_month": D(month), "invest_ytd": D(ytd)}, at=AT, **kw)


def test_year_to_date_must_add_up_and_the_message_gives_both_numbers(world):
    jan = submit_project(world, "2024-01", 800, 800)
    report_confirm(actor=world.users["office"], report=jan, at=AT)
    submit_project(world, "2024-02", 700, 1500)
    with pytest.raises(ApplicationError) as error:
        submit_project(world, "2024-03", 600, 2000)
    assert error.value.message == "本年累计完成投资应为上月累计1500万元加本月600万元，即2100万元，填报的是2000万元"


def test_january_starts_afresh(world):
    with pytest.raises(ApplicationError, match="1月的本年累计完成投资应等于本月完成投资800万元，填报的是900万元"):
        submit_project(world, "2024-01", 800, 900)


def test_since_start_defaults_to_invested_before_plus_year_to_date(world):
    report = submit_project(world, "2024-01", 800, 800)
    assert report.invest_since_start == D("5800.00")


def test_submit_confirm_return_resubmit_and_correct_are_versions_never_overwrites(world):
    office = world.users["office"]
    v1 = submit_project(world, "2024-01", 800, 800)
    with pytest.raises(ApplicationError, match="已有待审核的报告（第1版）"):
        submit_project(world, "2024-01", 800, 800)
    report_return(actor=office, report=v1, comment="请附照片", at=AT)
    v2 = submit_project(world, "2024-01", 900, 900)
    report_confirm(actor=office, report=v2, at=AT)
    v3 = submit_project(world, "2024-01", 950, 950)
    rows = list(Report.objects.order_by("version").values_list("version", "state", "invest_ytd"))
    assert rows == [(1, "returned", D("800.00")), (2, "confirmed", D("900.00")), (3, "submitted", D("950.00"))]
    assert list(Report.objects.latest_confirmed().values_list("version", flat=True)) == [2]
    actions = list(ReportEvent.objects.order_by("id").values_list("report__version", "action", "actor__username"))
    assert actions == [(1, "submit", "reporter_a"), (1, "return", "office"), (2, "resubmit", "reporter_a"),
                       (2, "confirm", "office"), (3, "correct", "reporter_a")]
    v1.refresh_from_db()
    assert v1.review_comment == "请附照片"
    report_confirm(actor=office, report=v3, at=AT)
    assert list(Report.objects.latest_confirmed().values_list("version", flat=True)) == [3]


def test_return_needs_a_comment_and_only_offices_review(world):
    report = submit_project(world, "2024-01", 800, 800)
    with pytest.raises(ApplicationError, match="退回时请填写退回意见"):
        report_return(actor=world.users["office"], report=report, comment=" ")
    with pytest.raises(ApplicationError, match="无权审核"):
        report_confirm(actor=world.users["reporter_a"], report=report)
    with pytest.raises(ApplicationError, match="无权审核"):
        report_confirm(actor=world.users["other_office"], report=report)


def test_reporters_act_only_on_their_units_items(world):
    with pytest.raises(ApplicationError, match="不能填报"):
        submit_project(world, "2024-01", 800, 800, user="reporter_b")
    with pytest.raises(ApplicationError, match="不能填报"):  # cooperating unit sees but does not report
        report_submit(actor=world.users["reporter_c"], item_type=ItemType.TASK, item_id=world.task.pk,
                      period_key="2024-01", values={"value": D(1)}, at=AT)


def test_period_must_fit_frequency_year_and_have_started(world):
    with pytest.raises(ApplicationError, match="与该事项的填报频次不符"):
        submit_project(world, "2024-W03", 1, 1)
    with pytest.raises(ApplicationError, match="不在该事项的年度"):
        submit_project(world, "2023-12", 1, 1)
    with pytest.raises(ApplicationError, match="尚未开始"):
        submit_project(world, "2024-08", 1, 1)


def test_quantity_and_expropriation_checks(world):
    with pytest.raises(ApplicationError, match="该事项没有量化目标"):
        report_submit(actor=world.users["reporter_b"], item_type=ItemType.TASK, item_id=world.task_pct.pk,
                      period_key="2024-01", values={"value": D(3)}, at=AT)
    exp = dict(actor=world.users["reporter_b"], item_type=ItemType.EXPROPRIATION, item_id=world.expropriation.pk, at=AT)
    with pytest.raises(ApplicationError, match="签约≥腾空≥拆除，填报为签约10、腾空12、拆除0"):
        report_submit(period_key="2024-W02", values={"signed_households": 10, "vacated_households": 12}, **exp)
    first = report_submit(period_key="2024-W02", values={"signed_households": 10, "land_handed_mu": D(3)}, **exp)
    report_confirm(actor=world.users["office"], report=first, at=AT)
    with pytest.raises(ApplicationError, match="周累计数不能减少：.*上期10，本期填报8"):
        report_submit(period_key="2024-W03", values={"signed_households": 8}, **exp)


def jpeg_with_exif(taken: str) -> bytes:
    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    exif.get_ifd(0x8769)[36867] = taken
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_evidence_keeps_the_photo_taking_time_and_refuses_bad_files(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = SimpleUploadedFile("site.jpg", jpeg_with_exif("2024:06:28 15:30:00"), content_type="image/jpeg")
    report = submit_project(world, "2024-01", 800, 800, files=[photo])
    evidence = report.evidence.get()
    assert evidence.taken_at == datetime(2024, 6, 28, 15, 30, tzinfo=SH)
    assert (evidence.kind, evidence.original_name) == ("image", "site.jpg")
    fake = SimpleUploadedFile("fake.pdf", b"not a pdf", content_type="application/pdf")
    with pytest.raises(ApplicationError, match="文件内容与类型不符：fake.pdf"):
        submit_project(world, "2024-02", 1, 801, files=[fake])
    settings.DUBAN_EVIDENCE_MAX_BYTES = 10
    with pytest.raises(ApplicationError, match="文件过大"):
        submit_project(world, "2024-02", 1, 801, files=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 0123456789")])
    with pytest.raises(ApplicationError, match="不支持的文件类型：a.exe"):
        submit_project(world, "2024-02", 1, 801, files=[SimpleUploadedFile("a.exe", b"MZ")])
    assert Report.objects.count() == 1  # a refused file rolls the whole submission back


def test_one_off_update_is_dated_the_day_it_describes(world):
    world.task.frequency = "once"
    world.task.deadline = date(2024, 9, 30)
    world.task.save(update_fields=["frequency", "deadline"])
    report = report_submit(actor=world.users["reporter_a"], item_type=ItemType.TASK, item_id=world.task.pk,
                           period_key="2024-once", values={"value": D(2)}, at=AT)
    assert (report.period_key, report.period_end, report.state) == ("2024-once", date(2024, 7, 2), ReportState.SUBMITTED)


def test_weekly_items_report_the_last_days_of_december_as_a_short_week():
    from duban.tracking.periods import period_by_key, periods_of_year, reporting_period
    # 30–31 December 2024 are ISO week 1 of 2025; the 2024 item still reports them, as week 53 ending 31 December
    week = period_by_key("weekly", "2024-W53")
    assert (week.start, week.end, str(week.label)) == (date(2024, 12, 30), date(2024, 12, 31), "2024年第53周（12月30日至31日）")
    assert reporting_period("weekly", 2024, date(2024, 12, 31)).key == "2024-W53"
    assert [len(periods_of_year("weekly", y)) for y in (2020, 2021, 2024)] == [53, 52, 53]  # 2020 has an ISO week 53
    # 1–3 January 2021 belong to ISO week 53 of 2020: a 2021 weekly item has no period open yet
    assert reporting_period("weekly", 2021, date(2021, 1, 2)) is None


def test_the_short_last_week_of_the_year_can_be_reported(world):
    report = report_submit(actor=world.users["reporter_b"], item_type=ItemType.EXPROPRIATION,
                           item_id=world.expropriation.pk, period_key="2024-W53",
                           values={"signed_households": 90}, at=datetime(2025, 1, 2, 9, tzinfo=SH))
    assert (report.period_key, report.period_end, report.year) == ("2024-W53", date(2024, 12, 31), 2024)
