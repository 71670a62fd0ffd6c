"""Reads for tracking's screens: my updates, the review queue, an item's history, visible orders."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from duban.core import dates
from duban.org.models import Organisation
from duban.org.permissions import scope_of
from duban.plans.models import Plan

from . import permissions
from .items import TrackedItem, load_items, load_items_by_ref
from .models import OPEN_ORDER_STATES, Report, ReportState, SupervisionOrder
from .periods import Period, closed_periods, due_date, period_by_key, period_of, reporting_period


def visible_districts(user) -> list[Organisation]:
    """Districts whose items the user sees at least partly: whole districts, or the districts of their units."""
    scope = scope_of(user)
    whole = list(scope.districts.order_by("path"))
    if whole:
        return whole
    ids = {m.organisation.district.pk for m in scope.memberships if m.organisation.district}
    return list(Organisation.objects.filter(pk__in=ids).order_by("path"))


def pick_district(user, requested_id: int | None) -> Organisation | None:
    districts = visible_districts(user)
    chosen = next((d for d in districts if d.pk == requested_id), None)
    return chosen or (districts[0] if districts else None)


def default_year(district: Organisation | None, today: date | None = None) -> int:
    """The latest plan year up to this year (the demo's plan may be an earlier year)."""
    today = today or dates.today()
    if district is None:
        return today.year
    year = Plan.objects.filter(district=district, year__lte=today.year).order_by("-year").values_list("year", flat=True).first()
    return year or today.year


def default_date(year: int, today: date | None = None) -> date:
    today = today or dates.today()
    return min(today, date(year, 12, 31)) if today.year >= year else date(year, 1, 31)


@dataclass(frozen=True)
class UpdateRow:
    item: TrackedItem
    period: Period
    due: date
    state: str            # done | submitted | returned | due | overdue | open
    latest: Report | None


def _row_state(latest: Report | None, confirmed: bool, due: date, on_date: date, closed: bool) -> str:
    if latest is not None and latest.state == ReportState.SUBMITTED:
        return "submitted"
    if confirmed:
        return "done"
    if latest is not None and latest.state == ReportState.RETURNED:
        return "returned"
    if not closed:
        return "open"
    return "overdue" if on_date > due else "due"


def my_updates(user, district: Organisation, year: int, on_date: date) -> list[UpdateRow]:
    """For each item the user reports on: the current period and every earlier period still without a report."""
    scope = scope_of(user)
    items = [i for i in load_items(district=district, year=year)
             if scope.is_superuser or i.counting_unit_ids & scope.reporting_unit_ids]
    reports = Report.objects.filter(district=district, year=year).filter(
        Q(item_type__in={i.type for i in items}, item_id__in={i.id for i in items})
    ).order_by("version")
    latest, confirmed = {}, set()
    for report in reports:
        key = (report.item_type, report.item_id, report.period_key)
        latest[key] = report
        if report.state == ReportState.CONFIRMED:
            confirmed.add(key)
    rows = []
    for item in items:
        current = reporting_period(item.frequency, item.year, on_date, item.deadline)
        periods = list(closed_periods(item.frequency, item.year, on_date, item.deadline))
        running = period_of(item.frequency, on_date, item.year, item.deadline)
        if running and running not in periods and running == current:
            periods.append(running)
        for period in periods:
            key = (item.type, item.id, period.key)
            due = due_date(period)
            state = _row_state(latest.get(key), key in confirmed, due, on_date, period.end <= on_date)
            if period == current or state in ("due", "overdue", "returned", "submitted"):
                rows.append(UpdateRow(item, period, due, state, latest.get(key)))
    order = {"overdue": 0, "returned": 1, "due": 2, "open": 3, "submitted": 4, "done": 5}
    return sorted(rows, key=lambda r: (order[r.state], r.due, r.item.title))


@dataclass(frozen=True)
class QueueRow:
    report: Report
    item: TrackedItem | None

    @property
    def period_label(self) -> str:
        """'2024年6月' rather than the key '2024-06'."""
        deadline = self.item.deadline if self.item else None
        try:
            return str(period_by_key(self.report.frequency, self.report.period_key, deadline).label)
        except ValueError:
            return self.report.period_key


def review_queue(user, district: Organisation) -> list[QueueRow]:
    pending = list(Report.objects.filter(district=district, state=ReportState.SUBMITTED)
                   .select_related("unit", "submitted_by").prefetch_related("evidence").order_by("submitted_at"))
    items = load_items_by_ref([(r.item_type, r.item_id) for r in pending])
    return [QueueRow(r, items.get((r.item_type, r.item_id))) for r in pending if permissions.can_review_report(user, r)]


def item_reports(item: TrackedItem) -> QuerySet[Report]:
    """Every version of every period, newest first, with its events and evidence."""
    return (Report.objects.for_item(item.type, item.id).select_related("submitted_by", "reviewed_by", "unit")
            .prefetch_related("events__actor", "evidence").order_by("-period_end", "-version"))


def previous_figures(item: TrackedItem, period: Period) -> Report | None:
    """The latest confirmed report before a period (shown beside the submit form)."""
    return (Report.objects.for_item(item.type, item.id).latest_confirmed().filter(period_end__lt=period.end)
            .order_by("-period_end").first())


def visible_orders(user, district: Organisation, *, state: str = "") -> QuerySet[SupervisionOrder]:
    scope = scope_of(user)
    orders = SupervisionOrder.objects.filter(district=district).prefetch_related("units__organisation")
    if not permissions.can_view_district_status(user, district):
        orders = orders.filter(units__organisation_id__in=scope.unit_ids).distinct()
    if state == "open":
        orders = orders.filter(state__in=OPEN_ORDER_STATES)
    elif state:
        orders = orders.filter(state=state)
    return orders.order_by("-issued_at", "-id")
