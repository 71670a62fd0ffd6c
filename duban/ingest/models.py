"""Report ingestion: an uploaded document, the quantified items found in it, and what they became.

A ``SourceDocument`` is one text for one district; uploading the same text again re-opens it. Each
``Candidate`` is one quantity found by the extraction engine, keyed by its span (start, end) in the text,
so re-extraction updates instead of duplicating. Nothing enters the plan until a reviewer accepts a
candidate; the record then created keeps the span through ``Candidate`` and its ``source_note``.
"""

from decimal import Decimal
from functools import lru_cache

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from duban.core.models import TimeStamped
from duban.org.models import Organisation

from . import review
from .review import Target as T

VALUE_KW = dict(max_digits=30, decimal_places=10, null=True, blank=True)


class SourceDocument(TimeStamped):
    """A work report (or any text) uploaded for a district and year."""

    district = models.ForeignKey(
        Organisation, verbose_name=_("district"), on_delete=models.PROTECT, related_name="source_documents"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    year_inferred = models.BooleanField(_("year inferred from the text"), default=False)
    title = models.CharField(_("title"), max_length=200)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    text = models.TextField(_("text as read"))
    sha256 = models.CharField(_("SHA-256 of the text"), max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["district", "sha256"], name="sourcedocument_unique_text"),
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.year} {self.title}"


class CandidateStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    EDITED = "edited", _("Accepted with edits")
    REJECTED = "rejected", _("Rejected")


class CandidateTarget(models.TextChoices):
    TASK = T.TASK, _("Task")
    SUB_ITEM = T.SUB_ITEM, _("Livelihood sub-item")
    INDICATOR_TARGET = T.INDICATOR_TARGET, _("Indicator target")
    OBSERVATION = T.OBSERVATION, _("Indicator observation")
    PROJECT_FACT = T.PROJECT_FACT, _("Project fact")


class ProjectField(models.TextChoices):
    ANNUAL_PLAN = "annual_plan", _("Annual planned investment")
    TOTAL_INVESTMENT = "total_investment", _("Total investment")


class UnitReason(models.TextChoices):
    """Why a lead unit is suggested for a candidate."""

    MENTION = "mention", _("mentioned in the text")
    LAST_YEAR = "last_year", _("held it last year")
    KEYWORD = "keyword", _("keyword")


class CandidateQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=CandidateStatus.PENDING)

    def taken(self):
        """Accepted as they were or with edits."""
        return self.filter(status__in=[CandidateStatus.ACCEPTED, CandidateStatus.EDITED])


#: Extracted fields a reviewer may correct; the correction goes to ``edits``, the extraction stays.
EDITABLE_FIELDS = ("value", "value_max", "unit", "qualifier", "metric", "aspect", "kind", "period")


