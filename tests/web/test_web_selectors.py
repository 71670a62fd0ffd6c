from decimal import Decimal

import pytest

from duban.org.permissions import scope_of
from duban.web import selectors


def tree_outline(rows):
    return [(r.node.code, r.own_tasks, r.total_tasks, tree_outline(r.children)) for r in rows]


@pytest.mark.django_db
def test_plan_summary_counts_the_2024_plan_exactly(world):
    summary = selectors.plan_summary(world.plan_2024)

    assert tree_outline(summary.tree) == [("2", 0, 3, [("2.1", 2, 2, []), ("2.2", 1, 1, [])])]
    assert (summary.tasks, summary.tasks_without_node) == (4, 1)
    assert (summary.livelihood_items, summary.livelihood_sub_items) == (2, 3)
    assert summary.projects == 3
    assert summary.projects_total_investment == Decimal(305000)
    assert summary.projects_annual_plan == Decimal(42000)
    assert [(c.name, c.projects, c.total_investment) for c in summary.projects_by_category] == [
        ("产业项目", 2, Decimal(300000)), ("基础设施", 1, Decimal(5000)),
    ]
    assert (summary.indicators, summary.targets) == (2, 3)


@pytest.mark.django_db
def test_plan_summary_of_another_year_counts_only_that_year(world):
    summary = selectors.plan_summary(world.plan_2023)

    assert summary.tree == []
    assert (summary.tasks, summary.tasks_without_node) == (1, 1)
    assert (summary.projects, summary.projects_total_investment) == (1, Decimal(100000))
    assert (summary.indicators, summary.targets) == (1, 1)


@pytest.mark.django_db
def test_gdp_series_takes_newest_revision_of_yearly_levels(world):
    assert selectors.gdp_series(world.district) == ("亿元", [(2021, Decimal("1161.7")), (2022, Decimal("1200.5"))])
    assert selectors.gdp_series(world.other_district) == ("", [])


@pytest.mark.django_db
def test_pick_plan_prefers_requested_year_then_newest(world):
    plans = selectors.district_plans(world.district)

    assert [p.year for p in plans] == [2024, 2023]
    assert selectors.pick_plan(plans, 2023) == world.plan_2023
    assert selectors.pick_plan(plans, 1999) == world.plan_2024
    assert selectors.pick_plan(plans, None) == world.plan_2024
    assert selectors.pick_plan([], None) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username, requested, expected",
    [
        ("leader", None, "市中区"),
        ("reporter", None, "市中区"),     # a unit's reporter sees the district-wide plan summary
        ("unitlead", None, "市中区"),
        ("cityoffice", None, None),        # starts from the list of districts
        ("cityoffice", "other", "历下区"),
        ("leader", "other", None),         # not visible: back to the list
        ("reporter", "other", None),
        ("admin", None, None),
        ("nobody", None, None),
    ],
)
def test_home_district_by_role(world, username, requested, expected):
    scope = scope_of(world.users[username])
    visible = selectors.visible_districts(scope)
    requested_id = world.other_district.pk if requested == "other" else None

    district = selectors.home_district_for(scope, visible, requested_id)

    assert (district.name if district else None) == expected


@pytest.mark.django_db
def test_district_rows_give_each_district_its_newest_plan(world):
    rows = selectors.district_rows([world.district, world.other_district, world.city])

    assert [(r.district.name, r.newest_plan.year if r.newest_plan else None) for r in rows] == [
        ("市中区", 2024), ("历下区", 2024), ("济南市", None),
    ]
