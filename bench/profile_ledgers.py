"""Profile: cProfile and the SQL query count of ledger_import on an N-row key-project ledger (default 2,000).

    .venv/bin/python bench/profile_ledgers.py [N] [--figures]

Uses bench_ledgers.py's throw-away database and files: a preview and an import into an empty year, then an
import changing every tenth annual plan (with ``--figures``: June's figures in every row, entered as reports).
Prints the time, the query count, the most frequent queries and the 28 most expensive calls of each.
"""

import cProfile
import pstats
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_ledgers as b  # noqa: E402  (sets Django up)
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from duban.ledgers.imports import ledger_import  # noqa: E402


def main() -> None:
    n = int(next((a for a in sys.argv[1:] if a.isdigit()), 2000))
    old = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        district, units = b.build_district()
        office = get_user_model().objects.create_superuser("profile-office", password=None)
        ledger = b.project_ledger(n, units)
        last = (b.project_ledger(n, units, figures=n) if "--figures" in sys.argv
                else b.project_ledger(n, units, bump_every=10))
        for label, content, confirm in (("preview, new year", ledger, False), ("import, new year", ledger, True),
                                        ("import, changed", last, True)):
            profile = cProfile.Profile()
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                profile.enable()
                preview = ledger_import(kind="projects", content=content, district=district, year=b.YEAR,
                                        user=office, confirm=confirm)
                profile.disable()
                seconds = time.perf_counter() - start
            print(f"== {label}: {seconds:.2f} s, {len(ctx)} queries; {preview.created} created, "
                  f"{preview.updated} changed, {preview.unchanged} unchanged; problems {preview.problems[:2]}")
            for sql, count in Counter(q["sql"][:100] for q in ctx.captured_queries).most_common(6):
                print(f"   {count} × {sql}")
            pstats.Stats(profile).sort_stats("cumulative").print_stats(28)
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
