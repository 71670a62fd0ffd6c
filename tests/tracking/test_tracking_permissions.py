"""Permission matrix: roles × actions with the expected allow/deny table."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser

from duban.tracking import permissions as p
from duban.tracking.items import load_item
from duban.tracking.models import Evaluation, ItemType, Report, Rubric
from duban.tracking.services import order_issue

ROLES = ["anonymous", "reporter_a", "reporter_b", "reporter_c", "unit_leader_a", "district_leader", "statistics",
         "office", "project_office", "other_office", "city_office", "admin"]

#           anon rep_a rep_b rep_c lead_a dleader stats office proj other city admin
MATRIX = {
    "view_item":        "0 1 0 1 1 1 1 1 1 0 1 1",
    "submit_report":    "0 1 0 0 0 0 0 0 0 0 0 1",
    "review_report":    "0 0 0 0 0 0 0 1 1 0 1 1",
    "view_district":    "0 0 0 0 0 1 1 1 1 0 1 1",
    "issue_order":      "0 0 0 0 0 0 0 1 1 0 1 1",
    "view_order":       "0 1 0 1 1 1 1 1 1 0 1 1",
    "sign_order":       "0 1 0 0 1 0 0 0 0 0 0 1",
    "feedback_order":   "0 1 0 0 1 0 0 0 0 0 0 1",
    "request_extension": "0 1 0 0 1 0 0 0 0 0 0 1",
    "review_order":     "0 0 0 0 0 0 0 1 1 0 1 1",
    "close_order":      "0 0 0 0 0 0 0 1 1 0 1 1",
    "decide_extension": "0 0 0 0 0 0 0 1 1 0 1 1",
    "manage_unit_evaluation": "0 0 0 0 0 0 0 1 1 0 1 1",
    "manage_city_evaluation": "0 0 0 0 0 0 0 0 0 0 1 1",
    "view_published_ranking": "0 1 1 1 1 1 1 1 1 0 1 1",
    "view_draft_ranking": "0 0 0 0 0 0 0 1 1 0 1 1",
}


@pytest.fixture
def objects(world):
    item = load_item(ItemType.TASK, world.task.pk)  # lead 区发改局 (A), cooperating 区教体局 (C)
    report = Report(item_type=ItemType.TASK, item_id=world.task.pk, district=world.district, year=2024,
                    frequency="monthly", period_key="2024-06", period_end=date(2024, 6, 30),
                    submitted_at=datetime(2024, 7, 1, tzinfo=ZoneInfo("Asia/Shanghai")))
    order = order_issue(actor=world.users["office"], district=world.district, title="督办", content="请加快",
                        deadline=date(2099, 1, 1), lead_unit=world.unit_a, cooperating_units=[world.unit_c])
    rubric = Rubric.objects.get(code="half-year")
    published = Evaluation.objects.create(rubric=rubric, scope=world.district, year=2024, period="half_year",
                                          as_of=date(2024, 6, 30), state="published")
    draft = Evaluation(rubric=rubric, scope=world.district, year=2024, period="annual", as_of=date(2024, 12, 31))
    return {
        "view_item": lambda u: p.can_view_item(u, item),
        "submit_report": lambda u: p.can_submit_report(u, item),
        "review_report": lambda u: p.can_review_report(u, report),
        "view_district": lambda u: p.can_view_district_status(u, world.district),
        "issue_order": lambda u: p.can_issue_order(u, world.district),
        "view_order": lambda u: p.can_view_order(u, order),
        "sign_order": lambda u: p.can_sign_order(u, order),
        "feedback_order": lambda u: p.can_give_order_feedback(u, order),
        "request_extension": lambda u: p.can_request_extension(u, order),
        "review_order": lambda u: p.can_review_order(u, order),
        "close_order": lambda u: p.can_close_order(u, order),
        "decide_extension": lambda u: p.can_decide_extension(u, order),
        "manage_unit_evaluation": lambda u: p.can_manage_evaluation(u, world.district),
        "manage_city_evaluation": lambda u: p.can_manage_evaluation(u, world.city, "districts"),
        "view_published_ranking": lambda u: p.can_view_ranking(u, published),
        "view_draft_ranking": lambda u: p.can_view_ranking(u, draft),
    }


@pytest.mark.parametrize("action", list(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, objects, role, action):
    user = AnonymousUser() if role == "anonymous" else world.users[role]
    expected = MATRIX[action].split()[ROLES.index(role)] == "1"
    assert objects[action](user) is expected
