"""Large pasted texts and files are extracted by a task; the page that started it shows the progress."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from duban.core.models import Job
from duban.ingest.models import SourceDocument

from ingest_review_data import PASSWORD, REPORT

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch):
    """The worker closes stale connections between tasks; in a test that would close the test's transaction."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.fixture
def office(client, world, settings):
    settings.DUBAN_INGEST_BACKGROUND_CHARS = 100
    settings.DUBAN_INGEST_BACKGROUND_BYTES = 100
    client.login(username="office", password=PASSWORD)
    return client


def _work():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def test_a_long_pasted_text_is_extracted_by_the_queue_with_progress_on_the_page(office, world):
    response = office.post(reverse("ingest:upload"), {"district": world.district.pk, "text": REPORT, "year": ""})
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/"
    assert (job.kind, job.state, job.user.username) == ("ingest", "queued", "office")
    assert SourceDocument.objects.count() == 0
    page = office.get(response.url).content.decode()
    assert 'data-state="queued"' in page and 'hx-trigger="every 1s"' in page
    _work()
    job.refresh_from_db()
    document = SourceDocument.objects.get()
    assert (job.state, job.done, job.total) == ("done", 2, 2)
    assert job.result_url == reverse("ingest:review", args=[document.pk])
    assert document.candidates.count() == 5
    done = office.get(response.url, **HTMX)
    assert done["HX-Redirect"] == reverse("ingest:review", args=[document.pk])


def test_a_large_file_goes_to_the_queue_too(office, world):
    upload = SimpleUploadedFile("report.txt", REPORT.encode("gb18030"), content_type="text/plain")
    response = office.post(reverse("ingest:upload"), {"district": world.district.pk, "file": upload, "year": "2024"})
    assert response.url == f"/jobs/{Job.objects.get().pk}/"
    _work()
    document = SourceDocument.objects.get()
    assert (document.filename, document.text, document.year) == ("report.txt", REPORT, 2024)


def test_a_refused_document_fails_the_job_with_the_readers_message(office, world):
    text = "今年要做好各项工作。" * 20  # no year anywhere
    office.post(reverse("ingest:upload"), {"district": world.district.pk, "text": text, "year": ""})
    _work()
    job = Job.objects.get()
    assert (job.state, job.error) == ("failed", "无法从文本中识别年份，请选择年份。")
    assert SourceDocument.objects.count() == 0
    assert job.error in office.get(f"/jobs/{job.pk}/", **HTMX).content.decode()


def test_a_short_text_is_still_extracted_inside_the_request(client, world):
    client.login(username="office", password=PASSWORD)
    response = client.post(reverse("ingest:upload"), {"district": world.district.pk, "text": REPORT, "year": ""})
    assert response.url == reverse("ingest:review", args=[SourceDocument.objects.get().pk])
    assert Job.objects.count() == 0
