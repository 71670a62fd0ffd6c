"""``duban load_demo``: load the demo district (济南市 → 市中区); running it again changes nothing."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from duban.demo.loader import load_demo


class Command(BaseCommand):
    help = ("Load the demo district 市中区 of 济南市: organisations, logins (password duban-demo), plans of "
            "2020/2021/2022/2024, key projects, indicators and a year of progress. Idempotent.")

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2024, help="Seed of the generated records (default 2024).")
        parser.add_argument("--reset", action="store_true",
                            help="Empty the whole database first (every table, not only the demo's), then load.")
        parser.add_argument("--no-progress", action="store_true", help="Do not generate the year of progress.")

    def handle(self, *args, seed: int, reset: bool, no_progress: bool, **options):
        started = time.monotonic()
        if reset:
            self.stdout.write("Emptying the database…")
            call_command("flush", interactive=False, verbosity=0)
        try:
            counts = load_demo(seed=seed, progress=not no_progress, say=self.stdout.write)
        except Exception as exc:  # a failed load leaves the database as it was (one transaction per step)
            raise CommandError(f"The demo could not be loaded: {exc}") from exc
        rows = sum(n for label, n in counts.items() if ".Historical" not in label)
        self.stdout.write(self.style.SUCCESS(
            f"Demo loaded in {time.monotonic() - started:.1f} s: {rows} rows. "
            "Logins: office, projects, stats, reporter, unitlead, leader, cityoffice, centre, grid, admin "
            "(password duban-demo)."))
