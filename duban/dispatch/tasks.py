"""Dispatch's background task (django.tasks): the daily escalation of overdue direct reports."""

import io

from django.core.management import call_command
from django.tasks import task


@task
def daily_escalate(day: str | None = None) -> str:
    """What `duban dispatch_escalate` does for a day (YYYY-MM-DD, default today): overdue dispatched direct
    reports become supervision orders; a report escalated once is not escalated again."""
    out = io.StringIO()
    call_command("dispatch_escalate", *(["--date", day] if day else []), stdout=out)
    return out.getvalue()
