"""Bulletins on the web: a page listing the kinds with a date, and the download of each as .docx or .pdf."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.core import dates
from duban.core.jobs import can_view_job, job_enqueue
from duban.core.models import Job, JobState

from duban.tracking import selectors as tracking_selectors

from .generate import bulletin_filename, bulletin_render
from .kinds import FORMATS, KINDS
from .permissions import can_generate_bulletin
from .tasks import bulletin_job, job_folder

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _frame(request):
    """District the user may publish for, and the date (?date=YYYY-MM-DD, default today)."""
    try:
        requested = int(request.GET.get("district", ""))
    except ValueError:
        requested = None
    districts = [d for d in tracking_selectors.visible_districts(request.user) if can_generate_bulletin(request.user, d)]
    district = next((d for d in districts if d.pk == requested), districts[0] if districts else None)
    if district is None:
        raise PermissionDenied
    try:
        on_date = date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        on_date = dates.today()
    return district, districts, on_date


@login_required
def bulletin_index(request):
    district, districts, on_date = _frame(request)
    return render(request, "bulletins/bulletin_index.html", {
        "district": district, "districts": districts, "on_date": on_date, "kinds": list(KINDS.items()),
        "formats": FORMATS,
    })


@login_required
def bulletin_download(request, kind: str, fmt: str):
    if kind not in KINDS or fmt not in FORMATS:
        raise Http404
    district, _districts, on_date = _frame(request)
    data = bulletin_render(kind=kind, district=district, on_date=on_date, fmt=fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = bulletin_filename(kind=kind, district=district, on_date=on_date, fmt=fmt)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


@login_required
@require_POST
def bulletin_start(request, kind: str, fmt: str):
    """Generate the bulletin on the task queue; the job page shows the progress and then the download link."""
    if kind not in KINDS or fmt not in FORMATS:
        raise Http404
    district, _districts, on_date = _frame(request)
    name = bulletin_filename(kind=kind, district=district, on_date=on_date, fmt=fmt)
    job = job_enqueue(task=bulletin_job, user=request.user, kind="bulletin", title=_("Bulletin “%(name)s”") % {"name": name},
                      total=3, bulletin_kind=kind, district_id=district.pk, on_date=on_date.isoformat(), fmt=fmt,
                      language=translation.get_language() or "")
    return redirect("core:job", pk=job.pk)


@login_required
def bulletin_job_file(request, pk: int):
    """The file a bulletin job wrote, for the user who started it."""
    job = Job.objects.filter(pk=pk, kind="bulletin").first()
    if job is None or not can_view_job(request.user, job):
        raise Http404
    if job.state != JobState.DONE:
        return redirect("core:job", pk=job.pk)
    try:
        names = default_storage.listdir(job_folder(job.pk))[1]
    except FileNotFoundError:
        names = []
    if not names:
        raise Http404
    name = names[0]
    return FileResponse(default_storage.open(f"{job_folder(job.pk)}/{name}"), as_attachment=True, filename=name,
                        content_type=CONTENT_TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream"))


def _quote(name: str) -> str:
    from urllib.parse import quote
    return quote(name)
