"""A district, its offices and a short work report for the review flow's tests."""

import pytest
from ingest_review_data import REPORT, World, build_world


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def uploaded(world):
    """REPORT uploaded for the district by the supervision office."""
    from duban.ingest.services import document_upload

    return document_upload(district=world.district, user=world.users["office"], text=REPORT).document


@pytest.fixture
def run_in_browser(new_page):
    """``run_in_browser(scenario)`` calls ``scenario(page)`` with a page of the shared headless Chromium."""

    def run(scenario) -> None:
        scenario(new_page())

    return run
