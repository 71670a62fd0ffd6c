"""Form fields with the limits every free-text and date input in duban has."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from .params import LONG_TEXT, MAX_YEAR, MIN_YEAR, SHORT_TEXT


class DateInput(forms.DateInput):
    """An ``<input type=date>``: its value must be ISO (2024-06-30), whatever the language's date format is.

    Django's default ``DateInput`` renders the locale's first input format (2024/06/30 in zh-hans), which a
    browser's date input cannot show, so the field looks empty. Every date input in duban uses this widget.
    """

    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs, format=format or "%Y-%m-%d")


class BoundedDateField(forms.DateField):
    """A date within duban's years (2000–2100): 9999-12-31 is a typing error, not a deadline."""

    widget = DateInput

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from datetime import date

        self.validators += [
            MinValueValidator(date(MIN_YEAR, 1, 1), message=_("The date must fall in the years 2000 to 2100")),
            MaxValueValidator(date(MAX_YEAR, 12, 31), message=_("The date must fall in the years 2000 to 2100")),
        ]


def short_text(**kwargs) -> forms.CharField:
    kwargs.setdefault("max_length", SHORT_TEXT)
    return forms.CharField(**kwargs)


def long_text(**kwargs) -> forms.CharField:
    kwargs.setdefault("max_length", LONG_TEXT)
    return forms.CharField(**kwargs)
