"""The tracking world (one district with one of each tracked thing and users of every role)."""

import importlib.util
from pathlib import Path

import pytest


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
