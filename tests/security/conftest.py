"""Fixtures of the security tests: the two-district world of security_world.py and a login helper."""

import pytest
from security_world import SecurityWorld, build_security_world


@pytest.fixture
def sec_world(db, settings, tmp_path) -> SecurityWorld:
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_security_world()


@pytest.fixture
def login(client):
    def do(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client
    return do

