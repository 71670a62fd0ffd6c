"""duban synth: a reproducible synthetic city for load and scale work (see docs/synth.md)."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from duban.core.bulk import analyze
from duban.core.changes import changes_compact
from duban.demo.synth import SynthSpec, synth_city


def _positive(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = ("Generate a synthetic city (plans, work systems, tasks, projects with monthly reports, indicators with "
            "monthly observations, orders, users of every role), marked generated; the same seed gives the same data.")

    def add_arguments(self, parser):
        parser.add_argument("--districts", type=_positive, default=2)
        parser.add_argument("--units-per-district", type=_positive, default=10)
        parser.add_argument("--projects", type=_positive, default=100, help="key projects in the whole city")
        parser.add_argument("--years", type=_positive, default=1, help="plan years ending with the --as-of year")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--indicators", type=_positive, default=20, help="indicators in the whole city")
        parser.add_argument("--tasks-per-district", type=_positive, default=50, help="tasks per district and year")
        parser.add_argument("--as-of", default=None, help="the day the data describes, YYYY-MM-DD (default: today)")
        parser.add_argument("--city", default=None, help="city name (default: 合成市<seed>)")

    def handle(self, *args, **options):
        try:
            as_of = date.fromisoformat(options["as_of"]) if options["as_of"] else date.today()
        except ValueError:
            raise CommandError(f"--as-of is written YYYY-MM-DD: {options['as_of']}") from None
        if options["districts"] < 1 or options["units_per_district"] < 1 or options["years"] < 1:
            raise CommandError("--districts, --units-per-district and --years must be at least 1")
        spec = SynthSpec(districts=options["districts"], units_per_district=options["units_per_district"],
                         projects=options["projects"], years=options["years"], seed=options["seed"],
                         indicators=options["indicators"], tasks_per_district=options["tasks_per_district"], as_of=as_of)
        start = time.perf_counter()

        def progress(step):
            self.stderr.write(f"  {step} done ({time.perf_counter() - start:.1f} s)")

        counts = synth_city(spec, city_name=options["city"], progress=progress)
        changes_compact()  # the millions of rows just written leave a short change log (core.changes)
        analyze()  # the planner's statistics for the rows just written (autovacuum may be off or late)
        progress("statistics")
        self.stdout.write(", ".join(f"{k} {v:,}" for k, v in counts.items()) + f" in {time.perf_counter() - start:.1f} s")
