"""The review flow in a real browser: upload a short report, accept two items, edit one, reject one;
the created-records page then shows exactly the three accepted ones, each with its source."""

import os
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from duban.ingest.models import SourceDocument
from duban.plans.models import Task

from ingest_review_data import REPORT, build_world

pytestmark = [pytest.mark.browser]


def _shot(page, name: str) -> None:
    """Screenshots for a person to look at, when DUBAN_SCREENSHOTS names a folder."""
    folder = os.environ.get("DUBAN_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"ingest_review_{name}.png"), full_page=True)


def _row(page, quote: str):
    return page.locator(f'li.cand[data-quote="{quote}"]')


def test_upload_accept_edit_reject_then_the_records_show_exactly_the_accepted(
    transactional_db, live_server, run_in_browser
):
    world = build_world()
    client = Client()
    client.force_login(world.users["office"])
    session = client.cookies["sessionid"].value
    run_in_browser(lambda page: _review_flow(page, live_server, session))
    assert sorted(Task.objects.values_list("title", "target_value", "target_unit")) == [
        ("启动25条市政道路建设", Decimal("25"), "条"),
        ("城镇新增就业1.76万人", Decimal("18000"), "人"),
        ("新建日间照料中心13处", Decimal("13"), "处"),
    ]
    assert set(Task.objects.values_list("plan__year", flat=True)) == {2024}
    assert dict(SourceDocument.objects.get().candidates.values_list("quote", "status")) == {
        "1161.7亿元": "rejected", "5.1%": "pending", "1.76万人": "edited", "25条": "accepted", "13处": "accepted",
    }


def _review_flow(page, live_server, session: str) -> None:
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])

    page.goto(live_server.url + reverse("ingest:upload"))
    page.fill("textarea[name=text]", REPORT)
    page.click("[data-testid=upload-form] button[type=submit]")
    page.wait_for_selector("[data-testid=doc-text] mark")
    # No database access in this thread: what the test needs is read from the page.
    assert re.fullmatch(re.escape(live_server.url) + r"/ingest/\d+/", page.url)
    assert page.locator("[data-testid=doc-text] mark").count() == 5
    assert page.inner_text("[data-testid=doc-text]").strip() == REPORT.strip()

    for quote in ("25条", "13处"):
        _row(page, quote).locator("button.accept").click()
        page.wait_for_selector(f'li.cand.st-accepted[data-quote="{quote}"]')

    _row(page, "1.76万人").locator("a.edit").click()
    page.wait_for_selector('li.cand.editing[data-quote="1.76万人"] form')
    _shot(page, "edit")
    page.fill("li.cand.editing input[name=value]", "18000")
    page.fill("li.cand.editing input[name=metric]", "城镇新增就业人数")
    page.click("[data-testid=edit-accept]")
    page.wait_for_selector('li.cand.st-edited[data-quote="1.76万人"]')

    _row(page, "1161.7亿元").locator("button.reject").click()
    page.wait_for_selector('li.cand.st-rejected[data-quote="1161.7亿元"]')

    _shot(page, "review")
    marks = {
        quote: page.get_attribute(f"#mark-{_row(page, quote).get_attribute('data-id')}", "class")
        for quote in ("25条", "13处", "1.76万人", "1161.7亿元", "5.1%")
    }
    assert marks == {"25条": "st-accepted", "13处": "st-accepted", "1.76万人": "st-edited",
                     "1161.7亿元": "st-rejected", "5.1%": "st-pending"}

    page.click("[data-testid=records-link]")
    page.wait_for_selector("[data-testid=records]")
    rows = page.locator("[data-testid=record-row]")
    assert rows.count() == 3
    _shot(page, "records")
    sources = page.locator("[data-testid=source]").all_inner_texts()
    assert sources == [
        "据2024年政府工作报告第5段：「城镇新增就业1.76万人」",
        "据2024年政府工作报告第5段：「启动25条市政道路建设」",
        "据2024年政府工作报告第5段：「新建日间照料中心13处」",
    ]
