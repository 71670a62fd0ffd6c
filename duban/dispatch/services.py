"""The only door for direct reports' writes: submit, merge, reject, dispatch, answer, close, escalate."""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.core.errors import ApplicationError
from duban.org.models import Membership, Organisation, OrgKind, Role
from duban.tracking.evidence import check_upload
from duban.tracking.models import EvidenceKind
from duban.tracking.services import notify_users, order_issue

from . import permissions
from .models import Action, Category, DirectReport, DirectReportEvent, State

#: Days the unit gets after an overdue dispatch is turned into a supervision order.
ORDER_DAYS = 3


def _event(report: DirectReport, action: str, from_state: str, actor, at: datetime, note: str = "") -> None:
    DirectReportEvent.objects.create(report=report, action=action, from_state=from_state, to_state=report.state,
                                     actor=actor if actor is not None and actor.is_authenticated else None,
                                     at=at, note=note)


def _next_number(district: Organisation, year: int) -> str:
    stem = f"ZB{district.pk}-{year}-"
    last = (DirectReport.objects.filter(number__startswith=stem).aggregate(n=Max("number"))["n"] or "")
    return f"{stem}{int(last[len(stem):] or 0) + 1:04d}"


def _tell_reporter(report: DirectReport, title: str, body: str, at: datetime) -> None:
    if report.reporter_id:
        notify_users(users=[report.reporter], title=title, body=body,
                     url=reverse("dispatch:detail", args=[report.pk]), at=at)


@transaction.atomic
def direct_report_submit(*, actor, district: Organisation, category: str, text: str, location: str, photo=None,
                         reporter_name: str = "", reporter_phone: str = "", at: datetime | None = None) -> DirectReport:
    """A grid member's or citizen's report; anyone may submit, a citizen without login leaves a phone number."""
    at = at or timezone.now()
    if district.kind != OrgKind.DISTRICT:
        raise ApplicationError(_("Choose the district where it happened"))
    if category not in Category.values:
        raise ApplicationError(_("Choose a category"))
    text, location = text.strip(), location.strip()
    if not text or not location:
        raise ApplicationError(_("Say what happened and where"))
    logged_in = actor is not None and actor.is_authenticated
    if not logged_in and not reporter_phone.strip():
        raise ApplicationError(_("Leave a phone number so that you can be told the result"))
    if photo is not None and check_upload(photo).kind != EvidenceKind.IMAGE:
        raise ApplicationError(_("The photo must be an image"))
    report = DirectReport(
        district=district, number=_next_number(district, timezone.localdate(at).year),
        channel=permissions.channel_of(actor) if logged_in else "public", category=category, text=text,
        location=location, reporter=actor if logged_in else None, reporter_name=reporter_name.strip()[:60],
        reporter_phone=reporter_phone.strip()[:30], reported_at=at)
    if photo is not None:
        report.photo.save(photo.name[-80:], photo, save=False)
    report.save()
    _event(report, Action.SUBMIT, "", actor, at)
    return report


def _triage_guard(actor, report: DirectReport, *states: str) -> None:
    if not permissions.can_triage(actor, report.district):
        raise ApplicationError(_("Only the command centre handles direct reports"))
    if report.state not in states:
        raise ApplicationError(_("Direct report %(number)s is %(state)s: this step is not possible now") % {
            "number": report.number, "state": report.get_state_display()})


@transaction.atomic
def direct_report_dispatch(*, actor, report: DirectReport, unit: Organisation, deadline: date, note: str = "",
                           at: datetime | None = None) -> DirectReport:
    at = at or timezone.now()
    _triage_guard(actor, report, State.RECEIVED)
    if unit.district is None or unit.district.pk != report.district_id or unit.kind == OrgKind.DISTRICT:
        raise ApplicationError(_("Dispatch to a unit of %(district)s") % {"district": report.district.name})
    if deadline <= timezone.localdate(at):
        raise ApplicationError(_("The deadline must be later than today"))
    before = report.state
    report.state, report.unit, report.deadline, report.dispatched_at = State.DISPATCHED, unit, deadline, at
    report.save(update_fields=["state", "unit", "deadline", "dispatched_at", "updated_at"])
    _event(report, Action.DISPATCH, before, actor, at, note)
    staff = [m.user for m in Membership.objects.filter(organisation=unit, role__in=(Role.UNIT_REPORTER, Role.UNIT_LEADER))
             .select_related("user")]
    notify_users(users=staff, title=_("Direct report %(number)s dispatched to you") % {"number": report.number},
                 body=report.text, url=reverse("dispatch:detail", args=[report.pk]), at=at)
    return report


