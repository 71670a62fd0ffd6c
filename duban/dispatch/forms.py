"""Input checks only; the rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from duban.core.forms import DateInput
from duban.org.models import Organisation, OrgKind

from .models import Category


class DirectReportForm(forms.Form):
    district = forms.ModelChoiceField(label=_("District"), queryset=Organisation.objects.filter(kind=OrgKind.DISTRICT))
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    text = forms.CharField(label=_("What happened"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    location = forms.CharField(label=_("Location"), max_length=200)
    photo = forms.ImageField(label=_("Photo"), required=False,
                             widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}))
    reporter_name = forms.CharField(label=_("Your name"), max_length=60, required=False)
    reporter_phone = forms.CharField(label=_("Your phone"), max_length=30, required=False)


class DispatchForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Dispatch to"), queryset=Organisation.objects.none())
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())
    note = forms.CharField(label=_("Instructions"), max_length=500, required=False)

    def __init__(self, *args, district: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Organisation.objects.units_of(district).in_office_order()


class TrackForm(forms.Form):
    number = forms.CharField(label=_("Report number"), max_length=24)
    phone = forms.CharField(label=_("Phone number given"), max_length=30)
