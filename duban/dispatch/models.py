"""Direct reports from the street (突发事件直报): grid members and citizens report, the command centre
(城市运行指挥中心) triages and dispatches to a unit with a deadline, the unit answers, the centre closes, the
reporter is told. Every step is an append-only event."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duban.core.models import TimeStamped
from duban.org.models import Organisation


class Category(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency")
    SAFETY = "safety", _("Safety hazard")
    ENVIRONMENT = "environment", _("City appearance and environment")
    TRAFFIC = "traffic", _("Roads and traffic")
    LIVELIHOOD = "livelihood", _("Livelihood request")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    GRID = "grid", _("Grid member")
    PUBLIC = "public", _("Citizen")


class State(models.TextChoices):
    RECEIVED = "received", _("Received")
    DISPATCHED = "dispatched", _("Dispatched")
    ANSWERED = "answered", _("Answered by the unit")
    CLOSED = "closed", _("Closed")
    MERGED = "merged", _("Merged into another report")
    REJECTED = "rejected", _("Not taken up")


OPEN_STATES = (State.RECEIVED, State.DISPATCHED, State.ANSWERED)


def photo_path(instance, filename: str) -> str:
    return f"direct-reports/{instance.district_id}/{filename[-80:]}"


class DirectReport(TimeStamped):
    district = models.ForeignKey(Organisation, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("number"), max_length=24, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    text = models.TextField(_("what happened"), max_length=2000)
    location = models.CharField(_("place"), max_length=200)
    photo = models.FileField(_("photo"), upload_to=photo_path, max_length=300, blank=True)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reported by"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    reporter_name = models.CharField(_("reporter's name"), max_length=60, blank=True)
    reporter_phone = models.CharField(_("phone"), max_length=30, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.RECEIVED)
    reported_at = models.DateTimeField(_("reported at"))
    unit = models.ForeignKey(Organisation, verbose_name=_("dispatched to"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="direct_reports")
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    duplicate_of = models.ForeignKey("self", verbose_name=_("duplicate of"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="duplicates")
    answer = models.TextField(_("unit's answer"), blank=True)
    result = models.TextField(_("result told to the reporter"), blank=True)
    reject_reason = models.CharField(_("reason for rejection"), max_length=300, blank=True)
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    order = models.ForeignKey("tracking.SupervisionOrder", verbose_name=_("supervision order"), null=True,
                              blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("direct report")
        verbose_name_plural = _("direct reports")
        ordering = ["-reported_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(state="dispatched") | Q(unit__isnull=False, deadline__isnull=False),
                                   name="directreport_dispatched_has_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:30]}"


class Action(models.TextChoices):
    SUBMIT = "submit", _("Reported")
    DISPATCH = "dispatch", _("Dispatched")
    MERGE = "merge", _("Merged")
    REJECT = "reject", _("Not taken up")
    ANSWER = "answer", _("Answered")
    CLOSE = "close", _("Closed")
    ESCALATE = "escalate", _("Supervision order issued")


class DirectReportEvent(models.Model):
    report = models.ForeignKey(DirectReport, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    from_state = models.CharField(max_length=12, blank=True)
    to_state = models.CharField(max_length=12)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(_("at"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "id"]
