"""Configuration pages: rule sets and curves as forms, a preview of today's lights without saving, the history."""

from datetime import date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from duban.core.errors import ApplicationError
from duban.tracking import permissions
from duban.tracking.configuration import config_history, preview_lights
from duban.tracking.models import ItemType, ProgressCurve, RuleSet
from duban.tracking.services import curve_save, report_confirm, report_submit, rule_set_save

SH = ZoneInfo("Asia/Shanghai")
JUNE = date(2024, 6, 30)
EVEN = [str(D(i * 100 / 12).quantize(D("0.01"))) for i in range(1, 13)]


@pytest.fixture
def invested(world, settings):
    """The project has 2000万元 of its 1亿元 plan confirmed by the end of May: 20% done against 50% time progress."""
    settings.DUBAN_TODAY = "2024-06-30"
    report = report_submit(actor=world.users["reporter_a"], item_type=ItemType.PROJECT_YEAR,
                           item_id=world.project_year.pk, period_key="2024-05",
                           values={"invest_month": D(400), "invest_ytd": D(2000)},
                           at=datetime(2024, 6, 2, tzinfo=SH))
    report_confirm(actor=world.users["office"], report=report, comment="", at=datetime(2024, 6, 3, tzinfo=SH))
    return world


def _counts(preview) -> dict:
    return {light: (before, after) for light, before, after in preview.rows if before or after}


def test_a_stricter_rule_set_turns_the_project_red_in_the_preview_and_nothing_is_saved(invested):
    world = invested
    candidate = RuleSet(code="strict", name="从严", district=world.district, is_default=True,
                        config={"yellow_pp": "10", "red_pp": "25"})
    preview = preview_lights(world.district, JUNE, rule_set=candidate)
    assert _counts(preview) == {"red": (0, 1), "yellow": (1, 0), "no_data": (5, 5)}
    assert [(c.item.title, c.before, c.after) for c in preview.changes] == [("数字经济产业园", "yellow", "red")]
    assert not RuleSet.objects.filter(code="strict").exists()


def test_a_seasonal_curve_turns_the_project_green_in_the_preview(invested):
    world = invested
    months = ["2", "5", "10", "15", "20", "25", "35", "45", "60", "75", "90", "100"]
    preview = preview_lights(world.district, JUNE, curve=ProgressCurve(
        code="season", name="季节", months=months, item_type=ItemType.PROJECT_YEAR, category="产业"))
    assert _counts(preview) == {"yellow": (1, 0), "green": (0, 1), "no_data": (5, 5)}
    assert not ProgressCurve.objects.filter(code="season").exists()


def test_saving_records_who_when_before_and_after(world):
    city = world.users["city_office"]
    rule_set_save(actor=None, code="base", name="基础规则", config={"red_pp": "30"})
    rule_set_save(actor=city, code="base", name="基础规则", config={"red_pp": "25", "yellow_pp": "8"})
    with translation.override("en"):
        rows = config_history(RuleSet.objects.get(code="base"))
    assert [(r.who, r.kind, r.changes) for r in rows] == [
        ("city_office", "~", (("Yellow from (points behind)", "10", "8"), ("Red above (points behind)", "30", "25"))),
        ("(system)", "+", rows[1].changes),
    ]
    assert ("Red above (points behind)", "—", "30") in rows[1].changes


def test_a_curve_made_before_history_shows_its_old_months(world):
    ProgressCurve.objects.bulk_create([ProgressCurve(code="old", name="旧曲线", months=EVEN)])  # no history row
    curve_save(actor=world.users["city_office"], code="old", name="旧曲线",
               months=["5", "10", "20", "30", "40", "45", "55", "65", "75", "85", "95", "100"])
    with translation.override("en"):
        rows = config_history(ProgressCurve.objects.get(code="old"))
    assert rows[0].who == "city_office"
    assert rows[0].changes[:2] == (("End of month 1", "8.33%", "5%"), ("End of month 2", "16.67%", "10%"))
    assert rows[0].changes[5] == ("End of month 6", "50%", "45%")
    assert len(rows[0].changes) == 10   # September (75) and December (100) stay
    assert rows[1].who == "(system)" and rows[1].changes == ()


