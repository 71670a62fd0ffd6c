"""Pure rules: time progress, completion, gap, lights, 双过半, roll-up — exact values."""

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duban.tracking import rules
from duban.tracking.rules import PaceFacts, RollupChild, RuleConfig, TargetFacts, judge_pace, judge_target, rollup


def pace(done, plan, on, **kw):
    tp = rules.time_progress(on, 2024)
    return judge_pace(PaceFacts(rules.completion(D(done), D(plan)), tp, **kw)), tp


def test_4000_of_10000_by_end_of_june_is_yellow_and_misses_double_half():
    verdict, tp = pace(4000, 10000, date(2024, 6, 30))
    assert rules.completion(D(4000), D(10000)) == D("40.00")
    assert tp == D("50.00")
    assert verdict.gap_pp == D("-10.00")
    assert verdict.light == "yellow"
    assert verdict.reasons == ("低于时序进度10个百分点",)
    assert rules.double_half(D(4000), D(10000)) is False


def test_4000_of_10000_by_end_of_may_is_green():
    verdict, tp = pace(4000, 10000, date(2024, 5, 31))
    assert tp == D("41.67")
    assert verdict.gap_pp == D("-1.67")
    assert verdict.light == "green"


@pytest.mark.parametrize("completion, light", [
    ("40.01", "green"), ("40.00", "yellow"), ("20.00", "yellow"), ("19.99", "red"), ("100", "done"), ("55", "green"),
])
def test_absolute_thresholds_yellow_from_10_red_beyond_30(completion, light):
    assert judge_pace(PaceFacts(D(completion), D(50))).light == light


def test_relative_mode_measures_shortfall_as_share_of_time_progress():
    config = RuleConfig.from_dict({"mode": "relative"})
    assert judge_pace(PaceFacts(D(40), D(50)), config).light == "yellow"   # 20% short
    assert judge_pace(PaceFacts(D(41), D(50)), config).light == "green"    # 18% short
    assert judge_pace(PaceFacts(D(24), D(50)), config).light == "red"      # 52% short
    assert judge_pace(PaceFacts(D(24), D(50)), config).reasons == ("完成率仅为时序进度的48%，落后超过50%",)


def test_n_periods_in_a_row_escalates_to_red():
    config = RuleConfig.from_dict({"consecutive_periods": 2})
    facts = PaceFacts(D(35), D(50), history_gaps=(D(-12), D(-15)))
    verdict = judge_pace(facts, config)
    assert verdict.light == "red"
    assert verdict.reasons == ("低于时序进度15个百分点", "连续2期低于时序进度10个百分点以上")
    assert judge_pace(PaceFacts(D(35), D(50), history_gaps=(D(-5), D(-15))), config).light == "yellow"


def test_started_late_and_not_registered_rules():
    verdict = judge_pace(PaceFacts(None, D(50), should_have_started=True))
    assert verdict.light == "red"
    assert verdict.reasons == ("无已确认的填报数据", "应开未开：已过计划开工时间仍未开工")
    verdict = judge_pace(PaceFacts(D(50), D(50), started_unregistered_days=45))
    assert verdict.light == "yellow"
    assert verdict.reasons[-1] == "开工未入库：开工已45天仍未纳入统计"
    assert judge_pace(PaceFacts(D(50), D(50), started_unregistered_days=30)).light == "green"
    off = RuleConfig.from_dict({"started_late": False})
    assert judge_pace(PaceFacts(D(50), D(50), should_have_started=True), off).light == "green"


def test_no_data_and_not_started():
    assert judge_pace(PaceFacts(None, D(50))).light == "no_data"
    assert judge_pace(PaceFacts(None, D(0), window_started=False)).light == "not_started"
    assert judge_pace(PaceFacts(D(0), D(0), window_started=False)).light == "not_started"
    strict = RuleConfig.from_dict({"no_data_light": "red"})
    assert judge_pace(PaceFacts(None, D(50)), strict).light == "red"


