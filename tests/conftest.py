"""Settings and fixtures shared by the whole suite; each folder's conftest.py adds its own.

Browser tests (marked ``browser``) share one headless Chromium per session and are skipped, with the
reason, when /usr/bin/chromium is missing or Playwright cannot start it.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import translation

# pytest-django's live_server runs in this process and Playwright's sync API runs an event loop in it:
# Django would refuse database access from inside that loop without this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Real hashers take ~0.3 s per user on purpose; tests create many. PBKDF2 still checks real hashes.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture(autouse=True)
def _default_language():
    # A request with the English cookie leaves English active in the thread: each test starts, and
    # leaves, in the default language, so that messages are asserted as users see them by default.
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"browser tests need Chromium at {CHROMIUM} (apt-get install -y chromium)")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """A headless Chromium shared by the session; skips when Playwright cannot start it."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - the test extra installs it
        pytest.skip(f"the playwright package is missing: {exc}")
    manager = sync_playwright().start()
    try:
        chromium = manager.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    except Exception as exc:  # noqa: BLE001 - any launch failure means 'cannot run here'
        manager.stop()
        pytest.skip(f"Playwright could not start {CHROMIUM}: {exc}")
    yield chromium
    chromium.close()
    manager.stop()


@pytest.fixture
def new_page(browser) -> Iterator[Callable]:
    """Factory of fresh pages, each in its own browser context (own cookies), closed after the test."""
    contexts = []

    def make(locale: str = "zh-CN"):
        context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
