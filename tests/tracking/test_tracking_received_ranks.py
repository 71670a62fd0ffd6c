"""Ranks received in someone else's review: published city evaluations record them; offices enter the rest."""

from decimal import Decimal as D

import pytest

from duban.core.errors import ApplicationError
from duban.core.models import Provenance
from duban.tracking.models import EvaluationSubject, ReceivedRank, Rubric
from duban.tracking.permissions import can_record_received_rank, can_view_received_ranks
from duban.tracking.services import (
    evaluation_create, evaluation_publish, received_rank_record, rubric_save, score_entry_add,
)

pytestmark = pytest.mark.django_db

MANUAL = {"items": [{"code": "onsite", "label": "现场评议", "kind": "manual", "weight": "1", "max": "100"}]}


def test_publishing_a_city_evaluation_gives_each_district_its_received_rank(world):
    rubric = rubric_save(actor=None, code="city-h1", name="全市重点项目半年评议", config=MANUAL)
    city_office = world.users["city_office"]
    evaluation = evaluation_create(actor=city_office, rubric=rubric, scope_org=world.city, year=2024,
                                   period="half_year", subject=EvaluationSubject.DISTRICTS)
    for district, points in ((world.district, D(80)), (world.other_district, D(90))):
        score_entry_add(actor=city_office, evaluation=evaluation, organisation=district, kind="manual",
                        item_code="onsite", points=points)
    evaluation_publish(actor=city_office, evaluation=evaluation)
    ranks = {r.organisation.name: (r.rank, r.out_of, r.awarded_by.name, r.review)
             for r in ReceivedRank.objects.select_related("organisation", "awarded_by")}
    assert ranks == {"历下区": (1, 2, "济南市", "全市重点项目半年评议"), "市中区": (2, 2, "济南市", "全市重点项目半年评议")}


def test_an_office_records_a_rank_told_by_its_city_and_a_correction_changes_the_same_row(world):
    office = world.users["office"]
    row = received_rank_record(actor=office, organisation=world.district, year=2020, period="half_year",
                               review=" 全市重点项目半年评议 ", rank=5, out_of=12, source_note="市通报")
    again = received_rank_record(actor=office, organisation=world.district, year=2020, period="half_year",
                                 review="全市重点项目半年评议", rank=4, out_of=12, source_note="市通报（更正）")
    assert again.pk == row.pk
    assert (again.rank, again.out_of, again.provenance, again.recorded_by) == (4, 12, Provenance.ENTERED, office)
    assert [h.rank for h in again.history.order_by("history_date")] == [5, 4]


@pytest.mark.parametrize(("rank", "out_of", "message"), [
    (0, 12, "名次至少为1"), (13, 12, "名次至少为1"),
])
def test_a_rank_outside_the_number_ranked_is_refused(world, rank, out_of, message):
    with pytest.raises(ApplicationError, match=message):
        received_rank_record(actor=world.users["office"], organisation=world.district, year=2020,
                             period="half_year", review="全市重点项目半年评议", rank=rank, out_of=out_of)
    assert not ReceivedRank.objects.exists()


def test_only_the_districts_office_records_ranks_and_those_who_see_the_district_read_them(world):
    assert can_record_received_rank(world.users["office"], world.district)
    assert can_record_received_rank(world.users["office"], world.unit_a)
    for name in ("reporter_a", "district_leader", "statistics", "other_office"):
        assert not can_record_received_rank(world.users[name], world.district), name
    with pytest.raises(ApplicationError, match="无权登记"):
        received_rank_record(actor=world.users["other_office"], organisation=world.district, year=2020,
                             period="half_year", review="全市重点项目半年评议", rank=4)
    assert can_view_received_ranks(world.users["district_leader"], world.district)
    assert not can_view_received_ranks(world.users["other_office"], world.district)


def test_a_rubric_is_checked_before_it_is_stored(world):
    with pytest.raises(ApplicationError, match="考核细则有误"):
        rubric_save(actor=None, code="bad", name="坏细则", config={"items": []})
    assert not Rubric.objects.filter(code="bad").exists()
    with pytest.raises(ApplicationError):
        rubric_save(actor=world.users["reporter_a"], code="x", name="x", config=MANUAL)
