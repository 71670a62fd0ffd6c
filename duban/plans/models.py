"""The year's plan: theme, work-system tree (工作体系), tasks/commitments and livelihood items (民生实事)."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from duban.core.models import Frequency, Sourced, TimeStamped
from duban.org.models import Organisation, UnitAssignment

WEIGHT_FIELD_KW = dict(max_digits=8, decimal_places=3, default=Decimal(1), validators=[MinValueValidator(0)])


class Plan(Sourced, TimeStamped):
    """A district's plan for one year, as set by its January work report."""

    district = models.ForeignKey(
        Organisation, verbose_name=_("district"), on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000)])
    theme = models.CharField(_("theme of the year"), max_length=100, blank=True)
    system_name = models.CharField(_("work system"), max_length=100, blank=True)
    goal = models.CharField(_("overall goal"), max_length=300, blank=True)
    source_document = models.CharField(_("source document"), max_length=300, blank=True)
    is_draft = models.BooleanField(
        _("draft"), default=False,
        help_text=_("A draft plan (built by report review) is seen by the office only until it is published."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["district", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["district", "year"], name="plan_unique_district_year"),
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.year}" + (f"「{self.theme}」" if self.theme else "")


class WorkNode(Sourced, TimeStamped):
    """A node of the work-system tree: the goal, a pillar, a key task group... (any depth)."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(_("weight"), **WEIGHT_FIELD_KW)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work-system node")
        verbose_name_plural = _("work-system nodes")
        ordering = ["plan", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="worknode_unique_code"),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="worknode_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class TaskCategory(models.TextChoices):
    ECONOMY = "economy", _("Economy and industry")
    PROJECT = "project", _("Projects and investment")
    URBAN = "urban", _("Urban construction")
    LIVELIHOOD = "livelihood", _("Livelihood")
    GOVERNANCE = "governance", _("Governance and safety")
    REFORM = "reform", _("Reform and opening")
    ENVIRONMENT = "environment", _("Environment")
    RURAL = "rural", _("Rural revitalisation")
    OTHER = "other", _("Other")


class WorkSource(models.TextChoices):
    """Where a supervised task comes from: the work report, or supervised work registered during the year."""

    REPORT = "report", _("Work report")
    INSTRUCTION = "instruction", _("Leader's written instruction")
    MEETING = "meeting", _("Meeting decision")
    DEPUTY = "deputy", _("Deputies' suggestion")
    PROPOSAL = "proposal", _("CPPCC proposal")
    OTHER = "other", _("Other supervised work")


class ValueSource(models.TextChoices):
    """Where a task's actual value comes from: the units' reports, or a count the system keeps itself."""

    REPORTS = "", _("Units' reports")
    PIPELINE_RESERVE = "pipeline_reserve", _("Project pipeline: projects in the planning reserve")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY = "basically", _("Basically satisfied")
    UNSATISFIED = "unsatisfied", _("Unsatisfied")


class Task(Sourced, TimeStamped):
    """A task or commitment (重点任务/督办事项) hanging on the work-system tree.

    Most come from the work report; leaders' written instructions (领导批示), meeting decisions (会议议定事项),
    deputies' suggestions (人大建议) and CPPCC proposals (政协提案) are registered as tasks too, with their source
    document, so that they are assigned, reported, supervised and counted like the others.
    """

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="tasks")
    node = models.ForeignKey(
        WorkNode, verbose_name=_("work-system node"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="tasks",
    )
    code = models.CharField(_("code"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    target_text = models.CharField(_("target"), max_length=300, blank=True)
    target_value = models.DecimalField(_("target value"), max_digits=20, decimal_places=4, null=True, blank=True)
    #: The indicator whose series this commitment's figures continue (one commitment, one tracked item: the
    #: indicator keeps its history across years, the commitment is what units report on this year).
    indicator = models.ForeignKey("indicators.Indicator", verbose_name=_("indicator"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    target_unit = models.CharField(_("unit"), max_length=20, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    category = models.CharField(_("category"), max_length=16, choices=TaskCategory.choices, default=TaskCategory.OTHER)
    value_source = models.CharField(_("actual value from"), max_length=20, choices=ValueSource.choices, blank=True,
                                    default=ValueSource.REPORTS)
    weight = models.DecimalField(_("weight"), **WEIGHT_FIELD_KW)
    frequency = models.CharField(_("reporting frequency"), max_length=16, choices=Frequency.choices, default=Frequency.MONTHLY)
    is_public = models.BooleanField(_("public"), default=False)
    source_kind = models.CharField(_("source of the work"), max_length=16, choices=WorkSource.choices,
                                   default=WorkSource.REPORT)
    source_ref = models.CharField(_("document number"), max_length=60, blank=True)
    source_date = models.DateField(_("document date"), null=True, blank=True)
    source_person = models.CharField(_("from (leader, deputy or member)"), max_length=60, blank=True)
    reply_deadline = models.DateField(_("reply deadline"), null=True, blank=True)
    satisfaction = models.CharField(_("satisfaction with the reply"), max_length=12, choices=Satisfaction.choices,
                                    blank=True)
    # 监考单位: the unit whose figures judge the task (often statistics), not a unit that reports or counts.
    source_unit = models.ForeignKey(
        Organisation, verbose_name=_("data-source unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["plan", "code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"], condition=~Q(code=""), name="task_unique_code_in_plan"
            ),
            models.CheckConstraint(
                condition=Q(target_value__isnull=True) | ~Q(target_unit=""), name="task_value_needs_unit"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class TaskUnit(UnitAssignment):
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="units")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task unit")
        verbose_name_plural = _("task units")
        constraints = [
            models.UniqueConstraint(fields=["task", "organisation"], name="taskunit_unique"),
            models.UniqueConstraint(fields=["task"], condition=Q(role="lead"), name="taskunit_one_lead"),
        ]


class LivelihoodItem(Sourced, TimeStamped):
    """A livelihood commitment (民生实事), numbered within the year's list."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="livelihood_items")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    lead_unit = models.ForeignKey(
        Organisation, verbose_name=_("lead unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_public = models.BooleanField(_("public"), default=True)
    voted_by_congress = models.BooleanField(_("voted by the people's congress"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("livelihood item")
        verbose_name_plural = _("livelihood items")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="livelihood_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class LivelihoodSubItem(Sourced, TimeStamped):
    """A quantified part of a livelihood item: '新建日间照料中心13处'."""

    item = models.ForeignKey(LivelihoodItem, verbose_name=_("livelihood item"), on_delete=models.CASCADE, related_name="sub_items")
    title = models.CharField(_("title"), max_length=300)
    target_value = models.DecimalField(_("target value"), max_digits=20, decimal_places=4, null=True, blank=True)
    #: The indicator whose series this commitment's figures continue (one commitment, one tracked item: the
    #: indicator keeps its history across years, the commitment is what units report on this year).
    indicator = models.ForeignKey("indicators.Indicator", verbose_name=_("indicator"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    target_unit = models.CharField(_("unit"), max_length=20, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    weight = models.DecimalField(_("weight"), **WEIGHT_FIELD_KW)
    frequency = models.CharField(_("reporting frequency"), max_length=16, choices=Frequency.choices, default=Frequency.MONTHLY)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("livelihood sub-item")
        verbose_name_plural = _("livelihood sub-items")
        ordering = ["item", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_value__isnull=True) | ~Q(target_unit=""), name="subitem_value_needs_unit"
            ),
            models.CheckConstraint(
                condition=Q(target_value__isnull=True) | Q(target_value__gte=0), name="subitem_value_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class LivelihoodSubItemUnit(UnitAssignment):
    sub_item = models.ForeignKey(LivelihoodSubItem, verbose_name=_("sub-item"), on_delete=models.CASCADE, related_name="units")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sub-item unit")
        verbose_name_plural = _("sub-item units")
        constraints = [
            models.UniqueConstraint(fields=["sub_item", "organisation"], name="subitemunit_unique"),
        ]
