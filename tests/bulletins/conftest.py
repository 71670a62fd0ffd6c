"""Fixtures of the bulletins' tests (the world is in bulletins_world.py)."""

import pytest
from bulletins_world import build_bulletin_world, tracking_world


@pytest.fixture
def world(db):
    return build_bulletin_world()


@pytest.fixture
def bare_world(db):
    """The district without reports or orders: enough for permissions."""
    return tracking_world.build_world()