def test_time_progress_variants():
    assert rules.time_progress(date(2024, 2, 29), 2024) == D("16.67")
    assert rules.time_progress(date(2024, 6, 15), 2024) == D("41.67")
    assert rules.time_progress(date(2023, 12, 31), 2024) == D("0.00")
    assert rules.time_progress(date(2025, 1, 1), 2024) == D("100.00")
    curve = ["3", "8", "16", "26", "37", "50", "61", "71", "80", "88", "95", "100"]
    assert rules.time_progress(date(2024, 3, 31), 2024, curve=curve) == D("16.00")
    # one-off task due 31 March: 1 Jan–31 Mar is 91 days (2024); on 15 Feb 46 days have passed
    assert rules.time_progress(date(2024, 2, 15), 2024, deadline=date(2024, 3, 31), deadline_based=True) == D("50.55")
    assert rules.time_progress(date(2024, 7, 1), 2024, deadline=date(2024, 3, 31), deadline_based=True) == D("100.00")
    assert rules.time_progress(date(2024, 7, 1), 2024, mode="days") == D("50.00")


def test_double_half():
    assert rules.double_half(D(5000), D(10000)) is True
    assert rules.double_half(D("4999.99"), D(10000)) is False
    assert rules.double_half(None, D(10000)) is None
    assert rules.double_half(D(1), D(0)) is None


def test_growth_targets_lower_is_better_and_about():
    verdict = judge_target(TargetFacts("growth", D("5.2"), D(6)))
    assert (verdict.light, verdict.gap_pp) == ("yellow", D("-0.80"))
    assert verdict.reasons == ("增速5.2%，目标6%，低于目标0.8个百分点",)
    assert judge_target(TargetFacts("growth", D("3.9"), D(6))).light == "red"
    assert judge_target(TargetFacts("growth", D("5.6"), D(6), about=True)).light == "green"
    # lower is better: energy use per unit of GDP, target -3%: -2% is behind by 1 point
    verdict = judge_target(TargetFacts("growth", D(-2), D(-3), lower_is_better=True))
    assert (verdict.light, verdict.gap_pp) == ("yellow", D("-1.00"))
    # keep within a tolerance: CPI 控制在3%以内
    assert judge_target(TargetFacts("growth", D("2.8"), D(3), at_most=True)).light == "green"
    assert judge_target(TargetFacts("growth", D("5.5"), D(3), at_most=True)).light == "red"


def test_share_level_and_rank_targets():
    assert judge_target(TargetFacts("share", D("79.5"), D(80))).light == "yellow"
    assert judge_target(TargetFacts("level", D(94), D(100))).light == "yellow"
    assert judge_target(TargetFacts("level", D(84), D(100))).light == "red"
    assert judge_target(TargetFacts("level", D(97), D(100))).light == "green"
    assert judge_target(TargetFacts("rank", D(5), D(3))).reasons == ("排名第5，目标第3，落后2位",)
    assert judge_target(TargetFacts("rank", D(6), D(3))).light == "red"
    assert judge_target(TargetFacts("growth", None, D(6))).light == "no_data"


def test_rule_config_rejects_unknown_and_inconsistent_settings():
    with pytest.raises(ValueError, match="unknown rule setting"):
        RuleConfig.from_dict({"yelow_pp": 5})
    with pytest.raises(ValueError, match="red_pp"):
        RuleConfig.from_dict({"yellow_pp": 20, "red_pp": 10})
    assert RuleConfig.from_dict(RuleConfig().to_dict()) == RuleConfig()


def test_rollup_formula_and_missing_settings():
    kids = [RollupChild("a", D(1), D(40)), RollupChild("b", D(2), D(60)), RollupChild("c", D(1), None)]
    zero = rollup(kids)
    assert zero.value == D("40.00")
    assert zero.formula == "(40%×1 + 60%×2 + 0%×1) ÷ 4 = 40%（1项无数据，按0计）"
    excluded = rollup(kids, missing="exclude")
    assert excluded.value == D("53.33")
    assert excluded.formula == "(40%×1 + 60%×2) ÷ 3 = 53.33%（1项无数据，不计入）"
    assert rollup([RollupChild("x", D(1), D(150))]).value == D("100.00")
    assert rollup([]).value is None


