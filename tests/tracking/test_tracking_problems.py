"""Units report milestones, stage and problems in a key project's monthly report; the office's confirmation
applies them; the problem list (问题清单) escalates overdue problems to unit leaders, then the leader in charge."""

import io
from datetime import date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from factories import make_member

from duban.core.errors import ApplicationError
from duban.org.models import Leader, Organisation, Role
from duban.projects.models import Milestone, Project, Stage
from duban.projects.services import project_milestones_set
from duban.tracking import services
from duban.tracking.items import load_item
from duban.tracking.models import (
    ItemType,
    Notification,
    Problem,
    ProblemAction,
    ProblemState,
    Reminder,
)
from duban.tracking.services.problems import escalation_due, escalation_level

SH = ZoneInfo("Asia/Shanghai")
JULY_2 = datetime(2024, 7, 2, 9, tzinfo=SH)
JULY_3 = datetime(2024, 7, 3, 9, tzinfo=SH)


def _milestones(world):
    project_milestones_set(project=world.project, milestones=[
        ("施工许可", date(2023, 2, 1), date(2023, 2, 1)),
        ("主体封顶", date(2024, 6, 30), None),
        ("竣工验收", date(2024, 12, 31), None),
        ("投产", date(2025, 3, 31), None),
    ])
    return {m.name: m for m in world.project.milestones.all()}


def _submit(world, *, progress=None, problems=(), ytd=D(1000), actor="reporter_a", at=JULY_2):
    return services.report_submit(
        actor=world.users[actor], item_type=ItemType.PROJECT_YEAR, item_id=world.project_year.pk, period_key="2024-06",
        values={"invest_month": ytd, "invest_ytd": ytd}, progress=progress, raised_problems=problems, at=at)


def _confirm(world, report):
    return services.report_confirm(actor=world.users["office"], report=report, at=JULY_3)


def _refused(world, **kwargs) -> str:
    with pytest.raises(ApplicationError) as caught:
        _submit(world, **kwargs)
    return caught.value.message


# ---------------------------------------------------------------------------------------------------------
# Milestones, stage and start: checked on submission, applied on confirmation


def test_milestones_and_physical_progress_reach_the_project_only_when_the_office_confirms(world):
    steps = _milestones(world)
    report = _submit(world, progress={"milestone_actuals": {steps["主体封顶"].pk: date(2024, 6, 20)},
                                      "physical_progress": "20个楼座封顶"})
    assert report.milestone_actuals == {str(steps["主体封顶"].pk): "2024-06-20"}
    assert report.physical_progress == "20个楼座封顶"
    assert Milestone.objects.get(pk=steps["主体封顶"].pk).actual_date is None
    _confirm(world, report)
    topped = Milestone.objects.get(pk=steps["主体封顶"].pk)
    assert topped.actual_date == date(2024, 6, 20)
    last = topped.history.order_by("-history_date").first()
    assert (last.actual_date, last.history_user) == (date(2024, 6, 20), world.users["office"])


def test_a_stage_change_and_actual_start_are_applied_with_the_projects_history(world):
    Project.objects.filter(pk=world.project.pk).update(stage=Stage.PREPARATION, actual_start=None)
    report = _submit(world, progress={"stage": Stage.STARTED, "actual_start": date(2024, 6, 18)})
    assert Project.objects.get(pk=world.project.pk).stage == Stage.PREPARATION
    _confirm(world, report)
    project = Project.objects.get(pk=world.project.pk)
    assert (project.stage, project.actual_start) == (Stage.STARTED, date(2024, 6, 18))
    assert project.history.order_by("-history_date").first().history_user == world.users["office"]


def test_investment_to_date_implies_the_project_has_started(world):
    Project.objects.filter(pk=world.project.pk).update(stage=Stage.PREPARATION, actual_start=None)
    # 5,000万元 before the year + 1,000万元 this year.
    assert _refused(world) == ("阶段：累计已完成投资6,000万元，但阶段仍为“前期”：请报送开工情况（阶段和实际开工日期）。")


def test_the_start_needs_an_actual_start_date(world):
    Project.objects.filter(pk=world.project.pk).update(stage=Stage.PREPARATION, actual_start=None)
    assert _refused(world, progress={"stage": Stage.STARTED}) == "实际开工日期：阶段“开工”须填写实际开工日期。"
    assert _refused(world, progress={"stage": Stage.STARTED, "actual_start": date(2024, 7, 1)}) == (
        "实际开工日期：2024年7月1日晚于本次报送所述日期2024年6月30日。")


