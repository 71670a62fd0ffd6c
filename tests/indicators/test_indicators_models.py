from decimal import Decimal

import pytest
from factories import (
    assert_violates,
    make_district,
    make_indicator,
    make_observation,
    make_target,
    make_unit,
    make_user,
)

from duban.core.errors import ApplicationError
from duban.indicators.models import Indicator, IndicatorTarget, IndicatorTargetUnit, Observation
from duban.indicators.services import observation_record, target_upsert

pytestmark = pytest.mark.django_db


def test_indicator_codes_and_names_are_unique():
    make_indicator(code="GDP", name="地区生产总值")
    with assert_violates("code", "indicators_indicator.code"):
        Indicator.objects.create(code="GDP", name="另一个", unit="亿元")
    with assert_violates("name", "indicators_indicator.name"):
        Indicator.objects.create(code="GDP2", name="地区生产总值", unit="亿元")


def test_one_target_per_indicator_organisation_year_and_type():
    target = make_target(year=2024, target_type="growth")
    with assert_violates("target_unique", "indicators_indicatortarget.indicator_id",
                         "indicators_indicatortarget.organisation_id", "indicators_indicatortarget.year",
                         "indicators_indicatortarget.target_type"):
        IndicatorTarget.objects.create(indicator=target.indicator, organisation=target.organisation, year=2024,
                                       target_type="growth", value=Decimal(7))


def test_a_target_needs_a_value_unless_it_is_the_city_average():
    indicator, district = make_indicator(), make_district()
    with assert_violates("target_value_required"):
        IndicatorTarget.objects.create(indicator=indicator, organisation=district, year=2024, target_type="level")
    target = IndicatorTarget.objects.create(indicator=indicator, organisation=district, year=2024,
                                            target_type="city_avg")
    assert target.value is None
    with pytest.raises(ApplicationError, match="^该目标须填写目标值。$"):
        target_upsert(indicator=indicator, organisation=district, year=2024, target_type="growth")


def test_a_unit_is_assigned_to_a_target_once():
    target = make_target()
    unit = make_unit()
    IndicatorTargetUnit.objects.create(target=target, organisation=unit, role="lead")
    with assert_violates("targetunit_unique", "indicators_indicatortargetunit.target_id",
                         "indicators_indicatortargetunit.organisation_id"):
        IndicatorTargetUnit.objects.create(target=target, organisation=unit, role="cooperating")


def test_observation_constraints():
    obs = make_observation(year=2023, period_type="year", level=Decimal("98.2"))
    key = {"indicator": obs.indicator, "organisation": obs.organisation}
    with assert_violates("observation_unique", *(f"indicators_observation.{c}" for c in (
            "indicator_id", "organisation_id", "year", "period_type", "period", "revision"))):
        Observation.objects.create(**key, year=2023, period_type="year", level=Decimal(1))
    with assert_violates("observation_has_a_value"):
        Observation.objects.create(**key, year=2022, period_type="year")
    for period_type, period in (("month", 13), ("quarter", 5), ("half", 3), ("year", 2)):
        with assert_violates("observation_period_in_range"):
            Observation.objects.create(**key, year=2024, period_type=period_type, period=period, level=Decimal(1))


def test_recording_the_same_value_again_writes_nothing_and_a_new_value_adds_a_revision():
    obs = make_observation(year=2023, level=Decimal("98.2"))
    key = {"indicator": obs.indicator, "organisation": obs.organisation, "year": 2023, "period_type": "year"}
    assert observation_record(**key, level=Decimal("98.20")).pk == obs.pk
    revised = observation_record(**key, level=Decimal("98.3"), growth=Decimal("10.1"))
    assert (revised.revision, Observation.objects.count()) == (1, 2)
    obs.refresh_from_db()
    assert obs.level == Decimal("98.2")  # the first value stays


def test_latest_revisions_keeps_only_the_newest_revision_of_each_period():
    first = make_observation(year=2023, period_type="quarter", period=1, level=Decimal(10))
    key = {"indicator": first.indicator, "organisation": first.organisation, "year": 2023, "period_type": "quarter"}
    second = observation_record(**key, period=1, level=Decimal(11))
    third = observation_record(**key, period=1, level=Decimal(12))
    other = observation_record(**key, period=2, level=Decimal(20))
    assert list(Observation.objects.latest_revisions().order_by("period")) == [third, other]
    assert {o.revision for o in (first, second, third)} == {0, 1, 2}


def test_observation_period_is_checked_by_the_service_and_labelled():
    indicator, district = make_indicator(), make_district()
    with pytest.raises(ApplicationError, match="^期别13超出month的范围。$"):
        observation_record(indicator=indicator, organisation=district, year=2024, period_type="month", period=13,
                           level=Decimal(1))
    with pytest.raises(ApplicationError, match="^统计数据须填写数值。$"):
        observation_record(indicator=indicator, organisation=district, year=2024, period_type="year")
    half = observation_record(indicator=indicator, organisation=district, year=2020, period_type="half",
                              level=Decimal("480.3"))
    assert half.period_label == "2020年上半年"


def test_the_user_of_a_change_is_recorded():
    stats = make_user("stats")
    target = make_target(value=Decimal(6))
    target_upsert(indicator=target.indicator, organisation=target.organisation, year=2024, target_type="growth",
                  value=Decimal("6.5"), by=stats)
    latest, previous = target.history.order_by("-history_id")[:2]
    assert (latest.history_user, latest.history_type) == (stats, "~")
    assert [c.field for c in latest.diff_against(previous).changes] == ["value"]
