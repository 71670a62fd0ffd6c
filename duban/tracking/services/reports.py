"""Reports: submit (a new version each time), confirm, return; evidence files. The only door for these writes."""

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.core import dates
from duban.core.conflicts import ConflictError, differences, format_moment
from duban.core.errors import ApplicationError
from duban.core.models import Frequency, Provenance
from duban.core.people import display_name
from duban.org.models import Organisation
from duban.org.permissions import scope_of
from duban.projects.models import Project
from duban.projects.progress import ProgressReport, progress_errors
from duban.projects.services import project_progress_apply

from .. import permissions
from ..bulk import insert_rows
from ..evidence import check_upload
from ..items import TrackedItem, load_item, load_items_by_ref
from ..models import (
    Evidence,
    EvidenceKind,
    ItemType,
    Report,
    ReportAction,
    ReportEvent,
    ReportState,
)
from ..periods import Period, month_period, period_by_key
from ..snapshots import refresh_status
from .items import items_ensure
from .notifications import notify_users, unit_members
from .problems import problem_check, problem_raise

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
        raise ApplicationError(_("The period “%(period)s” does not match how often this item is reported") % {"period": period_key}) from None
    if period.year != item.year:
        raise ApplicationError(_("The period “%(period)s” is not in the item's year (%(year)s)") % {
            "period": period.label, "year": item.year})
    if period.start > today:
        raise ApplicationError(_("The period “%(period)s” has not begun yet: it cannot be reported") % {"period": period.label})
    return period


def _reporting_unit(actor, item: TrackedItem, unit: Organisation | None) -> Organisation | None:
    allowed = item.counting_unit_ids if scope_of(actor).is_superuser else item.counting_unit_ids & scope_of(actor).reporting_unit_ids
    if unit is not None:
        if unit.pk not in allowed:
            raise ApplicationError(_("The unit chosen is not a lead or responsible unit of this item"))
        return unit
    for org_id, _role in item.units:
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
            raise ApplicationError(_("Figures cannot be negative"))


_LOOK_UP = object()     # the previous month's report is read by the check itself


def _clean_project(item: TrackedItem, period: Period, values: dict, previous=_LOOK_UP) -> dict:
    month, ytd = values.get("invest_month"), values.get("invest_ytd")
    if month is None or ytd is None:
        raise ApplicationError(_("Please give the investment of the month and the year to date"))
    _nonnegative(values, PROJECT_FIELDS)
    if period.frequency == Frequency.MONTHLY:
        _check_year_to_date(item, period, Decimal(month), Decimal(ytd), previous)
    if values.get("invest_since_start") is None:
        values["invest_since_start"] = (item.attrs.get("invested_before") or Decimal(0)) + Decimal(ytd)
    return values


def _check_year_to_date(item: TrackedItem, period: Period, month: Decimal, ytd: Decimal, previous=_LOOK_UP) -> None:
    """Year-to-date = last month's year-to-date + this month; January starts afresh.

    ``previous`` (last month's report, or None) may be given by a bulk caller that read them all at once."""
    if period.start.month == 1:
        if ytd != month:
            raise ApplicationError(
                _("In January the year-to-date investment must equal the month's, %(month)s (10k yuan); "
                  "%(ytd)s was given") % {"month": _wan(month), "ytd": _wan(ytd)}
            )
        return
    if previous is _LOOK_UP:
        previous_key = month_period(period.start.year, period.start.month - 1).key
        previous = _latest(item, previous_key) or _latest(item, previous_key, (ReportState.SUBMITTED,))
    if previous is None or previous.invest_ytd is None:
        if ytd < month:
            raise ApplicationError(_("The year-to-date investment, %(ytd)s (10k yuan), cannot be less than the month's, %(month)s") % {
                "ytd": _wan(ytd), "month": _wan(month)})
        return
    expected = previous.invest_ytd + month
    if ytd != expected:
        raise ApplicationError(
            _("The year-to-date investment must be last month's %(previous)s plus this month's %(month)s, "
              "that is %(expected)s (10k yuan); %(ytd)s was given") % {
                "previous": _wan(previous.invest_ytd), "month": _wan(month), "expected": _wan(expected), "ytd": _wan(ytd)}
        )


