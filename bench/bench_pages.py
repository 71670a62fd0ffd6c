"""Benchmark: server time and SQL queries of the dashboard, status list, item page, not-reported list and public
portal, on the demo and on the demo district made ten times its size.

    .venv/bin/python bench/bench_pages.py [--runs N] [--factor 10]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/bench_pages.py

Builds a throw-away test database (Django's test database of DATABASE_URL, dropped at the end), loads the demo
as of 2024-06-30 (DUBAN_TODAY), stores its status as the scheduled daily refresh does, and times every page
through Django's test client as the district's supervision office (what a server spends, without the network):
one warm-up request, one request whose SQL statements are counted (``connection.execute_wrapper``), then --runs
timed requests (p50, p95). Then the demo district itself is made --factor times its size in 2024 (copies of its
key projects, tasks and livelihood sub-items with monthly confirmed reports to June: the same kinds of things,
more of them), refreshed again and measured again; the item page is the same project year both times. A trivial
view (the favicon redirect) is timed in the same run as the floor of the machine. Exits 1 if a page's query
count differs between the two sizes.
"""

import argparse
import copy
import math
import os
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
os.environ["DUBAN_TODAY"] = "2024-06-30"
os.environ.setdefault("SECRET_KEY", "bench-pages-throw-away-database-only")  # DEBUG stays off, as in production

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from bench_status import YEAR, _reports  # noqa: E402
from duban.demo.loader import load_demo  # noqa: E402
from duban.org.models import Organisation, OrgKind  # noqa: E402
from duban.plans.models import LivelihoodSubItem, LivelihoodSubItemUnit, Task, TaskUnit  # noqa: E402
from duban.projects.models import Project, ProjectYear  # noqa: E402
from duban.tracking.models import ItemType, StatusSnapshot  # noqa: E402
from duban.tracking.snapshots import refresh_district  # noqa: E402

ON = "2024-06-30"
TARGETS_MS = {"dashboard": 300, "status list": 150, "not-reported list": 150, "public portal": 150}


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def pages(district: Organisation) -> list[tuple[str, str]]:
    year = f"district={district.pk}&year={YEAR}&date={ON}"
    item = ProjectYear.objects.filter(project__district=district, year=YEAR).order_by("id").first()
    out = [
        ("trivial view", "/favicon.ico"),
        ("dashboard", f"/dashboard/?{year}"),
        ("status list", f"/tracking/status/?{year}"),
        ("item page", f"/tracking/items/{ItemType.PROJECT_YEAR}/{item.pk}/?date={ON}"),
        ("public portal", f"/public/?district={district.pk}"),
    ]
    not_reported = _url("tracking:not_reported")
    if not_reported:
        out.append(("not-reported list", f"{not_reported}?{year}"))
    return out


def enlarge(demo: Organisation, factor: int) -> None:
    """Make the demo district ``factor`` times its size in 2024: copies of its key projects (with their project
    year and confirmed monthly reports to June), tasks (same nodes and units) and livelihood sub-items (same
    items and units), so that the enlarged district has the same kinds of things as before, only more."""
    base_years = list(ProjectYear.objects.filter(project__district=demo, year=YEAR).select_related("project"))
    base_tasks = list(Task.objects.filter(plan__district=demo, plan__year=YEAR).prefetch_related("units"))
    base_subs = list(LivelihoodSubItem.objects.filter(item__plan__district=demo, item__plan__year=YEAR)
                     .prefetch_related("units"))
    copies = range(1, factor)
    projects = []
    for k in copies:
        for py in base_years:
            project = copy.copy(py.project)
            project.pk = project.id = None
            project.code, project.name = f"{py.project.code}-x{k}", f"{py.project.name}（副本{k}）"[:200]
            projects.append(project)
    projects = Project.objects.bulk_create(projects, batch_size=2000)
    years = []
    for n, project in enumerate(projects):
        py = copy.copy(base_years[n % len(base_years)])
        py.pk = py.id = None
        py.project = project
        years.append(py)
    years = ProjectYear.objects.bulk_create(years, batch_size=2000)
    tasks, task_units = [], []
    for k in copies:
        for task in base_tasks:
            clone = copy.copy(task)
            clone.pk = clone.id = None
            clone.code = f"{task.code}-x{k}" if task.code else ""
            tasks.append((clone, list(task.units.all())))
    created = Task.objects.bulk_create([t for t, _u in tasks], batch_size=2000)
    for clone, (_t, units) in zip(created, tasks):
        for unit in units:
            task_units.append(TaskUnit(task=clone, organisation_id=unit.organisation_id, role=unit.role))
    TaskUnit.objects.bulk_create(task_units, batch_size=2000)
    subs, sub_units = [], []
    for k in copies:
        for sub in base_subs:
            clone = copy.copy(sub)
            clone.pk = clone.id = None
            clone.title = f"{sub.title}（副本{k}）"[:200]
            subs.append((clone, list(sub.units.all())))
    created_subs = LivelihoodSubItem.objects.bulk_create([c for c, _u in subs], batch_size=2000)
    for clone, (_s, units) in zip(created_subs, subs):
        for unit in units:
            sub_units.append(LivelihoodSubItemUnit(sub_item=clone, organisation_id=unit.organisation_id, role=unit.role))
    LivelihoodSubItemUnit.objects.bulk_create(sub_units, batch_size=2000)
    _reports(demo, [(ItemType.PROJECT_YEAR, y.pk, y.annual_plan or Decimal(1000)) for y in years]
             + [(ItemType.TASK, t.pk, t.target_value or Decimal(100)) for t in created]
             + [(ItemType.SUB_ITEM, s.pk, s.target_value or Decimal(10)) for s in created_subs], months=6)
    print(f"  enlarged ×{factor}: {len(base_years) * factor:,} project years, {len(base_tasks) * factor:,} tasks, "
          f"{len(base_subs) * factor:,} livelihood sub-items")


