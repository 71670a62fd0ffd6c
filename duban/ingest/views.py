"""Screens of the review flow. Views check permission and input; services do the writing."""

import base64
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.core import params
from duban.core.errors import ApplicationError
from duban.core.jobs import job_enqueue

from . import permissions, selectors, services
from .forms import CandidateEditForm, UnitKeywordForm, UploadForm
from .models import Candidate, CandidateStatus, SourceDocument
from .permissions import (
    can_edit_unit_keywords,
    can_publish_plan,
    can_review_document,
    ingest_districts,
)
from .tasks import document_upload_job

REVIEW_TEMPLATE = "ingest/document_review.html"


def _document_for(request, pk: int) -> SourceDocument:
    document = get_object_or_404(SourceDocument.objects.select_related("district"), pk=pk)
    if not can_review_document(request.user, document):
        raise PermissionDenied
    return document


def _candidate_for(request, pk: int) -> Candidate:
    candidate = get_object_or_404(Candidate.objects.select_related("document__district"), pk=pk)
    if not can_review_document(request.user, candidate.document):
        raise PermissionDenied
    return candidate


def _is_large(kwargs: dict) -> bool:
    """Texts and files above the settings' sizes are extracted by a task, not inside the request."""
    if kwargs.get("text") is not None:
        return len(kwargs["text"]) > settings.DUBAN_INGEST_BACKGROUND_CHARS
    data = kwargs.get("data")
    size = data.stat().st_size if isinstance(data, Path) else len(data or b"")
    return size > settings.DUBAN_INGEST_BACKGROUND_BYTES


def _upload_in_background(user, kwargs: dict):
    data = kwargs.get("data")
    if isinstance(data, Path):
        data = data.read_bytes()
    name = kwargs.get("title") or kwargs.get("filename") or _("pasted text")
    return job_enqueue(
        task=document_upload_job, user=user, kind="ingest", title=_("Extracting “%(name)s”") % {"name": name},
        district_id=kwargs["district"].pk, user_id=user.pk, year=kwargs.get("year"), doc_title=kwargs.get("title", ""),
        filename=kwargs.get("filename", ""), text=kwargs.get("text"),
        data_b64=base64.b64encode(data).decode() if data is not None else None,
    )