def test_curve_validation():
    assert rules.validate_curve(["0"] * 11 + ["100"])[-1] == D(100)
    with pytest.raises(ValueError):
        rules.validate_curve(["10", "5"] + ["100"] * 10)


values = st.one_of(st.none(), st.decimals(min_value=-50, max_value=300, places=2))
weights = st.decimals(min_value=0, max_value=100, places=3)
children = st.lists(st.builds(RollupChild, st.just("x"), weights, values), max_size=12)


@settings(max_examples=200, deadline=None)
@given(children, st.sampled_from(["zero", "exclude"]))
def test_rollup_stays_within_bounds_of_counted_children(kids, missing):
    result = rollup(kids, missing=missing)
    counted = [min(max(k.value if k.value is not None else D(0), D(0)), D(100))
               for k in kids if k.weight > 0 and (k.value is not None or missing == "zero")]
    if not counted:
        assert result.value is None
        return
    assert min(counted) - D("0.01") <= result.value <= max(counted) + D("0.01")
    assert D(0) <= result.value <= D(100)


@settings(max_examples=100, deadline=None)
@given(children, st.decimals(min_value=D("0.1"), max_value=50, places=1))
def test_rollup_does_not_change_when_all_weights_scale(kids, factor):
    scaled = [RollupChild(k.label, k.weight * factor, k.value) for k in kids]
    assert rollup(kids).value == rollup(scaled).value


@settings(max_examples=100, deadline=None)
@given(children)
def test_rollup_empty_or_zero_weight_children_do_not_count(kids):
    padded = kids + [RollupChild("w0", D(0), D(100)), RollupChild("w0", D(0), None)]
    assert rollup(padded).value == rollup(kids).value


def test_level_target_below_zero_is_judged_on_the_size_of_the_target():
    # target −5 (e.g. a deficit to keep at −5 or better): −3 beats it; −6 is 1 short = 20% of |−5|
    met = judge_target(TargetFacts("level", D(-3), D(-5)))
    assert (met.light, met.gap_pp, met.reasons) == ("green", D("2.00"), ("数值-3，目标-5，达到目标",))
    short = judge_target(TargetFacts("level", D(-6), D(-5)))
    assert (short.light, short.gap_pp, short.reasons) == ("red", D("-1.00"), ("数值-6，目标-5，差距20%",))


@pytest.mark.parametrize("used, light, gap, reason", [
    ("40", "green", "10.00", "年度控制目标已用40%，未超出时序进度"),
    ("59.99", "green", "-9.99", "年度控制目标已用59.99%，未超出时序进度"),
    ("80", "yellow", "-30.00", "年度控制目标已用80%，超出时序进度30个百分点"),
    ("85", "red", "-35.00", "年度控制目标已用85%，超出时序进度35个百分点（超过30个百分点）"),
    ("120", "red", "-70.00", "年度控制目标已用120%，已超出控制目标"),
])
def test_a_limit_is_judged_against_its_share_of_time_progress(used, light, gap, reason):
    verdict = rules.judge_cap_pace(PaceFacts(D(used), D(50)))
    assert (verdict.light, verdict.gap_pp, verdict.reasons) == (light, D(gap), (reason,))


def test_a_limit_is_never_done_and_escalates_n_periods_in_a_row():
    assert rules.judge_cap_pace(PaceFacts(D(100), D(100))).light == "green"
    assert rules.judge_cap_pace(PaceFacts(None, D(0), window_started=False)).light == "not_started"
    config = RuleConfig.from_dict({"consecutive_periods": 2})
    verdict = rules.judge_cap_pace(PaceFacts(D(62), D(50), history_gaps=(D(-12), D(-12))), config)
    assert (verdict.light, verdict.reasons[-1]) == ("red", "连续2期低于时序进度10个百分点以上")
