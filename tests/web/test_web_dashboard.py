"""The dashboard page, the role-aware menu, search, the public portal and DUBAN_TODAY, through the test client."""

import io
import json
from datetime import date
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from tracking_world import build_world

from duban.core import dates
from duban.demo.progress import generate_progress
from duban.org.models import Organisation, OrgKind
from duban.plans.models import LivelihoodItem, Plan, Task, WorkNode
from duban.projects.models import Project
from duban.projects.services import project_publish
from duban.tracking.models import Report, ReportState
from duban.tracking.status import district_status
from duban.web import dashboard
from duban.web.templatetags.web_shell import nav_items_for

pytestmark = pytest.mark.django_db
AT = "year=2024&date=2024-06-30"


@pytest.fixture
def tw(db):
    world = build_world()
    for i in range(6):  # enough items for every light (as in the tracking tests of generated progress)
        task = Task.objects.create(plan=world.plan, node=world.node, code=f"G{i}", title=f"任务{i}")
        task.units.create(organisation=world.unit_b, role="lead")
    generate_progress(district=world.district, year=2024)
    return world


def test_dashboard_totals_equal_duban_status_for_the_same_district_and_date(client, tw):
    client.force_login(tw.users["office"])
    response = client.get(f"/dashboard/?{AT}")
    assert response.status_code == 200
    out = io.StringIO()
    call_command("status", "--district", "市中区", "--date", "2024-06-30", "--year", "2024", "--format", "json",
                 stdout=out)
    rows = json.loads(out.getvalue())
    cards = {c.key: c for c in response.context["cards"]}
    for light in ("red", "yellow", "green", "done"):
        assert cards[f"light-{light}"].figure == str(sum(1 for r in rows if r["light"] == light))
    statuses = district_status(tw.district, date(2024, 6, 30), year=2024)
    assert response.context["investment"] == dashboard.investment(statuses)
    planned = [r for r in rows if r["type"] == "project_year" and (r["target"] or 0) > 0]
    assert response.context["investment"].ytd == D(str(sum(r["actual"] or 0 for r in planned)))
    subs = [r for r in rows if r["type"] == "livelihood_sub_item"]
    assert cards["livelihood"].figure == f"{sum(1 for r in subs if r['light'] == 'done')}/{len(subs)}"
    judged = [r for r in rows if r["type"] == "project_year" and r["double_half"] is not None]
    met = sum(1 for r in judged if r["double_half"])
    assert cards["double-half"].caption == f"{met}/{len(judged)}个项目实现双过半"
    assert cards["double-half"].figure == ("实现" if response.context["double_half"].achieved else "未实现")


def test_dashboard_queries_do_not_grow_with_more_items(client, tw):
    client.force_login(tw.users["office"])
    client.get(f"/dashboard/?{AT}")
    with CaptureQueriesContext(connection) as before:
        client.get(f"/dashboard/?{AT}")
    for i in range(20):
        task = Task.objects.create(plan=tw.plan, node=tw.node, code=f"X{i}", title=f"更多任务{i}")
        task.units.create(organisation=tw.unit_a, role="lead")
    with CaptureQueriesContext(connection) as after:
        client.get(f"/dashboard/?{AT}")
    assert len(after) == len(before)


def test_a_leader_sees_their_overseen_units_first_with_their_lagging_items(client, tw):
    leader = tw.users["district_leader"].leader
    leader.oversees.add(tw.unit_b)
    client.force_login(tw.users["district_leader"])
    response = client.get(f"/dashboard/?{AT}")
    units = response.context["units"]
    assert units[0].unit_id == tw.unit_b.pk and units[0].overseen
    lagging = response.context["lagging"]
    assert lagging and all(tw.unit_b.pk in s.item.counting_unit_ids and s.light in ("red", "yellow") for s in lagging)
    assert f"leader={leader.pk}" in response.context["leader_url"]
    listed = client.get(response.context["leader_url"]).context["statuses"]
    assert listed and all(tw.unit_b.pk in s.item.counting_unit_ids for s in listed)