def test_completion_needs_every_construction_milestone_but_not_production(world):
    steps = _milestones(world)
    message = _refused(world, progress={"stage": Stage.COMPLETED,
                                        "milestone_actuals": {steps["竣工验收"].pk: date(2024, 6, 28)}})
    assert message == "阶段：“竣工”须完成全部建设节点，尚未完成：主体封顶。"
    report = _submit(world, progress={"stage": Stage.COMPLETED, "milestone_actuals": {
        steps["主体封顶"].pk: date(2024, 5, 20), steps["竣工验收"].pk: date(2024, 6, 28)}})
    _confirm(world, report)
    assert Project.objects.get(pk=world.project.pk).stage == Stage.COMPLETED
    assert Milestone.objects.get(pk=steps["投产"].pk).actual_date is None


def test_a_stage_goes_back_only_with_a_note(world):
    assert _refused(world, progress={"stage": Stage.STARTED}) == "阶段：项目当前为“在建”，退回“开工”须说明原因。"
    report = _submit(world, progress={"stage": Stage.STARTED, "stage_note": "主体施工暂停，仅完成场地平整"})
    _confirm(world, report)
    assert Project.objects.get(pk=world.project.pk).stage == Stage.STARTED


def test_a_milestone_cannot_be_reached_after_the_period_reported(world):
    steps = _milestones(world)
    assert _refused(world, progress={"milestone_actuals": {steps["主体封顶"].pk: date(2024, 7, 1)}}) == (
        "节点“主体封顶”：实际完成日期2024年7月1日晚于本次报送所述日期2024年6月30日。")


def test_the_confirmation_checks_again_against_the_project_as_it_is_then(world):
    report = _submit(world, progress={"stage": Stage.COMPLETED})
    Project.objects.filter(pk=world.project.pk).update(stage=Stage.UNDER_CONSTRUCTION)
    _milestones(world)
    with pytest.raises(ApplicationError) as caught:
        _confirm(world, report)
    assert caught.value.message == "阶段：“竣工”须完成全部建设节点，尚未完成：主体封顶、竣工验收。"
    report.refresh_from_db()
    assert report.state == "submitted"   # the refusal rolled the confirmation back


def test_the_consistency_check_flags_money_spent_on_a_project_not_started(world):
    Project.objects.filter(pk=world.project.pk).update(stage=Stage.RESERVE, actual_start=None)
    world.project_year.invested_before = D(42400)
    world.project_year.save(update_fields=["invested_before"])
    out = io.StringIO()
    call_command("check_progress", "--district", "市中区", stdout=out)
    assert out.getvalue().splitlines() == [
        "市中区 P1 数字经济产业园: 已完成投资4.24亿元但未开工（阶段为“谋划储备”）", "1个项目需要更正"]


# ---------------------------------------------------------------------------------------------------------
# Problems


def _raise_in_report(world, deadline=date(2024, 7, 10)):
    report = _submit(world, problems=[{"description": "施工用地尚未移交", "owner_unit": world.unit_b, "deadline": deadline}])
    return _confirm(world, report)


def test_a_problem_raised_in_a_report_is_tracked_when_the_report_is_confirmed(world):
    Project.objects.filter(pk=world.project.pk).update(leader=Leader.objects.get(name="王区长"))
    report = _submit(world, problems=[{"description": "施工用地尚未移交", "owner_unit": world.unit_b,
                                       "deadline": date(2024, 7, 10)}])
    assert Problem.objects.count() == 0
    _confirm(world, report)
    problem = Problem.objects.get()
    assert (problem.description, problem.owner_unit, problem.leader.name, problem.deadline, problem.state,
            problem.raised_by, problem.report) == (
        "施工用地尚未移交", world.unit_b, "王区长", date(2024, 7, 10), ProblemState.OPEN, world.users["reporter_a"], report)
    assert list(problem.events.values_list("action", flat=True)) == [ProblemAction.RAISE]
    assert list(Notification.objects.filter(url__contains=f"#problem-{problem.pk}")
                .values_list("user__username", "title")) == [("reporter_b", "请于2024年7月10日前解决问题：数字经济产业园")]


