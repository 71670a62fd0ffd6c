"""Benchmark: server time and SQL queries of the office's configuration pages on a district and on one ten times
its size.

    .venv/bin/python bench/bench_config.py                   # SQLite (DATABASE_URL unset)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_cfg .venv/bin/python bench/bench_config.py

Builds a throw-away test database with bench_status.py's districts, then requests as a superuser: the task
assignment page (first page), its preview for 50 ticked tasks, a light rule set's preview of the lights at
mid-year and a curve's preview, with the login page as the trivial view timed in the same run: median and p95
of --runs requests, and the query count of one request. Exits non-zero when a page's query count grows with
the district (the previews compute the whole district twice: their time grows with it, their queries must not).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_status import YEAR, build_district  # noqa: E402  (sets Django up)
from bench_workbench import measure  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from duban.org.models import Organisation, OrgKind  # noqa: E402
from duban.plans.models import Task  # noqa: E402

RULES = {"name": "基准规则", "mode": "absolute", "yellow_pp": "5", "red_pp": "20", "yellow_relative": "20",
         "red_relative": "50", "consecutive_periods": "0", "consecutive_light": "red", "no_data_light": "no_data",
         "started_late": "on", "started_late_light": "red", "started_late_grace_days": "0", "not_registered": "on",
         "not_registered_light": "yellow", "not_registered_grace_days": "30", "growth_red_pp": "2",
         "about_tolerance_pp": "0.5", "level_yellow_pct": "5", "level_red_pct": "15", "rank_red_places": "2",
         "time_progress": "months", "expropriation_measure": "signed_households", "rollup_missing": "zero",
         "auto_order": "on", "auto_order_lights": ["red"], "order_deadline_days": "10", "remind_days_before": "3, 1",
         "overdue_repeat_days": "7", "action": "preview", "scope": "district"}
CURVE = {"name": "基准曲线", "item_type": "project_year", "category": "产业", "action": "preview",
         **{f"m{i}": str(v) for i, v in enumerate((2, 5, 12, 20, 28, 40, 50, 60, 70, 80, 90, 100), start=1)}}


def _requests(district: Organisation) -> dict[str, tuple[str, str, dict]]:
    frame = f"district={district.pk}&year={YEAR}"
    ids = list(Task.objects.filter(plan__district=district).order_by("code").values_list("pk", flat=True)[:50])
    return {
        "trivial (login page)": ("get", "/accounts/login/", {}),
        "assign page": ("get", f"/tracking/assign/?{frame}", {}),
        "assign preview (50)": ("post", f"/tracking/assign/?{frame}", {"task": ids, "weight": "2", "action": "preview"}),
        "rule set preview": ("post", f"/tracking/config/rules/new/?district={district.pk}&date={YEAR}-06-30",
                             {**RULES, "code": "bench"}),
        "curve preview": ("post", f"/tracking/config/curves/new/?district={district.pk}&date={YEAR}-06-30",
                          {**CURVE, "code": "bench"}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--tasks", type=int, default=50)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    vendor = connection.vendor
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    failed = False
    try:
        city = Organisation.objects.create(name="基准市", kind=OrgKind.CITY)
        small = build_district("小区", city, args.projects, args.tasks)
        large = build_district("大区", city, args.projects * 10, args.tasks * 10)
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        client = Client()
        client.force_login(get_user_model().objects.create_superuser("bench", "bench@example.cn", "x"))
        results = {}
        for label, district in (("1x", small), ("10x", large)):
            for page, (method, path, data) in _requests(district).items():
                results[(page, label)] = measure(client, path, args.runs, method=method, data=data)
        print(f"[{vendor}] {args.projects + args.tasks:,} and {10 * (args.projects + args.tasks):,} items; "
              f"{args.runs} requests each; ms median / p95; queries")
        for page in _requests(small):
            (m1, p1, q1), (m10, p10, q10) = results[(page, "1x")], results[(page, "10x")]
            print(f"  {page:22} 1x: {m1:7.1f} / {p1:7.1f} ms, {q1:3} queries   10x: {m10:7.1f} / {p10:7.1f} ms, "
                  f"{q10:3} queries")
            if q1 != q10:
                print(f"  QUERY COUNT GREW on {page}: {q1} → {q10}")
                failed = True
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
