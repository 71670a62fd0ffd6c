"""Ingest's background task: extraction of a large document or pasted text, with its progress on a job."""

import base64

from django.contrib.auth import get_user_model
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _

from duban.core.errors import ApplicationError
from duban.core.jobs import job_fail, job_finish, job_progress, job_start
from duban.org.models import Organisation

from . import services


@task
def document_upload_job(*, job_id: int, district_id: int, user_id: int, year: int | None = None, doc_title: str = "",
                        filename: str = "", text: str | None = None, data_b64: str | None = None) -> int | None:
    """services.document_upload for a file (base64) or pasted text too large to extract inside the request."""
    job_start(job_id=job_id, total=2, message=_("Reading the document"))
    try:
        data = base64.b64decode(data_b64) if data_b64 is not None else None
        district = Organisation.objects.get(pk=district_id)
        user = get_user_model().objects.get(pk=user_id)
        job_progress(job_id=job_id, done=1, message=_("Extracting items"))
        result = services.document_upload(district=district, user=user, year=year, title=doc_title, filename=filename,
                                          data=data, text=text)
    except ApplicationError as error:
        job_fail(job_id=job_id, error=error.message)
        return None
    except Exception as error:  # the job must end either way; the worker's log keeps the traceback
        job_fail(job_id=job_id, error=_("Extraction failed: %(error)s") % {"error": error})
        raise
    job_finish(job_id=job_id, message=_("%(count)s candidate items found") % {"count": result.candidates},
               result_url=reverse("ingest:review", args=[result.document.pk]))
    return result.document.pk
