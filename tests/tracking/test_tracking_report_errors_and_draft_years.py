"""QA fixes: the report form shows completed milestone dates (ISO values of date inputs), gives every refusal of
a submission at once and names the missing part of a new problem; closing a problem names it; a draft plan's
year is not shown to users who may not see drafts."""

from datetime import date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages

from duban.core.errors import ApplicationError
from duban.core.forms import BoundedDateField
from duban.plans.models import Plan
from duban.projects.models import Stage
from duban.projects.services import project_milestones_set
from duban.tracking import selectors, services
from duban.tracking.items import load_item
from duban.tracking.models import ItemType

SH = ZoneInfo("Asia/Shanghai")
JULY_2 = datetime(2024, 7, 2, 9, tzinfo=SH)


def _milestones(world):
    project_milestones_set(project=world.project, milestones=[
        ("施工许可", date(2023, 2, 1), date(2023, 2, 1)),
        ("主体封顶", date(2024, 6, 30), None),
        ("竣工验收", date(2024, 12, 31), None),
        ("投产", date(2025, 3, 31), None),
    ])
    return {m.name: m for m in world.project.milestones.all()}


# ---------------------------------------------------------------------------------------------------------
# Date inputs


def test_a_date_input_carries_an_iso_value_whatever_the_language(settings):
    settings.LANGUAGE_CODE = "zh-hans"
    field = BoundedDateField(required=False)
    html = field.widget.render("day", date(2023, 2, 1))
    assert html == '<input type="date" name="day" value="2023-02-01">'


def test_the_report_form_shows_a_completed_milestones_date(client, world, settings):
    settings.DUBAN_TODAY = "2024-07-02"
    steps = _milestones(world)
    client.force_login(world.users["reporter_a"])
    page = client.get(f"/tracking/items/project_year/{world.project_year.pk}/report/?period=2024-06").content.decode()
    done = steps["施工许可"].pk
    assert (f'<input type="date" name="milestone_{done}" value="2023-02-01" disabled '
            f'aria-describedby="id_milestone_{done}_helptext" id="id_milestone_{done}">') in page
    assert "2023/02/01" not in page


# ---------------------------------------------------------------------------------------------------------
# Every refusal at once


YTD_BELOW_MONTH = "本年累计完成投资100万元不能小于本月完成投资500万元"
NOT_ALL_BUILT = "阶段：“竣工”须完成全部建设节点，尚未完成：主体封顶、竣工验收。"


def test_a_submission_is_refused_with_its_figure_progress_and_problem_errors_together(world):
    _milestones(world)
    with pytest.raises(ApplicationError) as caught:
        services.report_submit(
            actor=world.users["reporter_a"], item_type=ItemType.PROJECT_YEAR, item_id=world.project_year.pk,
            period_key="2024-06", values={"invest_month": D(500), "invest_ytd": D(100)},
            progress={"stage": Stage.COMPLETED},
            raised_problems=[{"description": " ", "owner_unit": world.unit_b, "deadline": date(2024, 7, 10)}],
            at=JULY_2)
    assert caught.value.extra["messages"] == [YTD_BELOW_MONTH, NOT_ALL_BUILT, "问题：请填写问题描述。"]
    assert caught.value.message == f"{YTD_BELOW_MONTH} {NOT_ALL_BUILT} 问题：请填写问题描述。"


def test_the_report_form_shows_every_refusal_of_one_submit(client, world, settings):
    settings.DUBAN_TODAY = "2024-07-02"
    _milestones(world)
    client.force_login(world.users["reporter_a"])
    url = f"/tracking/items/project_year/{world.project_year.pk}/report/?period=2024-06"
    response = client.post(url, {"period": "2024-06", "invest_month": "500", "invest_ytd": "100",
                                 "stage": Stage.COMPLETED})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [YTD_BELOW_MONTH, NOT_ALL_BUILT]


