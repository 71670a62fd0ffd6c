"""A lead in the browser: a unit reports it, the key-project office assesses, reviews, signs, registers it as a
project and records the start; the funnel shows it."""

import pytest
from django.utils import timezone
from factories import make_member

from duban.org.models import Organisation, OrgKind, Role
from duban.projects.models import Lead, Project

pytestmark = pytest.mark.browser
PASSWORD = "pw-pipeline-1"


@pytest.fixture
def world(transactional_db):
    district = Organisation.objects.create(name="市中区", kind=OrgKind.DISTRICT)
    unit = Organisation.objects.create(name="区投资促进局", kind=OrgKind.DEPARTMENT, parent=district)
    office = Organisation.objects.create(name="区重点项目服务中心", kind=OrgKind.OFFICE, parent=district)
    make_member("tc", (unit, Role.UNIT_REPORTER), password=PASSWORD)
    make_member("zdb", (office, Role.PROJECT_OFFICE), password=PASSWORD)
    return district, unit


def _step(page, testid: str, fields: dict, button: str) -> None:
    form = page.locator(f"[data-testid={testid}]")
    for selector, value in fields.items():
        if selector.startswith("select:"):
            form.locator(selector[7:]).select_option(label=value)
        else:
            form.locator(selector).fill(value)
    with page.expect_navigation():
        form.get_by_role("button", name=button).click()


def test_a_lead_goes_from_report_to_signed_to_started(world, logged_in_page, live_server):
    district, unit = world
    url = live_server.url
    reporter = logged_in_page("tc", PASSWORD)
    reporter.goto(f"{url}/projects/pipeline/")
    _step(reporter, "lead-form", {"#id_title": "数字文创产业园", "#id_investor": "某文化集团", "#id_amount": "50000",
                                  "select:#id_reporting_unit": "区投资促进局"}, "报送线索")
    lead = Lead.objects.get()
    assert reporter.inner_text("[data-testid=lead-state]") == "已报送"
    assert reporter.locator("[data-testid=step-assess]").count() == 0  # a unit reports, the office decides

    office = logged_in_page("zdb", PASSWORD)
    office.goto(f"{url}/projects/leads/{lead.pk}/")
    _step(office, "step-assess", {"#assessment": "符合数字经济产业方向"}, "保存研判意见")
    _step(office, "step-review", {"#expert_opinion": "技术可行", "#joint_review_opinion": "同意引进",
                                  "select:#decision": "同意"}, "登记评审结论")
    today = timezone.localdate()
    _step(office, "step-sign", {"#contract_amount": "48000", "#signed_on": today.isoformat()}, "登记签约")
    assert office.inner_text("[data-testid=lead-state]") == "已签约"
    _step(office, "step-register", {"#code": f"SZ-{today.year}-L01", "select:#lead_unit": "区投资促进局"}, "入库为储备项目")
    # the 前期 procedure: the office plans the construction permit, no start before it, the unit records it done
    _step(office, "step-procedure", {"select:#kind": "施工许可", "select:#unit": "区投资促进局",
                                     "#planned_date": today.isoformat()}, "安排手续")
    assert office.locator("[data-testid=procedures] tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.children].slice(0, 3).map(c => c.innerText))") == [
        ["施工许可", "区投资促进局", f"{today.year}年{today.month}月{today.day}日"]]
    _step(office, "step-start", {"#started_on": today.isoformat()}, "登记开工")
    assert "取得施工许可前不能开工" in office.inner_text("main")
    reporter.goto(f"{url}/projects/leads/{lead.pk}/")
    row = reporter.locator("[data-testid=procedures] tbody tr[data-kind=construction]")
    row.locator("input[type=date]").fill(today.isoformat())
    with reporter.expect_navigation():
        row.get_by_role("button", name="登记办结").click()
    assert row.locator("td").nth(3).inner_text() == f"{today.year}年{today.month}月{today.day}日"
    _step(office, "step-start", {"#started_on": today.isoformat()}, "登记开工")
    assert office.inner_text("[data-testid=lead-project]") == (
        f"SZ-{today.year}-L01 · 开工（{today.year}年{today.month}月{today.day}日）")
    project = Project.objects.get()
    assert (project.stage, project.actual_start, project.total_investment) == ("started", today, 48000)

    office.goto(f"{url}/projects/pipeline/")
    funnel = dict(office.locator("[data-testid=pipeline-funnel] tbody tr").evaluate_all(
        "rows => rows.map(r => [r.dataset.state, r.children[1].innerText])"))
    assert funnel == {"reported": "0", "assessed": "0", "reviewed": "0", "signed": "0", "registered": "1", "dropped": "0"}
    assert office.inner_text("[data-testid=pipeline-rate]") == "线索签约率：100.00% · 谋划储备项目数：0"
    stages = office.locator("[data-testid=pipeline-stages] tbody tr").evaluate_all(
        "rows => rows.map(r => [r.dataset.stage, ...[...r.children].slice(1).map(c => c.innerText)])")
    assert stages == [["reported", "1", "50,000", "—", "100.00%"], ["assessed", "1", "50,000", "100.00%", "100.00%"],
                      ["reviewed", "1", "50,000", "100.00%", "100.00%"], ["signed", "1", "50,000", "100.00%", "100.00%"],
                      ["registered", "1", "50,000", "100.00%", "100.00%"], ["started", "1", "50,000", "100.00%", "100.00%"]]
    assert office.locator("[data-testid=pipeline-units] tbody tr").first.inner_text().split("\t") == [
        "区投资促进局", "1", "50,000", "1", "48,000", "100.00%"]
    assert office.locator("[data-testid=pipeline-procedures] tbody tr").count() == 1
    # on a phone the pipeline's tables scroll inside their frame, the page itself does not scroll sideways
    for path in ("/projects/pipeline/", f"/projects/leads/{lead.pk}/"):
        office.set_viewport_size({"width": 390, "height": 844})
        office.goto(f"{url}{path}")
        assert not office.evaluate("document.documentElement.scrollWidth > window.innerWidth"), path
