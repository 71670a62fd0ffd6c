"""Benchmark: server time and SQL queries of the dashboard, status list, item page and public portal (and the
not-reported list when that page exists), on the demo and on a district ten times the demo's size.

    .venv/bin/python bench/bench_pages.py [--runs N]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/bench_pages.py

Builds a throw-away test database (Django's test database of DATABASE_URL, dropped at the end), loads the demo
as of 2024-06-30 (DUBAN_TODAY), then builds a second district with ten times the demo's key projects, tasks
and livelihood sub-items of 2024, each with confirmed monthly reports to June. Every page is requested through
Django's test client as the district's supervision office (what a server spends, without the network): one
warm-up request, then --runs timed requests; p50 and p95 are printed with the number of SQL queries of one
request. A trivial view (the favicon redirect) is timed in the same run as the floor of the machine.
"""

import argparse
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

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from bench_status import YEAR, _reports, build_district  # noqa: E402
from duban.demo.loader import load_demo  # noqa: E402
from duban.org.models import Membership, Organisation, OrgKind, Role, UnitRole  # noqa: E402
from duban.plans.models import LivelihoodItem, LivelihoodSubItem, LivelihoodSubItemUnit, Plan, Task  # noqa: E402
from duban.projects.models import ProjectYear  # noqa: E402
from duban.tracking.models import ItemType  # noqa: E402

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


def build_large(city: Organisation, demo: Organisation) -> Organisation:
    """A district with ten times the demo's 2024 project years, tasks and livelihood sub-items."""
    projects = ProjectYear.objects.filter(project__district=demo, year=YEAR).count() * 10
    tasks = Task.objects.filter(plan__district=demo, plan__year=YEAR).count() * 10
    subs = LivelihoodSubItem.objects.filter(item__plan__district=demo, item__plan__year=YEAR).count() * 10
    district = build_district("十倍区", city, projects, tasks)
    plan = Plan.objects.get(district=district, year=YEAR)
    unit = Organisation.objects.filter(parent=district).order_by("id").first()
    items = LivelihoodItem.objects.bulk_create(LivelihoodItem(plan=plan, number=i + 1, title=f"实事{i + 1}")
                                               for i in range(max(1, subs // 5)))
    sub_rows = LivelihoodSubItem.objects.bulk_create(
        LivelihoodSubItem(item=items[i % len(items)], title=f"子项{i}", target_value=Decimal(10), target_unit="处",
                          order=i) for i in range(subs))
    LivelihoodSubItemUnit.objects.bulk_create(LivelihoodSubItemUnit(sub_item=s, organisation=unit, role=UnitRole.LEAD)
                                              for s in sub_rows)
    _reports(district, [(ItemType.SUB_ITEM, s.pk, Decimal(10)) for s in sub_rows])
    office = get_user_model().objects.create_user("bench-office", password="x")
    Membership.objects.create(user=office, organisation=district, role=Role.SUPERVISION_OFFICE)
    print(f"  large district: {projects:,} project years, {tasks:,} tasks, {subs:,} livelihood sub-items")
    return district


def measure(client: Client, url: str, runs: int) -> tuple[float, float, int]:
    response = client.get(url)
    assert response.status_code in (200, 301, 302), (url, response.status_code)
    reset_queries()  # request_started clears the log too: start from an empty log so the slice is right
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    return statistics.median(times), p95, len(queries.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
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
        large = build_large(demo.parent, demo)
        print(f"[{vendor}] data built in {time.perf_counter() - t0:.0f} s; {args.runs} timed requests per page")
        results = {}
        for label, district, username in (("demo", demo, "office"), ("10x", large, "bench-office")):
            client = Client()
            client.force_login(get_user_model().objects.get(username=username))
            for page, url in pages(district):
                results[(label, page)] = measure(client, url, args.runs)
        print(f"| page | demo p50 / p95 ms | demo queries | 10× p50 / p95 ms | 10× queries | target (demo p95) |")
        print("|---|---|---|---|---|---|")
        for page, _url_ in pages(demo):
            d50, d95, dq = results[("demo", page)]
            l50, l95, lq = results[("10x", page)]
            target = TARGETS_MS.get(page)
            print(f"| {page} | {d50:.0f} / {d95:.0f} | {dq} | {l50:.0f} / {l95:.0f} | {lq} | "
                  f"{f'≤ {target} ms' if target else '—'} |")
            if dq != lq:
                print(f"[{vendor}] QUERY COUNT DIFFERS for {page}: {dq} → {lq}")
                failed = True
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
