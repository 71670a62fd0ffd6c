"""The issue's attack list walked again after the version checks, evidence staging and job reaper: every bad
value answers 400/403/404/409 (a conflict), never a server error."""

import json

import pytest

from duban.core import jobs
from duban.tracking.models import ItemType, Report, SupervisionOrder

OK = {200, 302, 400, 403, 404, 409}


def _order(sec_world):
    return SupervisionOrder.objects.get(pk=sec_world.home.order_id)


@pytest.mark.parametrize("path", [
    "/jobs/99999999999999999999/", "/jobs/abc/", "/jobs/0/",
    "/tracking/orders/99999999999999999999/review/",
])
def test_bad_paths_never_500(sec_world, login, path):
    client = login(sec_world.users["HOME_office"])
    assert client.get(path).status_code in {404, 405}
    assert client.post(path).status_code in {404, 405}


@pytest.mark.parametrize("version", ["abc", "", "99999999999999999999999999", "-1", "1.5", "\x00"])
def test_order_actions_with_a_bad_version_are_a_conflict_or_refusal(sec_world, login, version):
    order = _order(sec_world)
    client = login(sec_world.users["HOME_reporter"])
    response = client.post(f"/tracking/orders/{order.pk}/sign/", {"edit_version": version})
    assert response.status_code in ({302} if version == "" else {400, 409}), response.status_code
    if response.status_code == 409:
        assert "此记录已被他人修改" in response.content.decode()


@pytest.mark.parametrize("version", ["abc", "-1", "99999999999999999999", "1.5"])
def test_report_form_with_a_bad_version_is_a_form_error(sec_world, login, version):
    item_id = sec_world.home.items[ItemType.TASK]
    client = login(sec_world.users["HOME_reporter"])
    before = Report.objects.count()
    response = client.post(f"/tracking/items/task/{item_id}/report/", {"percent": "10", "edit_version": version})
    assert response.status_code == 400
    assert Report.objects.count() == before


@pytest.mark.parametrize("body", [{"text": "x", "edit_version": "abc"}, {"text": "x", "edit_version": "1" * 30},
                                  {"text": "x", "edit_version": 5}])
def test_api_bad_versions_are_400(sec_world, login, body):
    order = _order(sec_world)
    client = login(sec_world.users["HOME_reporter"])
    response = client.post(f"/api/orders/{order.pk}/feedback", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert client.post(f"/api/orders/{order.pk}/sign?edit_version=abc").status_code == 400
    response = client.post("/api/reports", json.dumps({
        "item_type": "task", "item_id": sec_world.home.items[ItemType.TASK], "period_key": "2024-01",
        "values": {"percent": "1"}, "expected_version": -1}), content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("data", [{"report": "abc", "action": "confirm"}, {"report": "99999999999999999999", "action": "confirm"},
                                  {"report": "1", "action": "explode"}, {"row": "abc"}])
def test_bulk_forms_with_garbage_never_500(sec_world, login, data):
    client = login(sec_world.users["HOME_office"])
    assert client.post("/tracking/review/", data).status_code in OK
    assert client.post("/tracking/not-reported/", data).status_code in OK


def test_job_page_of_someone_else_is_404_even_when_it_is_stuck(sec_world, login):
    job = jobs.job_create(user=sec_world.users["HOME_office"], kind="test", title="x")
    jobs.job_start(job_id=job.pk)
    assert login(sec_world.users["AWAY_office"]).get(f"/jobs/{job.pk}/").status_code == 404
    assert login(None).get(f"/jobs/{job.pk}/").status_code == 302
