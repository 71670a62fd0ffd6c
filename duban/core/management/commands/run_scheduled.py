"""duban run_scheduled: enqueue the entries of duban/schedule.py that are due and have not run for their period."""

import time as clock

from django.core.management.base import BaseCommand
from django.utils import timezone

from duban.core.scheduling import run_due


class Command(BaseCommand):
    help = "Enqueue the scheduled work that is due (duban/schedule.py); once per entry and period."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep running, checking every --interval seconds")
        parser.add_argument("--interval", type=int, default=60, help="seconds between checks with --loop (default 60)")
        parser.add_argument("--dry-run", action="store_true", help="show what is due, enqueue nothing")

    def handle(self, *args, **options):
        while True:
            for entry, period in run_due(now=timezone.localtime(), dry_run=options["dry_run"]):
                verb = "due" if options["dry_run"] else "enqueued"
                self.stdout.write(f"{entry.name} {period}: {verb} ({entry.task})")
            if not options["loop"]:
                return
            clock.sleep(max(1, options["interval"]))
