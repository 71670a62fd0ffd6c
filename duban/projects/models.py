"""Key projects (重点项目): the project, its yearly plan, milestones and land expropriation (征收拆迁).

Money is held in 万元 (ten thousand yuan) as Decimal; summaries show 亿元.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from duban.core.models import Frequency, Sourced, TimeStamped
from duban.org.models import Leader, Organisation, UnitAssignment

MONEY_KW = dict(max_digits=16, decimal_places=2, validators=[MinValueValidator(Decimal(0))])


class ProjectLevel(models.TextChoices):
    PROVINCE = "province", pgettext_lazy("project level", "Provincial")
    CITY = "city", pgettext_lazy("project level", "City")
    DISTRICT = "district", pgettext_lazy("project level", "District")


class Stage(models.TextChoices):
    """Physical stage, kept apart from the annual plan type."""

    RESERVE = "reserve", _("Planning reserve")
    SIGNED = "signed", _("Signed")
    PREPARATION = "preparation", _("Preliminary work")
    STARTED = "started", _("Started")
    UNDER_CONSTRUCTION = "construction", _("Under construction")
    COMPLETED = "completed", _("Completed")
    OPERATING = "operating", _("In production")


class PlanType(models.TextChoices):
    RESERVE = "reserve", _("Reserve")
    PREPARATION = "preparation", _("Preliminary")
    NEW = "new", _("New start")
    CONTINUING = "continuing", _("Continuing")
    COMPLETION = "completion", _("Completion")


class ProjectCategory(TimeStamped):
    """A configurable category, e.g. 产业/基础设施/民生."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project category")
        verbose_name_plural = _("project categories")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Area(TimeStamped):
    """An area (片区) of a district: 兴隆, 十六里河, 党家, 白马山, 七贤."""

    district = models.ForeignKey(Organisation, verbose_name=_("district"), on_delete=models.PROTECT, related_name="areas")
    name = models.CharField(_("name"), max_length=50)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["district", "name"]
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="area_unique_name")]

    def __str__(self) -> str:
        return self.name


