"""Pages logged in through the real form (the shared Chromium is in tests/conftest.py).

Mark browser tests ``@pytest.mark.browser``; they use ``live_server`` and so need ``transactional_db``
(the ``logged_in_page`` fixture asks for it).
"""

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

# The shared data builder lives beside the web tests.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

@pytest.fixture
def logged_in_page(live_server, transactional_db, new_page) -> Callable:
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
def browser_world(transactional_db):
    """The small district of tests/web/web_world.py, written for the live server to read."""
    from web_world import build_world

    return build_world()
