"""Tracking: reports (append-only versions), review events, evidence, rule sets and time-progress curves,
supervision orders (督办单) with their log, notifications and reminders, rubrics and evaluations (考核/评议).

A tracked thing is addressed by ``(item_type, item_id)``: a task, a livelihood sub-item, a project year, an
indicator target or an expropriation task. The pair is indexed and loaded set-wise; each row that refers to an
item also holds a foreign key to its :class:`Item`, so the database checks the reference and refuses to delete
an item that has reports or orders.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from duban.core.models import Frequency, Sourced, TimeStamped
from duban.org.models import Organisation, UnitRole

MONEY = dict(max_digits=16, decimal_places=2, null=True, blank=True)
NUMBER = dict(max_digits=20, decimal_places=4, null=True, blank=True)


class ItemType(models.TextChoices):
    PROJECT_YEAR = "project_year", _("Key project (year)")
    TASK = "task", _("Task")
    SUB_ITEM = "livelihood_sub_item", _("Livelihood sub-item")
    INDICATOR_TARGET = "indicator_target", _("Indicator target")
    EXPROPRIATION = "expropriation", _("Expropriation task")


class Light(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")
    DONE = "done", _("Done")
    NOT_STARTED = "not_started", _("Not started")
    NO_DATA = "no_data", _("No data")


# ---------------------------------------------------------------------------------------------------------
# Tracked items: the database-checked reference every report, order and setting points to


#: The domain row behind each item type: (Item field, model label).
ITEM_TARGETS = {
    "project_year": ("project_year", "projects.ProjectYear"),
    "task": ("task", "plans.Task"),
    "livelihood_sub_item": ("sub_item", "plans.LivelihoodSubItem"),
    "indicator_target": ("indicator_target", "indicators.IndicatorTarget"),
    "expropriation": ("expropriation", "projects.ExpropriationTask"),
}


def _one_target_q() -> Q:
    """Exactly the foreign key of the item's type is set, and it equals ``object_id``."""
    fields = [f for f, _label in ITEM_TARGETS.values()]
    q = Q(pk__in=[])
    for item_type, (name, _label) in ITEM_TARGETS.items():
        q |= Q(type=item_type, **{name: models.F("object_id")}, **{f"{o}__isnull": True for o in fields if o != name})
    return q


class ItemQuerySet(models.QuerySet):
    def active(self):
        return self.filter(retired_at__isnull=True)

    def retired(self):
        return self.filter(retired_at__isnull=False)


