"""Reports: submit (a new version each time), confirm, return; evidence files. The only door for these writes."""

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from duban.core.errors import ApplicationError
from duban.core.models import Frequency, Provenance
from duban.org.models import Organisation
from duban.org.permissions import scope_of

from .. import permissions
from ..evidence import check_upload
from ..items import TrackedItem, load_item
from ..models import (
    Evidence, ItemType, Report, ReportAction, ReportEvent, ReportState,
)
from ..periods import Period, month_period, period_by_key
from .notifications import notify_users, unit_members

PROJECT_FIELDS = ("invest_month", "invest_ytd", "invest_since_start", "funds_received")
EXPROPRIATION_FIELDS = (
    "signed_households", "vacated_households", "demolished_households", "signed_area", "vacated_area",
    "demolished_area", "land_handed_mu",
)
VALUE_FIELDS = {
    ItemType.PROJECT_YEAR: PROJECT_FIELDS,
    ItemType.TASK: ("value", "percent", "is_done"),
    ItemType.SUB_ITEM: ("value", "percent", "is_done"),
    ItemType.INDICATOR_TARGET: ("value", "growth", "reference"),
    ItemType.EXPROPRIATION: EXPROPRIATION_FIELDS,
}


def _wan(value: Decimal) -> str:
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _period(item: TrackedItem, period_key: str, today: date) -> Period:
    try:
        period = period_by_key(item.frequency, period_key, item.deadline)
    except (ValueError, IndexError):
        raise ApplicationError(f"报告期“{period_key}”与该事项的填报频次不符") from None
    if period.year != item.year:
        raise ApplicationError(f"报告期“{period.label}”不在该事项的年度（{item.year}年）内")
    if period.start > today:
        raise ApplicationError(f"报告期“{period.label}”尚未开始，不能填报")
    return period


def _reporting_unit(actor, item: TrackedItem, unit: Organisation | None) -> Organisation | None:
    allowed = item.counting_unit_ids if scope_of(actor).is_superuser else item.counting_unit_ids & scope_of(actor).reporting_unit_ids
    if unit is not None:
        if unit.pk not in allowed:
            raise ApplicationError("所选单位不是该事项的牵头或责任单位")
        return unit
    for org_id, _ in item.units:
        if org_id in allowed:
            return Organisation.objects.get(pk=org_id)
    return None


def _latest(item: TrackedItem, period_key: str, states=(ReportState.CONFIRMED,)) -> Report | None:
    return (Report.objects.for_item(item.type, item.id).filter(period_key=period_key, state__in=states)
            .order_by("-version").first())


def _nonnegative(values: dict, names) -> None:
    for name in names:
        value = values.get(name)
        if value is not None and not isinstance(value, bool) and value < 0:
            raise ApplicationError("填报数值不能为负数")


def _clean_project(item: TrackedItem, period: Period, values: dict) -> dict:
    month, ytd = values.get("invest_month"), values.get("invest_ytd")
    if month is None or ytd is None:
        raise ApplicationError("请填写本月完成投资和本年累计完成投资")
    _nonnegative(values, PROJECT_FIELDS)
    if period.frequency == Frequency.MONTHLY:
        _check_year_to_date(item, period, Decimal(month), Decimal(ytd))
    if values.get("invest_since_start") is None:
        values["invest_since_start"] = (item.attrs.get("invested_before") or Decimal(0)) + Decimal(ytd)
    return values


def _check_year_to_date(item: TrackedItem, period: Period, month: Decimal, ytd: Decimal) -> None:
    """Year-to-date = last month's year-to-date + this month; January starts afresh."""
    if period.start.month == 1:
        if ytd != month:
            raise ApplicationError(
                f"1月的本年累计完成投资应等于本月完成投资{_wan(month)}万元，填报的是{_wan(ytd)}万元"
            )
        return
    previous_key = month_period(period.start.year, period.start.month - 1).key
    previous = _latest(item, previous_key) or _latest(item, previous_key, (ReportState.SUBMITTED,))
    if previous is None or previous.invest_ytd is None:
        if ytd < month:
            raise ApplicationError(f"本年累计完成投资{_wan(ytd)}万元不能小于本月完成投资{_wan(month)}万元")
        return
    expected = previous.invest_ytd + month
    if ytd != expected:
        raise ApplicationError(
            f"本年累计完成投资应为上月累计{_wan(previous.invest_ytd)}万元加本月{_wan(month)}万元，"
            f"即{_wan(expected)}万元，填报的是{_wan(ytd)}万元"
        )


