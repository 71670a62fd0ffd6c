"""Shared model building blocks."""

from django.conf import settings
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


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Login failed")
    LOGOUT = "logout", _("Logged out")
    PASSWORD_CHANGE = "password_change", _("Changed the password")
    EVIDENCE_DOWNLOAD = "evidence_download", _("Downloaded an evidence file")


class AuditEvent(models.Model):
    """Who did what security-relevant thing, when, from which address (append-only; the admin only reads it)."""

    at = models.DateTimeField(_("at"), db_index=True)
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(_("user name"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    target = models.CharField(_("what"), max_length=300, blank=True)
    path = models.CharField(_("path"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_action_display()} {self.target}".strip()
