"""The five bulletins (通报) an office publishes, by the KIND the command and the web use."""

from django.utils.translation import gettext_lazy as _

KINDS = {
    "projects": _("Monthly key-project bulletin"),
    "half-year": _("Half-year review bulletin"),
    "livelihood": _("Livelihood commitments progress bulletin"),
    "supervision": _("Supervision bulletin"),
    "year-end": _("Year-end summary bulletin"),
}
FORMATS = ("docx", "pdf")