def test_who_may_configure(world):
    for name, page, everywhere, own in [
        ("office", True, False, True), ("city_office", True, True, True), ("admin", True, True, True),
        ("reporter_a", False, False, False), ("district_leader", False, False, False),
        ("other_office", True, False, False),
    ]:
        user = world.users[name]
        assert (permissions.can_view_config_page(user), permissions.can_configure_rules(user),
                permissions.can_configure_rules(user, world.district)) == (page, everywhere, own), name
    with pytest.raises(ApplicationError):
        curve_save(actor=world.users["office"], code="x", name="x", months=EVEN[:11] + ["100"])


# ---------------------------------------------------------------------------------------------------------
# Pages


def _rule_post(**changes) -> dict:
    data = {"name": "市中区规则", "description": "", "is_default": "on", "mode": "absolute", "yellow_pp": "10",
            "red_pp": "30", "yellow_relative": "20", "red_relative": "50", "consecutive_periods": "0",
            "consecutive_light": "red", "no_data_light": "no_data", "started_late": "on", "started_late_light": "red",
            "started_late_grace_days": "0", "not_registered": "on", "not_registered_light": "yellow",
            "not_registered_grace_days": "30", "growth_red_pp": "2", "about_tolerance_pp": "0.5",
            "level_yellow_pct": "5", "level_red_pct": "15", "rank_red_places": "2", "time_progress": "months",
            "expropriation_measure": "signed_households", "rollup_missing": "zero", "auto_order": "on",
            "auto_order_lights": ["red"], "order_deadline_days": "10", "remind_days_before": "3, 1",
            "overdue_repeat_days": "7"}
    data.update(changes)
    return data


def test_the_office_previews_and_saves_its_districts_rule_set(client, invested):
    world = invested
    client.force_login(world.users["office"])
    url = f"/tracking/config/rules/new/?district={world.district.pk}"
    assert client.get(url).status_code == 200
    page = client.post(url, _rule_post(code="szq", red_pp="25", action="preview"))
    assert page.status_code == 200 and not RuleSet.objects.filter(code="szq").exists()
    body = page.content.decode()
    assert '<td class="num" data-testid="count-before-red">0</td><td class="num" data-testid="count-after-red">1</td>' in body
    saved = client.post(url, _rule_post(code="szq", red_pp="25", action="save"))
    assert saved.status_code == 302 and saved["Location"] == "/tracking/config/rules/szq/"
    rule_set = RuleSet.objects.get(code="szq")
    assert (rule_set.district, rule_set.is_default, rule_set.config["red_pp"], rule_set.config["remind_days_before"]) == (
        world.district, True, "25", [3, 1])
    history = client.get("/tracking/config/rules/szq/")
    assert history.content.decode().count('data-testid="config-history-row"') == 1
    assert history.context["history"][0].who == "office"


def test_rule_set_form_checks_thresholds(client, world):
    client.force_login(world.users["office"])
    page = client.post("/tracking/config/rules/new/", _rule_post(code="bad", yellow_pp="20", red_pp="10", action="save"))
    assert page.status_code == 200 and list(page.context["form"].errors) == ["red_pp"]
    page = client.post("/tracking/config/rules/new/", _rule_post(code="bad", remind_days_before="3, x", action="save"))
    assert list(page.context["form"].errors) == ["remind_days_before"]
    assert not RuleSet.objects.filter(code="bad").exists()


def test_curve_form_checks_shape_and_saves_for_the_city_office(client, world):
    client.force_login(world.users["city_office"])
    months = {f"m{i}": v for i, v in enumerate(EVEN, start=1)}
    falling = {**months, "m5": "10"}
    page = client.post("/tracking/config/curves/new/", {"code": "c1", "name": "曲线", **falling, "action": "save"})
    assert list(page.context["form"].errors) == ["m5"]
    short = {**months, "m12": "99"}
    page = client.post("/tracking/config/curves/new/", {"code": "c1", "name": "曲线", **short, "action": "save"})
    assert list(page.context["form"].errors) == ["m12"]
    assert not ProgressCurve.objects.filter(code="c1").exists()
    page = client.post("/tracking/config/curves/new/", {"code": "c1", "name": "曲线", **months, "action": "save"})
    assert page.status_code == 302
    assert ProgressCurve.objects.get(code="c1").months == EVEN


