"""Writes for indicators, their targets and observations: the single door for these tables.

An observation is never overwritten: recording a different value for the same period adds a new revision;
recording the same values again writes nothing.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from duban.core.errors import ApplicationError
from duban.core.models import Frequency, Provenance
from duban.core.numbers import to_decimal
from duban.core.services import record_upsert, units_set
from duban.org.models import Organisation

from .models import (
    PERIOD_MAX,
    Accumulation,
    Aspect,
    Indicator,
    IndicatorCategory,
    IndicatorTarget,
    IndicatorTargetUnit,
    Observation,
    Qualifier,
    TargetType,
)


@transaction.atomic
def indicator_upsert(
    *, code: str, name: str, unit: str, category: str = IndicatorCategory.OTHER,
    frequency: str = Frequency.MONTHLY, accumulation: str = Accumulation.YEAR_TO_DATE, aspect: str = Aspect.LEVEL,
    publishes_growth: bool = True, comparable_prices: bool = False, higher_is_better: bool = True,
    source_unit: Organisation | None = None, description: str = "", provenance: str = Provenance.ENTERED,
    source_note: str = "", by=None,
) -> Indicator:
    """Create or update an indicator (natural key: code)."""
    if not unit:
        raise ApplicationError(_("An indicator needs a unit."))
    if Indicator.objects.filter(name=name).exclude(code=code).exists():
        raise ApplicationError(_("Another indicator is already called %(name)s.") % {"name": name})
    indicator, _created = record_upsert(
        Indicator, lookup={"code": code},
        values={"name": name, "unit": unit, "category": category, "frequency": frequency,
                "accumulation": accumulation, "aspect": aspect, "publishes_growth": publishes_growth,
                "comparable_prices": comparable_prices, "higher_is_better": higher_is_better,
                "source_unit": source_unit, "description": description, "provenance": provenance,
                "source_note": source_note},
        by=by,
    )
    return indicator


@transaction.atomic
def target_upsert(
    *, indicator: Indicator, organisation: Organisation, year: int, target_type: str, value: Decimal | None = None,
    qualifier: str = Qualifier.NONE, text: str = "", weight: Decimal = Decimal(1),
    frequency: str = Frequency.MONTHLY, provenance: str = Provenance.ENTERED, source_note: str = "", by=None,
) -> IndicatorTarget:
    """Create or update a target (natural key: indicator + organisation + year + target type)."""
    if target_type not in TargetType.values:
        raise ApplicationError(_("Unknown target type: %(type)s.") % {"type": target_type})
    if value is None and target_type != TargetType.NOT_BELOW_CITY_AVERAGE:
        raise ApplicationError(_("This target needs a value."))
    target, _created = record_upsert(
        IndicatorTarget,
        lookup={"indicator": indicator, "organisation": organisation, "year": year, "target_type": target_type},
        values={"value": to_decimal(value), "qualifier": qualifier, "text": text, "weight": Decimal(weight),
                "frequency": frequency, "provenance": provenance, "source_note": source_note},
        by=by,
    )
    return target


@transaction.atomic
def target_units_set(*, target: IndicatorTarget, units: Iterable[tuple[Organisation, str]], by=None) -> bool:
    """Assign exactly these units to the target: [(organisation, UnitRole)], at most one lead."""
    return units_set(IndicatorTargetUnit, owner_field="target", owner=target, units=units, by=by)


@transaction.atomic
def observation_record(
    *, indicator: Indicator, organisation: Organisation, year: int, period_type: str, period: int = 1,
    level: Decimal | None = None, growth: Decimal | None = None, share: Decimal | None = None,
    rank: int | None = None, qualifier: str = "", source: str = "", provenance: str = Provenance.ENTERED,
    source_note: str = "", by=None,
) -> Observation:
    """Record a published value for a period. Same values as the latest revision: nothing is written;
    different values: a new revision is added (the old one stays)."""
    if period_type not in PERIOD_MAX:
        raise ApplicationError(_("Unknown period type: %(type)s.") % {"type": period_type})
    if not 1 <= period <= PERIOD_MAX[period_type]:
        raise ApplicationError(_("Period %(period)s is out of range for %(type)s.") % {"period": period, "type": period_type})
    if level is None and growth is None and share is None and rank is None:
        raise ApplicationError(_("An observation needs a value."))
    values = {"level": to_decimal(level), "growth": to_decimal(growth), "share": to_decimal(share), "rank": rank,
              "qualifier": qualifier}
    key = {"indicator": indicator, "organisation": organisation, "year": year, "period_type": period_type,
           "period": period}
    latest = Observation.objects.filter(**key).order_by("-revision").first()
    if latest is not None and all(getattr(latest, k) == v for k, v in values.items()):
        return latest
    observation = Observation(
        **key, **values, source=source, provenance=provenance, source_note=source_note,
        revision=0 if latest is None else latest.revision + 1,
    )
    observation._history_user = by
    observation.save()
    return observation
