"""Settings of the test suite: duban's own, with the secret key a DEBUG-off process must be given.

pytest-django imports this before any conftest (pyproject: DJANGO_SETTINGS_MODULE, pythonpath). The key is
put into the environment, so that a ``duban`` subprocess started by a test finds it too.
"""

import os

os.environ.setdefault("SECRET_KEY", "duban-test-suite-key-not-for-production-0123456789abcdefghijklmnop")

from duban.settings import *  # noqa: E402,F403

# SQLite: a test database file instead of the shared in-memory one, so that the concurrency tests see the real
# file locking (busy timeout, BEGIN IMMEDIATE) that two duban processes meet.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    import tempfile

    DATABASES["default"]["TEST"] = {"NAME": os.path.join(tempfile.gettempdir(), f"duban-test-{os.getpid()}.sqlite3")}  # noqa: F405