class Item(models.Model):
    """One tracked thing (a task, livelihood sub-item, project year, indicator target or expropriation task).

    ``(type, object_id)`` is the address used in URLs and by ``TrackedItem``; the one foreign key of the type
    makes the database check it. Deleting the domain row deletes this row, which reports and orders protect:
    an item with reports or orders cannot be deleted, only retired (hidden from lists, its history kept).
    """

    type = models.CharField(_("item type"), max_length=24, choices=ItemType.choices)
    object_id = models.PositiveBigIntegerField(_("item id"))
    district = models.ForeignKey(Organisation, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    task = models.ForeignKey("plans.Task", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    sub_item = models.ForeignKey("plans.LivelihoodSubItem", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    project_year = models.ForeignKey("projects.ProjectYear", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    indicator_target = models.ForeignKey(
        "indicators.IndicatorTarget", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
    )
    expropriation = models.ForeignKey(
        "projects.ExpropriationTask", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
    )
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("retired by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    retired_reason = models.CharField(_("reason for retiring"), max_length=300, blank=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("tracked item")
        verbose_name_plural = _("tracked items")
        ordering = ["type", "object_id"]
        constraints = [
            models.UniqueConstraint(fields=["type", "object_id"], name="item_unique_ref"),
            models.CheckConstraint(condition=_one_target_q(), name="item_one_target"),
        ]
        indexes = [models.Index(fields=["district", "year"], name="item_district_year")]

    def __str__(self) -> str:
        return f"{self.get_type_display()} #{self.object_id}"

    @property
    def ref(self) -> tuple[str, int]:
        return (self.type, self.object_id)

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


def _ensure_item(row) -> None:
    """Fill ``tracked_item`` of a row addressed by (item_type, item_id), creating the Item when needed."""
    if row.tracked_item_id is None and row.item_type and row.item_id is not None:
        from .services.items import items_ensure  # noqa: PLC0415 - services import these models
        row.tracked_item = items_ensure(refs=[(row.item_type, row.item_id)])[(row.item_type, row.item_id)]


class ItemRefQuerySet(models.QuerySet):
    """Bulk creation fills every row's tracked item with one lookup per item type."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        missing = [o for o in objs if o.tracked_item_id is None and o.item_type and o.item_id is not None]
        if missing:
            from .services.items import items_ensure  # noqa: PLC0415
            found = items_ensure(refs={(o.item_type, o.item_id) for o in missing})
            for obj in missing:
                obj.tracked_item = found[(obj.item_type, obj.item_id)]
        return super().bulk_create(objs, *args, **kwargs)


# ---------------------------------------------------------------------------------------------------------
# Reports


class ReportState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    CONFIRMED = "confirmed", _("Confirmed")
    RETURNED = "returned", _("Returned")


class ReportQuerySet(ItemRefQuerySet):
    def for_item(self, item_type: str, item_id: int):
        return self.filter(item_type=item_type, item_id=item_id)

    def confirmed(self):
        return self.filter(state=ReportState.CONFIRMED)

    def latest_confirmed(self, as_of=None):
        """Only the newest confirmed version of each (item, period): older confirmed versions are superseded.

        With ``as_of``, only versions whose figures are dated by then (``period_end``) count, so a one-off item's
        later update does not hide the update that was current at that date.
        """
        newer = Report.objects.filter(
            item_type=models.OuterRef("item_type"), item_id=models.OuterRef("item_id"),
            period_key=models.OuterRef("period_key"), state=ReportState.CONFIRMED,
            version__gt=models.OuterRef("version"),
        )
        mine = self.filter(state=ReportState.CONFIRMED)
        if as_of is not None:
            newer = newer.filter(period_end__lte=as_of)
            mine = mine.filter(period_end__lte=as_of)
        return mine.exclude(models.Exists(newer))


class Report(Sourced):
    """One version of a unit's report on a tracked thing for a period. Rows are never updated except for the
    review outcome (state, reviewer, time, comment), which is also written to :class:`ReportEvent`."""

    item_type = models.CharField(_("item type"), max_length=24, choices=ItemType.choices)
    item_id = models.PositiveBigIntegerField(_("item id"))
    tracked_item = models.ForeignKey(Item, verbose_name=_("tracked item"), on_delete=models.PROTECT, related_name="reports")
    district = models.ForeignKey(Organisation, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Organisation, verbose_name=_("reporting unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    frequency = models.CharField(_("frequency"), max_length=16, choices=Frequency.choices)
    period_key = models.CharField(_("period"), max_length=12)
    period_end = models.DateField(
        _("figures as of"), help_text=_("End of the period; for a one-off item, the day the figures describe."),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    state = models.CharField(_("state"), max_length=12, choices=ReportState.choices, default=ReportState.SUBMITTED)
    # Values: which ones are used depends on the item type (see docs/tracking.md).
    value = models.DecimalField(_("cumulative value"), **NUMBER)
    percent = models.DecimalField(_("self-assessed progress %"), max_digits=7, decimal_places=2, null=True, blank=True)
    is_done = models.BooleanField(_("completed"), default=False)
    growth = models.DecimalField(_("growth %"), max_digits=9, decimal_places=3, null=True, blank=True)
    reference = models.DecimalField(_("reference value (e.g. city average)"), **NUMBER)
    invest_month = models.DecimalField(_("completed investment this month (10k yuan)"), **MONEY)
    invest_ytd = models.DecimalField(_("completed investment year-to-date (10k yuan)"), **MONEY)
    invest_since_start = models.DecimalField(_("completed investment since start (10k yuan)"), **MONEY)
    funds_received = models.DecimalField(_("funds received (10k yuan)"), **MONEY)
    signed_households = models.PositiveIntegerField(_("signed households"), null=True, blank=True)
    vacated_households = models.PositiveIntegerField(_("vacated households"), null=True, blank=True)
    demolished_households = models.PositiveIntegerField(_("demolished households"), null=True, blank=True)
    signed_area = models.DecimalField(_("signed area (m²)"), **MONEY)
    vacated_area = models.DecimalField(_("vacated area (m²)"), **MONEY)
    demolished_area = models.DecimalField(_("demolished area (m²)"), **MONEY)
    land_handed_mu = models.DecimalField(_("land handed over (mu)"), **MONEY)
    narrative = models.TextField(_("progress narrative"), blank=True)
    problems = models.TextField(_("problems"), blank=True)
    next_plan = models.TextField(_("next period's plan"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    # A key project's physical progress, applied to the project when the office confirms the version.
    physical_progress = models.TextField(_("physical progress"), blank=True)
    stage = models.CharField(_("stage reported"), max_length=16, blank=True)
    stage_note = models.CharField(_("note on the stage change"), max_length=300, blank=True)
    actual_start = models.DateField(_("actual start reported"), null=True, blank=True)
    #: {"<milestone id>": "YYYY-MM-DD"}: actual dates of milestones reached, as reported.
    milestone_actuals = models.JSONField(_("milestones reached"), default=dict, blank=True)
    #: [{"description", "owner_unit", "deadline"}]: problems raised, tracked once the version is confirmed.
    raised_problems = models.JSONField(_("problems raised"), default=list, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["item_type", "item_id", "period_end", "version"]
        constraints = [
            models.UniqueConstraint(fields=["item_type", "item_id", "period_key", "version"], name="report_unique_version"),
            models.UniqueConstraint(
                fields=["item_type", "item_id", "period_key"], condition=Q(state="submitted"),
                name="report_one_pending_per_period",
            ),
        ]
        indexes = [
            models.Index(fields=["district", "year", "state"], name="report_district_year_state"),
            models.Index(fields=["item_type", "item_id", "period_end"], name="report_item_period"),
            # A district's reports of a year, newest first (the API's report list, a page at a time).
            models.Index(fields=["district", "year", "-submitted_at", "-id"], name="report_district_year_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.get_item_type_display()} #{self.item_id} {self.period_key} v{self.version}"

    def save(self, *args, **kwargs):
        _ensure_item(self)
        super().save(*args, **kwargs)


class ReportAction(models.TextChoices):
    SUBMIT = "submit", _("Submitted")
    RESUBMIT = "resubmit", _("Resubmitted after return")
    CORRECT = "correct", _("Correction submitted")
    CONFIRM = "confirm", _("Confirmed")
    RETURN = "return", _("Returned")


class ReportEvent(models.Model):
    """Immutable log of who did what to a report, and when."""

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=12, choices=ReportAction.choices)
    from_state = models.CharField(_("from"), max_length=12, blank=True)
    to_state = models.CharField(_("to"), max_length=12)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("report event")
        verbose_name_plural = _("report events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.report} {self.action}"


def evidence_path(instance, filename: str) -> str:
    return f"evidence/{instance.uploaded_at:%Y/%m}/{instance.sha256[:16]}_{filename}"


class EvidenceKind(models.TextChoices):
    IMAGE = "image", _("Image")
    PDF = "pdf", _("PDF")
    DOCUMENT = "document", _("Word document")
    SHEET = "sheet", _("Spreadsheet")


class Evidence(models.Model):
    """A file attached to a report version or to a supervision order's feedback."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    feedback = models.ForeignKey(
        "OrderFeedback", verbose_name=_("feedback"), null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=EvidenceKind.choices)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))
    # A photo the public portal may show (with a confirmed report of a public item); private by default.
    is_public = models.BooleanField(_("public"), default=False)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(report__isnull=False, feedback__isnull=True) | Q(report__isnull=True, feedback__isnull=False),
                name="evidence_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name


# ---------------------------------------------------------------------------------------------------------
# Configuration: rule sets, curves, per-item settings


class RuleSet(TimeStamped):
    """A light rule set (亮灯规则): JSON config merged over the built-in defaults (see rules.RuleConfig)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    district = models.ForeignKey(
        Organisation, verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("Empty: usable everywhere."),
    )
    is_default = models.BooleanField(_("default"), default=False)
    config = models.JSONField(_("configuration"), default=dict, blank=True)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("light rule set")
        verbose_name_plural = _("light rule sets")
        ordering = ["code"]
        constraints = [
            # One default rule set per district, and one for everywhere (district empty: NULLs never collide).
            models.UniqueConstraint(fields=["district"], condition=Q(is_default=True), name="ruleset_one_default_per_district"),
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True, district__isnull=True),
                                    name="ruleset_one_default_everywhere"),
        ]

    def __str__(self) -> str:
        return self.name


class ProgressCurve(TimeStamped):
    """Cumulative share of the year's work expected by the end of each month (12 numbers ending at 100)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    months = models.JSONField(_("cumulative % by month end"))
    item_type = models.CharField(_("applies to item type"), max_length=24, choices=ItemType.choices, blank=True)
    category = models.CharField(
        _("applies to category"), max_length=50, blank=True,
        help_text=_("A project category name or a task category code; empty: only when assigned to an item."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("time-progress curve")
        verbose_name_plural = _("time-progress curves")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class ItemSetting(Sourced, TimeStamped):
    """Per-item overrides: a rule set or a time-progress curve."""

    item_type = models.CharField(_("item type"), max_length=24, choices=ItemType.choices)
    item_id = models.PositiveBigIntegerField(_("item id"))
    tracked_item = models.ForeignKey(Item, verbose_name=_("tracked item"), on_delete=models.CASCADE, related_name="settings")
    rule_set = models.ForeignKey(RuleSet, verbose_name=_("rule set"), null=True, blank=True, on_delete=models.PROTECT)
    curve = models.ForeignKey(ProgressCurve, verbose_name=_("curve"), null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("item setting")
        verbose_name_plural = _("item settings")
        constraints = [models.UniqueConstraint(fields=["item_type", "item_id"], name="itemsetting_unique")]

    objects = ItemRefQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.item_type} #{self.item_id}"

    def save(self, *args, **kwargs):
        _ensure_item(self)
        super().save(*args, **kwargs)


# ---------------------------------------------------------------------------------------------------------
# Supervision orders (督办单)


class OrderState(models.TextChoices):
    ISSUED = "issued", pgettext_lazy("order state", "Issued")
    SIGNED = "signed", _("Signed for")
    FEEDBACK = "feedback", _("Feedback given")
    REVIEWED = "reviewed", _("Reviewed")
    RETURNED = "returned", _("Returned")
    CLOSED = "closed", _("Closed")


OPEN_ORDER_STATES = (OrderState.ISSUED, OrderState.SIGNED, OrderState.FEEDBACK, OrderState.REVIEWED, OrderState.RETURNED)


class SupervisionOrder(Sourced, TimeStamped):
    number = models.CharField(_("number"), max_length=40, unique=True)
    district = models.ForeignKey(Organisation, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+")
    item_type = models.CharField(_("item type"), max_length=24, choices=ItemType.choices, blank=True)
    item_id = models.PositiveBigIntegerField(_("item id"), null=True, blank=True)
    tracked_item = models.ForeignKey(
        Item, verbose_name=_("tracked item"), null=True, blank=True, on_delete=models.PROTECT, related_name="orders",
    )
    title = models.CharField(_("title"), max_length=300)
    content = models.TextField(_("requirements"))
    light_at_issue = models.CharField(_("light at issue"), max_length=12, choices=Light.choices, blank=True)
    is_automatic = models.BooleanField(_("issued automatically"), default=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"))
    deadline = models.DateField(_("deadline"))
    state = models.CharField(_("state"), max_length=12, choices=OrderState.choices, default=OrderState.ISSUED)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("supervision order")
        verbose_name_plural = _("supervision orders")
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["district", "state"], name="order_district_state")]

    objects = ItemRefQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs):
        _ensure_item(self)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_ORDER_STATES


class OrderUnit(models.Model):
    order = models.ForeignKey(SupervisionOrder, verbose_name=_("order"), on_delete=models.CASCADE, related_name="units")
    organisation = models.ForeignKey(Organisation, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=16, choices=UnitRole.choices, default=UnitRole.LEAD)

    class Meta:
        verbose_name = _("order unit")
        verbose_name_plural = _("order units")
        constraints = [
            models.UniqueConstraint(fields=["order", "organisation"], name="orderunit_unique"),
            models.UniqueConstraint(fields=["order"], condition=Q(role="lead"), name="orderunit_one_lead"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class OrderFeedback(models.Model):
    """A unit's answer to an order (办理情况); each answer is a new row."""

    order = models.ForeignKey(SupervisionOrder, verbose_name=_("order"), on_delete=models.PROTECT, related_name="feedback")
    text = models.TextField(_("feedback"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("order feedback")
        verbose_name_plural = _("order feedback")
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.order.number} {self.submitted_at:%Y-%m-%d}"


class ExtensionState(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class ExtensionRequest(models.Model):
    order = models.ForeignKey(SupervisionOrder, verbose_name=_("order"), on_delete=models.PROTECT, related_name="extensions")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"))
    old_deadline = models.DateField(_("old deadline"))
    new_deadline = models.DateField(_("requested deadline"))
    reason = models.TextField(_("reason"))
    state = models.CharField(_("state"), max_length=10, choices=ExtensionState.choices, default=ExtensionState.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["order"], condition=Q(state="pending"), name="extension_one_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.order.number} → {self.new_deadline}"


class OrderAction(models.TextChoices):
    ISSUE = "issue", _("Issued")
    SIGN = "sign", _("Signed for")
    FEEDBACK = "feedback", _("Feedback given")
    ACCEPT = "accept", _("Feedback accepted")
    RETURN = "return", _("Returned")
    CLOSE = "close", _("Closed")
    EXTENSION_REQUEST = "ext_request", _("Extension requested")
    EXTENSION_APPROVE = "ext_approve", _("Extension approved")
    EXTENSION_REFUSE = "ext_refuse", _("Extension refused")
    REMIND = "remind", _("Reminder sent")


class OrderEvent(models.Model):
    """Immutable log of an order's life."""

    order = models.ForeignKey(SupervisionOrder, verbose_name=_("order"), on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=12, choices=OrderAction.choices)
    from_state = models.CharField(_("from"), max_length=12, blank=True)
    to_state = models.CharField(_("to"), max_length=12, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("order event")
        verbose_name_plural = _("order events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.order.number} {self.action}"


# ---------------------------------------------------------------------------------------------------------
# Notifications and reminders


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="duban_notifications")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]

    def __str__(self) -> str:
        return self.title


class Reminder(models.Model):
    """One reminder sent: its key makes ``duban remind`` idempotent for a day."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=24)
    on_date = models.DateField(_("date"))
    sent_at = models.DateTimeField(_("sent at"))
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.key


# ---------------------------------------------------------------------------------------------------------
# Scores and rankings (考核/评议)


class EvaluationPeriod(models.TextChoices):
    HALF_YEAR = "half_year", _("Half-year evaluation")
    ANNUAL = "annual", _("Annual evaluation")


class Rubric(TimeStamped):
    """A published scoring rubric: JSON list of items (see scoring.py)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    config = models.JSONField(_("configuration"), default=dict)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class EvaluationSubject(models.TextChoices):
    UNITS = "units", _("Units of a district")
    DISTRICTS = "districts", _("Districts of a city")


class EvaluationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Evaluation(TimeStamped):
    """A half-year or annual evaluation of the units of a district (or of the districts of a city)."""

    rubric = models.ForeignKey(Rubric, verbose_name=_("rubric"), on_delete=models.PROTECT, related_name="evaluations")
    scope = models.ForeignKey(
        Organisation, verbose_name=_("district or city"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(_("evaluated"), max_length=12, choices=EvaluationSubject.choices, default=EvaluationSubject.UNITS)
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=12, choices=EvaluationPeriod.choices)
    as_of = models.DateField(_("figures as of"))
    state = models.CharField(_("state"), max_length=12, choices=EvaluationState.choices, default=EvaluationState.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-year", "scope", "period"]
        constraints = [
            models.UniqueConstraint(fields=["scope", "year", "period", "rubric"], name="evaluation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.year} {self.get_period_display()}"


class ScoreEntryKind(models.TextChoices):
    MANUAL = "manual", _("Manual score")
    DEDUCTION = "deduction", _("Deduction")
    BONUS = "bonus", _("Bonus")


class ScoreEntry(TimeStamped):
    """A manual score (e.g. leaders' on-site score) or a bonus/deduction for one organisation."""

    evaluation = models.ForeignKey(Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="entries")
    organisation = models.ForeignKey(Organisation, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=ScoreEntryKind.choices)
    item_code = models.CharField(_("rubric item"), max_length=40, blank=True)
    points = models.DecimalField(_("points"), max_digits=8, decimal_places=2)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("score entry")
        verbose_name_plural = _("score entries")
        ordering = ["evaluation", "organisation", "id"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.kind} {self.points}"


class EvaluationScore(models.Model):
    """The computed score of one organisation in an evaluation, with its breakdown (frozen on publication)."""

    evaluation = models.ForeignKey(Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="scores")
    organisation = models.ForeignKey(Organisation, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    total = models.DecimalField(_("total"), max_digits=8, decimal_places=2)
    rank = models.PositiveIntegerField(_("rank"))
    breakdown = models.JSONField(_("breakdown"), default=list)
    metrics = models.JSONField(_("figures"), default=dict)

    class Meta:
        verbose_name = _("evaluation score")
        verbose_name_plural = _("evaluation scores")
        ordering = ["evaluation", "rank", "organisation"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "organisation"], name="evaluationscore_unique")]

    def __str__(self) -> str:
        return f"{self.organisation} {self.total}"



class ReceivedRank(Sourced, TimeStamped):
    """A rank an organisation received in someone else's review (e.g. 在全市重点项目半年评议中取得第四名).

    Published evaluations of a city's districts record one for each district; a district whose city does not use
    duban enters the rank it was told. One per organisation, year, period and review.
    """

    organisation = models.ForeignKey(Organisation, verbose_name=_("district or unit"), on_delete=models.PROTECT,
                                     related_name="received_ranks")
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=12, choices=EvaluationPeriod.choices)
    review = models.CharField(_("review"), max_length=100)
    rank = models.PositiveIntegerField(_("rank"))
    out_of = models.PositiveIntegerField(_("out of"), null=True, blank=True)
    awarded_by = models.ForeignKey(Organisation, verbose_name=_("awarded by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    evaluation = models.ForeignKey(Evaluation, verbose_name=_("evaluation"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="received_ranks")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("received rank")
        verbose_name_plural = _("received ranks")
        ordering = ["-year", "period", "review", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "period", "review"], name="receivedrank_unique"),
            models.CheckConstraint(condition=Q(rank__gte=1) & (Q(out_of__isnull=True) | Q(out_of__gte=models.F("rank"))),
                                   name="receivedrank_rank_within"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year} {self.review} #{self.rank}"
# ---------------------------------------------------------------------------------------------------------
# Stored status (see snapshots.py)


class StatusSnapshot(models.Model):
    """An item's computed status as of a date, stored so that lists, dashboards and rankings read it instead of
    recomputing every item. One row per item; ``as_of`` says which day it describes. Reasons are kept in every
    interface language (``{"zh-hans": [...], "en": [...]}``) because they are sentences with numbers in them;
    ``figures`` holds completion, time progress, gap, actual and first-half figure as exact decimal text."""

    item = models.OneToOneField(Item, verbose_name=_("tracked item"), on_delete=models.CASCADE, related_name="snapshot")
    district = models.ForeignKey(Organisation, verbose_name=_("district"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    as_of = models.DateField(_("status as of"))
    light = models.CharField(_("light"), max_length=12, choices=Light.choices)
    measure = models.CharField(_("measure"), max_length=8)
    # Completion and gap as columns to sort and filter by in SQL; every figure exactly in ``figures``.
    completion_pct = models.DecimalField(_("completion %"), max_digits=24, decimal_places=6, null=True)
    gap_pp = models.DecimalField(_("gap (percentage points)"), max_digits=24, decimal_places=6, null=True)
    double_half = models.BooleanField(_("half done by mid-year"), null=True)
    last_period = models.CharField(_("latest period"), max_length=12, blank=True)
    figures = models.JSONField(_("figures"), default=dict)
    reasons = models.JSONField(_("reasons"), default=dict)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("status snapshot")
        verbose_name_plural = _("status snapshots")
        indexes = [models.Index(fields=["district", "year", "as_of"], name="snapshot_district_year_date")]

    def __str__(self) -> str:
        return f"{self.item} {self.as_of} {self.light}"


# ---------------------------------------------------------------------------------------------------------
# Problems (问题清单): raised in a report or by the office, owned by a unit, chased until resolved


class ProblemState(models.TextChoices):
    OPEN = "open", _("Unsolved")
    RESOLVED = "resolved", _("Solved")


class ProblemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=ProblemState.OPEN)

    def overdue(self, on_date):
        return self.filter(state=ProblemState.OPEN, deadline__lt=on_date)


class Problem(Sourced):
    """A problem of a tracked item: its owner unit and leader in charge must resolve it by the deadline; overdue,
    it is escalated to the unit's leaders, then to the leader in charge."""

    district = models.ForeignKey(Organisation, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+")
    tracked_item = models.ForeignKey(Item, verbose_name=_("tracked item"), on_delete=models.PROTECT, related_name="problems")
    report = models.ForeignKey(Report, verbose_name=_("raised in report"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="tracked_problems")
    description = models.TextField(_("problem"))
    owner_unit = models.ForeignKey(Organisation, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="+")
    leader = models.ForeignKey("org.Leader", verbose_name=_("leader in charge"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    deadline = models.DateField(_("deadline"))
    state = models.CharField(_("state"), max_length=10, choices=ProblemState.choices, default=ProblemState.OPEN)
    resolution = models.TextField(_("resolution"), blank=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("raised by"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(_("raised at"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)

    objects = ProblemQuerySet.as_manager()

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["district", "state", "deadline"], name="problem_district_state")]
        constraints = [
            models.CheckConstraint(condition=Q(state="open") | Q(resolved_at__isnull=False), name="problem_resolved_has_date"),
        ]

    def __str__(self) -> str:
        return self.description[:60]

    def is_overdue(self, on_date) -> bool:
        return self.state == ProblemState.OPEN and self.deadline < on_date


class ProblemAction(models.TextChoices):
    RAISE = "raise", _("Problem raised")
    ESCALATE = "escalate", _("Escalated")
    RESOLVE = "resolve", _("Resolved")
    REOPEN = "reopen", _("Reopened")


class ProblemEvent(models.Model):
    """Immutable log of a problem's life, escalations included."""

    problem = models.ForeignKey(Problem, verbose_name=_("problem"), on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=10, choices=ProblemAction.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"))
    level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("problem event")
        verbose_name_plural = _("problem events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.problem_id} {self.action}"