def test_city_office_sees_the_districts_side_by_side(client, tw):
    client.force_login(tw.users["city_office"])
    response = client.get(f"/dashboard/?{AT}")
    assert [r.district.name for r in response.context["rows"]] == ["市中区", "历下区"]
    assert response.context["chart"]["links"][0][0].startswith(f"/dashboard/?district={tw.district.pk}")


def test_city_table_shows_dashes_not_zeros_for_districts_without_tracked_items_listed_last(client, tw):
    third = Organisation.objects.create(name="槐荫区", kind=OrgKind.DISTRICT, parent=tw.district.parent)
    plan = Plan.objects.create(district=third, year=2024, theme="攻坚年")
    Task.objects.create(plan=plan, node=WorkNode.objects.create(plan=plan, code="1", title="项目建设"), code="H1",
                        title="槐荫任务").units.create(
        organisation=Organisation.objects.create(name="槐荫区发改局", kind=OrgKind.DEPARTMENT, parent=third),
        role="lead")
    client.force_login(tw.users["city_office"])
    response = client.get(f"/dashboard/?{AT}")
    rows = response.context["rows"]
    assert [(r.district.name, r.tracked) for r in rows] == [("市中区", True), ("槐荫区", True), ("历下区", False)]
    assert [name for name in response.context["chart"]["option"]["yAxis"]["data"]] == ["市中区"]
    html = response.content.decode()
    other = html[html.index(f'<tr data-district="{rows[2].district.pk}">'):]
    other = other[:other.index("</tr>")]
    assert "（无跟踪数据）" in other
    assert other.count('<td class="num">—</td>') == len(dashboard.LIGHT_ORDER) + 2
    assert '<td class="num">0</td>' not in other
    tracked = html[html.index(f'<tr data-district="{tw.district.pk}">'):]
    tracked = tracked[:tracked.index("</tr>")]
    dh = rows[0].double_half
    assert "无跟踪数据" not in tracked
    assert f"{'实现' if dh.achieved else '未实现'} · {dh.met}/{dh.projects}</td>" in tracked


def test_the_leaders_lagging_rows_carry_their_reasons_and_a_gap_only_when_behind(client, tw):
    leader = tw.users["district_leader"].leader
    leader.oversees.add(tw.unit_a, tw.unit_b, tw.unit_c)
    client.force_login(tw.users["district_leader"])
    response = client.get(f"/dashboard/?{AT}")
    rows = response.context["lagging"]
    assert rows
    for row in rows:
        assert row.reasons == row.status.reasons and row.reasons
        gap, limit = row.status.gap_pp, D(-10) if row.status.measure == "pace" else D(0)  # default rule set
        assert row.gap_pp == (gap if gap is not None and (gap <= limit if limit else gap < 0) else None)
        assert escape("；".join(row.reasons)) in response.content.decode()


def test_units_may_not_open_the_dashboard_and_do_not_see_it_in_their_menu(client, tw):
    client.force_login(tw.users["reporter_a"])
    assert client.get("/dashboard/").status_code == 403
    assert "/dashboard/" not in [i.url for i in nav_items_for(tw.users["reporter_a"], "/")]


@pytest.mark.parametrize("username", ["reporter_a", "unit_leader_a", "district_leader", "statistics", "office",
                                      "project_office", "city_office", "admin"])
def test_every_menu_entry_of_every_role_answers_200(client, tw, username):
    user = tw.users[username]
    client.force_login(user)
    for item in nav_items_for(user, "/"):
        assert client.get(item.url).status_code == 200, (username, item.url)


def test_menus_differ_by_role():
    from django.contrib.auth.models import AnonymousUser

    assert [i.url for i in nav_items_for(AnonymousUser(), "/")] == ["/", "/public/"]


def test_menu_per_role_in_the_small_district(tw):
    def urls(name):
        return [i.url for i in nav_items_for(tw.users[name], "/")]

    assert urls("reporter_a") == ["/", "/tracking/my/", "/tracking/status/", "/tracking/orders/",
                                  "/tracking/problems/", "/tracking/ranking/", "/projects/pipeline/", "/dispatch/", "/tracking/notifications/", "/public/"]
    assert urls("district_leader") == ["/", "/dashboard/", "/tracking/status/", "/tracking/orders/",
                                       "/tracking/problems/", "/tracking/ranking/", "/projects/pipeline/", "/dispatch/", "/ledgers/",
                                       "/tracking/notifications/", "/public/"]
    assert urls("office")[:5] == ["/", "/dashboard/", "/tracking/review/", "/tracking/not-reported/", "/tracking/status/"]
    assert "/ingest/" in urls("office") and "/ingest/" not in urls("district_leader")


