"""Keyboard review in a real browser on a short report: r rejects and moves on, j moves, a accepts with the
suggested unit in one keystroke, e opens the edit form on the lead unit and Enter accepts the choice,
Shift+A accepts the rest of the section."""

import pytest
from django.test import Client
from django.urls import reverse

from duban.ingest import services
from duban.org.models import UnitRole
from duban.plans.models import Plan, TaskUnit

from ingest_review_data import REPORT, add_units, build_world

pytestmark = [pytest.mark.browser]


def test_keyboard_review_of_a_short_report(transactional_db, live_server, run_in_browser):
    world = build_world()
    units = add_units(world.district)
    document = services.document_upload(district=world.district, user=world.users["office"], text=REPORT).document
    ids = dict(document.candidates.values_list("quote", "pk"))
    client = Client()
    client.force_login(world.users["office"])
    session = client.cookies["sessionid"].value
    url = live_server.url + reverse("ingest:review", args=[document.pk])
    run_in_browser(lambda page: _keys(page, url, session, ids, live_server.url, units["civil"].pk))

    statuses = dict(document.candidates.values_list("quote", "status"))
    assert statuses == {"1161.7亿元": "rejected", "5.1%": "pending", "1.76万人": "accepted", "25条": "accepted",
                        "13处": "accepted"}
    leads = dict(TaskUnit.objects.filter(role=UnitRole.LEAD).values_list("task__target_text", "organisation__name"))
    assert leads == {"1.76万人": "市中区人力资源和社会保障局", "25条": "市中区民政局", "13处": "市中区民政局"}
    assert Plan.objects.get(year=2024).is_draft


def _current(page) -> str:
    return page.get_attribute("li.cand.kb-current", "data-quote")


def _keys(page, url: str, session: str, ids: dict, base: str, civil_pk: int) -> None:
    page.set_viewport_size({"width": 1440, "height": 900})
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": base}])
    page.goto(url)
    page.wait_for_selector("li.cand.kb-current")
    assert _current(page) == "1161.7亿元"
    assert page.is_visible("[data-testid=keys-help]")

    page.keyboard.press("r")
    page.wait_for_selector('li.cand.st-rejected[data-quote="1161.7亿元"]')
    page.wait_for_selector('li.cand.kb-current[data-quote="5.1%"]')

    page.keyboard.press("j")
    assert _current(page) == "1.76万人"
    row = page.locator('li.cand[data-quote="1.76万人"]')
    assert "市中区人力资源和社会保障局" in row.inner_text() and "关键词：就业" in row.inner_text()
    page.keyboard.press("a")                       # one keystroke: accepted with the suggested unit
    page.wait_for_selector('li.cand.st-accepted[data-quote="1.76万人"]')
    page.wait_for_selector('li.cand.kb-current[data-quote="25条"]')

    page.keyboard.press("e")
    page.wait_for_selector('li.cand.editing[data-quote="25条"] select[name=lead_unit]')
    page.wait_for_selector("li.cand.editing select[name=lead_unit]:focus")
    page.select_option('li.cand.editing select[name=lead_unit]', str(civil_pk))
    page.keyboard.press("Enter")
    page.wait_for_selector('li.cand.st-accepted[data-quote="25条"]')
    page.wait_for_selector('li.cand.kb-current[data-quote="13处"]')

    page.keyboard.press("k")
    page.keyboard.press("j")
    assert _current(page) == "13处"
    page.keyboard.press("Shift+A")                 # the section's remaining open item
    page.wait_for_selector('li.cand.st-accepted[data-quote="13处"]')
    assert page.is_visible("[data-testid=plan-state] [data-testid=publish]")
