"""The tracking tests' small district (tests/tracking/conftest.py build_world), loaded for the web tests."""

from world_builders import build_world  # noqa: F401