def test_a_problem_needs_a_unit_of_the_district_and_a_deadline_not_past(world):
    other_unit = Organisation.objects.get(name="历下区发改局")
    assert _refused(world, problems=[{"description": "x", "owner_unit": other_unit, "deadline": date(2024, 7, 10)}]) == (
        "问题：责任单位须为市中区的单位。")
    assert _refused(world, problems=[{"description": "x", "owner_unit": world.unit_b, "deadline": date(2024, 7, 1)}]) == (
        "问题：解决时限不能早于今天（2024年7月2日）。")
    assert _refused(world, problems=[{"description": " ", "owner_unit": world.unit_b, "deadline": date(2024, 7, 10)}]) == (
        "问题：请填写问题描述。")


def test_only_the_office_raises_a_problem_directly(world):
    item = load_item(ItemType.PROJECT_YEAR, world.project_year.pk)
    with pytest.raises(ApplicationError):
        services.problem_raise(actor=world.users["reporter_a"], item=item, description="x", owner_unit=world.unit_a,
                               deadline=date(2024, 7, 10), at=JULY_2)
    problem = services.problem_raise(actor=world.users["office"], item=item, description="资金拨付滞后",
                                     owner_unit=world.unit_a, deadline=date(2024, 7, 10), at=JULY_2)
    assert (problem.raised_by, problem.report, problem.leader) == (world.users["office"], None, None)


@pytest.mark.parametrize(("day", "level", "due"), [
    (date(2024, 7, 10), 0, False), (date(2024, 7, 11), 1, True), (date(2024, 7, 12), 1, False),
    (date(2024, 7, 17), 1, False), (date(2024, 7, 18), 2, True), (date(2024, 7, 19), 2, False),
    (date(2024, 7, 25), 2, True),
])
def test_escalation_timing(day, level, due):
    assert (escalation_level(date(2024, 7, 10), day), escalation_due(date(2024, 7, 10), day)) == (level, due)


def _escalate(day: date):
    return services.problems_escalate(on_date=day, at=datetime.combine(day, datetime.min.time(), tzinfo=SH))


def test_an_overdue_problem_goes_to_the_unit_leader_then_the_leader_in_charge_never_twice_a_day(world):
    make_member("unit_leader_b", (world.unit_b, Role.UNIT_LEADER))
    Project.objects.filter(pk=world.project.pk).update(leader=Leader.objects.get(name="王区长"))
    problem = _raise_in_report(world).tracked_problems.get()

    def escalations():
        return list(Notification.objects.filter(title__startswith="问题已逾期").order_by("created_at", "user__username")
                    .values_list("user__username", "title"))

    assert _escalate(date(2024, 7, 10)).sent == []
    first = _escalate(date(2024, 7, 11))
    assert (first.sent, first.recipients) == ([problem.pk], 1)
    assert escalations() == [("unit_leader_b", "问题已逾期1天：施工用地尚未移交")]
    again = _escalate(date(2024, 7, 11))
    assert (again.sent, again.skipped) == ([], 1)
    assert _escalate(date(2024, 7, 12)).sent == []
    assert _escalate(date(2024, 7, 18)).recipients == 2
    assert escalations()[1:] == [("district_leader", "问题已逾期8天：施工用地尚未移交"),
                                 ("unit_leader_b", "问题已逾期8天：施工用地尚未移交")]
    problem.refresh_from_db()
    assert problem.escalation_level == 2
    assert list(problem.events.filter(action=ProblemAction.ESCALATE).values_list("level", "recipients")) == [(1, 1), (2, 2)]
    assert Reminder.objects.filter(kind="problem").count() == 2


def test_a_resolved_problem_is_closed_by_the_office_and_no_longer_escalated(world):
    problem = _raise_in_report(world).tracked_problems.get()
    with pytest.raises(ApplicationError):
        services.problem_resolve(actor=world.users["reporter_b"], problem=problem, resolution="已移交")
    with pytest.raises(ApplicationError) as caught:
        services.problem_resolve(actor=world.users["office"], problem=problem, resolution=" ")
    assert caught.value.message == "问题“施工用地尚未移交”的解决情况：请说明问题如何解决。"
    services.problem_resolve(actor=world.users["office"], problem=problem, resolution="7月8日完成用地移交",
                             at=datetime(2024, 7, 9, 10, tzinfo=SH))
    problem.refresh_from_db()
    assert (problem.state, problem.resolution) == (ProblemState.RESOLVED, "7月8日完成用地移交")
    assert _escalate(date(2024, 7, 11)).sent == []


# ---------------------------------------------------------------------------------------------------------
# Pages and permissions


