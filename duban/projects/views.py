"""The project pipeline's pages: the funnel and list of leads with a report form, one lead with its next step."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duban.core import params
from duban.core.dates import today
from duban.core.errors import ApplicationError
from duban.org.models import Organisation
from duban.org.permissions import scope_of

from . import pipeline, selectors
from .models import Lead, Procedure, ProcedureKind, ProjectCategory, ReviewDecision


class LeadForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    investor = forms.CharField(label=gettext_lazy("Investor"), max_length=200)
    sector = forms.ModelChoiceField(label=gettext_lazy("Sector"), queryset=ProjectCategory.objects.all(), required=False)
    amount = forms.DecimalField(label=gettext_lazy("Intended investment (10k yuan)"), min_value=0, max_digits=16,
                                decimal_places=2)
    contact = forms.CharField(label=gettext_lazy("Contact"), max_length=100, required=False)
    reporting_unit = forms.ModelChoiceField(label=gettext_lazy("Reporting unit"), queryset=Organisation.objects.none())
    is_important = forms.BooleanField(label=gettext_lazy("Important lead reported directly"), required=False)

    def __init__(self, *args, district: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporting_unit"].queryset = Organisation.objects.units_of(district).in_office_order()


def _district(request) -> Organisation:
    scope = scope_of(request.user)
    district = scope.home_district
    wanted = request.GET.get("district", "")
    if wanted.isdigit():
        district = scope.districts.filter(pk=int(wanted)).first() or district
    if district is None:
        raise PermissionDenied
    return district


@login_required
def pipeline_view(request):
    district = _district(request)
    if not pipeline.can_report_lead(request.user, district):
        raise PermissionDenied
    form = LeadForm(request.POST or None, district=district)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                lead = pipeline.lead_report(actor=request.user, district=district, reported_on=timezone.localdate(), **data)
            except ApplicationError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(request, _("Lead %(number)s reported") % {"number": lead.number})
                return redirect("projects:lead", pk=lead.pk)
        else:
            status = 400
    counts, rate = pipeline.pipeline_counts(district)
    facts = selectors.lead_facts(district)
    return render(request, "projects/pipeline.html", {
        "district": district, "form": form, "counts": counts, "rate": rate,
        "reserve": pipeline.reserve_count(district),
        "by_stage": selectors.by_stage(facts), "by_unit": selectors.by_unit(facts),
        "by_month": selectors.by_month(facts), "on_date": today(),
        "procedures": Procedure.objects.filter(project__district=district).select_related("project", "project__lead", "unit")
                      .order_by("planned_date", "id")[:200],
        "leads": Lead.objects.filter(district=district).select_related("reporting_unit", "sector")[:200],
    }, status=status)


def _decimal(value: str) -> Decimal | None:
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError):
        return None


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@login_required
def lead_view(request, pk: int):
    lead = get_object_or_404(Lead.objects.select_related("district", "reporting_unit", "project"), pk=pk)
    if not pipeline.can_report_lead(request.user, lead.district):
        raise PermissionDenied
    can_manage = pipeline.can_manage_pipeline(request.user, lead.district)
    procedures = list(Procedure.objects.filter(project=lead.project).select_related("unit")) if lead.project_id else []
    for procedure in procedures:
        procedure.can_record = procedure.actual_date is None and pipeline.can_record_procedure(request.user, procedure)
    if request.method == "POST":
        step, post, actor = request.POST.get("step", ""), request.POST, request.user
        if not can_manage and not (step == "procedure_done" and any(p.can_record for p in procedures)):
            raise PermissionDenied
        try:
            if step == "assess":
                pipeline.lead_assess(actor=actor, lead=lead, assessment=post.get("assessment", ""))
            elif step == "review":
                pipeline.lead_review(actor=actor, lead=lead, expert_opinion=post.get("expert_opinion", ""),
                                     joint_review_opinion=post.get("joint_review_opinion", ""),
                                     decision=post.get("decision", ""), conditions=post.get("conditions", ""))
            elif step == "sign":
                signed_on = _date(post.get("signed_on", ""))
                if signed_on is None:
                    raise ApplicationError(_("Give the signing date"))
                pipeline.lead_sign(actor=actor, lead=lead, contract_amount=_decimal(post.get("contract_amount", "")),
                                   signed_on=signed_on)
            elif step == "register":
                unit = Organisation.objects.units_of(lead.district).filter(pk=_decimal(post.get("lead_unit", "")) or 0).first()
                if unit is None:
                    raise ApplicationError(_("Choose the project's lead unit"))
                pipeline.lead_register(actor=actor, lead=lead, code=post.get("code", "").strip(), lead_unit=unit,
                                       year=lead.signed_on.year)
            elif step == "start":
                started_on = _date(post.get("started_on", ""))
                if started_on is None or lead.project is None:
                    raise ApplicationError(_("Give the start date"))
                pipeline.project_start(actor=actor, project=lead.project, started_on=started_on)
            elif step == "procedure":
                unit_id = params.optional_id(post, "unit")
                unit = Organisation.objects.units_of(lead.district).filter(pk=unit_id).first() if unit_id else None
                if unit is None or lead.project is None:
                    raise ApplicationError(_("Choose the responsible unit"))
                pipeline.procedure_plan(actor=actor, project=lead.project, kind=post.get("kind", ""), unit=unit,
                                        planned_date=params.optional_date(post, "planned_date"),
                                        note=post.get("note", "")[:params.SHORT_TEXT])
            elif step == "procedure_done":
                procedure_id = params.optional_id(post, "procedure")
                procedure = next((p for p in procedures if p.pk == procedure_id), None)
                if procedure is None:
                    raise ApplicationError(_("Choose the procedure"))
                pipeline.procedure_done(actor=actor, procedure=procedure,
                                        actual_date=params.optional_date(post, "actual_date"))
            elif step == "drop":
                pipeline.lead_drop(actor=actor, lead=lead, reason=post.get("reason", ""))
            else:
                raise ApplicationError(_("Unknown step"))
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            lead.refresh_from_db()
            messages.success(request, _("Lead %(number)s: %(state)s") % {"number": lead.number,
                                                                          "state": lead.get_state_display()})
        return redirect("projects:lead", pk=lead.pk)
    return render(request, "projects/lead.html", {
        "lead": lead, "can_manage": can_manage, "decisions": ReviewDecision.choices, "procedures": procedures,
        "procedure_kinds": ProcedureKind.choices, "on_date": today(),
        "units": Organisation.objects.units_of(lead.district).in_office_order() if can_manage else [],
        "history": lead.history.select_related("history_user").order_by("history_date"),
    })
