"""Indicators (指标): definitions, targets per organisation and year, observations per period.

One indicator is one series across years: targets and observations of every year point at it.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from duban.core.models import Frequency, Sourced, TimeStamped
from duban.org.models import Organisation, UnitAssignment


class Accumulation(models.TextChoices):
    PERIOD = "period", _("Period value")
    YEAR_TO_DATE = "ytd", _("Year-to-date cumulative")
    BALANCE = "balance", _("Period-end balance")
    INDEX = "index", _("Index")


class Aspect(models.TextChoices):
    LEVEL = "level", _("Level")
    GROWTH = "growth", _("Growth %")
    SHARE = "share", _("Share %")
    RANK = "rank", _("Rank")


class IndicatorCategory(models.TextChoices):
    ECONOMY = "economy", _("Economy")
    FISCAL = "fiscal", _("Fiscal")
    INVESTMENT = "investment", _("Investment")
    CONSUMPTION = "consumption", _("Consumption and trade")
    INDUSTRY = "industry", _("Industry")
    LIVELIHOOD = "livelihood", _("Livelihood")
    ENVIRONMENT = "environment", _("Environment")
    OTHER = "other", _("Other")


class Indicator(Sourced, TimeStamped):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    unit = models.CharField(_("unit"), max_length=20, help_text=_("Unit of the level, e.g. 亿元, 万元, 人, %."))
    category = models.CharField(_("category"), max_length=16, choices=IndicatorCategory.choices, default=IndicatorCategory.OTHER)
    frequency = models.CharField(_("frequency"), max_length=16, choices=Frequency.choices, default=Frequency.MONTHLY)
    accumulation = models.CharField(_("accumulation"), max_length=16, choices=Accumulation.choices, default=Accumulation.YEAR_TO_DATE)
    aspect = models.CharField(_("published aspect"), max_length=16, choices=Aspect.choices, default=Aspect.LEVEL)
    publishes_growth = models.BooleanField(_("also published as growth"), default=True)
    comparable_prices = models.BooleanField(_("growth at comparable prices"), default=False)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    source_unit = models.ForeignKey(
        Organisation, verbose_name=_("source unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["category", "code"]

    def __str__(self) -> str:
        return self.name


class TargetType(models.TextChoices):
    LEVEL = "level", _("Level")
    GROWTH = "growth", _("Growth %")
    SHARE = "share", _("Share %")
    NOT_BELOW_CITY_AVERAGE = "city_avg", _("Not below the city average")
    RANK = "rank", _("Rank")


class Qualifier(models.TextChoices):
    NONE = "", _("exactly")
    MORE_THAN = "more_than", _("more than")
    LESS_THAN = "less_than", _("at most")
    ABOUT = "about", _("about")


class IndicatorTarget(Sourced, TimeStamped):
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="targets")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="indicator_targets")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000)])
    target_type = models.CharField(_("target type"), max_length=16, choices=TargetType.choices)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True, blank=True)
    qualifier = models.CharField(_("qualifier"), max_length=16, choices=Qualifier.choices, blank=True, default="")
    text = models.CharField(_("target as written"), max_length=300, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=8, decimal_places=3, default=Decimal(1))
    frequency = models.CharField(_("reporting frequency"), max_length=16, choices=Frequency.choices, default=Frequency.MONTHLY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["indicator", "organisation", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "organisation", "year", "target_type"], name="target_unique"),
            models.CheckConstraint(
                condition=Q(target_type="city_avg") | Q(value__isnull=False), name="target_value_required"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} {self.get_target_type_display()} {self.text or self.value}"


class IndicatorTargetUnit(UnitAssignment):
    target = models.ForeignKey(IndicatorTarget, verbose_name=_("target"), on_delete=models.CASCADE, related_name="units")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target unit")
        verbose_name_plural = _("target units")
        constraints = [models.UniqueConstraint(fields=["target", "organisation"], name="targetunit_unique")]


class PeriodType(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    HALF = "half", _("Half-year")
    YEAR = "year", _("Year")


PERIOD_MAX = {PeriodType.MONTH: 12, PeriodType.QUARTER: 4, PeriodType.HALF: 2, PeriodType.YEAR: 1}


class ObservationQuerySet(models.QuerySet):
    def latest_revisions(self):
        """Only the newest revision of each (indicator, organisation, period)."""
        newer = Observation.objects.filter(
            indicator=models.OuterRef("indicator"), organisation=models.OuterRef("organisation"),
            year=models.OuterRef("year"), period_type=models.OuterRef("period_type"),
            period=models.OuterRef("period"), revision__gt=models.OuterRef("revision"),
        )
        return self.exclude(models.Exists(newer))


class Observation(Sourced, TimeStamped):
    """A published value for a period; a revision is a new row with a higher ``revision``, never an overwrite."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="observations")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="observations")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1949)])
    period_type = models.CharField(_("period type"), max_length=8, choices=PeriodType.choices)
    period = models.PositiveSmallIntegerField(
        _("period"), default=1, validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Month 1–12, quarter 1–4, half 1–2; 1 for a year."),
    )
    level = models.DecimalField(_("level"), max_digits=20, decimal_places=4, null=True, blank=True)
    growth = models.DecimalField(_("growth %"), max_digits=9, decimal_places=3, null=True, blank=True)
    share = models.DecimalField(_("share %"), max_digits=9, decimal_places=3, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank in the city"), null=True, blank=True)
    #: As published: "超过80%" is 80 with more_than, "1.1万余人" 11000 with more_than, "6%左右" 6 with about.
    qualifier = models.CharField(_("qualifier"), max_length=16, choices=Qualifier.choices, blank=True, default="")
    source = models.CharField(_("source"), max_length=200, blank=True)
    revision = models.PositiveSmallIntegerField(_("revision"), default=0)
    history = HistoricalRecords()

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["indicator", "organisation", "year", "period_type", "period", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "organisation", "year", "period_type", "period", "revision"], name="observation_unique"
            ),
            models.CheckConstraint(
                condition=Q(level__isnull=False) | Q(growth__isnull=False) | Q(share__isnull=False) | Q(rank__isnull=False),
                name="observation_has_a_value",
            ),
            models.CheckConstraint(
                condition=Q(period_type="month", period__lte=12) | Q(period_type="quarter", period__lte=4)
                | Q(period_type="half", period__lte=2) | Q(period_type="year", period=1),
                name="observation_period_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.organisation} {self.period_label}"

    @property
    def period_label(self) -> str:
        labels = {"month": f"{self.year}年{self.period}月", "quarter": f"{self.year}年第{self.period}季度",
                  "half": f"{self.year}年{'上' if self.period == 1 else '下'}半年", "year": f"{self.year}年"}
        return labels[self.period_type]