def _clean_quantity(item: TrackedItem, period: Period, values: dict) -> dict:
    if values.get("value") is None and values.get("percent") is None and not values.get("is_done"):
        raise ApplicationError(_("Please give the cumulative figure, the progress (%) or mark it completed"))
    _nonnegative(values, ("value", "percent"))
    if values.get("percent") is not None and values["percent"] > 100:
        raise ApplicationError(_("Progress cannot exceed 100%"))
    if values.get("value") is not None and not item.target:
        raise ApplicationError(_("This item has no quantified target: please give the progress (%)"))
    return values


def _clean_indicator(item: TrackedItem, period: Period, values: dict) -> dict:
    if values.get("value") is None and values.get("growth") is None:
        raise ApplicationError(_("Please give the value or the growth"))
    return values


def _clean_expropriation(item: TrackedItem, period: Period, values: dict) -> dict:
    _nonnegative(values, EXPROPRIATION_FIELDS)
    if all(values.get(name) is None for name in EXPROPRIATION_FIELDS):
        raise ApplicationError(_("Please give the cumulative households or area signed, vacated, demolished, or the land handed over"))
    signed, vacated, demolished = (values.get(n) or 0 for n in EXPROPRIATION_FIELDS[:3])
    if not signed >= vacated >= demolished:
        raise ApplicationError(_("Cumulative households must be signed ≥ vacated ≥ demolished; given: signed %(signed)s, vacated "
                                 "%(vacated)s, demolished %(demolished)s") % {
            "signed": signed, "vacated": vacated, "demolished": demolished})
    previous = (Report.objects.for_item(item.type, item.id).latest_confirmed()
                .filter(period_end__lt=period.end).order_by("-period_end").first())
    if previous is not None:
        for name in EXPROPRIATION_FIELDS:
            before, now = getattr(previous, name), values.get(name)
            if before is not None and now is not None and now < before:
                label = Report._meta.get_field(name).verbose_name
                raise ApplicationError(_("Cumulative figures cannot go down: %(label)s was %(before)s, now %(now)s") % {
                    "label": label, "before": _wan(before), "now": _wan(now)})
    return values


_CLEANERS = {
    ItemType.PROJECT_YEAR: _clean_project,
    ItemType.TASK: _clean_quantity,
    ItemType.SUB_ITEM: _clean_quantity,
    ItemType.INDICATOR_TARGET: _clean_indicator,
    ItemType.EXPROPRIATION: _clean_expropriation,
}


def _progress_of(item: TrackedItem, period: Period, progress: dict, invested) -> ProgressReport:
    return ProgressReport(
        stage=progress.get("stage") or "", stage_note=(progress.get("stage_note") or "").strip(),
        actual_start=progress.get("actual_start"),
        milestone_actuals={int(k): v for k, v in (progress.get("milestone_actuals") or {}).items() if v},
        invested=invested, on_date=period.end,
    )


def _progress_fields(item: TrackedItem, period: Period, clean: dict, progress: dict) -> dict:
    """A key project's stage, start and milestones reported, checked against the project (stored as reported)."""
    if item.type != ItemType.PROJECT_YEAR:
        return {}
    project = Project.objects.get(pk=item.attrs["project_id"])
    report = _progress_of(item, period, progress, clean.get("invest_since_start"))
    errors = progress_errors(project, list(project.milestones.order_by("order")), report)
    if errors:
        raise ApplicationError(" ".join(errors), extra={"messages": errors})
    return {
        "stage": report.stage, "stage_note": report.stage_note, "actual_start": report.actual_start,
        "milestone_actuals": {str(k): v.isoformat() for k, v in report.milestone_actuals.items()},
        "physical_progress": (progress.get("physical_progress") or "").strip(),
    }


