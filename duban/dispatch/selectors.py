"""Reads of direct reports: the queue each user sees, and response and closing times per unit."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet

from duban.org.models import Organisation, Role
from duban.org.permissions import scope_of

from .models import OPEN_STATES, DirectReport, State


def visible_reports(user) -> QuerySet[DirectReport]:
    """Triagers see their districts' reports; units what was dispatched to them; everyone their own."""
    base = DirectReport.objects.select_related("district", "unit")
    scope = scope_of(user)
    if scope.is_superuser:
        return base
    q = Q(reporter=user)
    for m in scope.memberships:
        if m.role in (Role.COMMAND_CENTRE, Role.SUPERVISION_OFFICE):
            district = m.organisation.district or m.organisation
            q |= Q(district__path__startswith=district.path)
        elif m.role in (Role.UNIT_REPORTER, Role.UNIT_LEADER):
            q |= Q(unit=m.organisation)
    return base.filter(q)


@dataclass(frozen=True)
class UnitTimes:
    unit: str
    dispatched: int
    answered: int
    closed: int
    overdue: int
    mean_response_hours: Decimal | None
    mean_closing_hours: Decimal | None


def _hours(pairs) -> Decimal | None:
    spans = [(b - a).total_seconds() / 3600 for a, b in pairs if a and b]
    return Decimal(str(round(sum(spans) / len(spans), 1))) if spans else None


def unit_times(district: Organisation, on_date: date) -> list[UnitTimes]:
    """Per unit: dispatched, answered, closed, overdue now; mean hours dispatch→answer and report→close."""
    rows = list(DirectReport.objects.filter(district=district, unit__isnull=False).select_related("unit")
                .order_by("unit__path"))
    by_unit: dict[str, list[DirectReport]] = {}
    for r in rows:
        by_unit.setdefault(r.unit.name, []).append(r)
    return [UnitTimes(
        name, len(rs), sum(1 for r in rs if r.answered_at), sum(1 for r in rs if r.state == State.CLOSED),
        sum(1 for r in rs if r.state == State.DISPATCHED and r.deadline < on_date),
        _hours((r.dispatched_at, r.answered_at) for r in rs), _hours((r.reported_at, r.closed_at) for r in rs),
    ) for name, rs in by_unit.items()]


def open_count(district: Organisation) -> int:
    return DirectReport.objects.filter(district=district, state__in=OPEN_STATES).count()
