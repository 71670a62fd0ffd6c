"""Benchmark: import a 10,000-row key-project ledger and a 200-row decomposition table with 40 units.

    .venv/bin/python bench/bench_ledgers.py                      # SQLite (DATABASE_URL unset)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/bench_ledgers.py

Builds a throw-away test database (Django's test database of DATABASE_URL, dropped at the end) with a district
of 40 units, then for each file times ``ledger_import`` as preview (read, resolve, compare) and as confirmed
import (the same plus the writes through the domain services), first into an empty year (every row created),
then once more with one figure changed in every tenth row (updates with history). Times (wall clock, and this process's CPU time,
which a loaded machine inflates much less) are measured without tracemalloc; the peak of Python's memory (tracemalloc) is measured on separate passes (a preview, and an import
changing every tenth row once more), and the process's maximum RSS at the end.
"""

import argparse
import os
import resource
import sys
import time
import tracemalloc
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
os.environ.setdefault("SECRET_KEY", "duban-bench-key-not-for-production")  # settings refuse DEBUG off without one

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from duban.ledgers.imports import ledger_import  # noqa: E402
from duban.org.models import Organisation, OrgKind  # noqa: E402
from duban.plans.models import Plan, Task, WorkNode  # noqa: E402
from duban.projects.models import Area, ProjectCategory, ProjectYear  # noqa: E402
from duban.tracking.models import Report  # noqa: E402

YEAR = 2024
UNITS = 40


def build_district() -> tuple[Organisation, list[str]]:
    city = Organisation.objects.create(name="基准市", kind=OrgKind.CITY)
    district = Organisation.objects.create(name="基准区", kind=OrgKind.DISTRICT, parent=city)
    units = [Organisation.objects.create(name=f"区第{i}局", kind=OrgKind.DEPARTMENT, parent=district).name
             for i in range(UNITS)]
    for name in ("产业", "基础设施", "民生"):
        ProjectCategory.objects.create(name=name)
    for name in ("兴隆", "十六里河", "党家", "白马山", "七贤"):
        Area.objects.create(district=district, name=name)
    plan = Plan.objects.create(district=district, year=YEAR)
    for i in range(1, 11):
        WorkNode.objects.create(plan=plan, code=str(i), title=f"板块{i}")
    return district, units


def project_ledger(rows: int, units: list[str], bump_every: int = 0, bump: int = 100, figures: int = 0) -> bytes:
    """The ledger; with ``figures``, that many rows carry June's figures (本月/年度累计完成投资, 形象进度)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("重点项目台账")
    ws.append(["基准区2024年重点项目台账"])
    ws.append(["填报单位：基准区　　截至日期：2024年6月30日"])
    ws.append(["项目编号", "项目名称", "项目级别", "项目类别", "所属片区", "牵头单位", "总投资（万元）",
               "年前累计完成投资（万元）", "年度计划投资（万元）", "计划类型", "建设阶段", "本月完成投资（万元）",
               "年度累计完成投资（万元）", "形象进度"])
    areas = ("兴隆", "十六里河", "党家", "白马山", "七贤")
    for i in range(rows):
        plan = 1000 + (i % 50) * 100 + (bump if bump_every and i % bump_every == 0 else 0)
        month = [100 + i % 7, 600 + i % 7, f"基准项目{i}主体施工"] if i < figures else [None, None, None]
        ws.append([f"P{i:05d}", f"基准项目{i}", ("省级", "市级", "区级")[i % 3], ("产业", "基础设施", "民生")[i % 3],
                   areas[i % 5], units[i % UNITS], 50000 + i, 1000, plan, "续建", "在建", *month])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def decomposition_table(rows: int, units: list[str], bump_every: int = 0, bump: int = 1) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("目标任务分解表")
    ws.append(["基准区2024年目标任务分解表"])
    ws.append(["编号", "工作体系节点", "目标任务", "目标值", "计量单位", "权重（分值）", "牵头单位", "责任单位", "配合单位",
               "监考单位", "完成时限", "调度频次"])
    for i in range(rows):
        value = 100 + i + (bump if bump_every and i % bump_every == 0 else 0)
        ws.append([f"T{i:04d}", str(i % 10 + 1), f"基准任务{i}", value, "个", 1, units[i % UNITS],
                   f"{units[(i + 1) % UNITS]}、{units[(i + 2) % UNITS]}", units[(i + 3) % UNITS], units[(i + 4) % UNITS],
                   "2024年12月31日", "每月"])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def timed(label: str, district, kind: str, content: bytes, *, confirm: bool, trace: bool = False, user=None) -> float:
    """One ledger_import, timed; with ``trace``, under tracemalloc for its peak (slower: not the time reported)."""
    if trace:
        tracemalloc.start()
    start, cpu = time.perf_counter(), time.process_time()
    preview = ledger_import(kind=kind, content=content, district=district, year=YEAR, user=user, confirm=confirm)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    if preview.problems:
        raise SystemExit(f"{label}: unexpected problems: {preview.problems[:3]}")
    counts = (f"{preview.created} created, {preview.updated} changed, {preview.unchanged} unchanged"
              + (", written" if preview.written else ""))
    if trace:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"[{connection.vendor}] {label}: peak traced Python memory {peak / 2**20:.1f} MB — {counts}")
    else:
        print(f"[{connection.vendor}] {label}: {seconds:.2f} s ({cpu:.2f} s CPU) — {counts}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--figures", type=int, default=1_000,
                        help="rows of the project ledger that then report June's figures (each a confirmed report)")
    args = parser.parse_args()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        district, units = build_district()
        ledger = project_ledger(args.projects, units)
        print(f"[{connection.vendor}] project ledger: {args.projects:,} rows, {len(ledger) / 2**20:.1f} MB")
        timed("projects preview (new year)", district, "projects", ledger, confirm=False)
        timed("projects import (new year)", district, "projects", ledger, confirm=True)
        changed = project_ledger(args.projects, units, bump_every=10)
        timed("projects preview (every 10th changed)", district, "projects", changed, confirm=False)
        timed("projects import (every 10th changed)", district, "projects", changed, confirm=True)
        timed("projects preview (no change)", district, "projects", changed, confirm=False, trace=True)
        timed("projects import (every 10th changed again)", district, "projects",
              project_ledger(args.projects, units, bump_every=10, bump=200), confirm=True, trace=True)
        assert ProjectYear.objects.filter(project__district=district).count() == args.projects
        if args.figures:
            office = get_user_model().objects.create_superuser("bench-office", password=None)
            timed(f"projects import ({args.figures:,} rows report June's figures)", district, "projects",
                  project_ledger(args.projects, units, bump_every=10, bump=200, figures=args.figures), confirm=True,
                  user=office)
            assert Report.objects.filter(district=district).count() == args.figures
        table = decomposition_table(args.tasks, units)
        timed("decomposition preview (new year)", district, "plan", table, confirm=False)
        timed("decomposition import (new year)", district, "plan", table, confirm=True)
        timed("decomposition import (every 10th changed)", district, "plan",
              decomposition_table(args.tasks, units, bump_every=10), confirm=True)
        timed("decomposition import (every 10th changed again)", district, "plan",
              decomposition_table(args.tasks, units, bump_every=10, bump=2), confirm=True, trace=True)
        assert Task.objects.filter(plan__district=district).count() == args.tasks
        print(f"[{connection.vendor}] process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