def _checked_report(item: TrackedItem, period: Period, values: dict, progress: dict, raised: Sequence[dict],
                    today: date) -> tuple[dict, dict]:
    """The figures, the progress and the problems of a report, all checked before any refusal.

    A reporter sees every message at once (``extra["messages"]``, one per refusal), not one layer per submit."""
    messages: list[str] = []
    raw = {k: values.get(k) for k in VALUE_FIELDS[item.type]}
    try:
        clean = _CLEANERS[item.type](item, period, dict(raw))
    except ApplicationError as error:
        messages.append(error.message)
        clean = raw
    extra: dict = {}
    try:
        extra = _progress_fields(item, period, clean, progress)
    except ApplicationError as error:
        messages.extend(error.extra.get("messages") or [error.message])
    try:
        extra["raised_problems"] = _problem_fields(item, raised, today)
    except ApplicationError as error:
        messages.append(error.message)
    if messages:
        raise ApplicationError(" ".join(messages), extra={"messages": messages})
    return clean, extra


def _problem_fields(item: TrackedItem, raised: Sequence[dict], today: date) -> list[dict]:
    """Problems raised in the report: each needs its description, owner unit of the district and deadline."""
    district = Organisation.objects.get(pk=item.district_id)
    rows = []
    for problem in raised:
        owner = problem.get("owner_unit")
        text = problem_check(district=district, description=problem.get("description", ""), owner_unit=owner,
                             deadline=problem.get("deadline"), today=today)
        rows.append({"description": text, "owner_unit": owner.pk, "deadline": problem["deadline"].isoformat()})
    return rows


def _apply_confirmed(report: Report, actor, at: datetime) -> None:
    item = load_item(report.item_type, report.item_id)
    if item is None:
        return
    if item.type == ItemType.PROJECT_YEAR and (report.stage or report.actual_start or report.milestone_actuals):
        period = period_by_key(item.frequency, report.period_key, item.deadline)
        progress = {"stage": report.stage, "stage_note": report.stage_note, "actual_start": report.actual_start,
                    "milestone_actuals": {k: date.fromisoformat(v) for k, v in report.milestone_actuals.items()}}
        project = Project.objects.get(pk=item.attrs["project_id"])
        project_progress_apply(project=project, report=_progress_of(item, period, progress, report.invest_since_start),
                               by=actor)
    units = Organisation.objects.in_bulk([p["owner_unit"] for p in report.raised_problems])
    for raised in report.raised_problems:
        problem_raise(actor=None, item=item, description=raised["description"], owner_unit=units[raised["owner_unit"]],
                      deadline=date.fromisoformat(raised["deadline"]), report=report, raised_by=report.submitted_by,
                      at=at)


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
    provenance: str = Provenance.ENTERED, at: datetime | None = None, expected_version: int | None = None,
    progress: dict | None = None, raised_problems: Sequence[dict] = (),
) -> Report:
    """Submit a report for a period: a new version each time (first report, resubmission, or correction).

    ``expected_version``: the period's latest version number when the form was opened (0: none). When someone
    submitted another version since, ConflictError shows both (yours and the latest); None: no check.

    A key project's report may carry its physical progress (``progress``: stage, stage_note, actual_start,
    milestone_actuals {milestone id: date}, physical_progress) and problems (``raised_problems``: description,
    owner_unit, deadline); both are checked now and applied when the office confirms the version.
    """
    at = at or dates.now()
    item = load_item(item_type, item_id)
    if item is None:
        raise ApplicationError(_("No such item"))
    if not permissions.can_submit_report(actor, item):
        raise ApplicationError(_("You are not a reporter of this item's lead or responsible unit: you cannot report"))
    period = _period(item, period_key, timezone.localdate(at))
    versions = list(Report.objects.select_for_update().for_item(item.type, item.id).filter(period_key=period.key)
                    .order_by("version"))
    if expected_version is not None and expected_version != (versions[-1].version if versions else 0):
        _submit_conflict(item, expected_version, versions[-1] if versions else None, values, narrative, actor)
    pending = next((v for v in versions if v.state == ReportState.SUBMITTED), None)
    if pending is not None:
        raise ApplicationError(_("%(period)s already has a report waiting for review (version %(version)s); please wait for the review") % {
            "period": period.label, "version": pending.version})
    clean, extra = _checked_report(item, period, values, progress or {}, raised_problems, timezone.localdate(at))
    for upload in files:  # every file checked before any is written: a bad second file leaves no first one behind
        check_upload(upload)
    try:
        with transaction.atomic():  # a savepoint: a simultaneous submission's row makes this one a clear refusal
            report = Report.objects.create(
                item_type=item.type, item_id=item.id, district_id=item.district_id,
                unit=_reporting_unit(actor, item, unit), year=item.year, frequency=item.frequency, period_key=period.key,
                period_end=_figures_date(period, at), version=(versions[-1].version + 1) if versions else 1,
                state=ReportState.SUBMITTED, narrative=narrative, problems=problems, next_plan=next_plan,
                submitted_by=actor, submitted_at=at, provenance=provenance, **extra,
                **{k: v for k, v in clean.items() if v is not None},
            )
    except IntegrityError:
        raise ApplicationError(_("%(period)s: another report was submitted at the same moment; reload the page to see it") % {
            "period": period.label}) from None
    ReportEvent.objects.create(report=report, action=_action_for(versions), to_state=ReportState.SUBMITTED,
                               actor=actor, at=at)
    for upload in files:
        evidence_attach(actor=actor, report=report, upload=upload, at=at)
    return report


