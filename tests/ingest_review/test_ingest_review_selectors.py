"""Reads of the review screens: text cut into highlights, sections, the figure each record holds."""


import pytest

from duban.indicators.models import Indicator
from duban.ingest import selectors, services
from duban.ingest.models import Candidate

from ingest_review_data import candidate

pytestmark = pytest.mark.django_db


def test_overlapping_spans_are_listed_but_highlighted_once():
    first, overlapping, later = Candidate(start=2, end=6), Candidate(start=4, end=8), Candidate(start=9, end=10)
    segments = selectors.text_segments("0123456789", [later, overlapping, first])
    assert [(s.text, s.candidate) for s in segments] == [("01", None), ("2345", first), ("678", None), ("9", later)]


def test_record_values_as_offices_write_them(world, uploaded):
    gdp = Indicator.objects.create(code="GDP", name="地区生产总值", unit="亿元")
    user = world.users["stats"]
    services.candidate_accept(candidate=candidate(uploaded, "1161.7亿元"), user=user, link=gdp)
    services.candidate_accept(candidate=candidate(uploaded, "5.1%"), user=user, link=gdp)
    services.candidate_accept(candidate=candidate(uploaded, "1.76万人"), user=user)
    services.candidate_accept(candidate=candidate(uploaded, "25条"), user=user, target="indicator_target")
    rows = selectors.document_records(uploaded)
    assert [row.record_value for row in rows] == [
        "2023年：1161.7亿元", "2023年：1161.7亿元，增长5.1%", "17600人", "25条",
    ]
    assert rows[3].created_target.indicator.name == "市政道路"
    assert [row.record_source for row in rows] == [
        "据2024年政府工作报告第3段：「全区地区生产总值完成1161.7亿元」",
        "据2024年政府工作报告第3段：「全区地区生产总值完成1161.7亿元，增长5.1%」",
        "据2024年政府工作报告第5段：「城镇新增就业1.76万人」",
        "据2024年政府工作报告第5段：「启动25条市政道路建设」",
    ]


def test_document_counts(world, uploaded):
    services.candidate_reject(candidate=candidate(uploaded, "25条"), user=world.users["office"])
    assert selectors.document_counts(uploaded) == {"pending": 4, "accepted": 0, "edited": 0, "rejected": 1}
