"""Large uploads are previewed and imported by a task: the job page shows the progress, then the preview."""

from io import BytesIO

import pytest
from ledger_files import edit
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import load_workbook

from duban.core.models import Job
from duban.projects.models import ProjectYear

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def office(world, client, settings, tmp_path):
    settings.DUBAN_LEDGER_BACKGROUND_BYTES = 100       # every upload goes to the queue
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.projects)
    return client


def _changed(client, world) -> bytes:
    download = client.get(f"/ledgers/export/projects/?district={world.district.pk}&year=2024&date=2024-06-30")
    assert load_workbook(BytesIO(download.content)).active["J4"].value == 12000
    return edit(download.content, {"J4": 14000})


def _upload(client, world, content):
    return client.post("/ledgers/import/", {"district": world.district.pk, "year": 2024, "kind": "projects",
                                            "file": SimpleUploadedFile("p.xlsx", content)})


def test_a_large_upload_is_previewed_and_imported_by_jobs_immediate_backend(office, world, settings):
    settings.TASKS = IMMEDIATE
    response = _upload(office, world, _changed(office, world))
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/"
    assert (job.kind, job.state, job.title, job.message) == ("ledger", "done", "正在检查“p.xlsx”", "新增0行，修改1行，不变0行")
    assert office.get(response.url, HTTP_HX_REQUEST="true")["HX-Redirect"] == f"/ledgers/import/jobs/{job.pk}/"
    preview = office.get(job.result_url)
    assert "年度计划投资：12000 → 14000" in preview.content.decode()
    assert ProjectYear.objects.get(project=world.p1).annual_plan == 12000       # a preview writes nothing
    confirmed = office.post("/ledgers/import/confirm/", {"token": preview.context["token"]})
    job = Job.objects.order_by("-id").first()
    assert confirmed.url == f"/jobs/{job.pk}/"
    assert (job.title, job.state, job.done, job.total) == ("正在导入“p.xlsx”", "done", 1, 1)
    assert ProjectYear.objects.get(project=world.p1).annual_plan == 14000
    done = office.get(job.result_url, follow=True)
    assert "已导入 p.xlsx：新增0行，修改1行，不变0行。" in done.content.decode()
    office.force_login(world.office)                  # the job and its preview are its starter's only
    assert office.get(job.result_url).status_code == 404


def test_problems_found_by_the_job_are_shown_with_row_and_column(office, world, settings):
    settings.TASKS = IMMEDIATE
    _upload(office, world, edit(_changed(office, world), {"J4": "约3000"}))
    job = Job.objects.get()
    assert job.message == "发现1个问题，未写入任何数据"
    page = office.get(job.result_url).content.decode()
    assert "工作表「重点项目台账」第4行 J列「年度计划投资」：应为数字（万元），读到「约3000」" in page


def test_the_database_queue_worker_runs_the_preview_and_the_import(office, world, monkeypatch):
    from django_tasks_db.management.commands import db_worker
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    response = _upload(office, world, _changed(office, world))
    job = Job.objects.get()
    assert job.state == "queued" and office.get(f"/ledgers/import/jobs/{job.pk}/").url == response.url
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    preview = office.get(Job.objects.get().result_url)
    confirmed = office.post("/ledgers/import/confirm/", {"token": preview.context["token"]})
    assert ProjectYear.objects.get(project=world.p1).annual_plan == 12000      # queued, not yet run
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    job = Job.objects.order_by("-id").first()
    assert (confirmed.url, job.state) == (f"/jobs/{job.pk}/", "done")
    assert ProjectYear.objects.get(project=world.p1).annual_plan == 14000
