"""Supervised work beyond the work report (批示、会议、建议、提案): registered, assigned, counted by source."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duban.core.errors import ApplicationError
from duban.core.forms import DateInput
from duban.org.models import Organisation
from duban.plans import services as plan_services
from duban.plans.models import Satisfaction, Task, WorkSource

from . import permissions, selectors, services
from .status import district_status
from .views import _frame

REGISTERED = [c for c in WorkSource.choices if c[0] != WorkSource.REPORT]


class SupervisedWorkForm(forms.Form):
    source_kind = forms.ChoiceField(label=gettext_lazy("Source of the work"), choices=REGISTERED)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    description = forms.CharField(label=gettext_lazy("Requirements"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    source_ref = forms.CharField(label=gettext_lazy("Document number"), max_length=60, required=False)
    source_date = forms.DateField(label=gettext_lazy("Document date"), required=False,
                                  widget=DateInput())
    source_person = forms.CharField(label=gettext_lazy("From (leader, deputy or member)"), max_length=60,
                                    required=False)
    lead_unit = forms.ModelChoiceField(label=gettext_lazy("Lead unit"), queryset=Organisation.objects.none())
    responsible_units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Responsible units"), queryset=Organisation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)
    deadline = forms.DateField(label=gettext_lazy("Deadline"), required=False,
                               widget=DateInput())
    reply_deadline = forms.DateField(label=gettext_lazy("Reply deadline"), required=False,
                                     widget=DateInput())

    def __init__(self, *args, district: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        units = Organisation.objects.units_of(district).in_office_order()
        self.fields["lead_unit"].queryset = units
        self.fields["responsible_units"].queryset = units


@login_required
def supervised_work(request):
    district, year, on_date = _frame(request)
    if district is None or not permissions.can_view_district_status(request.user, district):
        raise PermissionDenied
    can_register = permissions.can_register_supervised_work(request.user, district)
    form = SupervisedWorkForm(request.POST or None, district=district)
    status = 200
    if request.method == "POST":
        if not can_register:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                task = services.supervised_work_register(
                    actor=request.user, district=district, year=year, source_kind=data["source_kind"],
                    title=data["title"], description=data["description"], source_ref=data["source_ref"],
                    source_date=data["source_date"], source_person=data["source_person"],
                    lead_unit=data["lead_unit"],
                    responsible_units=[u for u in data["responsible_units"] if u != data["lead_unit"]],
                    deadline=data["deadline"], reply_deadline=data["reply_deadline"])
            except ApplicationError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(request, _("Registered as %(code)s “%(title)s”: it can now be reported on and "
                                            "supervised") % {"code": task.code, "title": task.title})
                return redirect(f"{request.path}?district={district.pk}&year={year}")
        else:
            status = 400
    statuses = district_status(district, on_date, year=year)
    summary, rows = selectors.supervised_work_by_source(district, year, statuses, on_date)
    return render(request, "tracking/supervised_work.html", {
        "district": district, "year": year, "on_date": on_date, "summary": summary, "rows": rows,
        "form": form if can_register else None, "can_register": can_register,
        "satisfaction_choices": Satisfaction.choices,
    }, status=status)


@login_required
def supervised_work_satisfaction(request, pk: int):
    task = get_object_or_404(Task.objects.select_related("plan__district"), pk=pk)
    district = task.plan.district
    if request.method != "POST" or not permissions.can_register_supervised_work(request.user, district):
        raise PermissionDenied
    try:
        plan_services.task_satisfaction_record(task=task, satisfaction=request.POST.get("satisfaction", ""),
                                               by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Satisfaction recorded for %(code)s") % {"code": task.code})
    return redirect(f"{reverse('tracking:supervised_work')}?district={district.pk}&year={task.plan.year}")
