"""Benchmark: server time and SQL queries of the workbench pages on a district and on one ten times its size.

    .venv/bin/python bench/bench_workbench.py                   # SQLite (DATABASE_URL unset)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/bench_workbench.py

Builds a throw-away test database (as bench_status.py does) with a small district (--projects project years and
--tasks tasks, 12 confirmed monthly reports each, December missing for every tenth item) and a district ten times
that size, then requests through Django's test client, as a superuser, the item page, the not-reported list,
the lights overview (first page) and the review queue, with the login page as the trivial view timed in the same
run: median and p95 of --runs requests, and the query count of one request. Exits non-zero when a page's query
count grows with the district, or when the item page is more than twice as slow on the large district.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_status import YEAR, build_district  # noqa: E402  (sets Django up)
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from duban.org.models import Organisation, OrgKind  # noqa: E402
from duban.projects.models import ProjectYear  # noqa: E402
from duban.tracking.models import Report  # noqa: E402


def _drop_december(district: Organisation) -> None:
    """Every tenth item has not reported December: the not-reported list has rows."""
    december = Report.objects.filter(district=district, period_key=f"{YEAR}-12")
    ids = list(december.values_list("pk", flat=True)[::10])
    Report.objects.filter(pk__in=ids).delete()


def _pages(district: Organisation) -> dict[str, str]:
    item = ProjectYear.objects.filter(project__district=district).order_by("pk").first()
    frame = f"district={district.pk}&year={YEAR}"
    return {
        "trivial (login page)": "/accounts/login/",
        "item page": f"/tracking/items/project_year/{item.pk}/?date={YEAR}-12-31",
        "not-reported list": f"/tracking/not-reported/?{frame}&date={YEAR + 1}-01-20",
        "lights overview": f"/tracking/status/?{frame}&date={YEAR}-12-31",
        "review queue": f"/tracking/review/?{frame}",
    }


def measure(client: Client, path: str, runs: int, *, method: str = "get", data: dict | None = None
            ) -> tuple[float, float, int]:
    """Median and p95 ms of ``runs`` requests (after one counted for its SQL queries), and the query count."""
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = getattr(client, method)(path, data or {})
    assert response.status_code == 200, (path, response.status_code)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        getattr(client, method)(path, data or {})
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--tasks", type=int, default=50)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    vendor = connection.vendor
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    failed = False
    try:
        city = Organisation.objects.create(name="基准市", kind=OrgKind.CITY)
        small = build_district("小区", city, args.projects, args.tasks)
        large = build_district("大区", city, args.projects * 10, args.tasks * 10)
        for district in (small, large):
            _drop_december(district)
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        client = Client()
        client.force_login(get_user_model().objects.create_superuser("bench", "bench@example.cn", "x"))
        results = {}
        for label, district in (("1x", small), ("10x", large)):
            for page, path in _pages(district).items():
                results[(page, label)] = measure(client, path, args.runs)
        print(f"[{vendor}] {args.projects + args.tasks:,} and {10 * (args.projects + args.tasks):,} items; "
              f"{args.runs} requests each; ms median / p95; queries")
        for page in _pages(small):
            (m1, p1, q1), (m10, p10, q10) = results[(page, "1x")], results[(page, "10x")]
            print(f"  {page:22} 1x: {m1:7.1f} / {p1:7.1f} ms, {q1:3} queries   10x: {m10:7.1f} / {p10:7.1f} ms, "
                  f"{q10:3} queries")
            if q1 != q10:
                print(f"  QUERY COUNT GREW on {page}: {q1} → {q10}")
                failed = True
        if results[("item page", "10x")][0] > 2 * results[("item page", "1x")][0] + 5:
            print("  ITEM PAGE SLOWER ON THE LARGE DISTRICT")
            failed = True
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
