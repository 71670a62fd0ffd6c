"""Benchmark: time to a tracked plan. A supervision office takes the Qingyuan 2024 work report from upload to a
published plan in which every accepted item has a lead unit, in a real browser (Playwright, Debian Chromium).

    .venv/bin/python bench/bench_time_to_plan.py [REPORT] [--correct-every 5] [--headed]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/review_bench .venv/bin/python bench/bench_time_to_plan.py

Builds a throw-away test database (Django's test database of DATABASE_URL, dropped at the end) with two
districts named 清苑区 (one per scenario) and their usual departments (区直部门, full names only, as a district's
organisation chart has them), starts a live server in this process (DEBUG off, Server-Timing on) and runs two
scenarios, counting every user action (a click, a chosen file or option, a keystroke):

- **as is**: upload the file (choose file, click upload), then press ``a`` on every item, taking the suggestions
  as they are; an item whose suggestion is missing or refused is corrected like a person would: ``e``, choose
  (record type "task" after a refusal, a lead unit if none is suggested), Enter; a figure of last year that
  cannot be recorded as it is (no period, an indicator of that name exists) is rejected (``r``); an item refused
  again after an edit is rejected (Escape, ``r``); finally click "Publish the plan".
- **one in five corrected**: the same, but every fifth item is corrected whatever the suggestion: ``e``, choose
  another lead unit, Enter (3 actions instead of 1).

Every response's ``Server-Timing`` header (``duban.core.middleware.ServerTimingMiddleware``) gives the server
time of each step, wall clock and the CPU time of the request's thread (what a loaded shared machine does not
inflate); static files are left out; a trivial view (the favicon redirect) is timed in the same run as the floor. The check at the end reads the database: the plan is published,
and every accepted item that becomes assigned work (task, livelihood sub-item, indicator target, project figure)
has a lead unit on its record. Observations (last year's actual figures) are statistics, not assigned work.
Exits non-zero when a check fails, the actions per item exceed 1.5 in the "as is" run, or a review page (the
review page, a row action or the edit form) takes 300 ms or more of CPU time.
"""

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
os.environ["DUBAN_SERVER_TIMING"] = "1"
os.environ.setdefault("SECRET_KEY", "bench-time-to-plan-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")   # Playwright's sync API runs an event loop here

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.staticfiles.handlers import StaticFilesHandler  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.testcases import LiveServerThread  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from duban.ingest.models import Candidate, SourceDocument  # noqa: E402
from duban.ingest.review import Target  # noqa: E402
from duban.org.models import Membership, Organisation, OrgKind, Role  # noqa: E402
from duban.plans.models import Plan  # noqa: E402

CORPUS = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared")
               if (p / "corpus").is_dir()), ROOT.parent / "shared") / "corpus" / "district_baoding-qingyuan_2024.txt"
CHROMIUM = "/usr/bin/chromium"
PAGE_LIMIT_MS = 300
ACTIONS_PER_ITEM = 1.5
#: A typical district's departments (区直部门), named in full as on its organisation chart.
UNITS = [
    "发展和改革局", "教育和体育局", "科学技术和工业信息化局", "公安分局", "民政局", "司法局", "财政局",
    "人力资源和社会保障局", "自然资源和规划分局", "生态环境分局", "住房和城乡建设局", "交通运输局", "农业农村局",
    "水利局", "商务局", "文化广电和旅游局", "卫生健康局", "退役军人事务局", "应急管理局", "审计局",
    "市场监督管理局", "统计局", "医疗保障局", "行政审批局", "城市管理综合行政执法局", "税务局", "投资促进局",
    "林业局", "信访局", "数据和政务服务局", "国有资产监督管理局", "乡村振兴局",
]
WORK = {Target.TASK, Target.SUB_ITEM, Target.INDICATOR_TARGET, Target.PROJECT_FACT}


def build(n: int):
    city = Organisation.objects.create(name=f"保定市（场景{n}）", kind=OrgKind.CITY)
    district = Organisation.objects.create(name="清苑区", kind=OrgKind.DISTRICT, parent=city)
    office = Organisation.objects.create(name="清苑区委督查室", kind=OrgKind.OFFICE, parent=district)
    for order, name in enumerate(UNITS):
        Organisation.objects.create(name="清苑区" + name, kind=OrgKind.DEPARTMENT, parent=district, order=order)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username=f"office{n}", password="bench-pass-12345")
    Membership.objects.create(user=user, organisation=office, role=Role.SUPERVISION_OFFICE)
    client = Client()
    client.force_login(user)
    return district, client.cookies["sessionid"].value


