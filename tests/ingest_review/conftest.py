"""A district, its offices and a short work report for the review flow's tests."""

import os
import threading

import pytest
from ingest_review_data import REPORT, World, build_world


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Ten users per test: the default PBKDF2 hasher would spend seconds on them.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def uploaded(world):
    """REPORT uploaded for the district by the supervision office."""
    from duban.ingest.services import document_upload

    return document_upload(district=world.district, user=world.users["office"], text=REPORT).document


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


@pytest.fixture
def run_in_browser():
    """``run_in_browser(scenario)`` calls ``scenario(page)`` with a headless Chromium page (Playwright).

    The scenario runs in a thread of its own: Playwright's sync API allows one instance per thread, and the
    shared browser fixtures of tests/browser/ (not visible from this folder) may hold one in the main thread.
    Skipped when Chromium is not installed.
    """
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    def run(scenario) -> None:
        failure: list[BaseException] = []

        def work():
            try:
                with sync_api.sync_playwright() as playwright:
                    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                    try:
                        page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
                        page.set_default_timeout(10_000)
                        scenario(page)
                    finally:
                        browser.close()
            except BaseException as exc:  # noqa: BLE001 - handed back to the test's thread
                failure.append(exc)
            finally:
                from django.db import connections

                connections.close_all()

        thread = threading.Thread(target=work, name="ingest-review-browser")
        thread.start()
        thread.join(timeout=180)
        if thread.is_alive():
            raise AssertionError("the browser scenario did not finish within 180 s")
        if failure:
            raise failure[0]

    return run
