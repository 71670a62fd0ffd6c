"""The Excel page: download each ledger, upload one → preview → confirm. No business rules here."""

import base64
import uuid
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.core.errors import ApplicationError
from duban.tracking import selectors

from .exports import ledger_export
from .imports import ledger_import
from .layouts import IMPORTABLE, LAYOUTS
from .permissions import can_export_ledger, can_import_ledger, can_use_ledgers
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
    request.session[SESSION_KEY] = {"token": token, "kind": kind, "district": district.pk, "year": year,
                                    "name": upload.name, "content": base64.b64encode(content).decode()}
    return _preview(request, district, year, kind, content, upload.name, token)


def _preview(request, district, year, kind, content, name, token, *, confirm=False, accept=False):
    try:
        preview = ledger_import(kind=kind, content=content, district=district, year=year, user=request.user,
                                confirm=confirm, accept_matches=accept)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(_page_url(district, year))
    if preview.written:
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
    content = base64.b64decode(stored["content"])
    return _preview(request, district, year, stored["kind"], content, stored["name"], stored["token"], confirm=True,
                    accept=request.POST.get("accept_matches") == "1")


def _page_url(district, year) -> str:
    return f"{reverse('ledgers:page')}?district={district.pk}&year={year}"
