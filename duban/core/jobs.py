"""The only door for background-job writes, and the helper that starts a job on the task queue.

A view that hands work to the queue calls ``job_enqueue(task=..., user=..., kind=..., title=..., **kwargs)``;
the task receives ``job_id`` among its keyword arguments and reports with job_start / job_progress /
job_finish / job_fail. The job page (/jobs/<id>/) shows the progress to the user who started it.
"""

from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
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


#: Folders under MEDIA_ROOT where apps keep what their jobs produced, one entry per job named by its id
#: ("12.json" or a folder "12/"). Apps add theirs in AppConfig.ready with ``register_job_files``; the
#: scheduled expiry deletes an entry once its job row is gone.
JOB_FILE_FOLDERS: list[str] = []


def register_job_files(folder: str) -> None:
    if folder not in JOB_FILE_FOLDERS:
        JOB_FILE_FOLDERS.append(folder)


def keep_for() -> timedelta:
    """How long a finished job and its files are kept (DUBAN_JOB_KEEP_DAYS, default 30)."""
    return timedelta(days=int(getattr(settings, "DUBAN_JOB_KEEP_DAYS", 30)))


def _job_id(entry: str) -> int | None:
    stem = entry.split(".", 1)[0]
    return int(stem) if stem.isascii() and stem.isdigit() else None


def _delete_entry(path: str) -> None:
    """A file, or a folder with the files in it (a job's folder holds files only)."""
    try:
        folders, files = default_storage.listdir(path)
    except (FileNotFoundError, NotADirectoryError):
        default_storage.delete(path)
        return
    for name in files:
        default_storage.delete(f"{path}/{name}")
    for name in folders:
        _delete_entry(f"{path}/{name}")
    default_storage.delete(path)


def jobs_expire(*, now=None) -> tuple[int, int]:
    """Delete the jobs that ended more than ``keep_for()`` ago, then every kept job file whose job no longer
    exists (theirs, and any a deleted job left behind). Running and queued jobs are never touched. Returns
    (jobs deleted, files or folders deleted)."""
    now = now or timezone.now()
    jobs, _by_model = Job.objects.filter(state__in=(JobState.DONE, JobState.FAILED),
                                         finished_at__lt=now - keep_for()).delete()
    removed = 0
    for folder in JOB_FILE_FOLDERS:
        try:
            folders, files = default_storage.listdir(folder)
        except FileNotFoundError:
            continue
        entries = {name: _job_id(name) for name in [*folders, *files]}
        alive = set(Job.objects.filter(pk__in={i for i in entries.values() if i is not None})
                    .values_list("pk", flat=True))
        for name, job_id in sorted(entries.items()):
            if job_id is not None and job_id not in alive:
                _delete_entry(f"{folder}/{name}")
                removed += 1
    return jobs, removed


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
