"""Background work: the job record and page, the schedule (once per period), and the queues behind them."""

from datetime import datetime, time
from io import StringIO

import pytest
from django.core.management import call_command
from django.tasks import task
from django.utils import timezone

from duban.core import jobs
from duban.core.models import JobState, ScheduledRun
from duban.core.scheduling import run_due
from duban.schedule import SCHEDULE, Entry

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
CALLS: list = []


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch):
    """The worker closes stale connections between tasks; in a test that would close the test's transaction."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@task
def record_call(**kwargs):
    CALLS.append(kwargs)
    return len(CALLS)


def _local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def test_job_moves_through_its_states_with_progress(world):
    job = jobs.job_create(user=world.users["office"], kind="test", title="导入台账")
    assert (job.state, job.percent) == (JobState.QUEUED, None)
    jobs.job_start(job_id=job.pk, total=4, message="读取")
    job = jobs.job_progress(job_id=job.pk, done=3, message="写入")
    assert (job.state, job.done, job.total, job.percent, job.message) == (JobState.RUNNING, 3, 4, 75, "写入")
    with pytest.raises(jobs.ApplicationError, match="超出|outside"):
        jobs.job_progress(job_id=job.pk, done=5)
    job = jobs.job_finish(job_id=job.pk, message="完成", result_url="/ingest/1/")
    assert (job.state, job.done, job.is_finished) == (JobState.DONE, 4, True)
    with pytest.raises(jobs.ApplicationError):
        jobs.job_fail(job_id=job.pk, error="late")


def test_old_jobs_expire_with_their_kept_files(settings, world, tmp_path):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from duban.core.models import Job

    settings.MEDIA_ROOT = tmp_path
    settings.DUBAN_JOB_KEEP_DAYS = 30
    now = _local(2026, 3, 31, 3, 15)

    def ended(state, days_ago):
        job = jobs.job_create(user=world.users["office"], kind="test", title=f"{state} {days_ago}")
        Job.objects.filter(pk=job.pk).update(state=state, finished_at=now - timezone.timedelta(days=days_ago))
        return job.pk

    old_done, old_failed, recent = ended(JobState.DONE, 31), ended(JobState.FAILED, 45), ended(JobState.DONE, 29)
    running = jobs.job_create(user=world.users["office"], kind="test", title="running").pk
    jobs.job_start(job_id=running)
    Job.objects.filter(pk=running).update(started_at=now - timezone.timedelta(days=90))
    for pk in (old_done, recent, 999_999):   # 999999: a file whose job was deleted long ago
        default_storage.save(f"ledgers/jobs/{pk}.json", ContentFile(b"{}"))
    for pk in (old_failed, recent):
        default_storage.save(f"bulletins/jobs/{pk}/2026年3月通报.docx", ContentFile(b"docx"))
    default_storage.save("ledgers/jobs/README.txt", ContentFile(b"not a job's"))
    default_storage.save("evidence/2026/03/photo.jpg", ContentFile(b"jpg"))

    assert jobs.jobs_expire(now=now) == (2, 3)
    assert sorted(Job.objects.values_list("title", flat=True)) == ["done 29", "running"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == sorted([
        f"bulletins/jobs/{recent}/2026年3月通报.docx", "evidence/2026/03/photo.jpg", "ledgers/jobs/README.txt",
        f"ledgers/jobs/{recent}.json"])
    assert not (tmp_path / f"bulletins/jobs/{old_failed}").exists()
    assert jobs.jobs_expire(now=now) == (0, 0)


def test_job_page_is_for_its_owner_and_polls_until_done(client, world):
    job = jobs.job_create(user=world.users["office"], kind="test", title="导入台账")
    client.force_login(world.users["reporter_a"])
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    client.force_login(world.users["office"])
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and "排队中" in page
    jobs.job_start(job_id=job.pk, total=2)
    jobs.job_progress(job_id=job.pk, done=1)
    fragment = client.get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true")
    assert "1 / 2" in fragment.content.decode() and "<h1>" not in fragment.content.decode()
    jobs.job_finish(job_id=job.pk, result_url="/tracking/my/")
    done = client.get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true")
    assert done["HX-Redirect"] == "/tracking/my/" and "hx-trigger" not in done.content.decode()


def test_schedule_enqueues_each_entry_once_per_period(settings):
    settings.TASKS = IMMEDIATE
    CALLS.clear()
    schedule = [Entry("daily", f"{__name__}.record_call", time(8, 0), kwargs={"what": "daily"}),
                Entry("monthly", f"{__name__}.record_call", time(6, 0), day_of_month=1, kwargs={"what": "monthly"})]
    assert run_due(now=_local(2026, 3, 1, 5, 59), schedule=schedule) == []
    assert [(e.name, p) for e, p in run_due(now=_local(2026, 3, 1, 6, 0), schedule=schedule)] == [("monthly", "2026-03")]
    assert [(e.name, p) for e, p in run_due(now=_local(2026, 3, 1, 8, 30), schedule=schedule)] == [("daily", "2026-03-01")]
    assert run_due(now=_local(2026, 3, 1, 23, 0), schedule=schedule) == []
    assert [(e.name, p) for e, p in run_due(now=_local(2026, 3, 2, 9, 0), schedule=schedule)] == [("daily", "2026-03-02")]
    assert [c["what"] for c in CALLS] == ["monthly", "daily", "daily"]
    assert sorted(ScheduledRun.objects.values_list("name", "period")) == [
        ("daily", "2026-03-01"), ("daily", "2026-03-02"), ("monthly", "2026-03")]
    assert all(ScheduledRun.objects.values_list("task_result_id", flat=True))


def test_the_declared_schedule_runs_the_daily_reminders(settings, world, tmp_path):
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path  # the evidence sweep runs too: not on the working folder's media
    assert [(e.name, e.task) for e in SCHEDULE] == [
        ("daily-status-refresh", "duban.tracking.tasks.daily_status_refresh"),
        ("reap-stuck-jobs", "duban.core.tasks.reap_stuck_jobs"),
        ("expire-old-jobs", "duban.core.tasks.expire_jobs"),
        ("compact-change-log", "duban.core.tasks.compact_changes"),
        ("evidence-sweep", "duban.tracking.tasks.evidence_sweep"),
        ("daily-reminders", "duban.tracking.tasks.daily_reminders"),
        ("daily-escalate", "duban.dispatch.tasks.daily_escalate"),
        ("daily-problem-escalation", "duban.tracking.tasks.daily_problem_escalation")]
    schedule = [e for e in SCHEDULE if e.name not in ("daily-status-refresh", "daily-escalate")]
    done = run_due(now=_local(2024, 6, 20, 8, 0), schedule=schedule)
    assert [(e.name, p) for e, p in done] == [("reap-stuck-jobs", "2024-06-20"), ("expire-old-jobs", "2024-06-20"),
                                              ("compact-change-log", "2024-06-20"), ("evidence-sweep", "2024-06-20"),
                                              ("daily-reminders", "2024-06-20")]
    done = run_due(now=_local(2024, 6, 20, 9, 0), schedule=schedule)
    assert [(e.name, p) for e, p in done] == [("daily-problem-escalation", "2024-06-20")]
    assert run_due(now=_local(2024, 6, 20, 9, 30), schedule=schedule) == []


def test_run_scheduled_enqueues_each_daily_entry_once_a_day(monkeypatch):
    from django_tasks_db.models import DBTaskResult

    from duban.core.management.commands import run_scheduled

    def run_at(*moment) -> list[str]:
        monkeypatch.setattr(run_scheduled.timezone, "localtime", lambda: _local(*moment))
        out = StringIO()
        call_command("run_scheduled", stdout=out)
        return out.getvalue().splitlines()

    assert run_at(2026, 3, 2, 0, 29) == []
    assert run_at(2026, 3, 2, 0, 30) == [
        "daily-status-refresh 2026-03-02: enqueued (duban.tracking.tasks.daily_status_refresh)"]
    assert run_at(2026, 3, 2, 8, 20) == [
        "reap-stuck-jobs 2026-03-02: enqueued (duban.core.tasks.reap_stuck_jobs)",
        "expire-old-jobs 2026-03-02: enqueued (duban.core.tasks.expire_jobs)",
        "compact-change-log 2026-03-02: enqueued (duban.core.tasks.compact_changes)",
        "evidence-sweep 2026-03-02: enqueued (duban.tracking.tasks.evidence_sweep)",
        "daily-reminders 2026-03-02: enqueued (duban.tracking.tasks.daily_reminders)",
        "daily-escalate 2026-03-02: enqueued (duban.dispatch.tasks.daily_escalate)"]
    assert run_at(2026, 3, 2, 8, 30) == [
        "daily-problem-escalation 2026-03-02: enqueued (duban.tracking.tasks.daily_problem_escalation)"]
    assert run_at(2026, 3, 2, 23, 59) == []
    assert len(run_at(2026, 3, 3, 9, 0)) == 8
    queued = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued == sorted([e.task for e in SCHEDULE] * 2)




def test_daily_reminders_task_is_the_remind_command(settings, world):
    from duban.tracking.tasks import daily_reminders

    settings.TASKS = IMMEDIATE
    result = daily_reminders.enqueue(day="2024-06-20")
    assert result.return_value.startswith("2024-06-20：")


def test_database_queue_is_the_default_and_its_worker_runs_the_task(settings):
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    CALLS.clear()
    result = record_call.enqueue(what="queued")
    assert CALLS == []
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert CALLS == [{"what": "queued"}]
    result.refresh()
    assert (result.status, result.return_value) == ("SUCCESSFUL", 1)


def _redis():
    try:
        import redis

        connection = redis.Redis.from_url("redis://127.0.0.1:6379/0", socket_connect_timeout=1)
        connection.ping()
        return connection
    except Exception as error:  # noqa: BLE001 - any failure means "no Redis here"
        pytest.skip(f"Redis is not reachable at 127.0.0.1:6379 ({error.__class__.__name__}); CI starts it")


def test_rq_backend_enqueues_to_redis_and_a_burst_worker_runs_the_task(settings, monkeypatch,
                                                                       django_capture_on_commit_callbacks):
    connection = _redis()
    import django_rq.settings
    from django_tasks_rq import Job as RQJob
    from rq import SimpleWorker

    queue_name = "duban-test-apitasks"
    monkeypatch.setitem(django_rq.settings.QUEUES, queue_name, {"URL": "redis://127.0.0.1:6379/0"})
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue_name]}}
    CALLS.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = record_call.using(queue_name=queue_name).enqueue(what="redis")
    queue = django_rq.get_queue(queue_name)
    try:
        assert queue.count == 1 and CALLS == []
        # what `duban rqworker --job-class django_tasks_rq.Job` runs, in this process
        SimpleWorker([queue], connection=connection, job_class=RQJob).work(burst=True)
        assert CALLS == [{"what": "redis"}]
        result.refresh()
        assert (str(result.status).rsplit(".", 1)[-1], result.return_value) == ("SUCCESSFUL", 1)
    finally:
        queue.empty()
