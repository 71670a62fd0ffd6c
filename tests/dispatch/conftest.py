"""Tracking's small district plus a command centre, its operator and a grid member of a street."""

import importlib.util
from pathlib import Path

import pytest

from duban.org.models import Organisation, OrgKind, Role


def _tracking_builder():
    path = Path(__file__).resolve().parent.parent / "tracking" / "conftest.py"
    spec = importlib.util.spec_from_file_location("tracking_world_builder_dispatch", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_dispatch_world():
    module = _tracking_builder()
    world = module.build_world()
    centre = Organisation.objects.create(name="区城市运行指挥中心", kind=OrgKind.OFFICE, parent=world.district)
    street = Organisation.objects.create(name="七贤街道", kind=OrgKind.STREET, parent=world.district)
    world.users["centre"] = module.make_user("centre", [(centre, Role.COMMAND_CENTRE)])
    world.users["grid"] = module.make_user("grid", [(street, Role.GRID_MEMBER)])
    return world


@pytest.fixture
def world(db):
    return build_dispatch_world()
