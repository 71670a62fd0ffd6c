"""Settings of the test suite: duban's own, with the secret key a DEBUG-off process must be given.

pytest-django imports this before any conftest (pyproject: DJANGO_SETTINGS_MODULE, pythonpath). The key is
put into the environment, so that a ``duban`` subprocess started by a test finds it too.
"""

import os

os.environ.setdefault("SECRET_KEY", "duban-test-suite-key-not-for-production-0123456789abcdefghijklmnop")

from duban.settings import *  # noqa: E402,F403