def _clean_quantity(item: TrackedItem, period: Period, values: dict) -> dict:
    if values.get("value") is None and values.get("percent") is None and not values.get("is_done"):
        raise ApplicationError("请填写累计完成数、完成进度（%）或标记为已完成")
    _nonnegative(values, ("value", "percent"))
    if values.get("percent") is not None and values["percent"] > 100:
        raise ApplicationError("完成进度不能超过100%")
    if values.get("value") is not None and not item.target:
        raise ApplicationError("该事项没有量化目标，请填写完成进度（%）")
    return values


def _clean_indicator(item: TrackedItem, period: Period, values: dict) -> dict:
    if values.get("value") is None and values.get("growth") is None:
        raise ApplicationError("请填写数值或增速")
    return values


def _clean_expropriation(item: TrackedItem, period: Period, values: dict) -> dict:
    _nonnegative(values, EXPROPRIATION_FIELDS)
    if all(values.get(name) is None for name in EXPROPRIATION_FIELDS):
        raise ApplicationError("请填写累计签约、腾空、拆除户数或面积、交地亩数")
    signed, vacated, demolished = (values.get(n) or 0 for n in EXPROPRIATION_FIELDS[:3])
    if not signed >= vacated >= demolished:
        raise ApplicationError(f"累计户数应满足签约≥腾空≥拆除，填报为签约{signed}、腾空{vacated}、拆除{demolished}")
    previous = (Report.objects.for_item(item.type, item.id).latest_confirmed()
                .filter(period_end__lt=period.end).order_by("-period_end").first())
    if previous is not None:
        for name in EXPROPRIATION_FIELDS:
            before, now = getattr(previous, name), values.get(name)
            if before is not None and now is not None and now < before:
                label = Report._meta.get_field(name).verbose_name
                raise ApplicationError(f"周累计数不能减少：{label} 上期{_wan(before)}，本期填报{_wan(now)}")
    return values


_CLEANERS = {
    ItemType.PROJECT_YEAR: _clean_project,
    ItemType.TASK: _clean_quantity,
    ItemType.SUB_ITEM: _clean_quantity,
    ItemType.INDICATOR_TARGET: _clean_indicator,
    ItemType.EXPROPRIATION: _clean_expropriation,
}


def _figures_date(period: Period, at: datetime) -> date:
    """A one-off item's single period takes progress updates: each is dated the day it describes."""
    if period.frequency != Frequency.ONCE:
        return period.end
    return min(max(timezone.localdate(at), period.start), period.end)


def _action_for(versions: list[Report]) -> ReportAction:
    if not versions:
        return ReportAction.SUBMIT
    if any(v.state == ReportState.CONFIRMED for v in versions):
        return ReportAction.CORRECT
    return ReportAction.RESUBMIT


@transaction.atomic
def report_submit(
    *, actor, item_type: str, item_id: int, period_key: str, values: dict, narrative: str = "",
    problems: str = "", next_plan: str = "", files=(), unit: Organisation | None = None,
    provenance: str = Provenance.ENTERED, at: datetime | None = None,
) -> Report:
    """Submit a report for a period: a new version each time (first report, resubmission, or correction)."""
    at = at or timezone.now()
    item = load_item(item_type, item_id)
    if item is None:
        raise ApplicationError("事项不存在")
    if not permissions.can_submit_report(actor, item):
        raise ApplicationError("您不是该事项牵头或责任单位的填报人，不能填报")
    period = _period(item, period_key, timezone.localdate(at))
    versions = list(Report.objects.select_for_update().for_item(item.type, item.id).filter(period_key=period.key)
                    .order_by("version"))
    pending = next((v for v in versions if v.state == ReportState.SUBMITTED), None)
    if pending is not None:
        raise ApplicationError(f"{period.label}已有待审核的报告（第{pending.version}版），请等待审核后再提交")
    clean = _CLEANERS[item.type](item, period, {k: values.get(k) for k in VALUE_FIELDS[item.type]})
    report = Report.objects.create(
        item_type=item.type, item_id=item.id, district_id=item.district_id,
        unit=_reporting_unit(actor, item, unit), year=item.year, frequency=item.frequency, period_key=period.key,
        period_end=_figures_date(period, at), version=(versions[-1].version + 1) if versions else 1, state=ReportState.SUBMITTED,
        narrative=narrative, problems=problems, next_plan=next_plan, submitted_by=actor, submitted_at=at,
        provenance=provenance, **{k: v for k, v in clean.items() if v is not None},
    )
    ReportEvent.objects.create(report=report, action=_action_for(versions), to_state=ReportState.SUBMITTED,
                               actor=actor, at=at)
    for upload in files:
        evidence_attach(actor=actor, report=report, upload=upload, at=at)
    return report


