"""Test worlds shared across folders: tracking's small district (tests/tracking/conftest.py) and, on top of it,
the dispatch world. Every conftest file is called ``conftest``, so tracking's is loaded here once, by path."""

import importlib.util
from pathlib import Path

from duban.org.models import Organisation, OrgKind, Role

_spec = importlib.util.spec_from_file_location(
    "duban_tests_tracking_world", Path(__file__).resolve().parent / "tracking" / "conftest.py")
tracking = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tracking)

build_world = tracking.build_world
make_user = tracking.make_user


def build_dispatch_world():
    """Tracking's district plus a command centre with its operator and a grid member of a street."""
    world = build_world()
    centre = Organisation.objects.create(name="区城市运行指挥中心", kind=OrgKind.OFFICE, parent=world.district)
    street = Organisation.objects.create(name="七贤街道", kind=OrgKind.STREET, parent=world.district)
    world.users["centre"] = make_user("centre", [(centre, Role.COMMAND_CENTRE)])
    world.users["grid"] = make_user("grid", [(street, Role.GRID_MEMBER)])
    return world
