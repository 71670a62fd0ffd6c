"""duban bulletin KIND --date YYYY-MM-DD [--district NAME] -o FILE.docx|FILE.pdf"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from duban.bulletins.generate import bulletin_render
from duban.bulletins.kinds import FORMATS, KINDS
from duban.core import dates
from duban.core.errors import ApplicationError
from duban.tracking.management.commands.status import districts_named, parse_date


class Command(BaseCommand):
    help = "Write a bulletin (通报) of a district at a date as Word (.docx) or PDF: " + ", ".join(KINDS)

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(KINDS))
        parser.add_argument("--date", help="figures as of YYYY-MM-DD (default: today)")
        parser.add_argument("--district", help="district name (default: the only, or first, district)")
        parser.add_argument("--year", type=int, help="plan year (default: the date's year)")
        parser.add_argument("-o", "--output", required=True, help="FILE.docx or FILE.pdf")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(options)

    def _handle(self, options):
        on_date = parse_date(options["date"]) if options["date"] else dates.today()
        target = Path(options["output"])
        fmt = target.suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            raise CommandError(_("Bulletins are written as .docx or .pdf, not “%(fmt)s”.") % {"fmt": target.suffix or target.name})
        districts = districts_named(options["district"])
        if not districts:
            raise CommandError(_("There is no district yet: load one first (duban load_demo)."))
        try:
            data = bulletin_render(kind=options["kind"], district=districts[0], on_date=on_date, fmt=fmt,
                                   year=options["year"])
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        target.write_bytes(data)
        self.stdout.write(_("%(kind)s of %(district)s as of %(day)s written to %(file)s (%(size)s bytes)") % {
            "kind": KINDS[options["kind"]], "district": districts[0].name, "day": on_date.isoformat(),
            "file": target, "size": len(data)})
