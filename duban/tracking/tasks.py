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


@task
def daily_status_refresh(day: str | None = None) -> str:
    """Store every district's status as of the day its pages show by default (``day``, YYYY-MM-DD, default
    today; 31 December for a district whose latest plan is of a past year), so that lists, the dashboard and
    rankings read it instead of computing."""
    from datetime import date  # noqa: PLC0415

    from duban.core import dates  # noqa: PLC0415
    from duban.org.models import Organisation  # noqa: PLC0415

    from .selectors import default_date, default_year  # noqa: PLC0415
    from .snapshots import refresh_district  # noqa: PLC0415

    today = date.fromisoformat(day) if day else dates.today()
    lines = []
    for district in Organisation.objects.districts().order_by("path"):
        year = default_year(district, today)
        as_of = default_date(year, today)
        lines.append(f"{district.name} {year} {as_of.isoformat()}: {refresh_district(district, as_of, year=year)}")
    return "\n".join(lines)
