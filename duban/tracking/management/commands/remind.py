"""duban remind: send the reminders due on a day (reports due or overdue, orders near or past deadline).

Running it twice for the same day sends nothing twice. Red items get a supervision order automatically when
the district's rule set says so (auto_order).
"""

from datetime import datetime, time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from duban.core import dates
from duban.tracking.items import load_items
from duban.tracking.services import reminders_send
from duban.tracking.services.reminders import reminder_items
from duban.tracking.status import (
    compute_statuses,
    load_config,
    load_confirmed,
    load_observations,
    load_system_figures,
    load_unit_names,
)

from .status import districts_named, parse_date


class Command(BaseCommand):
    help = "Send the reminders due on a day (e-mail and in-app); idempotent per day."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="day YYYY-MM-DD (default: today)")
        parser.add_argument("--district", help="district name (default: every district)")
        parser.add_argument("--dry-run", action="store_true", help="show what would be sent, send nothing")
        parser.add_argument("--no-orders", action="store_true", help="do not issue automatic supervision orders")

    def handle(self, *args, **options):
        # Reminders and automatic orders are written in the site's language, whatever the shell's locale.
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(options)

    def _handle(self, options):
        on_date = parse_date(options["date"]) if options["date"] else dates.today()
        at = _moment_of(on_date)
        total_sent = total_skipped = total_orders = 0
        for district in districts_named(options["district"]):
            items = load_items(district=district, year=on_date.year)
            config = load_config(district)
            statuses = None
            if not options["no_orders"] and config.default.auto_order:
                # automatic orders: only this year's items; reminders also cover last year's final periods
                figures = dict(load_observations(items, on_date.year, on_date))
                figures.update(load_confirmed(district, on_date.year, on_date))
                figures.update(load_system_figures(items, on_date))
                statuses = compute_statuses(items, figures, config, load_unit_names(items), on_date)
            result = reminders_send(district=district, items=reminder_items(district=district, on_date=on_date),
                                    on_date=on_date, config=config.default,
                                    statuses=statuses, at=at, dry_run=options["dry_run"])
            for key in result.sent:
                self.stdout.write((_("Would send: %(key)s") if options["dry_run"] else _("Sent: %(key)s")) % {"key": key})
            total_sent += len(result.sent)
            total_skipped += result.skipped
            total_orders += result.orders_issued
        text = (_("%(day)s: %(sent)s reminders to send, %(skipped)s skipped as already sent that day, %(orders)s "
                  "supervision orders to issue automatically") if options["dry_run"]
                else _("%(day)s: %(sent)s reminders sent, %(skipped)s skipped as already sent that day, %(orders)s "
                       "supervision orders issued automatically"))
        self.stdout.write(self.style.SUCCESS(text % {
            "day": f"{on_date:%Y-%m-%d}", "sent": total_sent, "skipped": total_skipped, "orders": total_orders}))


def _moment_of(day):
    """Now, for today; for another day, 09:00 of it — so that reminders and automatic orders issued for a
    past or future day are dated, and their deadlines counted, from that day."""
    if day == dates.today():
        return dates.now()
    return timezone.make_aware(datetime.combine(day, time(9, 0)))
