"""duban evidence_sweep: the media folder checked against the database.

Deletes files under MEDIA_ROOT that no row points at (left by a crash or a rolled-back upload) once they are
older than the grace period, and lists rows whose file is missing (never deleting a row). With --dry-run it
only lists. Scheduled daily in duban/schedule.py. Exits 0; the lists are printed.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from duban.tracking.sweep import media_sweep


class Command(BaseCommand):
    help = "Delete media files with no row (older than --grace-minutes); list rows whose file is missing."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list only; delete and move nothing")
        parser.add_argument("--grace-minutes", type=int, default=60,
                            help="leave files younger than this alone: their upload may not have committed yet (default 60)")

    def handle(self, *args, dry_run=False, grace_minutes=60, **options):
        result = media_sweep(dry_run=dry_run, grace=timedelta(minutes=max(grace_minutes, 0)))
        for name in result.promoted:
            self.stdout.write(f"moved out of staging: {name}")
        verb = "would delete" if dry_run else "deleted"
        for name in result.orphans:
            self.stdout.write(f"{verb} (no row): {name}")
        for label, pk, name in result.missing:
            self.stdout.write(f"file missing: {label} #{pk}: {name}")
        self.stdout.write(f"{len(result.orphans)} file(s) with no row {verb}; {len(result.missing)} row(s) with a "
                          f"missing file (rows are never deleted)")