class QueryCounter:
    """Counts the SQL statements the connection executes (``connection.execute_wrapper``): independent of
    DEBUG and of the query log, which the request_started signal clears in the middle of a request."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(client: Client, url: str, runs: int) -> tuple[float, float, int]:
    response = client.get(url)
    assert response.status_code in (200, 301, 302), (url, response.status_code)
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        client.get(url)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]
    return statistics.median(times), p95, counter.count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--factor", type=int, default=10, help="how many times the demo's size the large run is")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    setup_test_environment()
    vendor = connection.vendor
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    failed = False
    try:
        t0 = time.perf_counter()
        load_demo(seed=2024, say=lambda message: None)
        demo = Organisation.objects.get(kind=OrgKind.DISTRICT, name="市中区")
        print(f"[{vendor}] data built in {time.perf_counter() - t0:.0f} s; {args.runs} timed requests per page")
        office = get_user_model().objects.get(username="office")
        results = {}
        for label in ("demo", "10x"):
            if label == "10x":
                t0 = time.perf_counter()
                enlarge(demo, args.factor)
                print(f"  enlarged in {time.perf_counter() - t0:.0f} s")
            t0 = time.perf_counter()  # what the scheduled daily refresh does (duban.tracking.tasks)
            stored = refresh_district(demo, date.fromisoformat(ON), year=YEAR)
            print(f"  [{label}] daily status refresh: {stored:,} items in {time.perf_counter() - t0:.1f} s")
            print(f"  [{label}] load average before timing: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            client = Client()
            client.force_login(office)
            for page, url in pages(demo):
                results[(label, page)] = measure(client, url, args.runs)
            print(f"  [{label}] load average after timing: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print("| page | demo p50 / p95 ms | demo queries | 10× p50 / p95 ms | 10× queries | target (demo p95) |")
        print("|---|---|---|---|---|---|")
        for page, _url_ in pages(demo):
            d50, d95, dq = results[("demo", page)]
            l50, l95, lq = results[("10x", page)]
            target = TARGETS_MS.get(page)
            print(f"| {page} | {d50:.1f} / {d95:.1f} | {dq} | {l50:.1f} / {l95:.1f} | {lq} | "
                  f"{f'≤ {target} ms' if target else '—'} |")
            if dq != lq:
                print(f"[{vendor}] QUERY COUNT DIFFERS for {page}: {dq} → {lq}")
                failed = True
        # Without the daily refresh: the first request of the day computes the district and stores it, once.
        StatusSnapshot.objects.filter(district=demo).delete()
        client = Client()
        client.force_login(office)
        url = dict(pages(demo))["status list"]
        t0 = time.perf_counter()
        client.get(url)
        first = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        client.get(url)
        print(f"  10x status list without the daily refresh: first request {first:.0f} ms (computes and "
              f"stores), next {(time.perf_counter() - t0) * 1000:.0f} ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
