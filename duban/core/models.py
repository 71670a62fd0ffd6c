"""Shared model building blocks."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Provenance(models.TextChoices):
    """Where a record comes from: typed in, a published source, extraction, or generated demo filler."""

    ENTERED = "entered", _("Entered")
    SOURCE = "source", _("From a published source")
    EXTRACTED = "extracted", _("Extracted from a report")
    GENERATED = "generated", _("Generated demo data")


class Frequency(models.TextChoices):
    """Reporting rhythm of a tracked item."""

    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")
    ONCE = "once", _("Once")


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Sourced(models.Model):
    """A record that knows where it came from; generated demo records are visibly marked."""

    provenance = models.CharField(
        _("provenance"), max_length=16, choices=Provenance.choices, default=Provenance.ENTERED
    )
    source_note = models.CharField(
        _("source"), max_length=500, blank=True,
        help_text=_("Where this record comes from, e.g. 'from the 2024 work report, paragraph 12'."),
    )

    class Meta:
        abstract = True

    @property
    def is_generated(self) -> bool:
        return self.provenance == Provenance.GENERATED