def _submit_conflict(item: TrackedItem, expected: int, latest: Report | None, values: dict, narrative: str, actor):
    """Someone submitted another version of this period after the form was opened: both versions, side by side."""
    names = VALUE_FIELDS[item.type]
    fields = [("version", _("Version")), ("state", _("State")), ("submitted_by", _("Submitted by")),
              *[(name, Report._meta.get_field(name).verbose_name) for name in names], ("narrative", _("Progress"))]
    yours = {"version": _("new, based on version %(version)s") % {"version": expected} if expected else _("new"),
             "state": "", "submitted_by": _user_name(actor), "narrative": narrative,
             **{name: _figure(values.get(name)) for name in names}}
    current = {"version": latest.version, "state": latest.get_state_display(),
               "submitted_by": _user_name(latest.submitted_by), "narrative": latest.narrative,
               **{name: _figure(getattr(latest, name)) for name in names}} if latest else {}
    raise ConflictError(rows=differences(fields, yours, current), current_version=str(latest.version if latest else 0),
                        message=_("Another version of this period was submitted after you opened the form"))


def _figure(value):
    return _wan(value) if isinstance(value, Decimal) else value


@transaction.atomic
def report_enter(
    *, actor, item_type: str, item_id: int, period_key: str, values: dict, narrative: str = "", problems: str = "",
    next_plan: str = "", at: datetime | None = None, refresh: bool = True, comment: str = "",
) -> Report:
    """The office enters a unit's figures itself (from its ledger): submitted and confirmed at once, in its name.

    The same checks as ``report_submit`` (period, figures, year-to-date); a new version each time, so a correction
    never overwrites the version before it. Refused while a unit's version waits for review (review it first).
    ``refresh=False`` leaves the status refresh to the caller (one refresh after a whole ledger).
    """
    at = at or dates.now()
    item = load_item(item_type, item_id)
    if item is None:
        raise ApplicationError(_("No such item"))
    if not permissions.can_enter_report(actor, item):
        raise ApplicationError(_("Only the supervising office may enter figures on a unit's behalf"))
    period = _period(item, period_key, timezone.localdate(at))
    versions = list(Report.objects.select_for_update().for_item(item.type, item.id).filter(period_key=period.key)
                    .order_by("version"))
    pending = next((v for v in versions if v.state == ReportState.SUBMITTED), None)
    if pending is not None:
        raise ApplicationError(_("%(period)s already has a report waiting for review (version %(version)s); please wait for the review") % {
            "period": period.label, "version": pending.version})
    clean = _CLEANERS[item.type](item, period, {k: values.get(k) for k in VALUE_FIELDS[item.type]})
    unit = next((org_id for org_id, _role in item.units if org_id in item.counting_unit_ids), None)
    report = Report.objects.create(
        item_type=item.type, item_id=item.id, district_id=item.district_id, unit_id=unit, year=item.year,
        frequency=item.frequency, period_key=period.key, period_end=_figures_date(period, at),
        version=(versions[-1].version + 1) if versions else 1, state=ReportState.CONFIRMED, narrative=narrative,
        problems=problems, next_plan=next_plan, submitted_by=actor, submitted_at=at, reviewed_by=actor,
        reviewed_at=at, review_comment=comment, provenance=Provenance.ENTERED,
        **{k: v for k, v in clean.items() if v is not None},
    )
    ReportEvent.objects.bulk_create([
        ReportEvent(report=report, action=_action_for(versions), to_state=ReportState.SUBMITTED, actor=actor, at=at,
                    comment=comment),
        ReportEvent(report=report, action=ReportAction.CONFIRM, from_state=ReportState.SUBMITTED,
                    to_state=ReportState.CONFIRMED, actor=actor, at=at, comment=comment),
    ])
    if refresh:
        refresh_status(items=[(report.item_type, report.item_id)])
    return report


