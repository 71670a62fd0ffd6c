"""Benchmark: recompute the status of a large synthetic district, and count its SQL queries at two sizes.

    .venv/bin/python bench/bench_status.py                      # SQLite (DATABASE_URL unset)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/bench_status.py

Builds a throw-away test database (Django's test database of DATABASE_URL, dropped at the end), fills it with
a district of --projects project years with 12 confirmed monthly reports each and --tasks tasks with 12
confirmed monthly reports each, then times ``district_status`` at 31 December. The query count is measured with
django.test.utils.CaptureQueriesContext on a small district and on the large one: it must be the same.
"""

import argparse
import os
import sys
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
os.environ.setdefault("SECRET_KEY", "duban-bench-key-not-for-production")  # settings refuse DEBUG off without one

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from duban.core.models import Provenance  # noqa: E402
from duban.org.models import Organisation, OrgKind, UnitRole  # noqa: E402
from duban.plans.models import Plan, Task, TaskUnit  # noqa: E402
from duban.projects.models import PlanType, Project, ProjectCategory, ProjectYear  # noqa: E402
from duban.tracking.models import ItemType, Report, ReportState  # noqa: E402
from duban.tracking.periods import month_period  # noqa: E402
from duban.tracking.status import district_status  # noqa: E402

SH = ZoneInfo("Asia/Shanghai")
YEAR = 2024
BATCH = 5000


def build_district(name: str, city: Organisation, projects: int, tasks: int) -> Organisation:
    district = Organisation.objects.create(name=name, kind=OrgKind.DISTRICT, parent=city)
    units = [Organisation.objects.create(name=f"{name}单位{i}", kind=OrgKind.DEPARTMENT, parent=district) for i in range(40)]
    category, _ = ProjectCategory.objects.get_or_create(name="产业")
    rows = Project.objects.bulk_create(
        (Project(district=district, code=f"P{i:05d}", name=f"项目{i}", lead_unit=units[i % 40], category=category,
                 registered_with_statistics=True, stage="construction", actual_start=date(2023, 1, 1))
         for i in range(projects)), batch_size=BATCH)
    years = ProjectYear.objects.bulk_create(
        (ProjectYear(project=p, year=YEAR, plan_type=PlanType.CONTINUING, level="district",
                     annual_plan=Decimal(1000 + (i % 50) * 100)) for i, p in enumerate(rows)), batch_size=BATCH)
    plan = Plan.objects.create(district=district, year=YEAR)
    task_rows = Task.objects.bulk_create(
        (Task(plan=plan, code=f"T{i:05d}", title=f"任务{i}", target_value=Decimal(100), target_unit="个")
         for i in range(tasks)), batch_size=BATCH)
    TaskUnit.objects.bulk_create((TaskUnit(task=t, organisation=units[i % 40], role=UnitRole.LEAD)
                                  for i, t in enumerate(task_rows)), batch_size=BATCH)
    _reports(district, [(ItemType.PROJECT_YEAR, y.pk, y.annual_plan) for y in years]
             + [(ItemType.TASK, t.pk, Decimal(100)) for t in task_rows])
    return district


def _reports(district: Organisation, items, months: int = 12) -> None:
    def rows():
        for n, (item_type, item_id, target) in enumerate(items):
            pace = Decimal(60 + n % 50) / 100
            previous = Decimal(0)
            for month in range(1, months + 1):
                period = month_period(YEAR, month)
                done = (target * pace * month / 12).quantize(Decimal("0.01"))
                values = ({"invest_month": done - previous, "invest_ytd": done} if item_type == ItemType.PROJECT_YEAR
                          else {"value": done})
                previous = done
                yield Report(item_type=item_type, item_id=item_id, district=district, year=YEAR, frequency="monthly",
                             period_key=period.key, period_end=period.end, state=ReportState.CONFIRMED,
                             submitted_at=datetime(YEAR, month, 28, tzinfo=SH), provenance=Provenance.GENERATED,
                             **values)
    batch = []
    for report in rows():
        batch.append(report)
        if len(batch) >= BATCH:
            Report.objects.bulk_create(batch)
            batch = []
    if batch:
        Report.objects.bulk_create(batch)


def measure(district: Organisation) -> tuple[int, int, float]:
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        statuses = district_status(district, date(YEAR, 12, 31))
    return len(statuses), len(queries.captured_queries), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=20_000)
    parser.add_argument("--tasks", type=int, default=5_000)
    parser.add_argument("--small-projects", type=int, default=200)
    parser.add_argument("--small-tasks", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    vendor = connection.vendor
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        city = Organisation.objects.create(name="基准市", kind=OrgKind.CITY)
        t0 = time.perf_counter()
        small = build_district("小区", city, args.small_projects, args.small_tasks)
        large = build_district("大区", city, args.projects, args.tasks)
        print(f"[{vendor}] built {Report.objects.count():,} reports in {time.perf_counter() - t0:.1f} s")
        small_items, small_queries, _ = measure(small)
        times = []
        for _ in range(args.runs):
            large_items, large_queries, seconds = measure(large)
            times.append(seconds)
        print(f"[{vendor}] small district: {small_items:,} items, {small_queries} queries")
        print(f"[{vendor}] large district: {large_items:,} items, {large_queries} queries, "
              f"status in {min(times):.2f} s (best of {args.runs}; all: {', '.join(f'{t:.2f}' for t in times)})")
        if small_queries != large_queries:
            print(f"[{vendor}] QUERY COUNT GREW: {small_queries} → {large_queries}")
            sys.exit(1)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
