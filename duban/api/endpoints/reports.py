"""Reports: list and read; submit (a new version), confirm, return — through tracking's services."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from duban.core.errors import ApplicationError
from duban.org.models import Organisation
from duban.tracking import permissions, services
from duban.tracking.items import load_item
from duban.tracking.models import ItemType, Report, ReportState

from .. import selectors
from ..pagination import Pages
from ..schemas import CommentIn, DbId, PeriodKey, ReportOut, ReportSubmitIn, Year
from .common import ERRORS

router = Router(tags=["reports"])


class ReportFilters(Schema):
    item_type: ItemType | None = None
    item_id: DbId | None = None
    district_id: DbId | None = None
    unit_id: DbId | None = None
    year: Year | None = None
    period_key: PeriodKey | None = None
    state: ReportState | None = None


@router.get("", response={200: list[ReportOut], **ERRORS})
@paginate(Pages)
def report_list(request, filters: Query[ReportFilters]):
    rows = selectors.reports(request.user)
    for name in ("item_type", "item_id", "district_id", "unit_id", "year", "period_key", "state"):
        value = getattr(filters, name)
        if value is not None:
            rows = rows.filter(**{name: value})
    return rows


def _visible_report(user, pk: int) -> Report:
    report = get_object_or_404(Report, pk=pk)
    item = load_item(report.item_type, report.item_id)
    if item is None or not permissions.can_view_report(user, report, item):
        raise Http404
    return report


@router.get("/{report_id}", response={200: ReportOut, **ERRORS})
def report_detail(request, report_id: DbId):
    return _visible_report(request.user, report_id)


@router.post("", response={201: ReportOut, **ERRORS}, summary="Submit a report (a new version of its period)")
def report_submit(request, data: ReportSubmitIn):
    item = load_item(data.item_type, data.item_id)
    if item is None or not permissions.can_view_item(request.user, item):
        raise Http404
    if not permissions.can_submit_report(request.user, item):
        raise PermissionDenied(_("You are not a reporter of this item's lead or responsible unit: you cannot report"))
    unit = None
    if data.unit_id is not None:
        unit = Organisation.objects.filter(pk=data.unit_id).first()
        if unit is None:
            raise Http404
    if (data.progress is not None or data.raised_problems) and item.type != ItemType.PROJECT_YEAR:
        raise ApplicationError(_("Progress and problems are reported for key projects only"))
    owners = Organisation.objects.in_bulk([p.owner_unit_id for p in data.raised_problems])
    if len(owners) != len({p.owner_unit_id for p in data.raised_problems}):
        raise ApplicationError(_("Problems: no such unit"))
    report = services.report_submit(
        actor=request.user, item_type=item.type, item_id=item.id, period_key=data.period_key,
        values=data.values.model_dump(), narrative=data.narrative, problems=data.problems,
        next_plan=data.next_plan, unit=unit, expected_version=data.expected_version,
        **({"progress": data.progress.model_dump() if data.progress else None, "raised_problems": [
            {"description": p.description, "owner_unit": owners[p.owner_unit_id], "deadline": p.deadline}
            for p in data.raised_problems]} if item.type == ItemType.PROJECT_YEAR else {}),
    )
    return Status(201, Report.objects.get(pk=report.pk))  # as stored (decimals at the column's scale)


def _reviewable(user, pk: int) -> Report:
    report = _visible_report(user, pk)
    if not permissions.can_review_report(user, report):
        raise PermissionDenied(_("You may not review this report"))
    return report


@router.post("/{report_id}/confirm", response={200: ReportOut, **ERRORS})
def report_confirm(request, report_id: DbId, data: CommentIn):
    report = _reviewable(request.user, report_id)
    return services.report_confirm(actor=request.user, report=report, comment=data.comment.strip())


@router.post("/{report_id}/return", response={200: ReportOut, **ERRORS}, summary="Send a report back with a comment")
def report_return(request, report_id: DbId, data: CommentIn):
    report = _reviewable(request.user, report_id)
    return services.report_return(actor=request.user, report=report, comment=data.comment)
