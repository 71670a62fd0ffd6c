import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from duban.plans.models import Task, WorkNode
from duban.projects.models import PlanType, Project, ProjectLevel, ProjectYear


def get_home(client, user, **params):
    client.force_login(user)
    return client.get(reverse("web:home"), params)


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["leader", "office", "reporter", "unitlead"])
def test_every_role_of_the_district_sees_the_plan_summary(client, world, username):
    response = get_home(client, world.users[username])

    assert response.status_code == 200
    assert response.context["district"] == world.district
    assert response.context["plan"] == world.plan_2024
    html = response.content.decode()
    for text in [
        'data-testid="home-district">市中区<', 'data-testid="plan-theme">深化提升年<',
        'data-testid="plan-system">21234工作体系<', 'data-testid="plan-goal">建设现代化强区<',
        'data-testid="count-tasks">4<', 'data-testid="count-livelihood">2<',
        'data-testid="count-livelihood-sub">3个子项<', 'data-testid="count-projects">3<',
        'data-testid="projects-investment">30.5亿元<', 'data-testid="projects-annual">4.2亿元<',
        'data-testid="count-indicators">2<', 'data-testid="count-targets">3个目标<',
        "1项任务未归入工作体系。",
    ]:
        assert text in html, text


@pytest.mark.django_db
def test_home_shows_work_system_tree_with_rolled_up_task_counts(client, world):
    html = get_home(client, world.users["leader"]).content.decode()

    assert '<span class="code">2</span> <span class="title">两大目标</span>' in html
    assert '<span class="code">2.1</span> <span class="title">经济发展</span>' in html
    tree = html[html.index('data-testid="work-tree"'):]
    assert [tree.count(f">{n}项任务<") for n in (3, 2, 1)] == [1, 1, 1]


@pytest.mark.django_db
def test_home_passes_chart_options_with_json_script(client, world):
    response = get_home(client, world.users["leader"])
    html = response.content.decode()

    assert response.context["category_chart"]["series"][0]["data"] == [2, 1]
    assert response.context["gdp_chart"]["series"][0]["data"] == [1161.7, 1200.5]
    assert '<script id="chart-categories-option" type="application/json">' in html
    assert '<script id="chart-gdp-option" type="application/json">' in html
    assert "vendor/echarts.min.js" in html and "vendor/htmx.min.js" in html


@pytest.mark.django_db
def test_year_switcher_opens_older_plan(client, world):
    response = get_home(client, world.users["office"], year="2023")

    assert response.context["plan"] == world.plan_2023
    html = response.content.decode()
    assert 'data-testid="plan-theme">攻坚突破年<' in html
    assert 'href="?year=2024"' in html
    assert 'href="?year=2023"\n         class="active"' in html


@pytest.mark.django_db
def test_city_office_starts_from_district_list_then_opens_a_district(client, world):
    response = get_home(client, world.users["cityoffice"])

    assert response.templates[0].name == "web/home_districts.html"
    assert [r.district.name for r in response.context["district_rows"]] == ["市中区", "历下区"]
    html = response.content.decode()
    assert f'href="?district={world.other_district.pk}">历下区</a>' in html

    response = client.get(reverse("web:home"), {"district": world.other_district.pk})
    assert response.context["plan"] == world.other_plan
    assert f'href="?district={world.other_district.pk}&amp;year=' not in response.content.decode()  # one plan only


@pytest.mark.django_db
def test_a_district_the_user_cannot_see_is_not_shown(client, world):
    response = get_home(client, world.users["reporter"], district=world.other_district.pk)

    assert response.templates[0].name == "web/home_districts.html"
    assert [r.district.name for r in response.context["district_rows"]] == ["市中区"]
    assert "历下区" not in response.content.decode()


@pytest.mark.django_db
def test_user_without_membership_is_told_to_ask_for_access(client, world):
    html = get_home(client, world.users["nobody"]).content.decode()

    assert "您的账号尚未开通任何区县的查看权限，请联系督查室。" in html


@pytest.mark.django_db
def test_district_without_plan_says_so(client, world):
    world.other_plan.delete()

    html = get_home(client, world.users["cityoffice"], district=world.other_district.pk).content.decode()

    assert 'data-testid="no-plan"' in html


def count_home_queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("web:home")).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_home_query_count_does_not_grow_with_data(client, world, django_assert_max_num_queries):
    user = world.users["leader"]
    before = count_home_queries(client, user)
    parent = WorkNode.objects.get(plan=world.plan_2024, code="2.1")
    for i in range(12):
        node = WorkNode.objects.create(plan=world.plan_2024, parent=parent, code=f"2.1.{i}", title=f"节点{i}")
        Task.objects.create(plan=world.plan_2024, node=node, code=f"N{i}", title=f"新任务{i}")
        project = Project.objects.create(district=world.district, code=f"N{i}", name=f"新项目{i}")
        ProjectYear.objects.create(project=project, year=2024, plan_type=PlanType.NEW, level=ProjectLevel.DISTRICT)

    assert count_home_queries(client, user) == before
    client.force_login(user)
    with django_assert_max_num_queries(16):
        client.get(reverse("web:home"))


@pytest.mark.django_db
def test_top_bar_shows_name_roles_district_and_post_logout(client, world):
    html = get_home(client, world.users["leader"]).content.decode()

    assert 'data-testid="user-name">王区长<' in html
    assert '<span class="role">市中区 · 区领导</span>' in html
    assert 'data-testid="district">市中区<' in html
    assert f'<form class="logout" action="{reverse("logout")}" method="post">' in html
    assert 'action="/i18n/setlang/"' in html


@pytest.mark.django_db
def test_language_switch_to_english_shows_english_labels(client, world):
    client.force_login(world.users["leader"])
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302

    html = client.get(reverse("web:home")).content.decode()

    assert '<html lang="en">' in html
    assert "Theme of the year" in html and "年度主题" not in html
    assert 'data-testid="count-targets">3 targets<' in html
    assert "District leader" in html


@pytest.mark.django_db
def test_logout_by_post_returns_to_login(client, world):
    client.force_login(world.users["leader"])

    response = client.post(reverse("logout"))

    assert response.status_code == 302 and response.url == reverse("login")
    assert client.get(reverse("web:home")).status_code == 302


@pytest.mark.django_db
def test_plan_chart_json_is_valid(client, world):
    html = get_home(client, world.users["leader"]).content.decode()
    start = html.index('<script id="chart-gdp-option" type="application/json">') + len(
        '<script id="chart-gdp-option" type="application/json">')
    option = json.loads(html[start:html.index("</script>", start)])

    assert option["xAxis"]["data"] == ["2021", "2022"]
