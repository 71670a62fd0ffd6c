"""A leader's written instruction registered by the office becomes a tracked task, then gets a supervision order."""

from datetime import timedelta

import pytest
from world_builders import build_world
from django.utils import timezone

from duban.plans.models import Task
from duban.tracking.models import SupervisionOrder

pytestmark = pytest.mark.browser
PASSWORD = "pw-12345678"


@pytest.fixture
def world(transactional_db):
    return build_world()


def test_a_leaders_instruction_becomes_a_tracked_item_with_an_order(world, logged_in_page, live_server):
    url = live_server.url
    office = logged_in_page("office", PASSWORD)
    office.goto(f"{url}/tracking/supervised-work/?year=2024&date=2024-06-30")
    form = office.locator("[data-testid=register-form]")
    form.locator("#id_source_kind").select_option(label="领导批示")
    form.locator("#id_title").fill("落实区长批示：加快党家片区学校建设")
    form.locator("#id_source_ref").fill("市中政批〔2024〕12号")
    form.locator("#id_source_date").fill("2024-03-05")
    form.locator("#id_source_person").fill("区长")
    form.locator("#id_lead_unit").select_option(label="区发改局")
    form.get_by_label("区住建局").check()
    with office.expect_navigation():
        form.get_by_role("button", name="登记").click()
    task = Task.objects.get(source_kind="instruction")
    assert office.inner_text("ul.messages") == f"已登记为PS2024-001“{task.title}”，可填报进展和督办。"
    row = office.locator("[data-testid=supervised-work] tbody tr", has_text="PS2024-001")
    assert "领导批示" in row.inner_text() and "市中政批〔2024〕12号 · 区长 · 2024年3月5日" in row.inner_text()
    summary = office.locator("[data-testid=source-summary] tr[data-kind=instruction] td").all_inner_texts()
    assert summary[:2] == ["领导批示", "1"]

    deadline = timezone.localdate() + timedelta(days=10)
    office.goto(f"{url}/tracking/orders/new/?item_type=task&item_id={task.pk}")
    assert office.input_value("#id_title") == "关于“落实区长批示：加快党家片区学校建设”的督办单"
    office.fill("#id_content", "请按批示要求于期限内报送进展")
    office.fill("#id_deadline", deadline.isoformat())
    with office.expect_navigation():
        office.click("[data-testid=order-form] button[type=submit]")
    order = SupervisionOrder.objects.get()
    assert (order.item_type, order.item_id) == ("task", task.pk)
    assert [(u.organisation.name, u.role) for u in order.units.all()] == [("区发改局", "lead")]
