"""The tracking tests' small district (tests/tracking/conftest.py build_world), loaded for the web tests."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "duban_tests_tracking_world", Path(__file__).resolve().parent.parent / "tracking" / "conftest.py")
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
build_world = _module.build_world
