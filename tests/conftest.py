"""Settings shared by the whole suite; each folder's conftest.py adds its own fixtures."""

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Real hashers take ~0.3 s per login on purpose; tests log in many times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