def test_the_problem_list_shows_a_unit_only_its_own_problems(client, world, settings):
    settings.DUBAN_TODAY = "2024-07-12"
    _raise_in_report(world)
    item = load_item(ItemType.PROJECT_YEAR, world.project_year.pk)
    services.problem_raise(actor=world.users["office"], item=item, description="资金拨付滞后", owner_unit=world.unit_a,
                           deadline=date(2024, 7, 20), at=JULY_2)
    seen = {}
    for name in ("office", "district_leader", "reporter_a", "reporter_b", "reporter_c", "other_office"):
        client.force_login(world.users[name])
        response = client.get(f"/tracking/problems/?district={world.district.pk}")
        assert response.status_code == 200
        seen[name] = sorted(p.description for p in response.context["rows"])
    assert seen == {"office": ["施工用地尚未移交", "资金拨付滞后"], "district_leader": ["施工用地尚未移交", "资金拨付滞后"],
                    "reporter_a": ["资金拨付滞后"], "reporter_b": ["施工用地尚未移交"], "reporter_c": [],
                    "other_office": []}
    client.force_login(world.users["office"])
    overdue = client.get(f"/tracking/problems/?district={world.district.pk}&overdue=1")
    assert [p.description for p in overdue.context["rows"]] == ["施工用地尚未移交"]
    assert "逾期2天" in overdue.content.decode()
    by_unit = client.get(f"/tracking/problems/?district={world.district.pk}&unit={world.unit_a.pk}")
    assert [p.description for p in by_unit.context["rows"]] == ["资金拨付滞后"]
    client.logout()
    assert client.get("/tracking/problems/").status_code == 302


def test_only_the_office_resolves_and_raises_through_the_pages(client, world, settings):
    settings.DUBAN_TODAY = "2024-07-04"
    problem = _raise_in_report(world).tracked_problems.get()
    client.force_login(world.users["reporter_b"])
    assert client.post(f"/tracking/problems/{problem.pk}/resolve/", {"resolution": "已移交"}).status_code == 403
    url = f"/tracking/items/project_year/{world.project_year.pk}/problems/new/"
    form = {"description": "拆迁户未签约", "owner_unit": world.unit_b.pk, "deadline": "2024-07-30"}
    assert client.post(url, form).status_code == 403
    client.force_login(world.users["office"])
    assert client.post(url, form).status_code == 302
    assert client.post(f"/tracking/problems/{problem.pk}/resolve/", {"resolution": "已移交"}).status_code == 302
    assert sorted(Problem.objects.values_list("description", "state")) == [
        ("拆迁户未签约", "open"), ("施工用地尚未移交", "resolved")]
    page = client.get(f"/tracking/items/project_year/{world.project_year.pk}/").content.decode()
    assert "拆迁户未签约" in page and "已移交" in page


def test_the_report_form_carries_milestones_stage_and_a_problem(client, world, settings, tmp_path):
    settings.DUBAN_TODAY = "2024-07-02"
    settings.MEDIA_ROOT = tmp_path
    steps = _milestones(world)
    client.force_login(world.users["reporter_a"])
    url = f"/tracking/items/project_year/{world.project_year.pk}/report/?period=2024-06"
    page = client.get(url).content.decode()
    assert f'name="milestone_{steps["主体封顶"].pk}"' in page and "形象进度" in page
    response = client.post(url, {
        "period": "2024-06", "invest_month": "1000", "invest_ytd": "1000", "physical_progress": "20个楼座封顶",
        f"milestone_{steps['主体封顶'].pk}": "2024-06-20", "problem_description": "施工用地尚未移交",
        "problem_owner": world.unit_b.pk, "problem_deadline": "2024-07-10"})
    assert response.status_code == 302
    half = client.post(url.replace("2024-06", "2024-05"), {
        "period": "2024-05", "invest_month": "1", "invest_ytd": "1", "problem_description": "缺少责任单位"})
    assert half.status_code == 400
    assert half.context["form"].errors == {"problem_owner": ["新问题须选择责任单位"],
                                           "problem_deadline": ["新问题须填写解决时限"]}
    from duban.tracking.models import Report
    report = Report.objects.get(period_key="2024-06")
    assert report.raised_problems == [{"description": "施工用地尚未移交", "owner_unit": world.unit_b.pk,
                                       "deadline": "2024-07-10"}]
    assert report.milestone_actuals == {str(steps["主体封顶"].pk): "2024-06-20"}


# ---------------------------------------------------------------------------------------------------------
# Dashboard, bulletin, status reason


