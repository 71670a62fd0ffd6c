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
class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """A piece of background work someone started and watches: its progress, outcome and where to go next.

    Any app's task updates it through duban.core.jobs (job_start, job_progress, job_finish, job_fail); the page
    /jobs/<id>/ shows it and is polled with htmx until it ends.
    """

    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    done = models.PositiveIntegerField(_("steps done"), default=0)
    total = models.PositiveIntegerField(_("steps in all"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    result_url = models.CharField(_("result page"), max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_result_id = models.CharField(_("task result id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The heartbeat: every start, progress and end bumps it; a running job whose heartbeat stops is reaped.
    updated_at = models.DateTimeField(_("last heard of"), auto_now=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=models.Q(done__lte=models.F("total")) | models.Q(total=0),
                                              name="job_done_within_total")]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_state_display()})"

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def percent(self) -> int | None:
        return None if not self.total else round(100 * self.done / self.total)


class ScheduledRun(models.Model):
    """One run of a scheduled entry (duban/schedule.py) for one period: the record that makes it run once."""

    name = models.CharField(_("entry"), max_length=60)
    period = models.CharField(_("period"), max_length=20)
    enqueued_at = models.DateTimeField(_("enqueued at"))
    task_result_id = models.CharField(_("task result id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        ordering = ["-enqueued_at"]
        constraints = [models.UniqueConstraint(fields=["name", "period"], name="scheduledrun_once_per_period")]

    def __str__(self) -> str:
        return f"{self.name} {self.period}"
