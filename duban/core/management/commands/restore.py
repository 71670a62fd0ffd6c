"""duban restore PATH: put an archive of `duban backup` into the database named by DATABASE_URL."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from duban.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = ("Restore an archive of `duban backup` into the database of DATABASE_URL (migrated, and empty unless "
            "--force) and MEDIA_ROOT.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="archive written by `duban backup`")
        parser.add_argument("--force", action="store_true",
                            help="replace every row of a database that already holds data")
        parser.add_argument("--database", default="default", help="database alias (default: default)")

    def handle(self, *args, **options):
        try:
            summary = backup_restore(path=Path(options["path"]), force=options["force"], using=options["database"])
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Restored {summary.rows} rows and {summary.media_files} media files from {summary.path}"))