@transaction.atomic
def direct_report_merge(*, actor, report: DirectReport, into: DirectReport, at: datetime | None = None) -> DirectReport:
    """A duplicate joins the report it repeats; its reporter follows that one's result."""
    at = at or timezone.now()
    _triage_guard(actor, report, State.RECEIVED)
    if into.pk == report.pk or into.district_id != report.district_id or into.state in (State.MERGED, State.REJECTED):
        raise ApplicationError(_("Merge into another open report of the same district"))
    before = report.state
    report.state, report.duplicate_of = State.MERGED, into
    report.save(update_fields=["state", "duplicate_of", "updated_at"])
    _event(report, Action.MERGE, before, actor, at, into.number)
    _tell_reporter(report, _("Your report %(number)s is handled together with %(other)s") % {
        "number": report.number, "other": into.number}, into.text, at)
    return report


@transaction.atomic
def direct_report_reject(*, actor, report: DirectReport, reason: str, at: datetime | None = None) -> DirectReport:
    at = at or timezone.now()
    _triage_guard(actor, report, State.RECEIVED)
    if not reason.strip():
        raise ApplicationError(_("Give the reason for rejecting it"))
    before = report.state
    report.state, report.reject_reason, report.closed_at = State.REJECTED, reason.strip()[:300], at
    report.save(update_fields=["state", "reject_reason", "closed_at", "updated_at"])
    _event(report, Action.REJECT, before, actor, at, reason)
    _tell_reporter(report, _("Your report %(number)s was not taken up") % {"number": report.number}, reason, at)
    return report


@transaction.atomic
def direct_report_answer(*, actor, report: DirectReport, answer: str, at: datetime | None = None) -> DirectReport:
    at = at or timezone.now()
    if not permissions.can_answer(actor, report):
        raise ApplicationError(_("Only the unit it was dispatched to answers it"))
    if not answer.strip():
        raise ApplicationError(_("Say what was done"))
    before = report.state
    report.state, report.answer, report.answered_at = State.ANSWERED, answer.strip(), at
    report.save(update_fields=["state", "answer", "answered_at", "updated_at"])
    _event(report, Action.ANSWER, before, actor, at, answer)
    return report


@transaction.atomic
def direct_report_close(*, actor, report: DirectReport, result: str, at: datetime | None = None) -> DirectReport:
    """The centre closes an answered report; the reporter (and those merged into it) are told the result."""
    at = at or timezone.now()
    _triage_guard(actor, report, State.ANSWERED)
    result = result.strip() or report.answer
    before = report.state
    report.state, report.result, report.closed_at = State.CLOSED, result, at
    report.save(update_fields=["state", "result", "closed_at", "updated_at"])
    _event(report, Action.CLOSE, before, actor, at, result)
    for told in [report, *report.duplicates.all()]:
        _tell_reporter(told, _("Your report %(number)s has been dealt with") % {"number": told.number}, result, at)
    return report


@transaction.atomic
def direct_reports_escalate(*, on_date: date, at: datetime | None = None) -> list[DirectReport]:
    """Dispatched reports past their deadline without an answer become supervision orders (once each)."""
    at = at or timezone.now()
    overdue = list(DirectReport.objects.filter(state=State.DISPATCHED, deadline__lt=on_date, order__isnull=True)
                   .select_related("district", "unit"))
    for report in overdue:
        report.order = order_issue(
            actor=None, district=report.district, is_automatic=True, at=at, lead_unit=report.unit,
            title=_("Direct report %(number)s not answered in time") % {"number": report.number},
            content=_("%(text)s (at %(location)s). Due %(deadline)s.") % {
                "text": report.text, "location": report.location, "deadline": report.deadline.isoformat()},
            deadline=timezone.localdate(at) + timedelta(days=ORDER_DAYS))
        report.save(update_fields=["order", "updated_at"])
        _event(report, Action.ESCALATE, report.state, None, at, report.order.number)
    return overdue
