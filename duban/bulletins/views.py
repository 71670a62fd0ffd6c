"""Bulletins on the web: a page listing the kinds with a date, and the download of each as .docx or .pdf."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from duban.tracking import selectors as tracking_selectors

from .generate import bulletin_filename, bulletin_render
from .kinds import FORMATS, KINDS
from .permissions import can_generate_bulletin

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
        on_date = timezone.localdate()
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


def _quote(name: str) -> str:
    from urllib.parse import quote
    return quote(name)
