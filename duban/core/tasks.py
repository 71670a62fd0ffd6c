"""Core's background tasks (django.tasks): the reaper of jobs whose worker died."""

from django.tasks import task


@task
def reap_stuck_jobs() -> str:
    """Mark running jobs with no heartbeat for DUBAN_JOB_STUCK_MINUTES as failed (core.jobs.jobs_reap)."""
    from .jobs import jobs_reap

    reaped = jobs_reap()
    return f"{len(reaped)} stuck job(s) marked failed" + (f": {reaped}" if reaped else "")
