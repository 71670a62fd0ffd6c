"""A ledger's preview or confirmed import on the task queue, with its progress on the job page.

The preview is kept as JSON under MEDIA_ROOT (never served directly) for ``ledgers:job_result``, which shows it
exactly as the page that imports in the request does. The writes of a confirmed import run in one transaction
(all or nothing), so the rows written become visible on the job page when that transaction ends; reading and
checking the file are reported as they happen.
"""

import base64
import json

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from duban.core.errors import ApplicationError
from duban.core.jobs import job_fail, job_finish, job_progress, job_start
from duban.org.models import Organisation

from .imports import ledger_import
from .preview import preview_to_dict


def result_path(job_id: int) -> str:
    return f"ledgers/jobs/{job_id}.json"


def _throttled(job_id: int):
    """The import's progress callback, written at most about a hundred times whatever the number of rows."""
    last = {"done": -1}

    def progress(done: int, total: int) -> None:
        if done == total or done - last["done"] >= max(1, total // 100):
            last["done"] = done
            job_progress(job_id=job_id, done=done, total=total, message=_("Writing the rows"))
    return progress


@task
def ledger_import_job(*, job_id: int, ledger_kind: str, district_id: int, year: int, user_id: int, content_b64: str,
                      name: str, token: str, confirm: bool = False, accept_matches: bool = False,
                      language: str = "") -> dict | None:
    """ledger_import (preview, or with ``confirm`` the import) for a file too large to handle inside the request."""
    with translation.override(language or None):
        job_start(job_id=job_id, message=_("Reading and checking the file"))
        try:
            preview = ledger_import(
                kind=ledger_kind, content=base64.b64decode(content_b64), district=Organisation.objects.get(pk=district_id),
                year=year, user=get_user_model().objects.get(pk=user_id), confirm=confirm,
                accept_matches=accept_matches, progress=_throttled(job_id))
        except ApplicationError as error:
            job_fail(job_id=job_id, error=error.message)
            return None
        except Exception as error:  # the job must end either way; the worker's log keeps the traceback
            job_fail(job_id=job_id, error=_("The import failed: %(error)s") % {"error": error})
            raise
        result = {"preview": preview_to_dict(preview), "name": name, "token": token, "kind": ledger_kind,
                  "district": district_id, "year": year}
        default_storage.save(result_path(job_id), ContentFile(json.dumps(result, ensure_ascii=False).encode()))
        if preview.problems:
            message = _("%(count)s problems found; nothing was written") % {"count": len(preview.problems)}
        else:
            message = _("%(created)s to create, %(updated)s to change, %(unchanged)s unchanged") % {
                "created": preview.created, "updated": preview.updated, "unchanged": preview.unchanged}
        job_finish(job_id=job_id, message=message, result_url=reverse("ledgers:job_result", args=[job_id]))
        return {"written": preview.written, "problems": len(preview.problems)}
