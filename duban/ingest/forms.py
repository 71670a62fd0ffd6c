"""Forms of the review flow: upload or paste a report; correct a candidate before accepting it."""

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from duban.indicators.models import Indicator
from duban.org.models import Organisation
from duban.plans.models import LivelihoodItem, Task
from duban.projects.models import Project

from .models import Candidate, CandidateTarget, ProjectField
from .permissions import ingest_districts
from .review import LINK_KIND, tidy


class UploadForm(forms.Form):
    district = forms.ModelChoiceField(label=_("District"), queryset=None, empty_label=None)
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=2000, max_value=2100,
        help_text=_("Leave empty to take the year from the text."),
    )
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    file = forms.FileField(
        label=_("File"), required=False, allow_empty_file=True, help_text=_("Text (.txt), Word (.docx) or PDF with a text layer.")
    )
    text = forms.CharField(
        label=_("Or paste the text"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = ingest_districts(user)

    def clean(self):
        cleaned = super().clean()
        has_file = cleaned.get("file") is not None
        has_text = bool(cleaned.get("text"))
        if has_file == has_text and not self.errors:
            raise forms.ValidationError(_("Choose a file or paste the text (one of the two)."))
        return cleaned

    def upload_kwargs(self) -> dict:
        """Keyword arguments of services.document_upload."""
        data = self.cleaned_data
        kwargs = dict(district=data["district"], year=data["year"], title=data["title"].strip())
        upload = data.get("file")
        if upload is not None and hasattr(upload, "temporary_file_path"):
            # A large upload is on disk already: the reader checks its size before reading it.
            kwargs.update(filename=upload.name, data=Path(upload.temporary_file_path()))
        elif upload is not None:
            kwargs.update(filename=upload.name, data=upload.read())
        else:
            kwargs.update(text=data["text"])
        return kwargs


ASPECTS = [("level", _("Level")), ("change", _("Change")), ("share", _("Share")), ("rank", _("Rank"))]
KINDS = [("target", _("Target")), ("actual", _("Actual"))]
QUALIFIERS = [("", _("exactly")), ("more_than", _("more than")), ("less_than", _("at most")), ("about", _("about"))]
LINK_KIND_LABELS = {
    "indicator": _("Indicator"), "task": _("Task"), "project": _("Key project"), "livelihood_item": _("Livelihood item"),
}
LINK_MODELS = {"indicator": Indicator, "task": Task, "project": Project, "livelihood_item": LivelihoodItem}


def link_choices(candidate: Candidate) -> list[tuple[str, str]]:
    """'' (no link: a new record) and every suggested name, plus the current link."""
    choices = [("", _("None — create a new record"))]
    seen = set()
    current = candidate.link
    if current is not None:
        kind = LINK_KIND[candidate.target]
        seen.add(f"{kind}:{current.pk}")
        choices.append((f"{kind}:{current.pk}", f"{LINK_KIND_LABELS[kind]}：{current}"))
    for s in candidate.suggestions:
        key = f"{s['kind']}:{s['id']}"
        if key not in seen:
            seen.add(key)
            choices.append((key, f"{LINK_KIND_LABELS.get(s['kind'], s['kind'])}：{s['name']}（{s['score']}）"))
    return choices


class CandidateEditForm(forms.Form):
    value = forms.DecimalField(label=_("Value"), required=False, max_digits=30, decimal_places=10)
    unit = forms.CharField(label=_("Unit"), required=False, max_length=20)
    metric = forms.CharField(label=_("Metric"), required=False, max_length=200)
    qualifier = forms.ChoiceField(label=_("Qualifier"), required=False, choices=QUALIFIERS)
    aspect = forms.ChoiceField(label=_("Aspect"), choices=ASPECTS)
    kind = forms.ChoiceField(label=_("Kind"), choices=KINDS)
    period = forms.RegexField(
        label=_("Period"), required=False, regex=r"^(\d{4}(-H[12]|-\d{4})?)?$",
        help_text=_("2024, 2024-H1 or 2021-2025."),
    )
    target = forms.ChoiceField(label=_("Becomes"), choices=CandidateTarget.choices)
    link = forms.ChoiceField(label=_("Link to"), required=False)
    project_field = forms.ChoiceField(label=_("Project field"), choices=ProjectField.choices)
    lead_unit = forms.ModelChoiceField(label=_("Lead unit"), queryset=Organisation.objects.none(), required=False)
    confirm_overwrite = forms.BooleanField(label=_("Replace an existing value"), required=False)
    allow_duplicate = forms.BooleanField(label=_("Create a duplicate of the tracked commitment"), required=False)

    EDIT_FIELDS = ("value", "unit", "metric", "qualifier", "aspect", "kind", "period")

    def __init__(self, *args, candidate: Candidate, **kwargs):
        initial = {name: candidate.effective(name) for name in self.EDIT_FIELDS}
        if initial["value"] is not None:
            initial["value"] = tidy(initial["value"])
        initial.update(target=candidate.target, project_field=candidate.project_field,
                       lead_unit=candidate.lead_unit_id)
        link = candidate.link
        initial["link"] = f"{LINK_KIND[candidate.target]}:{link.pk}" if link is not None else ""
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.candidate = candidate
        self.fields["link"].choices = link_choices(candidate)
        self.fields["lead_unit"].queryset = Organisation.objects.units_of(candidate.document.district).filter(
            is_active=True).in_office_order()
        if not candidate.matched:
            del self.fields["allow_duplicate"]

    def clean(self):
        cleaned = super().clean()
        target, choice = cleaned.get("target"), cleaned.get("link") or ""
        cleaned["link_object"] = None
        if target and choice:
            kind, _sep, pk = choice.partition(":")
            if kind != LINK_KIND[target]:
                self.add_error("link", _("This link does not fit the chosen record type."))
            else:
                cleaned["link_object"] = self._linked(kind, pk)
        return cleaned

    def _linked(self, kind: str, pk: str):
        district_id = self.candidate.document.district_id
        scoped = {
            "indicator": Indicator.objects.all(),
            "task": Task.objects.filter(plan__district_id=district_id),
            "project": Project.objects.filter(district_id=district_id),
            "livelihood_item": LivelihoodItem.objects.filter(plan__district_id=district_id),
        }[kind]
        found = scoped.filter(pk=pk).first() if pk.isdigit() else None
        if found is None:
            self.add_error("link", _("The chosen record does not exist."))
        return found

    def edits(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.EDIT_FIELDS}


class UnitKeywordForm(forms.Form):
    keyword = forms.CharField(label=_("Keyword"), max_length=20)
    unit_names = forms.CharField(
        label=_("Unit names"), max_length=200, required=False,
        help_text=_("Separated by /; the first one leads. Empty: the keyword is not used in this district."),
    )

    def clean_keyword(self):
        return self.cleaned_data["keyword"].strip()
