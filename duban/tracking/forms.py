"""Forms: input checks only (types, required fields); business rules live in services."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from duban.core.forms import BoundedDateField, DateInput, long_text, short_text
from duban.core.params import MAX_ID
from duban.core.numbers import format_day
from duban.org.models import Organisation
from duban.projects.models import Stage

from .models import ItemType

MONEY = dict(max_digits=16, decimal_places=2, min_value=Decimal(0), required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class _ReportBase(forms.Form):
    narrative = long_text(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    problems = long_text(label=_("Problems"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    next_plan = long_text(label=_("Next period's plan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    files = MultipleFileField(label=_("Evidence files"), widget=MultipleFileInput(
        attrs={"accept": "image/*", "capture": "environment"}))
    # The period's latest version number when the form was opened: a version submitted meanwhile is a conflict.
    edit_version = forms.IntegerField(required=False, min_value=0, max_value=10_000, widget=forms.HiddenInput)

    value_fields: tuple = ()

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.value_fields}


def _date_input(**kwargs) -> BoundedDateField:
    return BoundedDateField(widget=DateInput(), **kwargs)


class ProjectReportForm(_ReportBase):
    invest_month = forms.DecimalField(label=_("Completed investment this month (10k yuan)"), **{**MONEY, "required": True})
    invest_ytd = forms.DecimalField(label=_("Year-to-date (10k yuan)"), **{**MONEY, "required": True})
    invest_since_start = forms.DecimalField(label=_("Since start (10k yuan)"), **MONEY)
    funds_received = forms.DecimalField(label=_("Funds received (10k yuan)"), **MONEY)
    physical_progress = long_text(label=_("Physical progress (形象进度)"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    stage_note = short_text(label=_("Why the stage goes back (if it does)"), required=False)
    actual_start = _date_input(label=_("Actual start date"), required=False)
    problem_description = long_text(label=_("New problem to track"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    problem_owner = forms.ModelChoiceField(label=_("Unit to solve it"), queryset=Organisation.objects.none(),
                                           required=False)
    problem_deadline = _date_input(label=_("To be solved by"), required=False)
    value_fields = ("invest_month", "invest_ytd", "invest_since_start", "funds_received")
    field_order = [*value_fields, "physical_progress", "stage", "stage_note", "actual_start", "narrative", "problems",
                   "problem_description", "problem_owner", "problem_deadline", "next_plan", "files"]

    def __init__(self, *args, project=None, milestones=(), district=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = project.get_stage_display() if project else ""
        self.fields["stage"].choices = [("", _("Unchanged (%(stage)s)") % {"stage": current})] + list(Stage.choices)
        if district is not None:
            self.fields["problem_owner"].queryset = Organisation.objects.units_of(district).in_office_order()
        if project is not None and project.actual_start:
            self.fields["actual_start"].help_text = _("Recorded: %(day)s") % {"day": format_day(project.actual_start)}
        self.milestone_fields = []
        for milestone in milestones:
            name = f"milestone_{milestone.pk}"
            field = _date_input(label=_("Milestone reached: %(name)s") % {"name": milestone.name}, required=False)
            if milestone.planned_date:
                field.help_text = _("Planned %(day)s") % {"day": format_day(milestone.planned_date)}
            if milestone.actual_date:
                field.initial = milestone.actual_date
                field.disabled = True
            self.fields[name] = field
            self.milestone_fields.append((milestone, name))
        at = self.field_order.index("actual_start") + 1
        self.order_fields([*self.field_order[:at], *(n for _m, n in self.milestone_fields), *self.field_order[at:]])

    def clean(self):
        data = super().clean()
        names = ("problem_description", "problem_owner", "problem_deadline")
        if any(data.get(n) or self.has_error(n) for n in names):   # a problem begun: each missing part named
            missing = {
                "problem_description": _("A new problem needs its description"),
                "problem_owner": _("A new problem needs the unit to solve it"),
                "problem_deadline": _("A new problem needs the date by which it is solved"),
            }
            for name in names:
                if not data.get(name) and not self.has_error(name):
                    self.add_error(name, missing[name])
        return data

    def progress(self) -> dict:
        data = self.cleaned_data
        reached = {m.pk: data.get(name) for m, name in self.milestone_fields
                   if data.get(name) and m.actual_date is None}
        return {"stage": data.get("stage") or "", "stage_note": data.get("stage_note") or "",
                "actual_start": data.get("actual_start"), "milestone_actuals": reached,
                "physical_progress": data.get("physical_progress") or ""}

    def raised_problems(self) -> list[dict]:
        data = self.cleaned_data
        if not data.get("problem_description"):
            return []
        return [{"description": data["problem_description"], "owner_unit": data["problem_owner"],
                 "deadline": data["problem_deadline"]}]


class QuantityReportForm(_ReportBase):
    value = forms.DecimalField(label=_("Cumulative value"), max_digits=20, decimal_places=4, min_value=0, required=False)
    percent = forms.DecimalField(label=_("Progress %"), max_digits=5, decimal_places=2, min_value=0, max_value=100,
                                 required=False)
    is_done = forms.BooleanField(label=pgettext_lazy("report", "Completed"), required=False)
    value_fields = ("value", "percent", "is_done")
    field_order = [*value_fields, "narrative", "problems", "next_plan", "files"]


class IndicatorReportForm(_ReportBase):
    value = forms.DecimalField(label=_("Value"), max_digits=20, decimal_places=4, required=False)
    growth = forms.DecimalField(label=_("Growth %"), max_digits=9, decimal_places=3, required=False)
    reference = forms.DecimalField(label=_("City average growth %"), max_digits=20, decimal_places=4, required=False)
    value_fields = ("value", "growth", "reference")
    field_order = [*value_fields, "narrative", "problems", "next_plan", "files"]


class ExpropriationReportForm(_ReportBase):
    signed_households = forms.IntegerField(label=_("Signed households (cumulative)"), min_value=0, required=False)
    vacated_households = forms.IntegerField(label=_("Vacated households (cumulative)"), min_value=0, required=False)
    demolished_households = forms.IntegerField(label=_("Demolished households (cumulative)"), min_value=0, required=False)
    signed_area = forms.DecimalField(label=_("Signed area (m²)"), **MONEY)
    vacated_area = forms.DecimalField(label=_("Vacated area (m²)"), **MONEY)
    demolished_area = forms.DecimalField(label=_("Demolished area (m²)"), **MONEY)
    land_handed_mu = forms.DecimalField(label=_("Land handed over (mu)"), **MONEY)
    value_fields = ("signed_households", "vacated_households", "demolished_households", "signed_area",
                    "vacated_area", "demolished_area", "land_handed_mu")
    field_order = [*value_fields, "narrative", "problems", "next_plan", "files"]


REPORT_FORMS = {
    ItemType.PROJECT_YEAR: ProjectReportForm,
    ItemType.TASK: QuantityReportForm,
    ItemType.SUB_ITEM: QuantityReportForm,
    ItemType.INDICATOR_TARGET: IndicatorReportForm,
    ItemType.EXPROPRIATION: ExpropriationReportForm,
}


def report_initial(form_class, latest) -> dict:
    """The figures and texts of the latest version, so a returned or corrected report is not typed again."""
    if latest is None:
        return {"edit_version": 0}
    names = (*form_class.value_fields, "narrative", "problems", "next_plan")
    initial = {name: getattr(latest, name) for name in names} | {"edit_version": latest.version}
    if form_class is ProjectReportForm:
        initial |= {"physical_progress": latest.physical_progress, "stage": latest.stage,
                    "stage_note": latest.stage_note, "actual_start": latest.actual_start}
        initial |= {f"milestone_{k}": v for k, v in (latest.milestone_actuals or {}).items()}
        # A returned version's problem is offered again; a confirmed one's is tracked already (not raised twice).
        pending = latest.raised_problems if latest.state != "confirmed" else []
        for raised in (pending or [])[:1]:   # the form takes one new problem at a time
            initial |= {"problem_description": raised["description"], "problem_owner": raised["owner_unit"],
                        "problem_deadline": raised["deadline"]}
    return initial


def keep_input_with_version(form, version: str):
    """After a conflict: the form keeps every value typed, and now carries the saved version it was shown."""
    form.data = form.data.copy()
    form.data[form.add_prefix("edit_version")] = version


class ReviewForm(forms.Form):
    action = forms.ChoiceField(choices=[("confirm", _("Confirm")), ("return", _("Return"))])
    comment = long_text(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OrderIssueForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    content = long_text(label=_("Requirements"), widget=forms.Textarea(attrs={"rows": 4}))
    deadline = BoundedDateField(label=_("Deadline"), widget=DateInput())
    lead_unit = forms.ModelChoiceField(label=_("Lead unit"), queryset=Organisation.objects.none())
    cooperating_units = forms.ModelMultipleChoiceField(
        label=_("Cooperating units"), queryset=Organisation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)
    item_type = short_text(required=False, widget=forms.HiddenInput)
    item_id = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)

    def __init__(self, *args, district: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        units = Organisation.objects.units_of(district).in_office_order()
        self.fields["lead_unit"].queryset = units
        self.fields["cooperating_units"].queryset = units
        self.fields["cooperating_units"].widget.attrs["data-checklist"] = _("Type to filter units")


class FeedbackForm(forms.Form):
    text = long_text(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4}))
    files = MultipleFileField(label=_("Evidence files"))


class OrderReviewForm(forms.Form):
    accept = forms.TypedChoiceField(choices=[("1", _("Accept")), ("0", _("Return"))], coerce=lambda v: v == "1")
    comment = long_text(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(forms.Form):
    new_deadline = BoundedDateField(label=_("New deadline"), widget=DateInput())
    reason = long_text(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(choices=[("1", _("Approve")), ("0", _("Refuse"))], coerce=lambda v: v == "1")
    comment = short_text(label=_("Comment"), required=False)


class ScoreEntryForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Unit"), queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=[("manual", _("Manual score")), ("bonus", _("Bonus")),
                                                        ("deduction", _("Deduction"))])
    item_code = short_text(label=_("Rubric item"), required=False)
    points = forms.DecimalField(label=_("Points"), max_digits=8, decimal_places=2, min_value=0)
    reason = short_text(label=_("Reason"), required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ProblemRaiseForm(forms.Form):
    description = long_text(label=_("Problem"), widget=forms.Textarea(attrs={"rows": 2}))
    owner_unit = forms.ModelChoiceField(label=_("Unit to solve it"), queryset=Organisation.objects.none())
    deadline = BoundedDateField(label=_("To be solved by"), widget=DateInput())

    def __init__(self, *args, district: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = Organisation.objects.units_of(district).in_office_order()


class ProblemResolveForm(forms.Form):
    resolution = long_text(label=_("How it was solved"), widget=forms.Textarea(attrs={"rows": 2}))
