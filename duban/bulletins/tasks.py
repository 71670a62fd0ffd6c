"""Bulletin generation on the task queue: the figures read, the file written and kept for its job's owner."""

from datetime import date

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from duban.core.errors import ApplicationError
from duban.core.jobs import job_fail, job_finish, job_progress, job_start
from duban.org.models import Organisation

from .generate import bulletin_filename, bulletin_render

STEPS = 3      # figures and sentences; the .docx/.pdf file; stored


def job_folder(job_id: int) -> str:
    """Where a job's bulletin is kept (under MEDIA_ROOT, which the web server never serves directly)."""
    return f"bulletins/jobs/{job_id}"


@task
def bulletin_job(*, job_id: int, bulletin_kind: str, district_id: int, on_date: str, fmt: str, language: str = "") -> str | None:
    """bulletin_render as a job: progress on the job page, then the file behind ``bulletins:job_file``."""
    with translation.override(language or None):
        job_start(job_id=job_id, total=STEPS, message=_("Reading the figures"))
        try:
            district = Organisation.objects.get(pk=district_id)
            day = date.fromisoformat(on_date)
            data = bulletin_render(kind=bulletin_kind, district=district, on_date=day, fmt=fmt,
                                   progress=lambda done, message: job_progress(job_id=job_id, done=done, message=message))
            name = bulletin_filename(kind=bulletin_kind, district=district, on_date=day, fmt=fmt)
            job_progress(job_id=job_id, done=2, message=_("Keeping the file"))
            default_storage.save(f"{job_folder(job_id)}/{name}", ContentFile(data))
        except ApplicationError as error:
            job_fail(job_id=job_id, error=error.message)
            return None
        except Exception as error:  # the job must end either way; the worker's log keeps the traceback
            job_fail(job_id=job_id, error=_("The bulletin could not be written: %(error)s") % {"error": error})
            raise
        job_finish(job_id=job_id, message=name, result_url=reverse("bulletins:job_file", args=[job_id]))
        return name
