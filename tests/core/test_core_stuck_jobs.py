"""A job whose worker died: the heartbeat stops, the reaper (scheduled, and the job page) marks it failed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from duban.core import jobs
from duban.core.models import Job, JobState
from duban.core.tasks import reap_stuck_jobs

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
STUCK = "任务中断（工作进程无响应），请重试"


def _silent_for(job, minutes):
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(minutes=minutes))


def test_progress_is_a_heartbeat(world):
    job = jobs.job_create(user=world.users["office"], kind="test", title="导入")
    jobs.job_start(job_id=job.pk, total=3)
    _silent_for(job, 40)
    before = Job.objects.get(pk=job.pk).updated_at
    jobs.job_progress(job_id=job.pk, done=1)
    assert Job.objects.get(pk=job.pk).updated_at - before > timedelta(minutes=39)
    assert jobs.jobs_reap() == []  # it just spoke


def test_reaper_fails_only_running_jobs_silent_too_long(world, settings):
    settings.DUBAN_JOB_STUCK_MINUTES = 30
    make = lambda title: jobs.job_create(user=world.users["office"], kind="test", title=title)  # noqa: E731
    dead, alive, queued = make("dead"), make("alive"), make("queued")
    jobs.job_start(job_id=dead.pk, total=2)
    jobs.job_start(job_id=alive.pk, total=2)
    _silent_for(dead, 31)
    _silent_for(alive, 29)
    _silent_for(queued, 600)  # a long queue is not a dead worker
    assert jobs.jobs_reap() == [dead.pk]
    states = dict(Job.objects.values_list("title", "state"))
    assert states == {"dead": JobState.FAILED, "alive": JobState.RUNNING, "queued": JobState.QUEUED}
    dead.refresh_from_db()
    assert dead.error == STUCK and dead.finished_at is not None
    with pytest.raises(jobs.ApplicationError):  # the worker coming back late cannot revive it
        jobs.job_progress(job_id=dead.pk, done=1)


def test_the_job_page_reaps_the_job_it_shows(client, world):
    job = jobs.job_create(user=world.users["office"], kind="test", title="导入台账")
    jobs.job_start(job_id=job.pk, total=4)
    jobs.job_progress(job_id=job.pk, done=1)
    client.force_login(world.users["office"])
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and STUCK not in page
    _silent_for(job, 31)
    page = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert f'<p class="error" data-testid="job-error">{STUCK}</p>' in page
    assert 'hx-trigger' not in page and 'data-state="failed"' in page


def test_the_scheduled_task_reaps(world, settings):
    settings.TASKS = IMMEDIATE
    job = jobs.job_create(user=world.users["office"], kind="test", title="x")
    jobs.job_start(job_id=job.pk)
    _silent_for(job, 45)
    assert reap_stuck_jobs.enqueue().return_value == f"1 stuck job(s) marked failed: [{job.pk}]"
    assert Job.objects.get(pk=job.pk).state == JobState.FAILED
