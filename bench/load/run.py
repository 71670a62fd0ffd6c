"""Load benchmark: a synthetic city on PostgreSQL, served by gunicorn (2 workers) with the database queue
worker running, driven by locust (headless, 20 users) on the dashboard, status list, item page, not-reported
list, API lists and a trivial view. See bench/README.md ("Load benchmark").

    pip install -e '.[bench]'      # gunicorn and locust
    .venv/bin/python bench/load/run.py --scale 0.1 [--db duban_load] [--users 20] [--duration 120]

Steps (each printed with its time):

1. (re)create the PostgreSQL database ``--db`` on ``--pg`` (default postgres://postgres@127.0.0.1:5432), migrate;
2. ``duban synth`` as of ``--as-of`` (default 2024-12-15) at ``--scale`` of the full city — 10 districts,
   50 units each (500), 20,000 key projects with 3 years of monthly reports, 1,000 indicators, 200 tasks per
   district and year (units, projects, indicators and tasks are multiplied by the scale; districts stay 10);
   then a second, smaller city (seed 2, a tenth of that scale) in the same database for the query counts;
3. ``duban status --refresh`` for that day (what the scheduled daily refresh does);
4. the SQL statements of one request of every page, counted in-process on a district of each city: they must
   be equal (no page issues a number of queries that grows with the data);
5. gunicorn with 2 workers and ``duban db_worker`` are started, locust runs ``--users`` clients for
   ``--duration`` seconds, both are stopped;
6. p50 / p95 / requests / errors per endpoint, each p95 as a multiple of the trivial view's, and the query
   counts are written to ``--out`` (default bench/load/results-<scale>.md) and printed.

``--skip-build`` reuses the database as it is (steps 1–3 skipped). DUBAN_TODAY is set to ``--as-of`` so the
pages show that day, as the demo does. DEBUG stays off; a throw-away SECRET_KEY is set.
"""

import argparse
import csv
import math
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BIN = Path(sys.executable).parent
FULL = {"units": 50, "projects": 20_000, "indicators": 1_000, "tasks": 200}
TARGETS_MS = {"dashboard": 300, "status list": 150, "item page": 150, "not-reported list": 150,
              "API project years": 150, "API status": 150, "API reports": 150}


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run(*args: str, env: dict) -> str:
    started = time.perf_counter()
    result = subprocess.run([str(BIN / "duban"), *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"duban {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    say(f"duban {' '.join(args)}: {time.perf_counter() - started:.0f} s")
    return result.stdout


def recreate_database(pg: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def synth_args(scale: float, seed: int, as_of: str) -> list[str]:
    return ["synth", "--districts", "10", "--units-per-district", str(max(2, round(FULL["units"] * scale))),
            "--projects", str(max(10, round(FULL["projects"] * scale))), "--years", "3", "--seed", str(seed),
            "--indicators", str(max(10, round(FULL["indicators"] * scale))),
            "--tasks-per-district", str(max(2, round(FULL["tasks"] * scale))), "--as-of", as_of]


def targets(seed: int) -> dict:
    """District, year, day, a project year and the office login of the first district of city ``seed``."""
    from datetime import date

    from duban.org.models import Membership
    from duban.projects.models import ProjectYear
    from duban.tracking.selectors import default_date, default_year

    username = f"s{seed}-d0-office"  # the supervision office of the city's first district (docs/synth.md)
    district = Membership.objects.select_related("organisation").get(user__username=username).organisation
    year = default_year(district)
    on_date: date = default_date(year)
    item = ProjectYear.objects.filter(project__district=district, year=year).order_by("id").first()
    return {"district": district.pk, "year": year, "date": on_date.isoformat(), "item": item.pk,
            "username": username, "password": "duban-synth",
            "projects": ProjectYear.objects.filter(project__district=district, year=year).count()}


def pages(t: dict) -> list[tuple[str, str]]:
    frame = f"district={t['district']}&year={t['year']}&date={t['date']}"
    return [
        ("trivial view", "/favicon.ico"),
        ("login page", "/accounts/login/"),
        ("dashboard", f"/dashboard/?{frame}"),
        ("status list", f"/tracking/status/?{frame}"),
        ("item page", f"/tracking/items/project_year/{t['item']}/?date={t['date']}"),
        ("not-reported list", f"/tracking/not-reported/?{frame}"),
        ("API project years", f"/api/project-years?district_id={t['district']}&year={t['year']}"),
        ("API status", f"/api/status?district_id={t['district']}&year={t['year']}&on_date={t['date']}"),
        ("API reports", f"/api/reports?district_id={t['district']}&year={t['year']}"),
    ]


def query_counts(t: dict) -> dict[str, int]:
    """SQL statements of one request of each page (after one warm-up request), in-process."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=t["username"]))
    out = {}
    for name, url in pages(t):
        client.get(url)
        count = [0]

        def counter(execute, sql, params, many, context, count=count):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = client.get(url)
        if response.status_code not in (200, 301):
            sys.exit(f"{name} answered {response.status_code}: {url}")
        out[name] = count[0]
    return out


def sessions(username: str, n: int) -> list[str]:
    """``n`` signed-in sessions of ``username``, made directly in the session store: the load measures the
    pages, not password hashing (a login costs a PBKDF2 hash, about a second of CPU on this machine)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username=username)
    backend = next((b for b in settings.AUTHENTICATION_BACKENDS if b.endswith("ModelBackend")),
                   settings.AUTHENTICATION_BACKENDS[-1])
    keys = []
    for _ in range(n):
        store = SessionStore()
        store[SESSION_KEY], store[BACKEND_SESSION_KEY] = str(user.pk), backend
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        keys.append(store.session_key)
    return keys


def warm_up(port: int, endpoints: list[tuple[str, str]], session: str) -> None:
    """Each page a few times before measuring, so that both workers have loaded code and templates."""
    import urllib.error
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    opener.addheaders = [("Cookie", f"sessionid={session}")]
    for _round in range(4):
        for _name, url in endpoints:
            try:
                opener.open(f"http://127.0.0.1:{port}{url}", timeout=120).read()
            except urllib.error.HTTPError:
                pass


def _percentile(values: list[float], share: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, math.ceil(share * len(values)) - 1))] if values else 0.0


