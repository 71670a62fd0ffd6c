"""Direct reports: a phone-first form for grid members and citizens, the command centre's queue and triage,
the unit's answer, and a public lookup of the result by number and phone."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.core.errors import ApplicationError
from duban.org.permissions import scope_of

from . import permissions, selectors, services
from .forms import DirectReportForm, DispatchForm, TrackForm
from .models import DirectReport, State


def report_new(request):
    initial = {}
    district = scope_of(request.user).home_district if request.user.is_authenticated else None
    if district is not None:
        initial["district"] = district.pk
    form = DirectReportForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.direct_report_submit(
                    actor=request.user, district=data["district"], category=data["category"], text=data["text"],
                    location=data["location"], photo=data["photo"], reporter_name=data["reporter_name"],
                    reporter_phone=data["reporter_phone"])
            except ApplicationError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                return render(request, "dispatch/report_thanks.html", {"report": report})
        else:
            status = 400
    return render(request, "dispatch/report_form.html", {"form": form}, status=status)


def track(request):
    form = TrackForm(request.GET or None)
    report = None
    if form.is_valid():
        report = DirectReport.objects.filter(number=form.cleaned_data["number"].strip(),
                                             reporter_phone=form.cleaned_data["phone"].strip()).first()
        if report is None:
            form.add_error(None, _("No report with this number and phone number"))
    return render(request, "dispatch/track.html", {"form": form, "report": report})


@login_required
def queue(request):
    reports = selectors.visible_reports(request.user)
    state = request.GET.get("state", "open")
    if state == "open":
        reports = reports.filter(state__in=(State.RECEIVED, State.DISPATCHED, State.ANSWERED))
    elif state in State.values:
        reports = reports.filter(state=state)
    districts = permissions.triage_districts(request.user)
    today = timezone.localdate()
    return render(request, "dispatch/queue.html", {
        "reports": reports[:200], "state": state, "states": State.choices, "today": today,
        "times": [(d, selectors.unit_times(d, today)) for d in districts],
    })


def _report_for(request, pk: int) -> DirectReport:
    report = get_object_or_404(DirectReport.objects.select_related("district", "unit", "duplicate_of", "order"), pk=pk)
    if not permissions.can_view(request.user, report):
        raise PermissionDenied
    return report


@login_required
def detail(request, pk: int):
    report = _report_for(request, pk)
    can_triage = permissions.can_triage(request.user, report.district)
    dispatch_form = DispatchForm(district=report.district) if can_triage and report.state == State.RECEIVED else None
    candidates = (DirectReport.objects.filter(district=report.district).exclude(pk=report.pk)
                  .exclude(state__in=(State.MERGED, State.REJECTED))[:50] if dispatch_form else [])
    return render(request, "dispatch/detail.html", {
        "report": report, "events": report.events.select_related("actor"), "can_triage": can_triage,
        "can_answer": permissions.can_answer(request.user, report), "dispatch_form": dispatch_form,
        "candidates": candidates,
    })


@login_required
def action(request, pk: int, name: str):
    report = _report_for(request, pk)
    if request.method != "POST":
        raise Http404
    post = request.POST
    try:
        if name == "dispatch":
            form = DispatchForm(post, district=report.district)
            if not form.is_valid():
                raise ApplicationError("；".join(e for errors in form.errors.values() for e in errors))
            services.direct_report_dispatch(actor=request.user, report=report, unit=form.cleaned_data["unit"],
                                            deadline=form.cleaned_data["deadline"], note=form.cleaned_data["note"])
            done = _("Dispatched to %(unit)s") % {"unit": form.cleaned_data["unit"].name}
        elif name == "merge":
            into = get_object_or_404(DirectReport, pk=post.get("into") or 0) if str(post.get("into", "")).isdigit() else None
            if into is None:
                raise ApplicationError(_("Choose the report it repeats"))
            services.direct_report_merge(actor=request.user, report=report, into=into)
            done = _("Merged into %(number)s") % {"number": into.number}
        elif name == "reject":
            services.direct_report_reject(actor=request.user, report=report, reason=post.get("reason", ""))
            done = _("Rejected; the reporter is told why")
        elif name == "answer":
            services.direct_report_answer(actor=request.user, report=report, answer=post.get("answer", ""))
            done = _("Answer sent to the command centre")
        elif name == "close":
            services.direct_report_close(actor=request.user, report=report, result=post.get("result", ""))
            done = _("Closed; the reporter is told the result")
        else:
            raise Http404
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("dispatch:detail", pk=report.pk)


@login_required
def photo(request, pk: int):
    report = _report_for(request, pk)
    if not report.photo:
        raise Http404
    return FileResponse(report.photo.open("rb"), filename=report.photo.name.rsplit("/", 1)[-1])
