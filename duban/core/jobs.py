"""The only door for background-job writes, and the helper that starts a job on the task queue.

A view that hands work to the queue calls ``job_enqueue(task=..., user=..., kind=..., title=..., **kwargs)``;
the task receives ``job_id`` among its keyword arguments and reports with job_start / job_progress /
job_finish / job_fail. The job page (/jobs/<id>/) shows the progress to the user who started it.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import ApplicationError
from .models import Job, JobState


def can_view_job(user, job: Job) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or job.user_id == user.pk))


@transaction.atomic
def job_create(*, user, kind: str, title: str, total: int = 0) -> Job:
    return Job.objects.create(user=user if user is not None and user.is_authenticated else None, kind=kind,
                              title=title[:200], total=total)


def job_enqueue(*, task, user, kind: str, title: str, total: int = 0, **kwargs) -> Job:
    """Create the job, then put ``task`` on the queue with ``job_id`` and ``kwargs`` (JSON values only)."""
    job = job_create(user=user, kind=kind, title=title, total=total)
    result = task.enqueue(job_id=job.pk, **kwargs)
    Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def _update(job_id: int, **fields) -> Job:
    job = Job.objects.select_for_update().get(pk=job_id)
    if job.is_finished:
        raise ApplicationError(_("The job has already ended"))
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=[*fields, "updated_at"])  # every write is a heartbeat
    return job


@transaction.atomic
def job_start(*, job_id: int, total: int | None = None, message: str = "") -> Job:
    fields = {"state": JobState.RUNNING, "started_at": timezone.now(), "message": message[:300]}
    if total is not None:
        fields["total"] = total
    return _update(job_id, **fields)


@transaction.atomic
def job_progress(*, job_id: int, done: int, total: int | None = None, message: str = "") -> Job:
    job = Job.objects.get(pk=job_id)
    total = job.total if total is None else total
    if total and not 0 <= done <= total:
        raise ApplicationError(_("Progress %(done)s is outside 0 to %(total)s") % {"done": done, "total": total})
    return _update(job_id, done=done, total=total, message=message[:300])


@transaction.atomic
def job_finish(*, job_id: int, message: str = "", result_url: str = "") -> Job:
    job = Job.objects.get(pk=job_id)
    return _update(job_id, state=JobState.DONE, done=job.total, finished_at=timezone.now(), message=message[:300],
                   result_url=result_url[:300])


@transaction.atomic
def job_fail(*, job_id: int, error: str) -> Job:
    return _update(job_id, state=JobState.FAILED, finished_at=timezone.now(), error=error[:5000])


def stuck_after() -> timedelta:
    """How long a running job may go without a heartbeat (DUBAN_JOB_STUCK_MINUTES, default 30)."""
    return timedelta(minutes=int(getattr(settings, "DUBAN_JOB_STUCK_MINUTES", 30)))


@transaction.atomic
def jobs_reap(*, now=None, job_ids=None) -> list[int]:
    """Mark running jobs with no heartbeat for ``stuck_after()`` as failed; return their ids.

    A worker that died leaves its job "running" forever; the scheduled reaper (and the job page, for the job
    it shows) ends it with a message that tells the user to try again. Jobs still queued are left alone: the
    queue may simply be long.
    """
    now = now or timezone.now()
    stale = Job.objects.select_for_update().filter(state=JobState.RUNNING, updated_at__lt=now - stuck_after())
    if job_ids is not None:
        stale = stale.filter(pk__in=job_ids)
    reaped = []
    for job in stale:
        job.state, job.finished_at = JobState.FAILED, now
        job.error = _("The job was interrupted (the worker stopped responding); please try again")
        job.save(update_fields=["state", "finished_at", "error", "updated_at"])
        reaped.append(job.pk)
    return reaped