def test_a_new_problem_names_the_part_missing_under_its_field(client, world, settings):
    settings.DUBAN_TODAY = "2024-07-02"
    client.force_login(world.users["reporter_a"])
    url = f"/tracking/items/project_year/{world.project_year.pk}/report/?period=2024-06"
    base = {"period": "2024-06", "invest_month": "1000", "invest_ytd": "1000"}
    only_unit = client.post(url, {**base, "problem_owner": world.unit_b.pk})
    assert only_unit.status_code == 400
    assert only_unit.context["form"].errors == {"problem_description": ["新问题须填写问题描述"],
                                                "problem_deadline": ["新问题须填写解决时限"]}
    no_date = client.post(url, {**base, "problem_description": "施工用地尚未移交", "problem_owner": world.unit_b.pk})
    assert no_date.context["form"].errors == {"problem_deadline": ["新问题须填写解决时限"]}


def test_closing_a_problem_without_text_names_the_problem(client, world, settings):
    settings.DUBAN_TODAY = "2024-07-04"
    item = load_item(ItemType.PROJECT_YEAR, world.project_year.pk)
    problem = services.problem_raise(actor=world.users["office"], item=item, description="资金拨付滞后",
                                     owner_unit=world.unit_a, deadline=date(2024, 7, 20), at=JULY_2)
    client.force_login(world.users["office"])
    response = client.post(f"/tracking/problems/{problem.pk}/resolve/", {"resolution": ""})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["问题“资金拨付滞后”的解决情况：请说明问题如何解决。"]


# ---------------------------------------------------------------------------------------------------------
# Draft plan years


@pytest.fixture
def draft_2025(world, settings):
    settings.DUBAN_TODAY = "2024-07-02"
    return Plan.objects.create(district=world.district, year=2025, theme="", is_draft=True)


def test_a_draft_year_is_replaced_by_the_default_year_for_who_may_not_see_drafts(world, draft_2025):
    assert selectors.shown_year(world.users["reporter_a"], world.district, 2025) == (2024, True)
    assert selectors.shown_year(world.users["office"], world.district, 2025) == (2025, False)
    assert selectors.shown_year(world.users["reporter_a"], world.district, 2030) == (2030, False)
    assert selectors.shown_year(world.users["reporter_a"], world.district, None) == (2024, False)
    Plan.objects.filter(pk=draft_2025.pk).update(is_draft=False)
    assert selectors.shown_year(world.users["reporter_a"], world.district, 2025) == (2025, False)


NOTE = "2025年计划尚未发布，现显示2024年。"


@pytest.mark.parametrize("user, path", [
    ("reporter_a", "/tracking/status/"), ("district_leader", "/tracking/status/"), ("district_leader", "/dashboard/"),
])
def test_year_taking_pages_show_the_default_year_instead_of_a_draft(client, world, draft_2025, user, path):
    client.force_login(world.users[user])
    response = client.get(f"{path}?district={world.district.pk}&year=2025")
    assert response.status_code == 200
    assert response.context["year"] == 2024
    assert [str(m) for m in response.context["messages"]] == [NOTE]
    assert "市中区 · 2025" not in response.content.decode()


def test_the_office_sees_the_draft_year(client, world, draft_2025):
    client.force_login(world.users["office"])
    for path in ("/tracking/status/", "/tracking/not-reported/", "/dashboard/"):
        response = client.get(f"{path}?district={world.district.pk}&year=2025")
        assert (path, response.status_code, response.context["year"]) == (path, 200, 2025)
        assert [str(m) for m in response.context["messages"]] == []


def test_the_home_plan_page_says_the_draft_year_is_not_published(client, world, draft_2025):
    client.force_login(world.users["district_leader"])
    response = client.get(f"/?district={world.district.pk}&year=2025")
    assert response.status_code == 200
    assert response.context["plan"] == world.plan
    assert [p.year for p in response.context["plans"]] == [2024]
    assert [str(m) for m in response.context["messages"]] == [NOTE]
    client.force_login(world.users["office"])
    office = client.get(f"/?district={world.district.pk}&year=2025")
    assert office.context["plan"] == draft_2025
    assert [str(m) for m in office.context["messages"]] == []
