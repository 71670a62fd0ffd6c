"""Core's background tasks (django.tasks): the reaper of jobs whose worker died, the expiry of old
jobs, the change log's nightly folding."""

from django.tasks import task


@task
def reap_stuck_jobs() -> str:
    """Mark running jobs with no heartbeat for DUBAN_JOB_STUCK_MINUTES as failed (core.jobs.jobs_reap)."""
    from .jobs import jobs_reap

    reaped = jobs_reap()
    return f"{len(reaped)} stuck job(s) marked failed" + (f": {reaped}" if reaped else "")


@task
def expire_jobs() -> str:
    """Delete jobs that ended more than DUBAN_JOB_KEEP_DAYS ago and the files kept for them (core.jobs.jobs_expire)."""
    from .jobs import jobs_expire

    jobs, files = jobs_expire()
    return f"{jobs} old job(s) and {files} kept file(s) deleted"


@task
def compact_changes() -> str:
    """Fold the change log into per-district totals (core.changes.changes_compact): stamps stay as they were."""
    from .changes import changes_compact

    return f"{changes_compact()} change row(s) folded"
