"""Fixtures shared by the whole suite."""

import pytest


@pytest.fixture(autouse=True)
def _english_off(settings):
    # Tests run with the product's default language so that messages are checked as users see them.
    settings.LANGUAGE_CODE = "zh-hans"
