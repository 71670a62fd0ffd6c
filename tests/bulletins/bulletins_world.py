"""The tracking tests' small district, given a half year of generated reports and a few supervision orders."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from world_builders import tracking as tracking_world

from duban.demo.progress import generate_progress
from duban.plans.models import Task, TaskUnit
from duban.tracking.models import OrderState, OrderUnit, SupervisionOrder


SHANGHAI = ZoneInfo("Asia/Shanghai")
ON_DATE = date(2024, 6, 30)


def _order(world, number, unit, issued, deadline, state=OrderState.ISSUED, closed=None):
    order = SupervisionOrder.objects.create(
        number=number, district=world.district, title=f"督办{number}", content="按期办结",
        issued_at=datetime(*issued, 9, tzinfo=SHANGHAI), deadline=date(*deadline), state=state,
        closed_at=datetime(*closed, 17, tzinfo=SHANGHAI) if closed else None)
    OrderUnit.objects.create(order=order, organisation=unit, role="lead")
    return order


def build_bulletin_world():
    world = tracking_world.build_world()
    for i in range(6):  # as in the tracking tests: enough tasks for every light
        task = Task.objects.create(plan=world.plan, node=world.node, code=f"G{i}", title=f"任务{i}")
        TaskUnit.objects.create(task=task, organisation=world.unit_b, role="lead")
    generate_progress(district=world.district, year=2024)
    _order(world, "DB-1", world.unit_a, (2024, 3, 1), (2024, 4, 30), OrderState.CLOSED, (2024, 4, 20))
    _order(world, "DB-2", world.unit_b, (2024, 4, 1), (2024, 5, 31))                      # overdue on 30 June
    _order(world, "DB-3", world.unit_b, (2024, 6, 10), (2024, 7, 31), OrderState.SIGNED)   # open, not yet due
    _order(world, "DB-4", world.unit_a, (2024, 5, 1), (2024, 6, 15), OrderState.CLOSED, (2024, 7, 5))  # closed after
    _order(world, "DB-5", world.unit_a, (2024, 7, 2), (2024, 8, 31))                      # issued after the date
    return world
