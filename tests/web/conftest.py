"""Fixtures of the web shell's tests."""

import pytest
from web_world import World, build_world


@pytest.fixture
def world(db, settings) -> World:
    # Real hashing costs ~0.3 s per user; the tests are about the screens, not the hasher.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",  # fast for users the tests create
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # still checks passwords hashed the real way
    ]
    return build_world()
