"""Benchmark: build each bulletin of the demo district as Word and as PDF, timed, with its SQL queries.

    DUBAN_TODAY=2024-06-30 .venv/bin/python bench/bench_bulletins.py [--date 2024-06-30]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test DUBAN_TODAY=2024-06-30 .venv/bin/python bench/bench_bulletins.py

The first bulletin of a process pays for loading matplotlib, the font and the template: a warm-up is timed
apart, as a long-running worker pays it once. Builds a throw-away test database (Django's test database of DATABASE_URL, dropped at the end), loads the demo
(`duban load_demo`, as `make demo` does), then for each KIND times ``bulletin_build`` (figures and sentences:
``bulletin_data`` and the builder) and ``bulletin_render`` as .docx and as .pdf (figures, sentences, charts and
the file), and counts the queries of the build with CaptureQueriesContext.
"""

import argparse
import contextlib
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
os.environ.setdefault("SECRET_KEY", "duban-bench-key-not-for-production")  # settings refuse DEBUG off without one

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402

from duban.bulletins.generate import bulletin_build, bulletin_render  # noqa: E402
from duban.bulletins.kinds import KINDS  # noqa: E402
from duban.org.models import Organisation  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", type=date.fromisoformat, default=date(2024, 6, 30))
    args = parser.parse_args()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"   # the demo's notices, unprinted
        start = time.perf_counter()
        with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):
            call_command("load_demo", verbosity=0, stdout=quiet)
        print(f"[{connection.vendor}] demo loaded in {time.perf_counter() - start:.1f} s")
        district = Organisation.objects.districts().order_by("path").first()
        with translation.override("zh-hans"):
            start = time.perf_counter()     # fonts, matplotlib and the template loaded once, as a worker would
            bulletin_render(kind="supervision", district=district, on_date=args.date, fmt="pdf")
            bulletin_render(kind="supervision", district=district, on_date=args.date, fmt="docx")
            print(f"[{connection.vendor}] warm-up (fonts, matplotlib, template): {time.perf_counter() - start:.2f} s")
            for kind in KINDS:
                reset_queries()
                with CaptureQueriesContext(connection) as ctx:
                    start = time.perf_counter()
                    bulletin_build(kind=kind, district=district, on_date=args.date)
                    build = time.perf_counter() - start
                times = []
                for fmt in ("docx", "pdf"):
                    start = time.perf_counter()
                    data = bulletin_render(kind=kind, district=district, on_date=args.date, fmt=fmt)
                    times.append((fmt, time.perf_counter() - start, len(data)))
                files = ", ".join(f"{fmt} {seconds:.2f} s ({size / 1024:.0f} KB)" for fmt, seconds, size in times)
                print(f"[{connection.vendor}] {kind}: build {build:.2f} s, {len(ctx)} queries; {files}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
