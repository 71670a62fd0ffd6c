"""Rubrics: points per percentage point, bands, rank tables, manual scores, bonuses and deductions."""

from decimal import Decimal as D

import pytest

from duban.tracking.scoring import DEFAULT_HALF_YEAR_RUBRIC, Subject, competition_ranks, score_subjects, validate_rubric

RUBRIC = {
    "items": [
        {"code": "completion", "label": "完成率", "kind": "per_point", "metric": "completion_pct",
         "points_per_pp": "0.1", "max": "10"},
        {"code": "pace", "label": "时序", "kind": "bands", "metric": "gap_pp",
         "bands": [{"from": "0", "points": "10"}, {"from": "-10", "points": "6"}], "else": "0"},
        {"code": "rank", "label": "排名", "kind": "rank_table", "metric": "completion_pct",
         "table": [{"from": 1, "to": 1, "points": "7"}, {"from": 2, "to": 3, "points": "5"}], "else": "1"},
        {"code": "onsite", "label": "现场", "kind": "manual", "weight": "0.3", "max": "100"},
        {"code": "red", "label": "红灯", "kind": "per_count", "metric": "red_count", "points_each": "-1", "min": "-2"},
    ],
    "deduction_max": "3",
}


def test_scores_with_breakdown_and_ranks():
    subjects = [
        Subject(1, "甲", {"completion_pct": D("85.5"), "gap_pp": D("-4"), "red_count": D(0)}, {"onsite": D(90)}),
        Subject(2, "乙", {"completion_pct": D("120"), "gap_pp": D("5"), "red_count": D(3)}, {"onsite": D(80)},
                deductions=((D(2), "迟报"), (D(2), "数据不实"))),
        Subject(3, "丙", {"completion_pct": None, "gap_pp": None, "red_count": D(1)}),
    ]
    result = {s.name: s for s in score_subjects(subjects, RUBRIC)}
    a, b, c = result["甲"], result["乙"], result["丙"]
    assert [line.points for line in a.lines] == [D("8.55"), D("6.00"), D("5.00"), D("27.00"), D("0.00")]
    assert a.total == D("46.55") and a.rank == 1
    assert a.lines[0].explanation == "85.5 × 0.1分/个百分点 = 8.55分"
    # 乙: 12 capped at 10; 10 (≥0); rank 1 → 7; 80×0.3 = 24; −3 capped at −2; deductions 4 capped at 3
    assert [line.points for line in b.lines] == [D("10.00"), D("10.00"), D("7.00"), D("24.00"), D("-2.00"), D("-3.00")]
    assert b.total == D("46.00") and b.rank == 2
    assert b.lines[-1].explanation == "迟报（2分）；数据不实（2分），上限3分"
    assert c.total == D("0.00") and c.rank == 3
    assert (c.lines[2].points, c.lines[2].explanation) == (D("1.00"), "无数据，得1分")


def test_ties_share_a_rank():
    assert competition_ranks({1: D(90), 2: D(95), 3: D(90), 4: None, 5: D(80)}) == {2: 1, 1: 2, 3: 2, 5: 4, 4: None}


def test_default_rubric_is_valid_and_bad_ones_are_refused():
    validate_rubric(DEFAULT_HALF_YEAR_RUBRIC)
    with pytest.raises(ValueError, match="unknown rubric item kind"):
        validate_rubric({"items": [{"code": "x", "kind": "magic"}]})
    with pytest.raises(ValueError, match="unique code"):
        validate_rubric({"items": [{"code": "x", "kind": "manual"}, {"code": "x", "kind": "manual"}]})
