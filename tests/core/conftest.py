"""The tracking world (one district with one of each tracked thing and users of every role)."""

import pytest
from world_builders import build_world




@pytest.fixture
def world(db):
    return build_world()