def test_the_dashboard_counts_open_and_overdue_problems(client, world, settings):
    settings.DUBAN_TODAY = "2024-07-12"
    _raise_in_report(world)
    item = load_item(ItemType.PROJECT_YEAR, world.project_year.pk)
    services.problem_raise(actor=world.users["office"], item=item, description="资金拨付滞后", owner_unit=world.unit_a,
                           deadline=date(2024, 7, 20), at=JULY_2)
    client.force_login(world.users["district_leader"])
    cards = {c.key: c for c in client.get(f"/dashboard/?district={world.district.pk}&year=2024&date=2024-07-12")
             .context["cards"]}
    assert (cards["problems"].label, cards["problems"].figure, cards["problems"].caption, cards["problems"].url) == (
        "未解决问题", "2", "逾期1件", f"/tracking/problems/?district={world.district.pk}")


def test_the_monthly_project_bulletin_lists_problems_open_at_its_date(world):
    from duban.bulletins.builders import build_projects
    from duban.bulletins.selectors import bulletin_data

    problem = _raise_in_report(world).tracked_problems.get()
    services.problem_resolve(actor=world.users["office"], problem=problem, resolution="已移交",
                             at=datetime(2024, 7, 20, 9, tzinfo=SH))
    section = build_projects(bulletin_data(world.district, date(2024, 7, 15))).sections[-1]
    assert section.heading == "五、问题清单"
    assert section.paragraphs == ["尚有1个问题未解决，其中1个已超过解决时限。"]
    assert section.table.rows == [["数字经济产业园", "施工用地尚未移交", "区住建局", "—", "2024年7月10日（已逾期）"]]
    after = build_projects(bulletin_data(world.district, date(2024, 7, 31))).sections[-1]
    assert (after.paragraphs, after.table) == (["目前没有未解决的问题。"], None)


def test_the_status_names_money_reported_on_a_project_not_started(world):
    from duban.tracking.status import item_status

    Project.objects.filter(pk=world.project.pk).update(stage=Stage.PREPARATION, actual_start=None)
    ProjectYearModel = type(world.project_year)
    ProjectYearModel.objects.filter(pk=world.project_year.pk).update(invested_before=0)
    report = _submit(world, progress={"stage": Stage.STARTED, "actual_start": date(2024, 6, 1)})
    _confirm(world, report)
    Project.objects.filter(pk=world.project.pk).update(stage=Stage.PREPARATION, actual_start=None)  # e.g. the admin
    status = item_status(ItemType.PROJECT_YEAR, world.project_year.pk, date(2024, 6, 30))
    assert "已完成投资1,000万元但未开工：请核对项目阶段和实际开工日期" in status.reasons


def test_the_problem_list_queries_do_not_grow_with_problems(client, world, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.DUBAN_TODAY = "2024-07-12"
    item = load_item(ItemType.PROJECT_YEAR, world.project_year.pk)

    def raise_one(n):
        services.problem_raise(actor=world.users["office"], item=item, description=f"问题{n}", owner_unit=world.unit_a,
                               deadline=date(2024, 7, 20), at=JULY_2)

    raise_one(0)
    client.force_login(world.users["office"])
    url = f"/tracking/problems/?district={world.district.pk}"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(1, 20):
        raise_one(n)
    with CaptureQueriesContext(connection) as twenty:
        assert len(client.get(url).context["rows"]) == 20
    assert len(twenty) == len(one) > 5


def test_a_returned_reports_problem_is_offered_again_a_confirmed_ones_is_not(client, world, settings):
    settings.DUBAN_TODAY = "2024-07-02"
    report = _submit(world, problems=[{"description": "施工用地尚未移交", "owner_unit": world.unit_b,
                                       "deadline": date(2024, 7, 10)}])
    services.report_return(actor=world.users["office"], report=report, comment="请补充", at=JULY_3)
    client.force_login(world.users["reporter_a"])
    url = f"/tracking/items/project_year/{world.project_year.pk}/report/?period=2024-06"
    form = client.get(url).context["form"]
    assert (form["problem_description"].value(), form["problem_owner"].value()) == ("施工用地尚未移交", world.unit_b.pk)
    again = _submit(world, problems=[{"description": "施工用地尚未移交", "owner_unit": world.unit_b,
                                      "deadline": date(2024, 7, 10)}], at=JULY_3)
    _confirm(world, again)
    assert client.get(url).context["form"]["problem_description"].value() is None
    assert Problem.objects.count() == 1
