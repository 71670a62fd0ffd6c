"""Global search on both databases: substring matches everywhere, near misses and closest-first on PostgreSQL
(pg_trgm, installed by tracking's migration 0009_perf_search_trigram)."""

import pytest
from django.db import connection
from tracking_world import build_world

from duban.plans.models import Task
from duban.projects.models import Project
from duban.web import search

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram search is PostgreSQL's (CI's PG pass)")


@pytest.fixture
def world(db):
    world = build_world()
    Task.objects.create(plan=world.plan, node=world.node, code="T3", title="学校周边交通秩序整治及学校安全", weight=1)
    Task.objects.create(plan=world.plan, node=world.node, code="T4", title="学校", weight=1)
    Project.objects.create(district=world.district, code="P2", name="新材料产业园", lead_unit=world.unit_a)
    return world


def kinds_and_titles(groups):
    return [(g.kind, sorted(h.title for h in g.hits)) for g in groups]


def test_substrings_are_found_on_every_database_grouped_by_kind(world):
    office = world.users["office"]
    assert kinds_and_titles(search.search(office, "学校")) == [
        ("task", ["学校", "学校周边交通秩序整治及学校安全", "新建学校5所"])]
    assert kinds_and_titles(search.search(office, "产业园")) == [("project", ["数字经济产业园"])]
    assert kinds_and_titles(search.search(office, "GDP")) == [("indicator", ["地区生产总值"])]
    assert search.search(office, "不存在的事") == []
    assert search.search(world.users["other_office"], "学校") == []  # another district's office sees none


def test_the_plain_substring_search_on_sqlite_has_no_near_misses(world):
    if search.trigram_search():
        pytest.skip("SQLite's behaviour")
    assert search.search(world.users["office"], "数字经济园") == []


@on_postgresql
def test_migration_installed_pg_trgm_and_the_title_indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == (1,)
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s ORDER BY indexname",
                       ["projects_project_name_trgm%"])
        assert [r[0] for r in cursor.fetchall()] == ["projects_project_name_trgm", "projects_project_name_trgm_upper"]


@on_postgresql
def test_near_misses_are_found_and_the_closest_title_comes_first(world):
    office = world.users["office"]
    # not a substring of any title: a near miss of "数字经济产业园"
    assert kinds_and_titles(search.search(office, "数字经济园")) == [("project", ["数字经济产业园"])]
    tasks = next(g for g in search.search(office, "学校") if g.kind == "task")
    assert [h.title for h in tasks.hits][0] == "学校"  # the exact title first, not in code order
    # the same grouping and scope as everywhere
    assert search.search(world.users["other_office"], "数字经济园") == []
