"""duban import KIND FILE.xlsx: preview a ledger against the database, then write it through the services."""

from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from duban.core.errors import ApplicationError
from duban.ledgers.commands import district_named, preview_lines, user_named
from duban.ledgers.imports import ledger_import
from duban.ledgers.layouts import IMPORTABLE


class Command(BaseCommand):
    help = "Import a ledger (.xlsx): --dry-run prints the preview; any error writes nothing and exits non-zero."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(IMPORTABLE))
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="print what would change and write nothing")
        parser.add_argument("--district", help="district name (needed when there are several)")
        parser.add_argument("--year", type=int, help="plan year (default: this year)")
        parser.add_argument("--date", type=date.fromisoformat,
                            help="the ledger's date (YYYY-MM-DD): the month whose figures the file carries "
                                 "(default: the file's 截至日期 line)")
        parser.add_argument("--user", help="login of the user the import acts as (permissions and history)")
        parser.add_argument("--accept-matches", action="store_true",
                            help="accept the units and projects matched by similarity that the preview lists")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            path = Path(options["file"])
            if not path.is_file():
                raise CommandError(_("No such file: %(file)s") % {"file": path})
            district = district_named(options["district"])
            bar = None

            def progress(done: int, total: int) -> None:
                nonlocal bar
                if bar is None:
                    bar = tqdm(total=total, unit=_("rows"), file=self.stderr._out)
                bar.update(done - bar.n)

            try:
                preview = ledger_import(
                    kind=options["kind"], content=path.read_bytes(), district=district,
                    year=options["year"] or timezone.localdate().year, user=user_named(options["user"]),
                    confirm=not options["dry_run"], accept_matches=options["accept_matches"], progress=progress,
                    on_date=options["date"])
            except ApplicationError as exc:
                raise CommandError(exc.message) from None
            finally:
                if bar is not None:
                    bar.close()
            if preview.problems:
                raise CommandError("\n".join(preview.problems + [s.message for s in preview.suggestions] + preview.warnings))
            for line in preview_lines(preview):
                self.stdout.write(line)
            if preview.written:
                self.stdout.write(_("Written."))
            else:
                self.stdout.write(_("Dry run: nothing was written."))
