"""duban backup -o PATH: the whole database and the media files in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from duban.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Write the whole database (every app, history, users) and the media files into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="archive to write (default: duban-backup-YYYYmmdd-HHMMSS.tar.gz)")
        parser.add_argument("--database", default="default", help="database alias (default: default)")

    def handle(self, *args, **options):
        path = Path(options["output"] or f"duban-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz")
        if path.is_dir():
            raise CommandError(f"{path} is a folder: give the archive's file name")
        try:
            summary = backup_create(path=path, using=options["database"])
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Backup written to {summary.path}: {summary.rows} rows, {summary.media_files} media files"))
