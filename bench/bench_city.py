"""Benchmark: synthesise a city with ``duban synth`` and compare reading stored status with computing it.

    .venv/bin/python bench/bench_city.py                       # SQLite (DATABASE_URL unset)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/bench_city.py

Builds a throw-away test database (Django's test database of DATABASE_URL, dropped at the end), synthesises
--districts districts × --units units, --projects projects over --years years of monthly reports and
--indicators indicators, then for the largest district times (best of --runs) and counts the SQL queries of:
computing its status (``district_status(fresh=True)``), storing it (``refresh_status``), reading the stored
status (``district_status``), and one item's status (``item_status``).
"""

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from duban.demo.synth import SynthSpec, synth_city  # noqa: E402
from duban.org.models import Organisation  # noqa: E402
from duban.projects.models import ProjectYear  # noqa: E402
from duban.tracking.snapshots import refresh_status  # noqa: E402
from duban.tracking.status import district_status, item_status  # noqa: E402


def timed(runs: int, call):
    times, queries, result = [], 0, None
    for _ in range(runs):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            result = call()
        times.append(time.perf_counter() - start)
        queries = len(captured.captured_queries)
    return min(times), times, queries, result


def line(vendor, what, best, times, queries, extra=""):
    print(f"[{vendor}] {what}: {best * 1000:,.1f} ms best of {len(times)} "
          f"({', '.join(f'{t * 1000:,.0f}' for t in times)}), {queries} queries{extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=10)
    parser.add_argument("--units", type=int, default=50, help="units per district")
    parser.add_argument("--projects", type=int, default=20_000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--indicators", type=int, default=1_000)
    parser.add_argument("--tasks", type=int, default=200, help="tasks per district and year")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    vendor = connection.vendor
    as_of = date(2024, 12, 15)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        spec = SynthSpec(districts=args.districts, units_per_district=args.units, projects=args.projects,
                         years=args.years, seed=args.seed, indicators=args.indicators, tasks_per_district=args.tasks,
                         as_of=as_of)
        start = time.perf_counter()
        counts = synth_city(spec)
        print(f"[{vendor}] synth: {time.perf_counter() - start:.1f} s for " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
        district = Organisation.objects.districts().order_by("path").first()
        best, times, queries, statuses = timed(args.runs, lambda: district_status(district, as_of, fresh=True))
        line(vendor, f"compute {district.name} ({len(statuses):,} items)", best, times, queries)
        start = time.perf_counter()
        stored = refresh_status(as_of=as_of)
        print(f"[{vendor}] refresh_status of the whole city: {stored:,} items in {time.perf_counter() - start:.1f} s")
        best, times, queries, statuses = timed(args.runs, lambda: district_status(district, as_of))
        line(vendor, f"read stored {district.name} ({len(statuses):,} items)", best, times, queries)
        py = ProjectYear.objects.filter(project__district=district, year=as_of.year).order_by("pk").first()
        best, times, queries, _status = timed(args.runs, lambda: item_status("project_year", py.pk, as_of))
        line(vendor, "item_status of one project", best, times, queries)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
