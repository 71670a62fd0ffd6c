"""Tracking's small district plus a command centre, its operator and a grid member of a street."""

import pytest
from world_builders import build_dispatch_world


@pytest.fixture
def world(db):
    return build_dispatch_world()
