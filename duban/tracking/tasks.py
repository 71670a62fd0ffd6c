"""Tracking's background tasks (django.tasks): the daily reminders and automatic supervision orders."""

import io

from django.core.management import call_command
from django.tasks import task


@task
def daily_reminders(day: str | None = None) -> str:
    """What `duban remind` does for a day (YYYY-MM-DD, default today): reminders and automatic orders, idempotent."""
    out = io.StringIO()
    call_command("remind", *(["--date", day] if day else []), stdout=out)
    return out.getvalue()


@task
def evidence_sweep() -> str:
    """What `duban evidence_sweep` does: delete evidence files with no row, report rows whose file is missing."""
    out = io.StringIO()
    call_command("evidence_sweep", stdout=out)
    return out.getvalue()


@task
def daily_problem_escalation(day: str | None = None) -> str:
    """What `duban escalate_problems` does for a day: overdue problems escalated, idempotent per day."""
    out = io.StringIO()
    call_command("escalate_problems", *(["--date", day] if day else []), stdout=out)
    return out.getvalue()