def _previous_months(prepared: list) -> dict[tuple[str, int], Report]:
    """Last month's report of each monthly project year (latest confirmed, else latest submitted), in one query."""
    wanted = {(item.type, item.id): month_period(period.start.year, period.start.month - 1).key
              for item, period in prepared
              if item.type == ItemType.PROJECT_YEAR and period.frequency == Frequency.MONTHLY and period.start.month > 1}
    if not wanted:
        return {}
    found: dict[tuple[str, int], Report] = {}
    for report in (Report.objects.filter(item_type=ItemType.PROJECT_YEAR, item_id__in={i for _t, i in wanted},
                                         period_key__in=set(wanted.values()),
                                         state__in=(ReportState.CONFIRMED, ReportState.SUBMITTED))
                   .only("item_type", "item_id", "period_key", "state", "version", "invest_ytd")
                   .order_by("version")):
        ref = (report.item_type, report.item_id)
        if wanted.get(ref) != report.period_key:
            continue
        best = found.get(ref)
        if best is None or report.state == ReportState.CONFIRMED or best.state != ReportState.CONFIRMED:
            found[ref] = report
    return found


def reports_check_bulk(*, entries: list[dict], at: datetime | None = None) -> list[tuple[int, str]]:
    """The figure checks of ``reports_enter_bulk`` (periods, non-negative, year-to-date) without writing anything.

    For a preview (a ledger's): (index, message) of every entry whose figures would be refused, sorted. Who may
    enter them and reports waiting for review are checked when the figures are entered.
    """
    today = timezone.localdate(at or dates.now())
    items = load_items_by_ref([(e["item_type"], e["item_id"]) for e in entries])
    errors: list[tuple[int, str]] = []
    prepared = []
    for index, entry in enumerate(entries):
        item = items.get((entry["item_type"], entry["item_id"]))
        if item is None:
            continue
        try:
            prepared.append((index, entry, item, _period(item, entry["period_key"], today)))
        except ApplicationError as exc:
            errors.append((index, exc.message))
    previous = _previous_months([(item, period) for _i, _e, item, period in prepared])
    for index, entry, item, period in prepared:
        values = {k: entry["values"].get(k) for k in VALUE_FIELDS[item.type]}
        try:
            if item.type == ItemType.PROJECT_YEAR:
                _clean_project(item, period, values, previous.get(item.ref))
            else:
                _CLEANERS[item.type](item, period, values)
        except ApplicationError as exc:
            errors.append((index, exc.message))
    return sorted(errors)


