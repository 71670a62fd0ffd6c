"""Reminders (催办): reports due soon or overdue, orders near or past their deadline; automatic orders.

Each reminder has a key (kind, object, date) stored in :class:`Reminder`, so running ``duban remind`` twice for
the same day sends nothing twice.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _

from duban.core import dates
from duban.core.numbers import format_day
from duban.org.models import Organisation

from ..items import TrackedItem, load_items
from ..models import (
    OPEN_ORDER_STATES,
    OrderAction,
    OrderEvent,
    Reminder,
    Report,
    ReportState,
    SupervisionOrder,
)
from ..periods import due_date, reporting_period
from ..rules import RuleConfig
from .notifications import notify_users, office_members, unit_members
from .orders import orders_issue_automatic

#: Until the end of this month of a new year, last year's items are still reminded about: their final period
#: (December, Q4, H2, the year, the last ISO week) closes on 31 December and is due in January.
PREVIOUS_YEAR_REMINDER_MONTHS = 2


def reminder_items(*, district: Organisation, on_date: date) -> list[TrackedItem]:
    """Items whose reports may be due or overdue on ``on_date``: the year's, and in January–February also last
    year's (whose last period's report is due early in the new year)."""
    items = load_items(district=district, year=on_date.year)
    if on_date.month <= PREVIOUS_YEAR_REMINDER_MONTHS:
        items = load_items(district=district, year=on_date.year - 1) + items
    return items


@dataclass
class RemindResult:
    sent: list[str] = field(default_factory=list)       # keys of reminders sent
    skipped: int = 0                                      # already sent today
    recipients: int = 0
    orders_issued: int = 0


@dataclass(frozen=True)
class DueReport:
    item: TrackedItem
    period_key: str
    period_label: str
    due: date


def _wants_reminder(on_date: date, due: date, config: RuleConfig) -> str | None:
    days_left = (due - on_date).days
    if days_left in config.remind_days_before:
        return "due"
    overdue = (on_date - due).days
    if overdue >= 1 and (overdue - 1) % max(config.overdue_repeat_days, 1) == 0:
        return "overdue"
    return None


def reports_wanting_reminders(items: list[TrackedItem], district: Organisation, on_date: date,
                              config: RuleConfig) -> dict[str, list[DueReport]]:
    """Items whose latest closed period has no submitted or confirmed report, by "due"/"overdue"."""
    candidates = []
    for item in items:
        period = reporting_period(item.frequency, item.year, on_date, item.deadline)
        if period is None or period.end > on_date:
            continue
        due = due_date(period)
        kind = _wants_reminder(on_date, due, config)
        if kind:
            candidates.append((kind, DueReport(item, period.key, period.label, due)))
    if not candidates:
        return {}
    reported = set(Report.objects.filter(
        district=district, period_key__in={c[1].period_key for c in candidates},
        state__in=(ReportState.SUBMITTED, ReportState.CONFIRMED),
    ).values_list("item_type", "item_id", "period_key"))
    out: dict[str, list[DueReport]] = defaultdict(list)
    for kind, due_report in candidates:
        if (due_report.item.type, due_report.item.id, due_report.period_key) not in reported:
            out[kind].append(due_report)
    return out


def _report_messages(wanting: dict[str, list[DueReport]], on_date: date):
    """One message per unit and kind, listing its items."""
    for kind, due_reports in wanting.items():
        by_unit: dict[int, list[DueReport]] = defaultdict(list)
        for due_report in due_reports:
            for org_id in due_report.item.counting_unit_ids:
                by_unit[org_id].append(due_report)
        for org_id, listed in sorted(by_unit.items()):
            lines = "\n".join(_("· %(title)s (%(period)s, due by %(day)s)") % {
                "title": d.item.title, "period": d.period_label,
                "day": _("%(month)02d-%(day)02d") % {"month": d.due.month, "day": d.due.day}} for d in listed)
            title = (_("Reports due: %(count)s to report") if kind == "due"
                     else _("Reports overdue: %(count)s to report")) % {"count": len(listed)}
            yield f"report_{kind}:{org_id}:{on_date.isoformat()}", kind, [org_id], title, lines, "/tracking/my/"


def _order_messages(district: Organisation, on_date: date, config: RuleConfig):
    orders = SupervisionOrder.objects.filter(district=district, state__in=OPEN_ORDER_STATES).prefetch_related("units")
    for order in orders:
        kind = _wants_reminder(on_date, order.deadline, config)
        if kind is None:
            continue
        lead = [u.organisation_id for u in order.units.all() if u.role == "lead"]
        title = (_("Supervision order due soon: %(number)s %(title)s") if kind == "due"
                 else _("Supervision order overdue: %(number)s %(title)s")) % {"number": order.number, "title": order.title}
        body = _("Deadline: %(day)s. Please act and report what was done.") % {"day": format_day(order.deadline)}
        yield f"order_{kind}:{order.pk}:{on_date.isoformat()}", kind, lead, title, body, f"/tracking/orders/{order.pk}/", order


@transaction.atomic
def reminders_send(*, district: Organisation, items: list[TrackedItem], on_date: date, config: RuleConfig,
                   statuses=None, at: datetime | None = None, dry_run: bool = False) -> RemindResult:
    """Send what is due on ``on_date`` for one district; what was already sent that day is skipped."""
    at = at or dates.now()
    result = RemindResult()
    messages = list(_report_messages(reports_wanting_reminders(items, district, on_date, config), on_date))
    messages += list(_order_messages(district, on_date, config))
    already = set(Reminder.objects.filter(key__in=[m[0] for m in messages]).values_list("key", flat=True))
    for key, kind, org_ids, title, body, url, *order in messages:
        if key in already:
            result.skipped += 1
            continue
        result.sent.append(key)
        if dry_run:
            continue
        users = unit_members(org_ids)
        if order and kind == "overdue":
            users += office_members(district.pk)
        count = notify_users(users=users, title=title, body=body, url=url, at=at)
        Reminder.objects.create(key=key, kind=key.split(":")[0], on_date=on_date, sent_at=at, recipients=count)
        result.recipients += count
        if order:
            OrderEvent.objects.create(order=order[0], action=OrderAction.REMIND, actor=None, at=at,
                                      from_state=order[0].state, to_state=order[0].state, comment=title)
    if statuses is not None and config.auto_order:
        issued = orders_issue_automatic(district=district, statuses=statuses, rule_config=config, at=at, dry_run=dry_run)
        result.orders_issued = len(issued)
    return result
