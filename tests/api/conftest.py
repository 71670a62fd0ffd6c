"""The tracking world (one district with one of each tracked thing and users of every role), with API tokens."""

import pytest
from world_builders import build_world

from duban.api.services import api_token_create




@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def token_for(world):
    """token_for("office") → the Authorization header of a fresh token of that user of the world."""
    def make(username: str) -> dict:
        _token, raw = api_token_create(actor=world.users[username], name="test", days=30)
        return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    return make
