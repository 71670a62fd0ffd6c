"""The Excel page: download each ledger, upload one → preview → confirm. No business rules here."""

import base64
import json
import uuid
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.core.errors import ApplicationError
from duban.core.jobs import can_view_job, job_enqueue
from duban.core.models import Job, JobState
from duban.tracking import selectors

from .exports import ledger_export
from .imports import ledger_import
from .layouts import IMPORTABLE, LAYOUTS
from .permissions import can_export_ledger, can_import_ledger, can_use_ledgers
from .preview import preview_from_dict
from .tasks import ledger_import_job, result_path
from .views_support import frame, kind_choices

MAX_UPLOAD = 20 * 1024 * 1024
SESSION_KEY = "ledger_upload"


@login_required
def ledger_page(request):
    district, year, on_date = frame(request)
    if not can_use_ledgers(request.user, district):
        raise PermissionDenied
    return render(request, "ledgers/ledger_page.html", {
        "district": district, "year": year, "on_date": on_date, "kinds": kind_choices(),
        "importable": [(k, label) for k, label in kind_choices() if can_import_ledger(request.user, district, k)],
        "districts": selectors.visible_districts(request.user),
    })


@login_required
def ledger_download(request, kind: str):
    district, year, on_date = frame(request)
    if kind not in LAYOUTS or district is None or not can_export_ledger(request.user, district, kind):
        raise PermissionDenied
    template = request.GET.get("template") == "1"
    content = ledger_export(kind=kind, district=district, year=year, on_date=on_date, template=template)
    name = f"{district.name}{year}年{LAYOUTS[kind].title}{'（模板）' if template else ''}.xlsx"
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
@require_POST
def ledger_upload(request):
    district, year, on_date = frame(request, source=request.POST)
    kind, upload = request.POST.get("kind", ""), request.FILES.get("file")
    if kind not in IMPORTABLE or district is None or not can_import_ledger(request.user, district, kind):
        raise PermissionDenied
    if upload is None or upload.size > MAX_UPLOAD:
        messages.error(request, _("Choose an .xlsx file of at most 20 MB."))
        return redirect(_page_url(district, year))
    content = upload.read()
    token = uuid.uuid4().hex
    stored = {"token": token, "kind": kind, "district": district.pk, "year": year, "name": upload.name,
              "content": base64.b64encode(content).decode()}
    request.session[SESSION_KEY] = stored
    if _is_large(content):
        return _in_background(request, stored)
    return _preview(request, district, year, kind, content, upload.name, token)


def _is_large(content: bytes) -> bool:
    """Files above DUBAN_LEDGER_BACKGROUND_BYTES are previewed and imported by a task, not inside the request."""
    return len(content) > settings.DUBAN_LEDGER_BACKGROUND_BYTES


def _in_background(request, stored: dict, *, confirm: bool = False, accept: bool = False):
    title = (_("Importing “%(name)s”") if confirm else _("Checking “%(name)s”")) % {"name": stored["name"]}
    job = job_enqueue(task=ledger_import_job, user=request.user, kind="ledger", title=title,
                      ledger_kind=stored["kind"], district_id=stored["district"], year=stored["year"],
                      user_id=request.user.pk, content_b64=stored["content"], name=stored["name"],
                      token=stored["token"], confirm=confirm, accept_matches=accept,
                      language=translation.get_language() or "")
    return redirect("core:job", pk=job.pk)


@login_required
def ledger_job_result(request, pk: int):
    """What a background preview or import found, shown as the in-request import shows it."""
    job = Job.objects.filter(pk=pk, kind="ledger").first()
    if job is None or not can_view_job(request.user, job):
        raise Http404
    if job.state != JobState.DONE or not default_storage.exists(result_path(job.pk)):
        return redirect("core:job", pk=job.pk)
    with default_storage.open(result_path(job.pk)) as f:
        result = json.loads(f.read().decode())
    district, year, _on_date = frame(request, source={"district": result["district"], "year": result["year"]})
    if district is None or not can_import_ledger(request.user, district, result["kind"]):
        raise PermissionDenied
    return _show(request, district, year, result["kind"], preview_from_dict(result["preview"]), result["name"],
                 result["token"])


def _preview(request, district, year, kind, content, name, token, *, confirm=False, accept=False):
    try:
        preview = ledger_import(kind=kind, content=content, district=district, year=year, user=request.user,
                                confirm=confirm, accept_matches=accept)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(_page_url(district, year))
    return _show(request, district, year, kind, preview, name, token)


def _show(request, district, year, kind, preview, name, token):
    if preview.written:
        if (request.session.get(SESSION_KEY) or {}).get("token") == token:
            request.session.pop(SESSION_KEY, None)
        messages.success(request, _("Imported %(name)s: %(created)s created, %(updated)s changed, %(unchanged)s unchanged.") % {
            "name": name, "created": preview.created, "updated": preview.updated, "unchanged": preview.unchanged})
        return redirect(_page_url(district, year))
    return render(request, "ledgers/ledger_preview.html", {
        "district": district, "year": year, "kind": kind, "title": LAYOUTS[kind].title, "name": name,
        "preview": preview, "token": token,
    }, status=200)


@login_required
@require_POST
def ledger_confirm(request):
    stored = request.session.get(SESSION_KEY)
    if not stored or stored["token"] != request.POST.get("token"):
        messages.error(request, _("The uploaded file has expired; please upload it again."))
        return redirect("ledgers:page")
    district, year, _on_date = frame(request, source={"district": stored["district"], "year": stored["year"]})
    if district is None or not can_import_ledger(request.user, district, stored["kind"]):
        raise PermissionDenied
    accept = request.POST.get("accept_matches") == "1"
    content = base64.b64decode(stored["content"])
    if _is_large(content):
        return _in_background(request, stored, confirm=True, accept=accept)
    return _preview(request, district, year, stored["kind"], content, stored["name"], stored["token"], confirm=True,
                    accept=accept)


def _page_url(district, year) -> str:
    return f"{reverse('ledgers:page')}?district={district.pk}&year={year}"
