"""duban escalate_problems: escalate the problems overdue on a day (unit leaders, then the leader in charge).

Running it twice for the same day sends nothing twice (a reminder is recorded per problem and day).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from duban.core import dates
from duban.tracking.services import problems_escalate

from .remind import _moment_of
from .status import districts_named, parse_date


class Command(BaseCommand):
    help = "Escalate overdue problems of the problem list (问题清单); idempotent per day."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="day YYYY-MM-DD (default: today)")
        parser.add_argument("--district", help="district name (default: every district)")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            on_date = parse_date(options["date"]) if options["date"] else dates.today()
            sent = skipped = people = 0
            for district in districts_named(options["district"]):
                result = problems_escalate(on_date=on_date, district=district, at=_moment_of(on_date))
                sent, skipped, people = sent + len(result.sent), skipped + result.skipped, people + result.recipients
            self.stdout.write(_("%(day)s: %(sent)s problems escalated (to %(people)s people), %(skipped)s already "
                                "escalated that day") % {"day": on_date.isoformat(), "sent": sent, "people": people,
                                                         "skipped": skipped})
