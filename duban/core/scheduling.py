"""Runs the schedule declared in duban/schedule.py: each due entry once per period."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string

from .models import ScheduledRun


def run_due(*, now: datetime, dry_run: bool = False, schedule=None) -> list:
    """Enqueue every entry due at ``now`` (local time) whose period has no run yet; return [(entry, period)]."""
    if schedule is None:  # declared at the top of the package, which core may not import: looked up by name
        schedule = import_string("duban.schedule.SCHEDULE")
    done = []
    for entry in schedule:
        period = entry.period(now)
        if period is None or ScheduledRun.objects.filter(name=entry.name, period=period).exists():
            continue
        if not dry_run:
            try:
                with transaction.atomic():
                    run = ScheduledRun.objects.create(name=entry.name, period=period, enqueued_at=now)
            except IntegrityError:  # another machine recorded it first
                continue
            result = import_string(entry.task).enqueue(**entry.kwargs)
            ScheduledRun.objects.filter(pk=run.pk).update(task_result_id=str(result.id)[:64])
        done.append((entry, period))
    return done