@transaction.atomic
def reports_enter_bulk(*, actor, entries: list[dict], at: datetime | None = None, comment: str = "") -> list[Report]:
    """``report_enter`` for many items at once (a ledger's month): the same checks, one query per step, not per row.

    Each entry holds report_enter's ``item_type``, ``item_id``, ``period_key``, ``values`` and optionally
    ``narrative``, ``problems``, ``next_plan``; at most one entry per item and period. Every refused entry is
    reported at once (ApplicationError's ``extra["errors"]``: (index, message)) and nothing is written. The
    status is not refreshed: the caller refreshes the items once.
    """
    at = at or dates.now()
    today = timezone.localdate(at)
    items = load_items_by_ref([(e["item_type"], e["item_id"]) for e in entries])
    errors: list[tuple[int, str]] = []
    prepared = []
    for index, entry in enumerate(entries):
        item = items.get((entry["item_type"], entry["item_id"]))
        try:
            if item is None:
                raise ApplicationError(_("No such item"))
            if not permissions.can_enter_report(actor, item):
                raise ApplicationError(_("Only the supervising office may enter figures on a unit's behalf"))
            prepared.append((index, entry, item, _period(item, entry["period_key"], today)))
        except ApplicationError as exc:
            errors.append((index, exc.message))
    versions: dict[tuple[str, int, str], list[tuple[int, str]]] = {}
    if prepared:
        keys = {(item.type, item.id, period.key) for _i, _e, item, period in prepared}
        for t, i, k, v, state in (Report.objects.select_for_update()
                                  .filter(district_id__in={item.district_id for _i, _e, item, _p in prepared},
                                          item_type__in={t for t, _i, _k in keys},
                                          period_key__in={k for _t, _i, k in keys})
                                  .values_list("item_type", "item_id", "period_key", "version", "state")):
            if (t, i, k) in keys:
                versions.setdefault((t, i, k), []).append((v, state))
    previous = _previous_months([(item, period) for _i, _e, item, period in prepared])
    reports, events_of = [], []
    for index, entry, item, period in prepared:
        known = sorted(versions.get((item.type, item.id, period.key), []))
        pending = next((v for v, state in known if state == ReportState.SUBMITTED), None)
        try:
            if pending is not None:
                raise ApplicationError(_("%(period)s already has a report waiting for review (version %(version)s); please wait for the review") % {
                    "period": period.label, "version": pending})
            values = {k: entry["values"].get(k) for k in VALUE_FIELDS[item.type]}
            if item.type == ItemType.PROJECT_YEAR:
                clean = _clean_project(item, period, values, previous.get(item.ref))
            else:
                clean = _CLEANERS[item.type](item, period, values)
        except ApplicationError as exc:
            errors.append((index, exc.message))
            continue
        unit = next((org_id for org_id, _role in item.units if org_id in item.counting_unit_ids), None)
        reports.append(Report(
            item_type=item.type, item_id=item.id, district_id=item.district_id, unit_id=unit, year=item.year,
            frequency=item.frequency, period_key=period.key, period_end=_figures_date(period, at),
            version=(known[-1][0] + 1) if known else 1, state=ReportState.CONFIRMED,
            narrative=entry.get("narrative", ""), problems=entry.get("problems", ""), next_plan=entry.get("next_plan", ""),
            submitted_by=actor, submitted_at=at, reviewed_by=actor, reviewed_at=at, review_comment=comment,
            provenance=Provenance.ENTERED, **{k: v for k, v in clean.items() if v is not None}))
        events_of.append(ReportAction.CORRECT if any(state == ReportState.CONFIRMED for _v, state in known)
                         else ReportAction.RESUBMIT if known else ReportAction.SUBMIT)
    if errors:
        errors.sort()
        raise ApplicationError(errors[0][1], extra={"errors": errors})
    created = _insert_reports(reports)
    events = []
    for report, action in zip(created, events_of, strict=True):
        events.append(ReportEvent(report=report, action=action, to_state=ReportState.SUBMITTED, actor=actor, at=at,
                                  comment=comment))
        events.append(ReportEvent(report=report, action=ReportAction.CONFIRM, from_state=ReportState.SUBMITTED,
                                  to_state=ReportState.CONFIRMED, actor=actor, at=at, comment=comment))
    insert_rows(ReportEvent, events)
    return created