class Run:
    """One scenario in the browser: actions counted, server times by step."""

    def __init__(self, page, base: str, correct_every: int):
        self.page, self.base, self.correct_every = page, base, correct_every
        self.actions = defaultdict(int)
        self.times: dict[str, list[float]] = defaultdict(list)
        self.cpu: dict[str, list[float]] = defaultdict(list)
        self.outcomes = defaultdict(int)
        page.on("response", self._timed)

    def _timed(self, response) -> None:
        header = response.headers.get("server-timing", "")
        path = response.url[len(self.base):].split("?")[0]
        if not header.startswith("app;dur=") or path.startswith("/static/"):
            return
        timing = dict(part.strip().split(";dur=") for part in header.split(","))
        method = response.request.method
        if path == "/ingest/" and method == "POST":
            step = "upload + extraction (POST)"
        elif path.endswith("/accept/"):
            step = "accept (htmx row)"
        elif path.endswith("/reject/"):
            step = "reject (htmx row)"
        elif path.endswith("/edit/"):
            step = f"edit form ({method})"
        elif path.endswith("/publish/"):
            step = "publish (POST)"
        elif path.startswith("/ingest/candidates/"):
            step = "row (GET)"
        elif path.rstrip("/").split("/")[-1].isdigit() and path.startswith("/ingest/"):
            step = "review page (GET)"
        else:
            step = f"other {method} {path}"
        self.times[step].append(float(timing["app"]))
        self.cpu[step].append(float(timing.get("cpu", "nan")))

    def act(self, kind: str, n: int = 1) -> None:
        self.actions[kind] += n

    def upload(self, path: Path) -> None:
        page = self.page
        page.goto(self.base + reverse("ingest:upload"))
        page.set_input_files("input[name=file]", str(path))
        self.act("choose file")
        page.click("[data-testid=upload-form] button[type=submit]")
        self.act("click")
        page.wait_for_selector("[data-testid=doc-text]", timeout=120_000)

    def _wait_done(self, pk: str) -> str:
        row = f"#cand-{pk}"
        self.page.wait_for_selector(f"{row}.st-accepted, {row}.st-edited, {row}.st-rejected, {row} .error",
                                    timeout=60_000)
        return self.page.get_attribute(row, "data-status")

    def _edit(self, pk: str, *, lead: bool, task: bool, other_lead: bool) -> str:
        page, row = self.page, f"#cand-{pk}"
        page.keyboard.press("e")
        self.act("key")
        page.wait_for_selector(f"{row}.editing select[name=lead_unit]")
        if task:
            page.select_option(f"{row} select[name=target]", "task")
            self.act("choose option")
        select = f"{row} select[name=lead_unit]"
        current = page.eval_on_selector(select, "s => s.value")
        if lead or other_lead or not current:
            options = [v for v in page.eval_on_selector_all(f"{select} option", "os => os.map(o => o.value)") if v]
            choice = next(v for v in options if v != current)
            page.select_option(select, choice)
            self.act("choose option")
        page.focus(f"{row} select[name=lead_unit]")
        page.keyboard.press("Enter")
        self.act("key")
        page.wait_for_selector(f"{row}.st-accepted, {row}.st-edited, {row} form .error", timeout=60_000)
        return page.get_attribute(row, "data-status")

    def review(self) -> int:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: PLC0415

        page, items = self.page, 0
        while True:
            current = page.query_selector("li.cand.kb-current")
            if current is None or current.get_attribute("data-status") != "pending":
                break
            pk = current.get_attribute("data-id")
            items += 1
            needs_lead = current.query_selector("[data-testid=no-lead]") is not None
            kind = "actual" if current.query_selector("[data-testid=units]") is None else "target"
            if self.correct_every and items % self.correct_every == 0:
                status = self._edit(pk, lead=False, task=False, other_lead=True)
                self.outcomes["corrected (other lead unit)"] += 1
            elif needs_lead:
                status = self._edit(pk, lead=True, task=False, other_lead=False)
                self.outcomes["corrected (no unit suggested)"] += 1
            else:
                page.keyboard.press("a")
                self.act("key")
                status = self._wait_done(pk)
                if status == "pending" and kind == "actual":   # last year's figure refused: reject it
                    page.keyboard.press("r")
                    self.act("key")
                    page.wait_for_selector(f"#cand-{pk}.st-rejected")
                    self.outcomes["actual figure refused, then rejected"] += 1
                elif status == "pending":          # refused: correct as a task with a lead unit
                    self.outcomes["refused, then edited as a task"] += 1
                    status = self._edit(pk, lead=False, task=True, other_lead=False)
                else:
                    self.outcomes["accepted as suggested"] += 1
            if status == "editing":                # refused again: give up on the item
                page.keyboard.press("Escape")
                try:
                    page.wait_for_selector(f"#cand-{pk}:not(.editing)", timeout=5_000)
                except PlaywrightTimeout:  # the refused form did not close on Escape: its Cancel link, one more action
                    page.click(f"#cand-{pk} .edit-form a[hx-get]")
                    self.act("click")
                    self.outcomes["Escape did not close a refused form: Cancel clicked"] += 1
                    page.wait_for_selector(f"#cand-{pk}:not(.editing)")
                page.keyboard.press("r")
                self.act("key", 2)
                page.wait_for_selector(f"#cand-{pk}.st-rejected")
                self.outcomes["rejected after a refused edit"] += 1
            page.wait_for_selector("li.cand.kb-current")
            if page.get_attribute("li.cand.kb-current", "data-id") == pk:
                break                                # nothing left to move to
            if items % 25 == 0:
                print(f"  {items} items, {sum(self.actions.values())} actions", flush=True)
        return items

    def floor(self, n: int = 20) -> None:
        """A trivial view timed in the same run: the machine's floor."""
        for _ in range(n):
            response = self.page.request.get(self.base + "/favicon.ico", max_redirects=0)
            timing = dict(part.strip().split(";dur=") for part in response.headers["server-timing"].split(","))
            self.times["trivial view (favicon redirect)"].append(float(timing["app"]))
            self.cpu["trivial view (favicon redirect)"].append(float(timing["cpu"]))

    def publish(self) -> None:
        self.page.click("[data-testid=publish]")
        self.act("click")
        self.page.wait_for_selector("[data-testid=plan-state]")


