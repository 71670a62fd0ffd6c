"""The tracking world (one district with one of each tracked thing and users of every role), with API tokens."""

import importlib.util
from pathlib import Path

import pytest

from duban.api.services import api_token_create


def _tracking_world():
    """tests/tracking/conftest.py's world builder, loaded under its own name (both files are 'conftest')."""
    path = Path(__file__).resolve().parent.parent / "tracking" / "conftest.py"
    spec = importlib.util.spec_from_file_location("tracking_world", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_world = _tracking_world().build_world


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