def test_drill_down_list_filters_by_category_and_double_half(client, tw):
    client.force_login(tw.users["office"])
    shown = client.get(f"/tracking/status/?{AT}&type=project_year&category=产业&planned=1").context["statuses"]
    assert [s.item.code for s in shown] == ["P1"]
    assert client.get(f"/tracking/status/?{AT}&category=基础设施").context["statuses"] == []
    both = client.get(f"/tracking/status/?{AT}&light=red,yellow").context["statuses"]
    assert both and {s.light for s in both} <= {"red", "yellow"}
    assert len(both) == sum(1 for s in district_status(tw.district, date(2024, 6, 30), year=2024)
                            if s.light in ("red", "yellow"))


def test_search_finds_by_title_code_and_unit_grouped_by_kind_within_the_users_scope(client, tw):
    client.force_login(tw.users["office"])
    groups = client.get("/search/?q=学校").context["groups"]
    assert [(g.kind, [h.title for h in g.hits]) for g in groups] == [("task", ["新建学校5所"])]
    groups = client.get("/search/?q=区发改局").context["groups"]
    assert {g.kind for g in groups} >= {"task", "project"}
    assert [h.title for g in groups if g.kind == "project" for h in g.hits] == ["数字经济产业园"]
    assert [h.code for g in client.get("/search/?q=GDP").context["groups"] for h in g.hits] == ["GDP"]
    client.force_login(tw.users["reporter_b"])  # unit B has neither the school task nor district-wide sight
    assert client.get("/search/?q=学校").context["groups"] == []
    client.force_login(tw.users["other_office"])
    assert client.get("/search/?q=数字经济").context["groups"] == []


def test_public_portal_shows_public_commitments_and_no_non_public_value(client, tw):
    sentinel = "SENTINEL-4242"
    Task.objects.filter(pk=tw.task.pk).update(title=sentinel)
    Project.objects.filter(pk=tw.project.pk).update(description=sentinel)
    project_publish(project=tw.project, is_public=True)
    LivelihoodItem.objects.create(plan=tw.plan, number=9, title=f"{sentinel} hidden", is_public=False)
    Report.objects.filter(item_type="livelihood_sub_item", state=ReportState.CONFIRMED).update(problems=sentinel)
    response = client.get("/public/")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    assert "3. 养老服务" in body and "新建日间照料中心13处" in body and "数字经济产业园" in body
    assert sentinel not in body


def test_public_portal_offers_a_district_picker_when_several_districts_publish(client, tw):
    from duban.plans.models import Plan

    other_plan = Plan.objects.create(district=tw.other_district, year=2024)
    LivelihoodItem.objects.create(plan=other_plan, number=1, title="历下实事")
    body = client.get("/public/").content.decode()
    assert "市中区" in body and "历下区" in body
    assert "历下实事" in client.get(f"/public/?district={tw.other_district.pk}").content.decode()
    assert client.get("/public/?district=999999").status_code == 404


def test_duban_today_fixes_the_date_and_shows_the_banner(client, tw, settings):
    settings.DUBAN_TODAY = None
    assert dates.fixed_today() is None
    client.force_login(tw.users["office"])
    assert "演示数据" not in client.get("/").content.decode()
    settings.DUBAN_TODAY = "2024-06-30"
    assert dates.today() == date(2024, 6, 30) and dates.now().date() == date(2024, 6, 30)
    assert "演示数据，日期按2024年6月30日" in client.get("/").content.decode()
    assert client.get("/tracking/status/").context["on_date"] == date(2024, 6, 30)


def test_language_switch_names_english_in_english_and_the_favicon_exists(client, tw):
    client.force_login(tw.users["office"])
    body = client.get("/").content.decode()
    assert ">English</button>" in body and "英语" not in body
    assert 'rel="icon"' in body
    assert client.get("/favicon.ico").status_code == 301