def check(district) -> list[str]:
    """The plan is published; every accepted item that becomes assigned work has its lead unit on the record."""
    problems = []
    plan = Plan.objects.filter(district=district, year=2024).first()
    if plan is None or plan.is_draft:
        problems.append("the 2024 plan is missing or still a draft")
    document = SourceDocument.objects.get(district=district)
    for c in Candidate.objects.filter(document=document).taken().filter(target__in=WORK):
        record = c.record
        if c.target == Target.PROJECT_FACT:
            led = c.link_project is not None and c.link_project.lead_unit_id is not None
        else:
            led = record is not None and record.units.filter(role="lead").exists()
        if c.lead_unit_id is None or not led:
            problems.append(f"accepted without a lead unit: {c.quote} ({c.metric})")
    return problems


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def report(name: str, run: Run, items: int, seconds: float, n_candidates: int) -> tuple[float, float]:
    total = sum(run.actions.values())
    review_actions = total - run.actions["choose file"] - 2   # upload click and publish click
    print(f"\n## {name}: {items} items reviewed of {n_candidates} found, {seconds:.0f} s in the browser")
    print(f"actions: {total} in all = {dict(run.actions)}; {total / items:.2f} per item "
          f"({review_actions / items:.2f} per item for the review alone)")
    print(f"outcomes: {dict(run.outcomes)}")
    print("| step | n | wall p50 ms | wall p95 | wall max | CPU p50 ms | CPU p95 | CPU max |")
    print("|---|---|---|---|---|---|---|---|")
    worst = 0.0
    for step, values in sorted(run.times.items()):
        cpu = run.cpu[step]
        print(f"| {step} | {len(values)} | {statistics.median(values):.0f} | {pct(values, .95):.0f} | "
              f"{max(values):.0f} | {statistics.median(cpu):.0f} | {pct(cpu, .95):.0f} | {max(cpu):.0f} |")
        if not step.startswith(("upload", "other", "publish", "trivial")):
            worst = max(worst, max(cpu))
    return total / items, worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", default=str(CORPUS))
    parser.add_argument("--correct-every", type=int, default=5)
    parser.add_argument("--headed", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    server = LiveServerThread("localhost", StaticFilesHandler, port=0)
    server.daemon = True
    failed = False
    try:
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        base = f"http://localhost:{server.port}"
        print(f"load average at start: {os.getloadavg()}; report {args.report}")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=not args.headed,
                                         args=["--no-sandbox", "--disable-gpu"])
            for n, (name, every) in enumerate((("as is", 0), ("one in five corrected", args.correct_every)), 1):
                district, session = build(n)
                context = browser.new_context(locale="zh-CN", viewport={"width": 1440, "height": 900})
                context.set_default_timeout(60_000)
                context.add_cookies([{"name": "sessionid", "value": session, "url": base}])
                page = context.new_page()
                run = Run(page, base, every)
                started = time.perf_counter()
                run.upload(Path(args.report))
                items = run.review()
                run.publish()
                seconds = time.perf_counter() - started
                run.floor()
                n_candidates = Candidate.objects.filter(document__district=district).count()
                per_item, worst = report(name, run, items, seconds, n_candidates)
                problems = check(district)
                for problem in problems:
                    print("FAILED:", problem)
                print(f"slowest review step, CPU time of its request thread: {worst:.0f} ms (limit {PAGE_LIMIT_MS})")
                failed |= bool(problems) or worst >= PAGE_LIMIT_MS or (every == 0 and per_item > ACTIONS_PER_ITEM)
                context.close()
            browser.close()
        print(f"\nload average at end: {os.getloadavg()}")
    finally:
        server.terminate()
        server.join(timeout=30)
        if connection.vendor == "postgresql":    # connections left by the server's request threads
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                               "AND pid <> pg_backend_pid()", [connection.settings_dict["NAME"]])
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