def _review_target(report: Report, actor=None, state: str = "", comment: str = "") -> Report:
    """The report locked for review; someone who reviewed it first makes this a conflict showing both decisions."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.state != ReportState.SUBMITTED:
        if locked.state in (ReportState.CONFIRMED, ReportState.RETURNED):
            fields = [("state", _("Review decision")), ("reviewed_by", _("Reviewed by")), ("review_comment", _("Comment")),
                      ("reviewed_at", _("Reviewed at"))]
            yours = {"state": ReportState(state).label if state else "", "reviewed_by": _user_name(actor),
                     "review_comment": comment, "reviewed_at": ""}
            current = {"state": locked.get_state_display(), "reviewed_by": _user_name(locked.reviewed_by),
                       "review_comment": locked.review_comment,
                       "reviewed_at": format_moment(locked.reviewed_at) if locked.reviewed_at else ""}
            raise ConflictError(rows=differences(fields, yours, current), current_version=locked.state, message=_(
                "This report has already been reviewed by someone else since you opened it"))
        raise ApplicationError(_("This report is “%(state)s”: it cannot be reviewed") % {"state": locked.get_state_display()})
    return locked


def _user_name(user) -> str:
    return display_name(user)


def _review(actor, report: Report, state: str, action: str, comment: str, at: datetime | None) -> Report:
    if not permissions.can_review_report(actor, report):
        raise ApplicationError(_("You may not review this report"))
    at = at or dates.now()
    locked = _review_target(report, actor, state, comment)
    locked.state, locked.reviewed_by, locked.reviewed_at, locked.review_comment = state, actor, at, comment
    locked.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_comment"])
    ReportEvent.objects.create(report=locked, action=action, from_state=ReportState.SUBMITTED, to_state=state,
                               actor=actor, at=at, comment=comment)
    _notify_reviewed(locked)
    return locked


def _notify_reviewed(report: Report) -> None:
    item = load_item(report.item_type, report.item_id)
    title = item.title if item else str(report)
    confirmed = report.state == ReportState.CONFIRMED
    users = [report.submitted_by] if report.submitted_by_id else unit_members([report.unit_id] if report.unit_id else [])
    values = {"title": title, "period": report.period_key, "version": report.version}
    body = (_("%(title)s %(period)s version %(version)s confirmed.") if confirmed
            else _("%(title)s %(period)s version %(version)s sent back.")) % values
    if report.review_comment:
        body += _("Comment: %(comment)s") % {"comment": report.review_comment}
    subject = (_("Report confirmed: %(title)s") if confirmed else _("Report sent back: %(title)s")) % values
    notify_users(users=users, title=subject, body=body, url="/tracking/my/")


@transaction.atomic
def report_confirm(*, actor, report: Report, comment: str = "", at: datetime | None = None) -> Report:
    """The supervising office confirms a submitted version: from now on its figures count, its physical
    progress is applied to the project and the problems it raises are tracked."""
    confirmed = _review(actor, report, ReportState.CONFIRMED, ReportAction.CONFIRM, comment, at)
    _apply_confirmed(confirmed, actor, at or dates.now())
    refresh_status(items=[(confirmed.item_type, confirmed.item_id)])
    return confirmed


@transaction.atomic
def report_return(*, actor, report: Report, comment: str, at: datetime | None = None) -> Report:
    """The supervising office returns a submitted version with a comment; the unit may resubmit."""
    if not comment.strip():
        raise ApplicationError(_("Please give a comment when sending it back"))
    return _review(actor, report, ReportState.RETURNED, ReportAction.RETURN, comment.strip(), at)


STAGING = "evidence/staging"


@transaction.atomic
def evidence_attach(*, actor, upload, report: Report | None = None, feedback=None,
                    at: datetime | None = None) -> Evidence:
    """Attach a checked file (type, size; a photo's taking time kept) to a report version or order feedback.

    No crash leaves a row without its file or a file nobody can find: the file is written first under a staging
    name (``evidence/staging/``) and the row points at it; only once the transaction has committed is the file
    moved to its final name (``transaction.on_commit``). A row that cannot be written takes its staged file away
    at once; a transaction rolled back later, or a process killed in between, leaves only a staged file with no
    row, which ``duban evidence_sweep`` deletes.
    """
    checked = check_upload(upload)
    evidence = Evidence(
        report=report, feedback=feedback, original_name=upload.name[:200], kind=checked.kind, size=checked.size,
        sha256=checked.sha256, taken_at=checked.taken_at, uploaded_by=actor, uploaded_at=at or dates.now(),
    )
    storage = evidence.file.storage
    final_name = evidence.file.field.generate_filename(evidence, upload.name)
    staged = storage.save(f"{STAGING}/{uuid.uuid4().hex}_{final_name.rsplit('/', 1)[-1]}", upload, max_length=300)
    evidence.file.name = staged
    try:
        evidence.save()
    except BaseException:
        storage.delete(staged)
        raise
    transaction.on_commit(lambda: evidence_promote(evidence_id=evidence.pk, final_name=final_name), robust=True)
    return evidence


def evidence_promote(*, evidence_id: int, final_name: str) -> str | None:
    """Move a committed evidence file from its staging name to its final one; the row follows (idempotent).

    The file is copied to the final name first, then the row updated, then the staged copy removed: at every
    moment the row points at a file that exists. Returns the final name, or None when there was nothing to do.
    """
    evidence = Evidence.objects.filter(pk=evidence_id).first()
    if evidence is None or not evidence.file.name.startswith(STAGING + "/"):
        return None
    storage, staged = evidence.file.storage, evidence.file.name
    if not storage.exists(staged):
        return None
    with storage.open(staged, "rb") as handle:
        final = storage.save(final_name, handle, max_length=300)
    if not Evidence.objects.filter(pk=evidence_id, file=staged).update(file=final):
        storage.delete(final)  # someone else promoted it meanwhile
        return None
    storage.delete(staged)
    return final


def _insert_reports(reports: list[Report]) -> list[Report]:
    """Insert the rows (their tracked items made first), then read their ids back by (item, period, version)."""
    missing = {(r.item_type, r.item_id) for r in reports if r.tracked_item_id is None}
    found = items_ensure(refs=missing) if missing else {}
    for report in reports:
        if report.tracked_item_id is None:
            report.tracked_item = found[(report.item_type, report.item_id)]
    insert_rows(Report, reports)
    for start in range(0, len(reports), 5000):
        batch = reports[start:start + 5000]
        ids = {(t, k, v): pk for pk, t, k, v in Report.objects.filter(
            tracked_item_id__in={r.tracked_item_id for r in batch}, period_key__in={r.period_key for r in batch},
        ).values_list("pk", "tracked_item_id", "period_key", "version")}
        for report in batch:
            report.pk = ids[(report.tracked_item_id, report.period_key, report.version)]
            report._state.adding, report._state.db = False, "default"
    return reports


@transaction.atomic
@transaction.atomic
def evidence_publish(*, actor, evidence: Evidence, is_public: bool) -> bool:
    """Let the public portal show an evidence photo of a confirmed report (or withdraw it); whether it changed."""
    evidence = Evidence.objects.select_for_update().select_related("report").get(pk=evidence.pk)
    if evidence.report is None or not permissions.can_review_report(actor, evidence.report):
        raise ApplicationError(_("Only the supervising office may publish evidence"))
    if is_public and (evidence.kind != EvidenceKind.IMAGE or evidence.report.state != ReportState.CONFIRMED):
        raise ApplicationError(_("Only photos of confirmed reports can be made public"))
    if evidence.is_public == is_public:
        return False
    evidence.is_public = is_public
    evidence.save(update_fields=["is_public"])
    return True


def reports_import(*, reports: list[Report]) -> list[Report]:
    """Bulk door for figures that arrive already reviewed (generated demo data, a ledger's history).

    ``reports`` are unsaved :class:`Report` rows with their state, submitter and reviewer set; each gets its
    submit event and, when reviewed, its review event.
    """
    created = _insert_reports(list(reports))
    events = []
    for report in created:
        events.append(ReportEvent(report=report, action=ReportAction.SUBMIT if report.version == 1 else ReportAction.RESUBMIT,
                                  to_state=ReportState.SUBMITTED, actor=report.submitted_by, at=report.submitted_at))
        if report.state != ReportState.SUBMITTED:
            action = ReportAction.CONFIRM if report.state == ReportState.CONFIRMED else ReportAction.RETURN
            events.append(ReportEvent(report=report, action=action, from_state=ReportState.SUBMITTED,
                                      to_state=report.state, actor=report.reviewed_by,
                                      at=report.reviewed_at or report.submitted_at, comment=report.review_comment))
    insert_rows(ReportEvent, events)
    refresh_status(items={(r.item_type, r.item_id) for r in created if r.state == ReportState.CONFIRMED})
    return created