class Project(Sourced, TimeStamped):
    district = models.ForeignKey(Organisation, verbose_name=_("district"), on_delete=models.PROTECT, related_name="projects")
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    level = models.CharField(_("level"), max_length=16, choices=ProjectLevel.choices, default=ProjectLevel.DISTRICT)
    category = models.ForeignKey(
        ProjectCategory, verbose_name=_("category"), null=True, blank=True, on_delete=models.PROTECT, related_name="projects"
    )
    area = models.ForeignKey(Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT, related_name="projects")
    lead_unit = models.ForeignKey(
        Organisation, verbose_name=_("lead unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="led_projects"
    )
    leader = models.ForeignKey(
        Leader, verbose_name=_("leader in charge"), null=True, blank=True, on_delete=models.SET_NULL, related_name="projects"
    )
    total_investment = models.DecimalField(_("total investment (10k yuan)"), null=True, blank=True, **MONEY_KW)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.RESERVE)
    registered_with_statistics = models.BooleanField(_("registered with statistics"), default=False)
    location = models.CharField(_("location"), max_length=200, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    # Shown on the public portal (name, category, area, stage, investment figures only) when set.
    is_public = models.BooleanField(_("public"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("key project")
        verbose_name_plural = _("key projects")
        ordering = ["district", "code"]
        constraints = [
            models.UniqueConstraint(fields=["district", "code"], name="project_unique_code"),
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True) | Q(planned_start__isnull=True) | Q(planned_end__gte=F("planned_start")),
                name="project_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True) | Q(actual_start__isnull=True) | Q(actual_end__gte=F("actual_start")),
                name="project_actual_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ProjectYear(Sourced, TimeStamped):
    """A project's record for one year: plan type, annual and half-year planned investment."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000)])
    plan_type = models.CharField(_("plan type"), max_length=16, choices=PlanType.choices)
    level = models.CharField(_("key-project level that year"), max_length=16, choices=ProjectLevel.choices)
    annual_plan = models.DecimalField(_("annual planned investment (10k yuan)"), default=Decimal(0), **MONEY_KW)
    half_year_plan = models.DecimalField(_("half-year planned investment (10k yuan)"), null=True, blank=True, **MONEY_KW)
    invested_before = models.DecimalField(_("invested before the year (10k yuan)"), default=Decimal(0), **MONEY_KW)
    frequency = models.CharField(_("reporting frequency"), max_length=16, choices=Frequency.choices, default=Frequency.MONTHLY)
    weight = models.DecimalField(_("weight"), max_digits=8, decimal_places=3, default=Decimal(1))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project year")
        verbose_name_plural = _("project years")
        ordering = ["project", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="projectyear_unique"),
            models.CheckConstraint(
                condition=Q(half_year_plan__isnull=True) | Q(half_year_plan__lte=F("annual_plan")),
                name="projectyear_half_not_above_annual",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.name} {self.year}"


class MilestoneTemplate(TimeStamped):
    """A configurable list of milestones (立项, 用地, 规划许可, 施工许可, 开工, 入库, 主体封顶, 竣工, 投产...)."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone template")
        verbose_name_plural = _("milestone templates")

    def __str__(self) -> str:
        return self.name


class MilestoneTemplateStep(models.Model):
    template = models.ForeignKey(MilestoneTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(_("name"), max_length=50)
    order = models.PositiveIntegerField(_("order"))

    class Meta:
        verbose_name = _("milestone step")
        verbose_name_plural = _("milestone steps")
        ordering = ["template", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "order"], name="milestonestep_unique_order"),
            models.UniqueConstraint(fields=["template", "name"], name="milestonestep_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Milestone(TimeStamped):
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(_("name"), max_length=50)
    order = models.PositiveIntegerField(_("order"))
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    actual_date = models.DateField(_("actual date"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "order"]
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="milestone_unique_name")]

    def __str__(self) -> str:
        return f"{self.project.name} · {self.name}"


class ExpropriationTask(Sourced, TimeStamped):
    """A land expropriation task (征收拆迁) for a plot or project, tracked weekly."""

    district = models.ForeignKey(Organisation, verbose_name=_("district"), on_delete=models.PROTECT, related_name="expropriations")
    project = models.ForeignKey(
        Project, verbose_name=_("project"), null=True, blank=True, on_delete=models.SET_NULL, related_name="expropriations"
    )
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    households = models.PositiveIntegerField(_("households"), default=0)
    area_m2 = models.DecimalField(_("area (m²)"), default=Decimal(0), **MONEY_KW)
    land_mu = models.DecimalField(_("land (mu)"), default=Decimal(0), **MONEY_KW)
    enterprises = models.PositiveIntegerField(_("enterprises"), default=0)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    frequency = models.CharField(_("reporting frequency"), max_length=16, choices=Frequency.choices, default=Frequency.WEEKLY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expropriation task")
        verbose_name_plural = _("expropriation tasks")
        ordering = ["district", "-year", "name"]
        constraints = [models.UniqueConstraint(fields=["district", "year", "name"], name="expropriation_unique_name")]

    def __str__(self) -> str:
        return self.name


class ExpropriationUnit(UnitAssignment):
    task = models.ForeignKey(ExpropriationTask, verbose_name=_("expropriation task"), on_delete=models.CASCADE, related_name="units")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expropriation unit")
        verbose_name_plural = _("expropriation units")
        constraints = [models.UniqueConstraint(fields=["task", "organisation"], name="expropriationunit_unique")]


# ---------------------------------------------------------------------------------------------------------
# The pipeline before a project: investment leads (招商线索) reported, assessed, reviewed, signed, registered


class LeadState(models.TextChoices):
    REPORTED = "reported", _("Lead reported")
    ASSESSED = "assessed", _("Assessed")
    REVIEWED = "reviewed", _("Lead reviewed")
    SIGNED = "signed", _("Contract signed")
    REGISTERED = "registered", _("Registered as a reserve project")
    DROPPED = "dropped", _("Dropped")


class ReviewDecision(models.TextChoices):
    APPROVED = "approved", _("Agreed")
    CONDITIONAL = "conditional", _("Agreed with conditions")
    REFUSED = "refused", _("Not agreed")


class Lead(Sourced, TimeStamped):
    """An investment lead (线索): reported by any unit (important ones directly, 重要线索直报), assessed, reviewed
    by experts and the joint review (专家评审、七人小组会审), signed (签约), then registered as a reserve project."""

    district = models.ForeignKey(Organisation, verbose_name=_("district"), on_delete=models.PROTECT, related_name="leads")
    number = models.CharField(_("number"), max_length=24, unique=True)
    title = models.CharField(_("title"), max_length=200)
    investor = models.CharField(_("investor"), max_length=200)
    sector = models.ForeignKey(ProjectCategory, verbose_name=_("sector"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="leads")
    amount = models.DecimalField(_("intended investment (10k yuan)"), **MONEY_KW)
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    is_important = models.BooleanField(_("important lead reported directly"), default=False)
    reporting_unit = models.ForeignKey(Organisation, verbose_name=_("unit reporting the lead"), on_delete=models.PROTECT,
                                       related_name="+")
    reported_on = models.DateField(_("reported on"))
    state = models.CharField(_("state"), max_length=12, choices=LeadState.choices, default=LeadState.REPORTED)
    assessment = models.TextField(_("assessment"), blank=True)
    expert_opinion = models.TextField(_("experts' opinion"), blank=True)
    joint_review_opinion = models.TextField(_("joint review's opinion"), blank=True)
    decision = models.CharField(_("decision"), max_length=12, choices=ReviewDecision.choices, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    contract_amount = models.DecimalField(_("contract amount (10k yuan)"), null=True, blank=True, **MONEY_KW)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    project = models.OneToOneField("Project", verbose_name=_("project"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="lead")
    drop_reason = models.CharField(_("reason for dropping"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("investment lead")
        verbose_name_plural = _("investment leads")
        ordering = ["-reported_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="lead_amount_not_negative"),
            models.CheckConstraint(condition=~Q(state="signed") | Q(signed_on__isnull=False, contract_amount__isnull=False),
                                   name="lead_signed_has_contract"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


# ---------------------------------------------------------------------------------------------------------
# The 前期 procedures of a signed project: land, planning, environmental and construction permits


class ProcedureKind(models.TextChoices):
    LAND = "land", _("Land use approval")
    PLANNING = "planning", _("Planning permit")
    ENVIRONMENT = "environment", _("Environmental impact approval")
    CONSTRUCTION = "construction", _("Construction permit")


class Procedure(TimeStamped):
    """One 前期 procedure (前期手续) of a project after its signing, as a milestone with a responsible unit:
    planned and actual dates; written through ``projects.pipeline``."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="procedures")
    kind = models.CharField(_("procedure"), max_length=16, choices=ProcedureKind.choices)
    unit = models.ForeignKey(Organisation, verbose_name=_("responsible unit"), on_delete=models.PROTECT,
                             related_name="+")
    planned_date = models.DateField(_("planned date"))
    actual_date = models.DateField(_("actual date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("preliminary procedure")
        verbose_name_plural = _("preliminary procedures")
        ordering = ["project", "planned_date", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "kind"], name="procedure_unique_kind")]

    def __str__(self) -> str:
        return f"{self.project.name} · {self.get_kind_display()}"
