"""A unit reports a milestone and a problem in its monthly report; the office confirms; the project page shows the
milestone's actual date and the problem; past the deadline the problem escalates to the unit's leader
(``unitlead`` of tests/web/web_world.py sees it among their notifications, on a phone too)."""

import os
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.core.management import call_command
from web_world import PASSWORD, make_user

from duban.org.models import Role
from duban.projects.models import Milestone, PlanType, Project, ProjectLevel, ProjectYear, Stage
from duban.projects.services import project_milestones_set
from duban.tracking.models import Problem, Report, ReportState

pytestmark = pytest.mark.browser
#: Set to a folder to keep screenshots of the report form, the item page and the problem list.
SCREENSHOT_DIR = os.environ.get("DUBAN_SCREENSHOT_DIR")


def _shot(page, name: str) -> None:
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOT_DIR) / f"{name}.png"), full_page=True)


@pytest.fixture
def world(browser_world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.DUBAN_TODAY = "2024-07-02"
    housing = browser_world.housing_bureau
    project = Project.objects.create(district=browser_world.district, code="P7", name="七贤安置房", lead_unit=housing,
                                     stage=Stage.UNDER_CONSTRUCTION, actual_start=date(2023, 9, 1))
    project_year = ProjectYear.objects.create(project=project, year=2024, plan_type=PlanType.CONTINUING,
                                              level=ProjectLevel.DISTRICT, annual_plan=D(20000))
    project_milestones_set(project=project, milestones=[
        ("施工许可", date(2023, 8, 1), date(2023, 8, 20)), ("主体封顶", date(2024, 6, 30), None),
        ("竣工", date(2024, 12, 31), None)])
    make_user("housing_reporter", (housing, Role.UNIT_REPORTER))
    browser_world.project_year = project_year
    return browser_world


def test_a_unit_reports_a_milestone_and_a_problem_which_escalates_when_overdue(world, logged_in_page, live_server,
                                                                               settings):
    url, item = live_server.url, f"/tracking/items/project_year/{world.project_year.pk}"
    topped = Milestone.objects.get(name="主体封顶")

    reporter = logged_in_page("housing_reporter", PASSWORD)
    reporter.goto(f"{url}{item}/report/?period=2024-06")
    reporter.fill("#id_invest_month", "1500")
    reporter.fill("#id_invest_ytd", "1500")
    reporter.fill("#id_physical_progress", "20个楼座封顶")
    assert reporter.locator(f"label[for=id_milestone_{topped.pk}]").inner_text() == "节点完成日期：主体封顶:"
    reporter.fill(f"#id_milestone_{topped.pk}", "2024-06-20")
    reporter.fill("#id_problem_description", "施工用地尚未移交")
    reporter.select_option("#id_problem_owner", label="区住房城乡建设局")
    reporter.fill("#id_problem_deadline", "2024-07-10")
    _shot(reporter, "problems-report-form")
    with reporter.expect_navigation():
        reporter.click("[data-testid=report-form] button[type=submit]")
    assert "已提交" in reporter.inner_text(".messages")
    assert Problem.objects.count() == 0          # tracked once the office confirms

    office = logged_in_page("office", PASSWORD)
    office.goto(f"{url}/tracking/review/")
    row = office.locator("[data-testid=review-queue] tbody tr", has_text="七贤安置房")
    report_id = row.get_attribute("id")
    row.get_by_role("button", name="确认", exact=True).click()
    office.locator(f"#{report_id}[data-state]").wait_for()
    assert Report.objects.get().state == ReportState.CONFIRMED

    office.goto(f"{url}{item}/")
    milestones = office.locator("[data-testid=milestones] tbody tr", has_text="主体封顶")
    assert milestones.locator("td").nth(2).inner_text() == "2024年6月20日"
    assert office.inner_text("[data-testid=physical-progress]") == "20个楼座封顶"
    problem_row = office.locator("[data-testid=item-problems] tbody tr").first
    assert problem_row.locator("td").nth(0).inner_text() == "施工用地尚未移交"
    assert problem_row.locator("td").nth(1).inner_text() == "区住房城乡建设局"
    assert problem_row.locator("td").nth(3).inner_text() == "2024年7月10日"
    assert problem_row.locator("td").nth(4).inner_text() == "未解决"
    _shot(office, "problems-item-page")

    # The daily task runs on 11 July, the first day past the deadline.
    settings.DUBAN_TODAY = "2024-07-11"
    call_command("escalate_problems", "--date", "2024-07-11", stdout=open("/dev/null", "w"))
    leader = logged_in_page("unitlead", PASSWORD)
    for width, height in ((1440, 900), (390, 844)):
        leader.set_viewport_size({"width": width, "height": height})
        leader.goto(f"{url}/tracking/notifications/")
        note = leader.locator("[data-testid=notifications] li", has_text="问题已逾期1天")
        assert note.locator("a").inner_text() == "问题已逾期1天：施工用地尚未移交"
        assert note.locator("a").is_visible()
    with leader.expect_navigation():
        note.locator("a").click()
    listed = leader.locator("[data-testid=problem-list] tbody tr", has_text="施工用地尚未移交")
    assert listed.locator("[data-testid=overdue]").inner_text() == "逾期1天"
    _shot(leader, "problems-list-390")
