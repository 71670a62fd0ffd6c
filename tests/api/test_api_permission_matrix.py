"""The API's answers across every role: the same permission functions as the web, so the same verdicts.

Each row is one operation on the tracking world (one district, one of each tracked thing); each column a user.
404: the user may not see the thing; 403: sees it but may not act; 2xx: done.
"""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from duban.tracking.models import ItemType
from duban.tracking.services import order_feedback_submit, order_issue, order_sign, report_submit

pytestmark = pytest.mark.django_db

USERS = ["reporter_a", "reporter_b", "reporter_c", "unit_leader_a", "district_leader", "statistics", "office",
         "project_office", "other_office", "city_office", "admin"]

#            ra   rb   rc   ula  dl   st   of   po   oo   co   adm
MATRIX = {
    "view report": [200, 404, 200, 200, 200, 200, 200, 200, 404, 200, 200],
    "confirm report": [403, 404, 403, 403, 403, 403, 200, 200, 404, 200, 200],
    "submit report": [201, 404, 403, 403, 403, 403, 403, 403, 404, 403, 201],
    "view order": [200, 404, 200, 200, 200, 200, 200, 200, 404, 200, 200],
    "sign order": [200, 404, 403, 200, 403, 403, 403, 403, 404, 403, 200],
    "issue order": [403, 403, 403, 403, 403, 403, 201, 201, 404, 201, 201],
    "review order": [403, 404, 403, 403, 403, 403, 200, 200, 404, 200, 200],
    "status list": [200, 200, 200, 200, 200, 200, 200, 200, 404, 200, 200],
}


def _post(client, url, headers, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json", **headers)


def _order(world, **kw):
    return order_issue(actor=world.users["office"], district=world.district, title="督办", content="请落实",
                       deadline=timezone.localdate() + timedelta(days=5), lead_unit=world.unit_a,
                       cooperating_units=[world.unit_c], **kw)


def _operation(name, client, world, headers, n: int):
    """Operation ``name`` on fresh objects; ``n`` (the user's column) keeps each user's report period apart."""
    period = f"2024-{n + 1:02d}"
    if name in ("view report", "confirm report"):
        report = report_submit(actor=world.users["reporter_a"], item_type=ItemType.TASK, item_id=world.task.pk,
                               period_key=period, values={"value": Decimal(1)})
        if name == "view report":
            return client.get(f"/api/reports/{report.pk}", **headers)
        return _post(client, f"/api/reports/{report.pk}/confirm", headers)
    if name == "submit report":
        return _post(client, "/api/reports", headers, {"item_type": "task", "item_id": world.task.pk,
                                                       "period_key": period, "values": {"value": "1"}})
    if name == "view order":
        return client.get(f"/api/orders/{_order(world).pk}", **headers)
    if name == "sign order":
        return _post(client, f"/api/orders/{_order(world).pk}/sign", headers)
    if name == "issue order":
        return _post(client, "/api/orders", headers, {
            "district_id": world.district.pk, "title": "t", "content": "c", "lead_unit_id": world.unit_a.pk,
            "deadline": (timezone.localdate() + timedelta(days=3)).isoformat()})
    if name == "review order":
        order = _order(world)
        order_sign(actor=world.users["reporter_a"], order=order)
        order_feedback_submit(actor=world.users["reporter_a"], order=order, text="done")
        return _post(client, f"/api/orders/{order.pk}/review", headers, {"accept": True})
    if name == "status list":
        return client.get(f"/api/status?district_id={world.district.pk}&on_date=2024-06-30", **headers)
    raise AssertionError(name)


@pytest.mark.parametrize("operation", list(MATRIX))
def test_permission_matrix(client, world, token_for, operation):
    got = []
    for n, username in enumerate(USERS):
        response = _operation(operation, client, world, token_for(username), n)
        got.append(response.status_code)
    assert dict(zip(USERS, got)) == dict(zip(USERS, MATRIX[operation]))


@pytest.mark.parametrize("url", ["/api/me", "/api/tasks", "/api/reports", "/api/orders", "/api/status?district_id=1"])
def test_anonymous_gets_401(client, url):
    assert client.get(url).status_code == 401