def _review_target(report: Report) -> Report:
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.state != ReportState.SUBMITTED:
        raise ApplicationError(f"该报告当前状态为“{locked.get_state_display()}”，不能审核")
    return locked


def _review(actor, report: Report, state: str, action: str, comment: str, at: datetime | None) -> Report:
    if not permissions.can_review_report(actor, report):
        raise ApplicationError("您无权审核该报告")
    at = at or timezone.now()
    locked = _review_target(report)
    locked.state, locked.reviewed_by, locked.reviewed_at, locked.review_comment = state, actor, at, comment
    locked.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_comment"])
    ReportEvent.objects.create(report=locked, action=action, from_state=ReportState.SUBMITTED, to_state=state,
                               actor=actor, at=at, comment=comment)
    _notify_reviewed(locked)
    return locked


def _notify_reviewed(report: Report) -> None:
    item = load_item(report.item_type, report.item_id)
    title = item.title if item else str(report)
    verb = "已确认" if report.state == ReportState.CONFIRMED else "被退回"
    users = [report.submitted_by] if report.submitted_by_id else unit_members([report.unit_id] if report.unit_id else [])
    body = f"{title} {report.period_key} 第{report.version}版{verb}。" + (f"意见：{report.review_comment}" if report.review_comment else "")
    notify_users(users=users, title=f"报告{verb}：{title}", body=body, url="/tracking/my/")


@transaction.atomic
def report_confirm(*, actor, report: Report, comment: str = "", at: datetime | None = None) -> Report:
    """The supervising office confirms a submitted version: from now on its figures count."""
    return _review(actor, report, ReportState.CONFIRMED, ReportAction.CONFIRM, comment, at)


@transaction.atomic
def report_return(*, actor, report: Report, comment: str, at: datetime | None = None) -> Report:
    """The supervising office returns a submitted version with a comment; the unit may resubmit."""
    if not comment.strip():
        raise ApplicationError("退回时请填写退回意见")
    return _review(actor, report, ReportState.RETURNED, ReportAction.RETURN, comment.strip(), at)


@transaction.atomic
def evidence_attach(*, actor, upload, report: Report | None = None, feedback=None,
                    at: datetime | None = None) -> Evidence:
    """Attach a checked file (type, size; a photo's taking time kept) to a report version or order feedback."""
    checked = check_upload(upload)
    evidence = Evidence(
        report=report, feedback=feedback, original_name=upload.name[:200], kind=checked.kind, size=checked.size,
        sha256=checked.sha256, taken_at=checked.taken_at, uploaded_by=actor, uploaded_at=at or timezone.now(),
    )
    evidence.file.save(upload.name, upload, save=False)
    evidence.save()
    return evidence


@transaction.atomic
def reports_import(*, reports: list[Report]) -> list[Report]:
    """Bulk door for figures that arrive already reviewed (generated demo data, a ledger's history).

    ``reports`` are unsaved :class:`Report` rows with their state, submitter and reviewer set; each gets its
    submit event and, when reviewed, its review event.
    """
    created = Report.objects.bulk_create(reports, batch_size=2000)
    events = []
    for report in created:
        events.append(ReportEvent(report=report, action=ReportAction.SUBMIT if report.version == 1 else ReportAction.RESUBMIT,
                                  to_state=ReportState.SUBMITTED, actor=report.submitted_by, at=report.submitted_at))
        if report.state != ReportState.SUBMITTED:
            action = ReportAction.CONFIRM if report.state == ReportState.CONFIRMED else ReportAction.RETURN
            events.append(ReportEvent(report=report, action=action, from_state=ReportState.SUBMITTED,
                                      to_state=report.state, actor=report.reviewed_by,
                                      at=report.reviewed_at or report.submitted_at, comment=report.review_comment))
    ReportEvent.objects.bulk_create(events, batch_size=2000)
    return created
