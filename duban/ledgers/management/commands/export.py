"""duban export KIND: a ledger of the district's year as an .xlsx file in the office's layout."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from duban.ledgers.commands import district_named
from duban.ledgers.exports import ledger_export
from duban.ledgers.layouts import LAYOUTS
from duban.tracking.management.commands.status import parse_date


class Command(BaseCommand):
    help = "Write a ledger (projects, plan, tasks, orders, livelihood, indicators, expropriation) as an .xlsx file."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(LAYOUTS))
        parser.add_argument("--district", help="district name (needed when there are several)")
        parser.add_argument("--year", type=int, help="plan year (default: the date's year)")
        parser.add_argument("--date", help="figures as at YYYY-MM-DD (default: today)")
        parser.add_argument("--template", action="store_true", help="the empty layout for the year")
        parser.add_argument("-o", "--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            if not options["output"].endswith(".xlsx"):
                raise CommandError(_("The output file must end in .xlsx"))
            district = district_named(options["district"])
            on_date = parse_date(options["date"]) if options["date"] else timezone.localdate()
            year = options["year"] or on_date.year
            content = ledger_export(kind=options["kind"], district=district, year=year, on_date=on_date,
                                    template=options["template"])
            Path(options["output"]).write_bytes(content)
            self.stdout.write(_("Wrote %(file)s") % {"file": options["output"]})
