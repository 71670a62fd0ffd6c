"""Shared browser-test fixtures: one headless Chromium per session, pages logged in through the real form.

Every test in this folder is skipped, with the reason, when /usr/bin/chromium is missing or Playwright
cannot start it. Mark browser tests ``@pytest.mark.browser``; they use ``live_server`` and so need
``transactional_db`` (the ``logged_in_page`` fixture asks for it).
"""

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# pytest-django's live_server runs in this process and Playwright's sync API runs an event loop in it:
# Django would refuse database access from inside that loop without this.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# The shared data builder lives beside the web tests.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
BROWSER_DIR = Path(__file__).resolve().parent


def _in_this_folder(item) -> bool:
    return BROWSER_DIR in Path(str(item.fspath)).resolve().parents


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"browser tests need Chromium at {CHROMIUM} (apt-get install -y chromium)")
    for item in items:
        if _in_this_folder(item):
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


@pytest.fixture
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",  # fast for users the tests create
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # still checks passwords hashed the real way
    ]


@pytest.fixture
def logged_in_page(live_server, transactional_db, new_page, fast_passwords) -> Callable:
    """``logged_in_page(username, password=...)`` → a Playwright page logged in through the login form."""

    def login(username: str, password: str | None = None):
        from web_world import PASSWORD

        page = new_page()
        page.goto(f"{live_server.url}/")
        page.fill("#id_username", username)
        page.fill("#id_password", password or PASSWORD)
        with page.expect_navigation():
            page.click("button[type=submit].primary")
        if "/accounts/login/" in page.url:
            raise AssertionError(f"login as {username!r} failed; page says: {page.inner_text('main')}")
        return page

    return login


@pytest.fixture
def browser_world(transactional_db, fast_passwords):
    """The small district of tests/web/web_world.py, written for the live server to read."""
    from web_world import build_world

    return build_world()