def test_config_pages_refuse_who_may_not(client, world):
    RuleSet.objects.create(code="everywhere", name="通用", config={})
    ProgressCurve.objects.create(code="c", name="c", months=EVEN)
    for name, expected in [("reporter_a", (403, 403, 403)), ("district_leader", (403, 403, 403)),
                           ("office", (200, 403, 403)), ("city_office", (200, 200, 200))]:
        client.force_login(world.users[name])
        got = tuple(client.get(url).status_code for url in
                    ("/tracking/config/", "/tracking/config/rules/everywhere/", "/tracking/config/curves/c/"))
        assert got == expected, name


# ---------------------------------------------------------------------------------------------------------
# Rubrics


def _rubric_post(rows: list[dict], **extra) -> dict:
    data = {"name": "季度评议", "description": "", "bonus_max": "5", "deduction_max": "10",
            "items-TOTAL_FORMS": str(len(rows)), "items-INITIAL_FORMS": "0", "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "30"}
    for i, row in enumerate(rows):
        data.update({f"items-{i}-{k}": v for k, v in row.items()})
    data.update(extra)
    return data


COMPLETION = {"code": "completion", "label": "完成率", "kind": "per_point", "metric": "completion_pct",
              "points_per_pp": "0.6", "max": "60", "min": "0"}
PACE = {"code": "pace", "label": "时序进度", "kind": "bands", "metric": "gap_pp", "steps": "0:40; -10:25; -30:10",
        "otherwise": "0"}


def test_the_city_office_previews_and_saves_a_rubric_with_its_history(client, invested):
    world = invested
    client.force_login(world.users["city_office"])
    url = f"/tracking/config/rubrics/new/?district={world.district.pk}&date=2024-06-30"
    preview = client.post(url, _rubric_post([COMPLETION, PACE], code="quarter", action="preview"))
    assert preview.status_code == 200 and preview.context["top"] == D(100)
    # unit A leads the project (20% done, 30 points behind: 12 + 10 points) and the task without figures (0% and no gap)
    assert [(s.name, s.after_total, s.after_rank) for s in preview.context["scores"]] == [
        ("区发改局", D("16.00"), 1), ("区住建局", D("0.00"), 2)]
    saved = client.post(url, _rubric_post([COMPLETION, PACE], code="quarter", action="save"))
    assert saved.status_code == 302
    from duban.tracking.models import Rubric

    rubric = Rubric.objects.get(code="quarter")
    assert rubric.config == {"items": [
        {"code": "completion", "label": "完成率", "kind": "per_point", "metric": "completion_pct",
         "points_per_pp": "0.6", "min": "0", "max": "60"},
        {"code": "pace", "label": "时序进度", "kind": "bands", "metric": "gap_pp",
         "bands": [{"from": "0", "points": "40"}, {"from": "-10", "points": "25"}, {"from": "-30", "points": "10"}],
         "else": "0"}], "bonus_max": "5", "deduction_max": "10"}
    page = client.get("/tracking/config/rubrics/quarter/")
    assert page.status_code == 200 and page.context["history"][0].who == "city_office"
    assert client.post("/tracking/config/rubrics/quarter/", _rubric_post(
        [COMPLETION, {**PACE, "steps": "0:40; -10:30"}], action="save")).status_code == 302
    with translation.override("en"):
        rows = config_history(Rubric.objects.get(code="quarter"))
    assert rows[0].changes == (("时序进度（pace） · Bands or rank table", "0:40; -10:25; -30:10", "0:40; -10:30"),)


def test_rubric_form_says_what_is_wrong(client, world):
    client.force_login(world.users["city_office"])
    url = "/tracking/config/rubrics/new/"
    page = client.post(url, _rubric_post([COMPLETION, {**PACE, "steps": "-10:25; 0:40"}], code="r", action="save"))
    assert page.context["criteria"].errors[1] == {"steps": ["请从最高的数值开始，依次向下填写分档。"]}
    page = client.post(url, _rubric_post([COMPLETION, {**PACE, "code": "completion"}], code="r", action="save"))
    assert page.context["criteria"].non_form_errors() == ["每个细则项需要不同的编号；重复的：completion"]
    page = client.post(url, _rubric_post([{**COMPLETION, "points_per_pp": ""}], code="r", action="save"))
    assert page.context["criteria"].errors[0] == {"points_per_pp": ["此计分方式需要填写此项。"]}
    from duban.tracking.models import Rubric

    assert not Rubric.objects.filter(code="r").exists()
    client.force_login(world.users["office"])
    assert client.get(url).status_code == 403