class Candidate(TimeStamped):
    """One quantity found in a document, waiting for review or already reviewed."""

    document = models.ForeignKey(
        SourceDocument, verbose_name=_("document"), on_delete=models.CASCADE, related_name="candidates"
    )
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    quote = models.CharField(_("quote"), max_length=200)
    value = models.DecimalField(_("value"), **VALUE_KW)
    value_max = models.DecimalField(_("upper value"), **VALUE_KW)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    qualifier = models.CharField(_("qualifier"), max_length=16, blank=True)
    metric = models.CharField(_("metric"), max_length=200, blank=True)
    aspect = models.CharField(_("aspect"), max_length=16, blank=True)
    kind = models.CharField(_("kind"), max_length=16, blank=True)
    period = models.CharField(_("period"), max_length=16, blank=True)
    sentence = models.TextField(_("sentence"), blank=True)
    confidence = models.FloatField(_("confidence"), default=0)
    paragraph = models.PositiveIntegerField(_("paragraph"), default=0)
    section = models.CharField(_("section"), max_length=200, blank=True)
    clause = models.CharField(_("clause"), max_length=200, blank=True)

    status = models.CharField(_("status"), max_length=16, choices=CandidateStatus.choices, default=CandidateStatus.PENDING)
    suggested_target = models.CharField(_("suggested record type"), max_length=20, choices=CandidateTarget.choices)
    target = models.CharField(_("record type"), max_length=20, choices=CandidateTarget.choices)
    suggestions = models.JSONField(_("similar names"), default=list, blank=True)
    edits = models.JSONField(_("reviewer's corrections"), default=dict, blank=True)
    project_field = models.CharField(
        _("project field"), max_length=20, choices=ProjectField.choices, default=ProjectField.ANNUAL_PLAN
    )

    link_indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name=_("linked indicator"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    link_task = models.ForeignKey(
        "plans.Task", verbose_name=_("linked task"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link_project = models.ForeignKey(
        "projects.Project", verbose_name=_("linked project"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    link_livelihood_item = models.ForeignKey(
        "plans.LivelihoodItem", verbose_name=_("linked livelihood item"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    created_task = models.ForeignKey(
        "plans.Task", verbose_name=_("created task"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="ingest_candidates",
    )
    created_sub_item = models.ForeignKey(
        "plans.LivelihoodSubItem", verbose_name=_("created sub-item"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="ingest_candidates",
    )
    created_target = models.ForeignKey(
        "indicators.IndicatorTarget", verbose_name=_("created indicator target"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="ingest_candidates",
    )
    created_observation = models.ForeignKey(
        "indicators.Observation", verbose_name=_("created observation"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="ingest_candidates",
    )
    created_project_year = models.ForeignKey(
        "projects.ProjectYear", verbose_name=_("updated project year"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="ingest_candidates",
    )
    created_project = models.ForeignKey(
        "projects.Project", verbose_name=_("updated project"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="ingest_candidates",
    )

    lead_unit = models.ForeignKey(
        Organisation, verbose_name=_("lead unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    responsible_unit_ids = models.JSONField(_("responsible units"), default=list, blank=True)
    unit_reason = models.CharField(_("why this unit"), max_length=16, choices=UnitReason.choices, blank=True)
    unit_reason_detail = models.CharField(_("reason detail"), max_length=100, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    frequency = models.CharField(_("reporting frequency"), max_length=16, blank=True)
    matched = models.CharField(
        _("same commitment already tracked"), max_length=300, blank=True,
        help_text=_("An existing record with the same value and unit and a similar name: linked by default."),
    )

    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["sentence"])

    objects = CandidateQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidate item")
        verbose_name_plural = _("candidate items")
        ordering = ["document", "start", "end"]
        constraints = [
            models.UniqueConstraint(fields=["document", "start", "end"], name="candidate_unique_span"),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="candidate_span_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.quote} ({self.metric})" if self.metric else self.quote

    def effective(self, name: str):
        """A field as the reviewer left it: the correction if any, else the extraction."""
        if name in self.edits:
            value = self.edits[name]
            if name in {"value", "value_max"} and value is not None:
                return Decimal(str(value))
            return value
        return getattr(self, name)

    @cached_property
    def current(self) -> dict:
        """Every editable field as the reviewer left it (for templates)."""
        return {name: self.effective(name) for name in EDITABLE_FIELDS}

    @property
    def url(self) -> str:
        """'/ingest/candidates/12/': the row's address; its actions are 'accept/', 'edit/', 'reject/' below it
        (one string per row instead of a URL reversal per action: the review page has hundreds of rows)."""
        return f"{_candidate_prefix()}{self.pk}/"

    @property
    def source_note(self) -> str:
        """'据2024年政府工作报告第5段：「启动25条市政道路建设」'."""
        return review.source_note(self.document.title, self.paragraph, self.clause or self.quote)

    @property
    def is_taken(self) -> bool:
        return self.status in {CandidateStatus.ACCEPTED, CandidateStatus.EDITED}

    @property
    def link(self):
        """The existing record the candidate is linked to for its current target, if any."""
        return getattr(self, LINK_FIELD[self.target], None)

    @property
    def record(self):
        """The record that accepting created or updated."""
        for name in RECORD_FIELDS:
            obj = getattr(self, name)
            if obj is not None:
                return obj
        return None


class UnitKeyword(TimeStamped):
    """A word of a report's sentence that points at the units doing the work: 就业 → 人社局.

    Rows without a district are the defaults of every district; a district's own row for the same keyword
    replaces the default there (an empty unit list switches the keyword off for that district). Unit names
    are matched against the district's units by name, short name and common abbreviation.
    """

    district = models.ForeignKey(
        Organisation, verbose_name=_("district"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="unit_keywords",
    )
    keyword = models.CharField(_("keyword"), max_length=20)
    unit_names = models.CharField(
        _("unit names"), max_length=200, blank=True,
        help_text=_("Separated by /; the first one leads. 科工局|工信局: the first of these the district has."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit keyword")
        verbose_name_plural = _("unit keywords")
        ordering = ["keyword"]
        constraints = [
            models.UniqueConstraint(fields=["district", "keyword"], name="unitkeyword_unique_per_district"),
            models.UniqueConstraint(fields=["keyword"], condition=Q(district__isnull=True),
                                    name="unitkeyword_unique_default"),
        ]

    def __str__(self) -> str:
        return f"{self.keyword} → {self.unit_names}"

    @property
    def names(self) -> list[str]:
        return [n.strip() for n in self.unit_names.replace("、", "/").split("/") if n.strip()]


@lru_cache(maxsize=1)
def _candidate_prefix() -> str:
    from django.urls import reverse

    return reverse("ingest:row", args=[1])[:-2]


LINK_FIELD = {
    T.TASK: "link_task",
    T.SUB_ITEM: "link_livelihood_item",
    T.INDICATOR_TARGET: "link_indicator",
    T.OBSERVATION: "link_indicator",
    T.PROJECT_FACT: "link_project",
}
LINK_FIELD_OF_KIND = {
    "indicator": "link_indicator", "task": "link_task", "project": "link_project",
    "livelihood_item": "link_livelihood_item",
}
RECORD_FIELDS = (
    "created_task", "created_sub_item", "created_target", "created_observation",
    "created_project_year", "created_project",
)