@login_required
def document_upload(request):
    if not permissions.can_view_upload_page(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            kwargs = form.upload_kwargs()
            if _is_large(kwargs):
                return redirect("core:job", pk=_upload_in_background(request.user, kwargs).pk)
            try:
                result = services.document_upload(user=request.user, **kwargs)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                if not result.created:
                    messages.info(request, _("This text was uploaded before; its review is re-opened."))
                return redirect("ingest:review", pk=result.document.pk)
        status = 400
    documents = selectors.documents_for(request.user)[:20]
    return render(request, "ingest/document_upload.html", {"form": form, "documents": documents}, status=status)


@login_required
def document_review(request, pk: int):
    document = _document_for(request, pk)
    candidates = selectors.document_candidates(document)
    return render(request, REVIEW_TEMPLATE, {
        "document": document,
        "plan": selectors.document_plan(document),
        "can_publish": can_publish_plan(request.user, document),
        "segments": selectors.text_segments(document.text, candidates),
        "sections": selectors.sections_of(candidates),
        "counts": selectors.status_counts(candidates),
        "total": len(candidates),
    })


@login_required
def document_records(request, pk: int):
    document = _document_for(request, pk)
    return render(request, "ingest/document_records.html", {
        "document": document, "candidates": selectors.document_records(document),
    })


@login_required
@require_POST
def document_reextract(request, pk: int):
    document = _document_for(request, pk)
    count = services.document_reextract(document=document, user=request.user)
    messages.success(request, _("Extracted again: %(count)s items found.") % {"count": count})
    return redirect("ingest:review", pk=document.pk)


def _row(request, candidate: Candidate, error: str = ""):
    """The side-list row of a candidate and, out of band, its highlight in the text."""
    candidate = selectors.candidate_for_row(candidate.pk)
    document = candidate.document
    counts = selectors.document_counts(document)
    return render(request, f"{REVIEW_TEMPLATE}#row", {
        "c": candidate, "error": error, "oob": True, "counts": counts, "total": sum(counts.values()),
        "document": document, "plan": selectors.document_plan(document),
        "can_publish": can_publish_plan(request.user, document),
    })


def _after_action(request, candidate: Candidate, error: str = ""):
    if request.htmx:
        return _row(request, candidate, error)
    if error:
        messages.error(request, error)
    return redirect(reverse("ingest:review", args=[candidate.document_id]) + f"#cand-{candidate.pk}")


@login_required
def candidate_row(request, pk: int):
    candidate = _candidate_for(request, pk)
    if not request.htmx:
        return redirect(reverse("ingest:review", args=[candidate.document_id]) + f"#cand-{candidate.pk}")
    return _row(request, candidate)


@login_required
@require_POST
def candidate_accept(request, pk: int):
    candidate = _candidate_for(request, pk)
    try:
        services.candidate_accept(
            candidate=candidate, user=request.user, confirm_overwrite=request.POST.get("confirm_overwrite") == "on"
        )
    except ApplicationError as exc:
        return _after_action(request, candidate, exc.message)
    return _after_action(request, candidate)


@login_required
@require_POST
def candidate_reject(request, pk: int):
    candidate = _candidate_for(request, pk)
    try:
        services.candidate_reject(candidate=candidate, user=request.user)
    except ApplicationError as exc:
        return _after_action(request, candidate, exc.message)
    return _after_action(request, candidate)


@login_required
def candidate_edit(request, pk: int):
    candidate = _candidate_for(request, pk)
    if candidate.status not in {CandidateStatus.PENDING, CandidateStatus.REJECTED}:
        return _after_action(request, candidate, _("This item was already accepted."))
    form = CandidateEditForm(request.POST or None, candidate=candidate)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_accept(
                candidate=candidate, user=request.user, target=form.cleaned_data["target"],
                link=form.cleaned_data["link_object"], edits=form.edits(),
                project_field=form.cleaned_data["project_field"],
                confirm_overwrite=form.cleaned_data["confirm_overwrite"],
                lead_unit=form.cleaned_data["lead_unit"],
                allow_duplicate=form.cleaned_data.get("allow_duplicate", False),
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            return _after_action(request, candidate)
    template = f"{REVIEW_TEMPLATE}#edit" if request.htmx else "ingest/candidate_edit.html"
    status = 400 if request.method == "POST" and not request.htmx else 200
    return render(request, template, {"c": candidate, "form": form, "document": candidate.document}, status=status)


@login_required
@require_POST
def candidates_bulk(request, pk: int):
    document = _document_for(request, pk)
    ids = params.id_list(request.POST, "ids")
    action = request.POST.get("action", "")
    if not ids:
        messages.error(request, _("Tick at least one item."))
        return redirect("ingest:review", pk=document.pk)
    try:
        count = services.candidates_bulk(document=document, ids=ids, action=action, user=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        text = _("%(count)s items accepted.") if action == services.BulkAction.ACCEPT else _("%(count)s items rejected.")
        messages.success(request, text % {"count": count})
    return redirect("ingest:review", pk=document.pk)


@login_required
@require_POST
def document_publish(request, pk: int):
    document = _document_for(request, pk)
    if not can_publish_plan(request.user, document):
        raise PermissionDenied
    try:
        plan = services.document_plan_publish(document=document, user=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The plan of %(year)s is published: it is now every user's default year.")
                         % {"year": plan.year})
    return redirect("ingest:review", pk=document.pk)


@login_required
def unit_keywords(request):
    """The keyword → unit table of a district: defaults, and the district's own rows over them."""
    districts = list(ingest_districts(request.user))
    if not districts:
        raise PermissionDenied
    chosen = params.optional_id(request.GET if request.method == "GET" else request.POST, "district")
    district = next((d for d in districts if d.pk == chosen), None) if chosen else districts[0]
    if district is None or not can_edit_unit_keywords(request.user, district):
        raise PermissionDenied
    form = UnitKeywordForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("delete"):
                services.unit_keyword_delete(actor=request.user, district=district,
                                             keyword=request.POST.get("delete", "")[:20])
                return redirect(reverse("ingest:keywords") + f"?district={district.pk}")
            if form.is_valid():
                services.unit_keyword_set(actor=request.user, district=district, keyword=form.cleaned_data["keyword"],
                                          unit_names=form.cleaned_data["unit_names"])
                messages.success(request, _("Keyword saved."))
                return redirect(reverse("ingest:keywords") + f"?district={district.pk}")
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        status = 400
    return render(request, "ingest/unit_keywords.html", {
        "district": district, "districts": districts, "rows": selectors.keyword_rows(district), "form": form,
    }, status=status)
