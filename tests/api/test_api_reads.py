"""Reads: each list shows exactly what the user may see, filtered and paginated; tokens authenticate."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from duban.api.models import ApiToken
from duban.api.services import api_token_create, api_token_revoke
from duban.tracking.models import ItemType, Report

pytestmark = pytest.mark.django_db


def _titles(client, url, headers, field="title"):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    return [row[field] for row in response.json()["items"]]


def test_office_reads_every_kind_of_object_of_its_district(client, world, token_for):
    h = token_for("office")
    assert _titles(client, "/api/tasks", h) == ["新建学校5所", "优化营商环境"]
    assert _titles(client, "/api/livelihood-items", h) == ["养老服务"]
    assert _titles(client, "/api/livelihood-sub-items", h) == ["新建日间照料中心13处"]
    assert _titles(client, "/api/projects", h, "name") == ["数字经济产业园"]
    assert _titles(client, "/api/expropriations", h, "name") == ["七贤片区征收"]
    assert _titles(client, "/api/indicators", h, "name") == ["地区生产总值"]
    assert _titles(client, "/api/indicator-targets", h, "text") == ["增长6%"]
    assert _titles(client, "/api/plans", h, "theme") == ["深化提升年"]
    assert _titles(client, "/api/organisations", h, "name") == ["市中区", "区委督查室", "区发改局", "区住建局", "区教体局"]
    years = client.get("/api/project-years", **h).json()
    assert years == {"count": 1, "items": [{
        "id": world.project_year.pk, "project_id": world.project.pk, "year": 2024, "plan_type": "continuing",
        "level": "district", "annual_plan": "10000.00", "half_year_plan": None, "invested_before": "5000.00",
        "frequency": "monthly", "weight": "1.000"}]}


def test_reporter_sees_only_the_things_of_its_unit(client, world, token_for):
    assert _titles(client, "/api/tasks", token_for("reporter_a")) == ["新建学校5所"]
    # a cooperating unit sees the task too
    assert _titles(client, "/api/tasks", token_for("reporter_c")) == ["新建学校5所"]
    h = token_for("reporter_b")
    assert _titles(client, "/api/tasks", h) == ["优化营商环境"]
    assert _titles(client, "/api/projects", h, "name") == []
    assert _titles(client, "/api/expropriations", h, "name") == ["七贤片区征收"]
    assert _titles(client, "/api/organisations", h, "name") == ["区住建局"]


def test_another_districts_office_sees_nothing_of_this_district_and_the_city_office_sees_both(client, world, token_for):
    assert _titles(client, "/api/tasks", token_for("other_office")) == []
    assert _titles(client, "/api/projects", token_for("other_office"), "name") == ["历下项目"]
    assert _titles(client, "/api/projects", token_for("city_office"), "name") == ["数字经济产业园", "历下项目"]


def test_filters_and_pagination(client, world, token_for):
    h = token_for("office")
    page = client.get("/api/tasks?limit=1&offset=1", **h).json()
    assert page["count"] == 2
    assert [t["code"] for t in page["items"]] == ["T2"]
    assert _titles(client, f"/api/tasks?unit_id={world.unit_b.pk}", h) == ["优化营商环境"]
    assert _titles(client, "/api/tasks?year=2023", h) == []
    assert _titles(client, f"/api/organisations?kind=department&parent_id={world.district.pk}", h, "name") == [
        "区发改局", "区住建局", "区教体局"]


def test_bad_query_values_get_a_400_saying_where(client, world, token_for):
    h = token_for("office")
    response = client.get("/api/tasks?year=10000", **h)
    assert response.status_code == 400
    assert response.json()["detail"] == "输入有误：query.year: Input should be less than or equal to 2100"
    response = client.get("/api/reports?item_id=99999999999999999999", **h)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("输入有误：query.item_id: ")
    assert client.get("/api/tasks?limit=501", **h).status_code == 400


def test_status_list_of_a_district_and_only_own_items_for_a_reporter(client, world, token_for):
    url = f"/api/status?district_id={world.district.pk}&on_date=2024-06-30"
    rows = client.get(url, **token_for("office")).json()
    assert rows["count"] == 6
    assert {(r["type"], r["light"]) for r in rows["items"]} >= {(ItemType.TASK, "no_data")}
    project = next(r for r in rows["items"] if r["type"] == "project_year")
    assert (project["title"], project["time_progress_pct"], project["unit"]) == ("数字经济产业园", 50.0, "区发改局")
    own = client.get(url, **token_for("reporter_a")).json()
    assert sorted(r["title"] for r in own["items"]) == ["地区生产总值（增长6%）", "数字经济产业园", "新建学校5所"]
    assert client.get(f"/api/status?district_id={world.other_district.pk}", **token_for("office")).status_code == 404


def test_tokens_are_stored_hashed_and_refused_once_expired_or_revoked(client, world):
    user = world.users["office"]
    token, raw = api_token_create(actor=user, name="大屏", days=30)
    assert raw.startswith("dbn_") and len(raw) > 40
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {token.key_hash, token.prefix} and token.prefix == raw[:12]
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}").json()["username"] == "office"
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    token2, raw2 = api_token_create(actor=user, name="脚本", days=1)
    api_token_revoke(actor=user, token=token2)
    response = client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw2}")
    assert response.status_code == 401
    assert response.json() == {"detail": "请登录或发送有效的 API 令牌（Authorization: Bearer …）"}
    assert client.get("/api/me", HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401


def test_session_of_the_browser_is_accepted(client, world):
    client.force_login(world.users["reporter_a"])
    assert client.get("/api/me").json()["roles"] == ["unit_reporter"]


def test_reports_list_follows_item_visibility(client, world, token_for):
    from duban.tracking.services import report_submit
    from decimal import Decimal
    report_submit(actor=world.users["reporter_a"], item_type=ItemType.TASK, item_id=world.task.pk,
                  period_key="2024-06", values={"value": Decimal(2)})
    assert Report.objects.count() == 1
    for user, count in [("office", 1), ("reporter_a", 1), ("reporter_c", 1), ("reporter_b", 0), ("other_office", 0),
                        ("city_office", 1), ("admin", 1), ("unit_leader_a", 1), ("statistics", 1)]:
        assert client.get("/api/reports", **token_for(user)).json()["count"] == count, user


def test_status_of_a_draft_plan_year_is_not_found_for_who_may_not_see_drafts(client, world, token_for, settings):
    from duban.plans.models import Plan

    settings.DUBAN_TODAY = "2024-07-02"
    Plan.objects.create(district=world.district, year=2025, theme="", is_draft=True)
    url = f"/api/status?district_id={world.district.pk}&year=2025"
    assert client.get(url, **token_for("reporter_a")).status_code == 404
    assert client.get(url, **token_for("office")).status_code == 200
    assert client.get(f"/api/status?district_id={world.district.pk}&year=2030", **token_for("reporter_a")).status_code == 200