def server_times(access_log: Path, endpoints: list[tuple[str, str]], skip: int) -> dict[str, tuple[float, float]]:
    """p50 and p95 of the time gunicorn's worker spent on each endpoint (the access log's %(D)s, in µs): the
    server's own time, without the wait in the listen queue that the clients' figures include."""
    times: dict[str, list[float]] = {name: [] for name, _url in endpoints}
    paths = [(url.split("?")[0], name) for name, url in endpoints]
    for line in access_log.read_text(encoding="utf-8").splitlines()[skip:]:  # the warm-up's lines left out
        try:
            target, _status, micros = line.rsplit(" ", 2)
        except ValueError:
            continue
        path = target.split("?")[0]
        name = next((n for p, n in paths if p == path), None)
        if name is not None:
            times[name].append(int(micros) / 1000)
    return {name: (_percentile(v, 0.5), _percentile(v, 0.95)) for name, v in times.items()}


def percentile_rows(stats_csv: Path) -> dict[str, dict]:
    rows = {}
    with stats_csv.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated":
                continue
            rows[row["Name"]] = {"requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                                 "p50": float(row["50%"]), "p95": float(row["95%"]),
                                 "rps": float(row["Requests/s"])}
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the full city (default 1: 20,000 projects)")
    parser.add_argument("--db", default="duban_load")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--as-of", default="2024-12-15")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=int, default=120, help="seconds of load")
    parser.add_argument("--wait", type=float, default=2.0,
                        help="mean think time in seconds between a user's requests (0: none, a pure throughput test)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--skip-build", action="store_true", help="reuse the database as it is")
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    out = Path(args.out or HERE / f"results-{args.scale:g}.md")
    env = {**os.environ, "DATABASE_URL": f"{args.pg}/{args.db}", "DEBUG": "0", "DUBAN_TODAY": args.as_of,
           "SECRET_KEY": os.environ.get("SECRET_KEY", "load-benchmark-throw-away-key-" + "x" * 20),
           "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver", "TASKS_BACKEND": "db", "LOG_LEVEL": "ERROR",
           # as docs/operations.md tells a gunicorn deployment to: keep each worker's database connection
           "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60")}
    os.environ.update(env)
    say(f"load average {loadavg()}")
    build = {}
    if not args.skip_build:
        started = time.perf_counter()
        recreate_database(args.pg, args.db)
        run("migrate", "--no-input", env=env)
        t0 = time.perf_counter()
        run(*synth_args(args.scale, 1, args.as_of), env=env)
        build["synth"] = time.perf_counter() - t0
        run(*synth_args(args.scale / 10, 2, args.as_of), env=env)
        t0 = time.perf_counter()
        run("status", "--refresh", "--date", args.as_of, env=env)
        build["refresh"] = time.perf_counter() - t0
        build["total"] = time.perf_counter() - started

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
    import django

    django.setup()
    from django.db import connection

    big, small = targets(1), targets(2)
    counts_big, counts_small = query_counts(big), query_counts(small)
    say(f"query counts {counts_big} (city 1) / {counts_small} (city 2)")

    load_env = {**env, "LOAD_DISTRICT": str(big["district"]), "LOAD_YEAR": str(big["year"]),
                "LOAD_DATE": big["date"], "LOAD_ITEM": str(big["item"]),
                "LOAD_SESSIONS": ",".join(sessions(big["username"], args.users)), "LOAD_WAIT": str(args.wait)}
    connection.close()
    logs = Path(os.environ.get("TMPDIR", "/tmp"))
    gunicorn = subprocess.Popen(
        [str(BIN / "gunicorn"), "duban.wsgi:application", "--workers", "2", "--bind", f"127.0.0.1:{args.port}",
         "--timeout", "120", "--access-logfile", str(logs / "duban-load-access.log"),
         "--access-logformat", "%(U)s?%(q)s %(s)s %(D)s"], env=env, cwd=ROOT, stdout=(logs / "duban-load-gunicorn.log").open("w"),
        stderr=subprocess.STDOUT)
    worker = subprocess.Popen([str(BIN / "duban"), "db_worker"], env=env, cwd=ROOT,
                              stdout=(logs / "duban-load-worker.log").open("w"), stderr=subprocess.STDOUT)
    prefix = logs / f"duban-load-{os.getpid()}"
    try:
        time.sleep(4)
        if gunicorn.poll() is not None:
            sys.exit(f"gunicorn stopped: see {logs / 'duban-load-gunicorn.log'}")
        warm_up(args.port, pages(big), load_env["LOAD_SESSIONS"].split(",")[0])
        time.sleep(1)
        skip = len((logs / "duban-load-access.log").read_text(encoding="utf-8").splitlines())
        say(f"locust: {args.users} users for {args.duration} s; load average {loadavg()}")
        before = loadavg()
        subprocess.run(
            [str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless", "-u", str(args.users),
             "-r", str(args.users), "-t", f"{args.duration}s", "--host", f"http://127.0.0.1:{args.port}",
             "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
            env=load_env, cwd=ROOT, check=False)
        after = loadavg()
    finally:
        for process in (gunicorn, worker):
            process.terminate()
        for process in (gunicorn, worker):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    stats = percentile_rows(Path(f"{prefix}_stats.csv"))
    server = server_times(logs / "duban-load-access.log", pages(big), skip)
    lines = [
        f"# Load benchmark, scale {args.scale:g} ({time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC)", "",
        f"    .venv/bin/python bench/load/run.py --scale {args.scale:g} --users {args.users} --duration {args.duration}"
        f" --wait {args.wait:g}",
        "",
        f"City 1: 10 districts × {max(2, round(FULL['units'] * args.scale))} units, "
        f"{max(10, round(FULL['projects'] * args.scale)):,} key projects × 3 years with monthly reports, "
        f"{max(10, round(FULL['indicators'] * args.scale)):,} indicators; the pages are those of its first district "
        f"({big['projects']:,} project years in {big['year']}), as of {big['date']}, as its supervision office.",
        f"gunicorn 2 workers + `duban db_worker`, PostgreSQL, {args.users} locust users for {args.duration} s. "
        f"Load average before / after: {before} / {after} (2 cores, shared).",
    ]
    if build:
        lines.append(f"Build: synth city 1 {build['synth']:.0f} s, status refresh {build['refresh']:.0f} s, "
                     f"everything {build['total']:.0f} s.")
    total = sum(r["requests"] for r in stats.values())
    lines.append(f"Think time {args.wait:g} s on average; {total:,} requests, {total / args.duration:.1f} per second.")
    lines += ["", "Clients' p50/p95 include the wait for a free worker; server p50/p95 are the worker's own time "
              "(gunicorn's access log).", "",
              "| endpoint | requests | errors | clients p50 / p95 ms | server p50 / p95 ms | server p95 ÷ login page's | "
              f"target p95 | queries (city 1, {big['projects']:,} projects) | queries (city 2, {small['projects']:,}) |",
              "|---|---|---|---|---|---|---|---|---|"]
    server_floor = server.get("login page", (0, 0))[1] or 1.0
    for name, _url in pages(big):
        row = stats.get(name, {"requests": 0, "failures": 0, "p50": 0, "p95": 0})
        s50, s95 = server.get(name, (0, 0))
        target = TARGETS_MS.get(name)
        lines.append(f"| {name} | {row['requests']} | {row['failures']} | {row['p50']:.0f} / {row['p95']:.0f} | "
                     f"{s50:.1f} / {s95:.1f} | {s95 / server_floor:.1f}× | {f'≤ {target}' if target else '—'} | "
                     f"{counts_big[name]} | {counts_small[name]} |")
    same = counts_big == counts_small
    lines += ["", "Query counts equal at both scales: " + ("yes" if same else "NO")]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
