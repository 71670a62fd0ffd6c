"""The pipeline's figures: counts, amounts and conversion rates by stage, by reporting unit and by month."""

from datetime import date
from decimal import Decimal as D

from duban.projects.selectors import GroupRow, LeadFact, StageRow, by_month, by_stage, by_unit, rate

FACTS = [
    LeadFact("区投促局", date(2024, 1, 15), D(100), 5, signed_on=date(2024, 2, 1), contract_amount=D(90)),
    LeadFact("区投促局", date(2024, 1, 20), D(200), 3, signed_on=date(2024, 3, 1), contract_amount=D(180)),
    LeadFact("区工信局", date(2024, 2, 3), D(50), 2),
    LeadFact("区工信局", date(2024, 2, 10), D(30), 1, dropped=True),
    LeadFact("区商务局", date(2024, 2, 28), D(20), 0),
]


def test_the_funnel_counts_every_lead_in_each_stage_it_reached_with_both_conversion_rates():
    assert by_stage(FACTS) == [
        StageRow("reported", "已报送", 5, D(400), None, D("100.00")),
        StageRow("assessed", "已研判", 4, D(380), D("80.00"), D("80.00")),
        StageRow("reviewed", "已评审", 3, D(350), D("75.00"), D("60.00")),
        StageRow("signed", "已签约", 2, D(300), D("66.67"), D("40.00")),
        StageRow("registered", "已入库储备", 1, D(100), D("50.00"), D("20.00")),
        StageRow("started", "已开工", 1, D(100), D("100.00"), D("20.00")),
    ]


def test_by_unit_the_units_with_most_leads_first_and_their_signing_rate():
    assert by_unit(FACTS) == [
        GroupRow("区投促局", 2, D(300), 2, D(270), D("100.00")),
        GroupRow("区工信局", 2, D(80), 0, D(0), D("0.00")),
        GroupRow("区商务局", 1, D(20), 0, D(0), D("0.00")),
    ]


def test_by_month_reported_in_calendar_order():
    assert by_month(FACTS) == [
        GroupRow("2024-01", 2, D(300), 2, D(270), D("100.00")),
        GroupRow("2024-02", 3, D(100), 0, D(0), D("0.00")),
    ]


def test_no_leads_give_empty_rows_and_no_rate():
    assert [(r.leads, r.from_previous, r.from_reported) for r in by_stage([])] == [(0, None, None)] * 6
    assert by_unit([]) == by_month([]) == []
    assert (rate(1, 3), rate(0, 0)) == (D("33.33"), None)
