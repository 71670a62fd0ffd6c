"""duban dispatch_escalate: dispatched direct reports past their deadline become supervision orders."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from duban.dispatch.services import direct_reports_escalate


class Command(BaseCommand):
    help = "Turn dispatched direct reports past their deadline without an answer into supervision orders (daily)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to judge, YYYY-MM-DD (default: today)")

    def handle(self, *args, **options):
        try:
            on_date = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}") from None
        escalated = direct_reports_escalate(on_date=on_date)
        for report in escalated:
            self.stdout.write(f"{report.number} → {report.order.number}")
        self.stdout.write(f"{len(escalated)} overdue direct report(s) escalated")
