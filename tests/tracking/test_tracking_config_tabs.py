"""Configuration pages as a browser uses them: the form sent back as the page shows it (a blank extra criterion
row included), and two tabs saving the same rule set, curve, rubric or tasks (the second gets both versions)."""

from decimal import Decimal as D
from html.parser import HTMLParser

from django.utils import translation

from duban.core.conflicts import ConflictError, edit_version
from duban.plans.models import Task
from duban.tracking.models import ProgressCurve, Rubric, RuleSet
from duban.tracking.services import Assignment, curve_save, rubric_save, rule_set_save, task_bulk_assign

EVEN = [str(D(i * 100 / 12).quantize(D("0.01"))) for i in range(1, 13)]


class _Form(HTMLParser):
    """What a browser submits from the form with ``data-testid``: text fields as shown, checked boxes, and each
    select's selected option or else its first one (no button: the test adds the action)."""

    def __init__(self, testid: str):
        super().__init__()
        self.testid, self.inside, self.data = testid, False, []
        self.select, self.options, self.textarea = None, [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("data-testid") == self.testid
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.append((a["name"], a.get("value", "on")))
            else:
                self.data.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self.select, self.options = a, []
        elif tag == "option" and self.select is not None:
            self.options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self.textarea = [a["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            chosen = [v for v, selected in self.options if selected]
            if not chosen and self.options and "multiple" not in self.select:
                chosen = [self.options[0][0]]
            self.data.extend((self.select["name"], v) for v in chosen)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.data.append((self.textarea[0], self.textarea[1].removeprefix("\n")))
            self.textarea = None


def browser_form(page, testid: str, **changes) -> dict:
    parser = _Form(testid)
    parser.feed(page.content.decode())
    data: dict = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    data.update({k: [v] if isinstance(v, str) else v for k, v in changes.items()})
    return data


RUBRIC = {"items": [
    {"code": "completion", "label": "完成率", "kind": "per_point", "metric": "completion_pct", "points_per_pp": "0.4",
     "min": "0", "max": "40"},
    {"code": "pace", "label": "时序进度", "kind": "bands", "metric": "gap_pp",
     "bands": [{"from": "0", "points": "40"}, {"from": "-10", "points": "25"}], "else": "0"},
    {"code": "manual", "label": "领导评议", "kind": "manual", "weight": "0.2", "max": "100"}]}


def test_a_rubric_sent_back_as_the_browser_shows_it_saves_and_keeps_the_untouched_criteria(client, world):
    rubric_save(actor=None, code="half-year", name="半年考核细则", config=RUBRIC)
    client.force_login(world.users["city_office"])
    url = "/tracking/config/rubrics/half-year/"
    page = client.get(url)
    sent = browser_form(page, "rubric-form", **{"items-0-points_per_pp": "0.5", "action": "save"})
    # the blank fourth row goes with the first option of its select, as a browser sends it
    assert (sent["items-TOTAL_FORMS"], sent["items-3-code"], sent["items-3-kind"]) == (["4"], [""], ["per_point"])
    saved = client.post(url, sent)
    assert saved.status_code == 302, saved.context["criteria"].errors
    assert Rubric.objects.get(code="half-year").config == {"items": [
        {**RUBRIC["items"][0], "points_per_pp": "0.5"}, RUBRIC["items"][1], RUBRIC["items"][2]]}
    preview = client.post(url + f"?district={world.district.pk}&date=2024-06-30",
                          browser_form(client.get(url), "rubric-form", action="preview"))
    assert preview.status_code == 200 and preview.context["scores"] is not None


def test_rubric_history_names_each_setting_of_each_criterion(client, world):
    rubric_save(actor=None, code="half-year", name="半年考核细则", config=RUBRIC)
    client.force_login(world.users["city_office"])
    url = "/tracking/config/rubrics/half-year/"
    client.post(url, browser_form(client.get(url), "rubric-form", **{
        "items-0-points_per_pp": "0.5", "items-1-steps": "0:40; -10:30", "action": "save"}))
    page = client.get(url)
    assert [list(r.changes) for r in page.context["history"]][0] == [
        ("完成率（completion） · 每个百分点得分", "0.4", "0.5"),
        ("时序进度（pace） · 分档或名次表", "0:40; -10:25", "0:40; -10:30")]
    body = page.content.decode()
    assert "完成率（completion） · 每个百分点得分：0.4 → 0.5" in body and '{"kind"' not in body


def test_the_config_index_lists_rubrics_by_name_without_their_code(client, world):
    rubric_save(actor=None, code="annual", name="年度考核细则", config=RUBRIC)
    client.force_login(world.users["city_office"])
    body = client.get("/tracking/config/").content.decode()
    assert '<a href="/tracking/config/rubrics/annual/">年度考核细则</a></li>' in body
    assert "(annual)" not in body


def _rule_set(world) -> RuleSet:
    return rule_set_save(actor=None, code="default", name="默认规则", district=world.district, is_default=True,
                         config={"yellow_pp": "10", "red_pp": "30"})


def test_a_second_tab_saving_a_rule_set_gets_both_versions_and_loses_nothing(client, world):
    _rule_set(world)
    client.force_login(world.users["office"])
    url = "/tracking/config/rules/default/"
    tab_a, tab_b = client.get(url), client.get(url)
    assert client.post(url, browser_form(tab_a, "rule-set-form", yellow_pp="8", action="save")).status_code == 302
    second = client.post(url, browser_form(tab_b, "rule-set-form", red_pp="35", action="save"))
    assert second.status_code == 409
    saved = RuleSet.objects.get(code="default")
    assert (saved.config["yellow_pp"], saved.config["red_pp"]) == ("8", "30")
    assert [(r.label, r.yours, r.current) for r in second.context["conflict"].rows if r.differs] == [
        ("黄灯起点（落后百分点）", "10", "8"), ("红灯（落后超过百分点）", "35", "30")]
    body = second.content.decode()
    assert "此记录已被他人修改" in body and 'data-testid="conflict"' in body
    again = browser_form(second, "rule-set-form", action="save")
    assert (again["red_pp"], again["yellow_pp"], again["edit_version"]) == (["35"], ["10"], [edit_version(saved)])
    assert client.post(url, again).status_code == 302  # sent again on purpose: tab B's version wins
    saved.refresh_from_db()
    assert (saved.config["yellow_pp"], saved.config["red_pp"]) == ("10", "35")


def test_a_preview_keeps_the_version_the_form_was_opened_on(client, world):
    rule_set = _rule_set(world)
    client.force_login(world.users["office"])
    url = f"/tracking/config/rules/default/?district={world.district.pk}&date=2024-06-30"
    opened = edit_version(rule_set)
    preview = client.post(url, browser_form(client.get(url), "rule-set-form", red_pp="25", action="preview"))
    assert browser_form(preview, "rule-set-form")["edit_version"] == [opened]


def test_a_second_tab_saving_a_curve_or_a_rubric_gets_a_conflict(client, world):
    curve = curve_save(actor=None, code="even", name="均匀", months=EVEN)
    client.force_login(world.users["city_office"])
    url = "/tracking/config/curves/even/"
    tab_a, tab_b = client.get(url), client.get(url)
    assert client.post(url, browser_form(tab_a, "curve-form", m6="45", action="save")).status_code == 302
    second = client.post(url, browser_form(tab_b, "curve-form", name="均匀进度", action="save"))
    assert second.status_code == 409
    with translation.override("en"):
        assert [(r.yours, r.current) for r in second.context["conflict"].rows if r.differs] == [
            ("均匀进度", "均匀"), ("50%", "45%")]
    assert ProgressCurve.objects.get(pk=curve.pk).months[5] == "45"

    rubric_save(actor=None, code="half-year", name="半年考核细则", config=RUBRIC)
    url = "/tracking/config/rubrics/half-year/"
    tab_a, tab_b = client.get(url), client.get(url)
    assert client.post(url, browser_form(tab_a, "rubric-form", **{"items-0-max": "50", "action": "save"})
                       ).status_code == 302
    second = client.post(url, browser_form(tab_b, "rubric-form", **{"items-0-points_per_pp": "0.5",
                                                                    "action": "save"}))
    assert second.status_code == 409
    assert [(r.label, r.yours, r.current) for r in second.context["conflict"].rows if r.differs] == [
        ("完成率（completion） · 每个百分点得分", "0.5", "0.4"), ("完成率（completion） · 最高分", "40", "50")]
    assert Rubric.objects.get(code="half-year").config["items"][0] == {**RUBRIC["items"][0], "max": "50"}


def test_services_refuse_a_stale_version_and_accept_none(world):
    rule_set = _rule_set(world)
    stale = edit_version(rule_set)
    rule_set_save(actor=None, code="default", name="默认规则", district=world.district, is_default=True,
                  config={"yellow_pp": "8", "red_pp": "30"}, expected_version=stale)
    try:
        rule_set_save(actor=None, code="default", name="默认规则", district=world.district, is_default=True,
                      config={"yellow_pp": "10", "red_pp": "35"}, expected_version=stale)
    except ConflictError as error:
        assert error.current_version == edit_version(RuleSet.objects.get(code="default"))
    else:
        raise AssertionError("no conflict")
    rule_set_save(actor=None, code="default", name="默认规则", district=world.district, is_default=True,
                  config={"yellow_pp": "10", "red_pp": "35"})
    assert RuleSet.objects.get(code="default").config == {"yellow_pp": "10", "red_pp": "35"}


def _assign_url(world) -> str:
    return f"/tracking/assign/?district={world.district.pk}&year=2024"


def test_a_second_tab_confirming_an_assignment_gets_the_tasks_changed_since_its_preview(client, world):
    client.force_login(world.users["office"])
    url = _assign_url(world)
    chosen = {"task": [str(world.task.pk), str(world.task_pct.pk)], "action": "preview"}
    tab_a = client.post(url, {**chosen, "weight": "2.5"})
    tab_b = client.post(url, {**chosen, "weight": "3"})
    assert tab_a.status_code == tab_b.status_code == 200
    assert client.post(url, browser_form(tab_a, "assign-form", action="confirm")).status_code == 302
    second = client.post(url, browser_form(tab_b, "assign-form", action="confirm"))
    assert second.status_code == 409
    assert sorted(Task.objects.filter(pk__in=[world.task.pk, world.task_pct.pk]).values_list("weight", flat=True)) == [
        D("2.500"), D("2.500")]
    rows = second.context["conflict"].rows
    assert [r.label for r in rows] == ["T1 新建学校5所", "T2 优化营商环境"]
    assert "权重：2.5" in rows[0].current and rows[0].yours == "与您预览时一致"
    # the preview is shown again from how the tasks stand now: old 2.5, new 3
    assert [[(c.field, c.before, c.after) for c in change.changes] for change in second.context["preview"]] == [
        [("权重", "2.5", "3")], [("权重", "2.5", "3")]]
    assert client.post(url, browser_form(second, "assign-form", action="confirm")).status_code == 302
    assert Task.objects.get(pk=world.task.pk).weight == D("3.000")


def test_a_change_of_units_since_the_preview_is_a_conflict_too(client, world):
    client.force_login(world.users["office"])
    url = _assign_url(world)
    preview = client.post(url, {"task": [str(world.task.pk)], "action": "preview", "weight": "4"})
    task_bulk_assign(actor=world.users["office"], district=world.district, tasks=[world.task],
                     assignment=Assignment(lead_unit=world.unit_c))
    second = client.post(url, browser_form(preview, "assign-form", action="confirm"))
    assert second.status_code == 409 and [r.label for r in second.context["conflict"].rows] == ["T1 新建学校5所"]
    assert Task.objects.get(pk=world.task.pk).weight == D("1.000")


def test_every_shipped_rubric_sent_back_unchanged_from_the_browser_saves_as_it_was(client, world):
    from duban.demo.data.reviews import RUBRIC as REVIEW

    rubric_save(actor=None, code=REVIEW["code"], name=REVIEW["name"], config=REVIEW["config"])
    client.force_login(world.users["city_office"])
    codes = sorted(Rubric.objects.values_list("code", flat=True))
    assert {"annual", "half-year", REVIEW["code"]} <= set(codes)
    for code in codes:
        before = Rubric.objects.get(code=code)
        url = f"/tracking/config/rubrics/{code}/"
        saved = client.post(url, browser_form(client.get(url), "rubric-form", action="save"))
        assert saved.status_code == 302, (code, saved.context["criteria"].errors)
        after = Rubric.objects.get(code=code)
        assert (after.config, after.updated_at) == (before.config, before.updated_at), code
