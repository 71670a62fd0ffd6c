"""Two sessions submitting the same report at the same moment: one report is stored, the other gets a clear
refusal — never "database is locked" (SQLite) or an integrity error (PostgreSQL)."""

import threading
from datetime import date

import pytest
from django.db import connection, connections
from factories import make_district, make_member, make_plan, make_task, make_unit

from duban.core.errors import ApplicationError
from duban.org.models import Role
from duban.tracking import services
from duban.tracking.models import ItemType, Report


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submissions_store_one_report_and_refuse_the_other_clearly():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("needs a database file: SQLite's shared in-memory database locks tables, not the file")
    district = make_district()
    unit = make_unit(district=district)
    task = make_task(plan=make_plan(district=district, year=2024), lead=unit, deadline=date(2024, 12, 31))
    reporters = [make_member(f"writer{n}", (unit, Role.UNIT_REPORTER)) for n in range(2)]
    barrier, outcomes = threading.Barrier(2), []

    def submit(user):
        try:
            barrier.wait(timeout=10)
            services.report_submit(actor=user, item_type=ItemType.TASK, item_id=task.pk, period_key="2024-06",
                                   values={"percent": 50}, narrative=user.username)
            outcomes.append("stored")
        except ApplicationError as error:
            outcomes.append(error.message)
        except Exception as error:  # noqa: BLE001 - any other error is the failure this test exists for
            outcomes.append(f"ERROR {type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(user,)) for user in reporters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes)[-1] == "stored" and len(outcomes) == 2
    refusal = sorted(outcomes)[0]
    assert not refusal.startswith("ERROR"), refusal
    assert "2024年6月" in refusal
    assert Report.objects.filter(item_id=task.pk).count() == 1
