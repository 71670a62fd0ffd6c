"""Reminders sent by hand from the not-reported list (未报清单): one per unit, item and period a day."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.core.errors import ApplicationError
from duban.core.numbers import format_day
from duban.core.people import display_name
from duban.org.models import Organisation

from .. import permissions
from ..models import Reminder
from .notifications import notify_users, unit_members


@dataclass
class ChaseResult:
    sent: list[str] = field(default_factory=list)      # reminder keys sent now
    skipped: list[str] = field(default_factory=list)   # already reminded today
    recipients: int = 0


def reminder_key(row, on_date: date) -> str:
    return f"report_chase:{row.unit_id}:{row.item.type}:{row.item.id}:{row.period.key}:{on_date.isoformat()}"


@transaction.atomic
def not_reported_remind(*, actor, district: Organisation, rows: list, on_date: date,
                        at: datetime | None = None) -> ChaseResult:
    """Remind the reporters of each listed unit about each listed item and period, in-app and by e-mail, and
    record it; a unit/item/period already reminded that day is skipped, so a second click sends nothing."""
    if not permissions.can_remind_units(actor, district):
        raise ApplicationError(_("You may not send reminders in this district."))
    if not rows:
        raise ApplicationError(_("Choose at least one unit and item to remind."))
    at = at or timezone.now()
    result = ChaseResult()
    keys = {reminder_key(row, on_date): row for row in rows}
    already = set(Reminder.objects.select_for_update().filter(key__in=keys).values_list("key", flat=True))
    for key, row in keys.items():
        if key in already:
            result.skipped.append(key)
            continue
        title = _("Please report: %(title)s (%(period)s)") % {"title": row.item.title, "period": row.period.label}
        body = _("The report for %(period)s was due on %(day)s and is %(days)s days overdue. Reminded by %(who)s.") % {
            "period": row.period.label, "day": format_day(row.due), "days": row.days_overdue,
            "who": display_name(actor)}
        url = f"/tracking/items/{row.item.type}/{row.item.id}/report/?period={row.period.key}"
        count = notify_users(users=unit_members([row.unit_id]), title=title, body=body, url=url, at=at)
        Reminder.objects.create(key=key, kind="report_chase", on_date=on_date, sent_at=at, recipients=count)
        result.sent.append(key)
        result.recipients += count
    return result
