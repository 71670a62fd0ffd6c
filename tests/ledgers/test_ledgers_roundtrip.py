import datetime
from decimal import Decimal

import pytest
from conftest import edit, header_letter

from duban.ledgers.exports import ledger_export
from duban.ledgers.imports import ledger_import
from duban.plans.models import Task, TaskUnit
from duban.projects.models import ExpropriationTask, ProjectYear

ON = datetime.date(2024, 6, 30)


def export(world, kind):
    return ledger_export(kind=kind, district=world.district, year=2024, on_date=ON)


def test_plan_export_then_import_changes_nothing(world):
    preview = ledger_import(kind="plan", content=export(world, "plan"), district=world.district, year=2024,
                            user=world.office, confirm=True)
    assert preview.problems == []
    assert (preview.created, preview.updated, preview.unchanged) == (0, 0, 2)
    assert world.t1.history.count() == 1
