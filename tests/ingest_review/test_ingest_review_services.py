"""Services of the review flow: upload, accept (into each kind of record), edit, reject, bulk."""

import re
from decimal import Decimal

import pytest
from django.utils.translation import gettext

from duban.core.errors import ApplicationError
from duban.core.models import Provenance
from duban.indicators.models import Indicator, IndicatorTarget, Observation
from duban.ingest import services
from duban.ingest.models import Candidate, CandidateStatus, ProjectField, SourceDocument
from duban.ingest.review import Target
from duban.plans.models import LivelihoodItem, LivelihoodSubItem, Plan, Task
from duban.projects.models import PlanType, Project, ProjectLevel, ProjectYear

from ingest_review_data import QUOTES, REPORT, candidate

pytestmark = pytest.mark.django_db


def record_counts() -> dict:
    return {
        "plans": Plan.objects.count(), "tasks": Task.objects.count(), "sub_items": LivelihoodSubItem.objects.count(),
        "indicators": Indicator.objects.count(), "targets": IndicatorTarget.objects.count(),
        "observations": Observation.objects.count(),
    }


def refused(msgid: str, **params):
    """Expect an ApplicationError with exactly this message, as the user reads it."""
    text = gettext(msgid) % params if params else gettext(msgid)
    return pytest.raises(ApplicationError, match=f"^{re.escape(text)}$")


NOTHING = {"plans": 0, "tasks": 0, "sub_items": 0, "indicators": 0, "targets": 0, "observations": 0}


# --- upload --------------------------------------------------------------------------------------


def test_upload_stores_document_and_candidates_and_creates_nothing_in_the_plan(world, uploaded):
    assert (uploaded.title, uploaded.year, uploaded.year_inferred) == ("2024年政府工作报告", 2024, True)
    assert uploaded.text == REPORT
    assert uploaded.uploaded_by == world.users["office"]
    assert list(uploaded.candidates.values_list("quote", flat=True)) == QUOTES
    assert set(uploaded.candidates.values_list("status", flat=True)) == {CandidateStatus.PENDING}
    assert record_counts() == NOTHING


def test_candidates_carry_span_paragraph_section_and_clause(uploaded):
    gdp, jobs = candidate(uploaded, "1161.7亿元"), candidate(uploaded, "1.76万人")
    assert REPORT[gdp.start:gdp.end] == "1161.7亿元"
    assert (gdp.value, gdp.unit, gdp.paragraph, gdp.section) == (Decimal("116170000000"), "元", 3, "一、2023年工作回顾")
    assert (jobs.value, jobs.unit, jobs.paragraph, jobs.section) == (Decimal("17600"), "人", 5, "二、2024年主要目标")
    assert jobs.clause == "城镇新增就业1.76万人"
    assert jobs.source_note == "据2024年政府工作报告第5段：「城镇新增就业1.76万人」"


def test_suggested_targets_follow_kind_and_aspect_when_nothing_matches(uploaded):
    targets = dict(uploaded.candidates.values_list("quote", "suggested_target"))
    assert targets == {
        "1161.7亿元": Target.OBSERVATION, "5.1%": Target.OBSERVATION,
        "1.76万人": Target.TASK, "25条": Target.TASK, "13处": Target.TASK,
    }


def test_a_given_year_is_kept_and_not_marked_inferred(world):
    result = services.document_upload(district=world.district, user=world.users["office"], text=REPORT, year=2025,
                                      title="某报告")
    assert (result.document.year, result.document.year_inferred, result.document.title) == (2025, False, "某报告")


def test_uploading_the_same_text_again_reopens_the_document_without_duplicates(world, uploaded):
    services.candidate_accept(candidate=candidate(uploaded, "25条"), user=world.users["office"])
    services.candidate_reject(candidate=candidate(uploaded, "13处"), user=world.users["office"])
    again = services.document_upload(district=world.district, user=world.users["stats"], text=REPORT)
    assert (again.created, again.document.pk, again.candidates) == (False, uploaded.pk, 5)
    assert SourceDocument.objects.count() == 1
    assert Candidate.objects.count() == 5
    statuses = dict(uploaded.candidates.values_list("quote", "status"))
    assert statuses["25条"] == CandidateStatus.ACCEPTED and statuses["13处"] == CandidateStatus.REJECTED
    assert Task.objects.count() == 1


def test_reextract_keeps_reviewed_items_and_their_records(world, uploaded):
    services.candidate_accept(candidate=candidate(uploaded, "25条"), user=world.users["office"])
    task_id = candidate(uploaded, "25条").created_task_id
    assert services.document_reextract(document=uploaded, user=world.users["office"]) == 5
    assert Candidate.objects.count() == 5
    assert candidate(uploaded, "25条").created_task_id == task_id
    assert Task.objects.count() == 1


def test_the_same_text_for_another_district_is_another_document(world, uploaded):
    result = services.document_upload(district=world.other, user=world.users["other_office"], text=REPORT)
    assert result.created is True
    assert SourceDocument.objects.count() == 2


@pytest.mark.parametrize("kwargs, message", [
    (dict(data=b"", filename="empty.txt"), "empty.txt：文件为空"),
    (dict(data=b"\x00\x01\x02\x03binary\x00" * 50, filename="x.bin"), "x.bin：看起来是二进制文件，不是文本、.docx 或 PDF"),
    (dict(text="   \n "), "粘贴的文本：内容为空"),
])
def test_bad_input_raises_the_readers_message_and_stores_nothing(world, kwargs, message):
    with pytest.raises(ApplicationError) as caught:
        services.document_upload(district=world.district, user=world.users["office"], **kwargs)
    assert caught.value.message == message
    assert SourceDocument.objects.count() == 0 and Candidate.objects.count() == 0


def test_text_without_a_year_needs_one(world):
    with pytest.raises(ApplicationError) as caught:
        services.document_upload(district=world.district, user=world.users["office"], text="启动25条道路建设。")
    assert caught.value.message == gettext("The year could not be found in the text; choose it.")
    assert SourceDocument.objects.count() == 0


# --- accept into each kind of record ---------------------------------------------------------------


def test_accepting_a_target_creates_a_task_in_the_years_plan_with_its_source(world, uploaded):
    office = world.users["office"]
    accepted = services.candidate_accept(candidate=candidate(uploaded, "25条"), user=office)
    task = accepted.created_task
    assert (accepted.status, accepted.reviewed_by) == (CandidateStatus.ACCEPTED, office)
    assert (task.plan.district, task.plan.year, task.plan.provenance) == (world.district, 2024, Provenance.EXTRACTED)
    assert (task.title, task.target_text, task.target_value, task.target_unit) == \
        ("启动25条市政道路建设", "25条", Decimal("25"), "条")
    assert task.provenance == Provenance.EXTRACTED
    assert task.source_note == "据2024年政府工作报告第5段：「启动25条市政道路建设」"
    assert task.code == f"EXT-{accepted.pk}"
    assert task.history.first().history_user == office
    assert record_counts() == {**NOTHING, "plans": 1, "tasks": 1}


def test_a_task_uses_the_existing_plan_of_the_year(world, uploaded):
    plan = Plan.objects.create(district=world.district, year=2024, theme="深化提升年")
    accepted = services.candidate_accept(candidate=candidate(uploaded, "1.76万人"), user=world.users["office"])
    assert accepted.created_task.plan == plan
    assert (accepted.created_task.target_value, accepted.created_task.target_unit) == (Decimal("17600"), "人")
    plan.refresh_from_db()
    assert plan.theme == "深化提升年"


def test_accepting_twice_is_refused(world, uploaded):
    c = candidate(uploaded, "25条")
    services.candidate_accept(candidate=c, user=world.users["office"])
    with refused("This item was already accepted."):
        services.candidate_accept(candidate=c, user=world.users["office"])
    with refused("This item was already accepted; its record stays in the plan."):
        services.candidate_reject(candidate=c, user=world.users["office"])
    assert Task.objects.count() == 1


def test_an_observation_in_a_linked_indicator_is_converted_to_its_unit(world, uploaded):
    gdp = Indicator.objects.create(code="GDP", name="地区生产总值", unit="亿元")
    Observation.objects.create(indicator=gdp, organisation=world.district, year=2022, period_type="year", level=Decimal("1110"))
    accepted = services.candidate_accept(candidate=candidate(uploaded, "1161.7亿元"), user=world.users["stats"], link=gdp)
    observation = accepted.created_observation
    assert (observation.indicator, observation.year, observation.period_type, observation.period) == (gdp, 2023, "year", 1)
    assert (observation.level, observation.growth, observation.revision) == (Decimal("1161.7"), None, 0)
    assert observation.source_note == "据2024年政府工作报告第3段：「全区地区生产总值完成1161.7亿元」"
    assert list(gdp.observations.order_by("year").values_list("year", "level")) == \
        [(2022, Decimal("1110")), (2023, Decimal("1161.7"))]


def test_a_level_in_wanyuan_indicator_is_converted_too(world, uploaded):
    gdp = Indicator.objects.create(code="GDP", name="地区生产总值", unit="万元")
    accepted = services.candidate_accept(candidate=candidate(uploaded, "1161.7亿元"), user=world.users["stats"], link=gdp)
    assert accepted.created_observation.level == Decimal("11617000")


def test_level_and_growth_of_one_year_end_in_one_latest_observation(world, uploaded):
    gdp = Indicator.objects.create(code="GDP", name="地区生产总值", unit="亿元")
    services.candidate_accept(candidate=candidate(uploaded, "1161.7亿元"), user=world.users["stats"], link=gdp)
    accepted = services.candidate_accept(candidate=candidate(uploaded, "5.1%"), user=world.users["stats"], link=gdp)
    latest = Observation.objects.latest_revisions().get(indicator=gdp, year=2023)
    assert accepted.created_observation == latest
    assert (latest.level, latest.growth, latest.revision) == (Decimal("1161.7"), Decimal("5.1"), 1)
    assert Observation.objects.filter(indicator=gdp).count() == 2


def test_an_unlinked_observation_starts_a_new_indicator_named_after_the_metric(world, uploaded):
    accepted = services.candidate_accept(candidate=candidate(uploaded, "1161.7亿元"), user=world.users["stats"])
    indicator = accepted.created_observation.indicator
    assert (indicator.name, indicator.unit, indicator.code, indicator.provenance) == \
        ("地区生产总值", "亿元", f"EXT-2024-{accepted.pk}", Provenance.EXTRACTED)
    assert accepted.created_observation.level == Decimal("1161.7")


def test_a_link_is_suggested_by_similarity_and_used_on_accept(world):
    jobs = Indicator.objects.create(code="JOBS", name="城镇新增就业人数", unit="万人")
    document = services.document_upload(district=world.district, user=world.users["office"], text=REPORT).document
    c = candidate(document, "1.76万人")
    assert c.suggestions[0]["kind"] == "indicator" and c.suggestions[0]["id"] == jobs.pk
    assert (c.target, c.link_indicator) == (Target.INDICATOR_TARGET, jobs)
    target = services.candidate_accept(candidate=c, user=world.users["office"]).created_target
    assert (target.indicator, target.organisation, target.year, target.target_type) == (jobs, world.district, 2024, "level")
    assert (target.value, target.text) == (Decimal("1.76"), "城镇新增就业1.76万人")
    assert Task.objects.count() == 0


def test_a_growth_target_becomes_an_indicator_growth_target_with_its_qualifier(world):
    gdp = Indicator.objects.create(code="GDP", name="地区生产总值", unit="亿元")
    text = "2025年政府工作报告\n二、2025年目标\n地区生产总值增长6%左右。\n"
    document = services.document_upload(district=world.district, user=world.users["office"], text=text).document
    c = document.candidates.get()
    assert (c.quote, c.target, c.link_indicator) == ("6%", Target.INDICATOR_TARGET, gdp)
    target = services.candidate_accept(candidate=c, user=world.users["office"]).created_target
    assert (target.year, target.target_type, target.value, target.qualifier) == (2025, "growth", Decimal("6"), "about")


def test_an_existing_target_is_replaced_only_when_confirmed(world, uploaded):
    jobs = Indicator.objects.create(code="JOBS", name="城镇新增就业", unit="人")
    existing = IndicatorTarget.objects.create(indicator=jobs, organisation=world.district, year=2024,
                                              target_type="level", value=Decimal("15000"))
    existing.refresh_from_db()
    c = candidate(uploaded, "1.76万人")
    message = "%(what)s already has %(current)s; confirm to replace it with %(new)s."
    with refused(message, what=str(existing), current="15000", new="17600"):
        services.candidate_accept(candidate=c, user=world.users["office"], target=Target.INDICATOR_TARGET, link=jobs)
    services.candidate_accept(candidate=c, user=world.users["office"], target=Target.INDICATOR_TARGET, link=jobs,
                              confirm_overwrite=True)
    assert list(IndicatorTarget.objects.values_list("value", flat=True)) == [Decimal("17600")]


def test_a_sub_item_goes_under_the_chosen_livelihood_item(world, uploaded):
    plan = Plan.objects.create(district=world.district, year=2024)
    item = LivelihoodItem.objects.create(plan=plan, number=3, title="完善养老服务体系")
    c = candidate(uploaded, "13处")
    with refused("Choose the livelihood item this sub-item belongs to."):
        services.candidate_accept(candidate=c, user=world.users["office"], target=Target.SUB_ITEM)
    sub = services.candidate_accept(candidate=c, user=world.users["office"], target=Target.SUB_ITEM,
                                    link=item).created_sub_item
    assert (sub.item, sub.title, sub.target_value, sub.target_unit, sub.order) == \
        (item, "新建日间照料中心13处", Decimal("13"), "处", 1)
    assert sub.source_note == "据2024年政府工作报告第5段：「新建日间照料中心13处」"


def test_a_project_fact_sets_the_annual_plan_in_wanyuan_with_confirmation(world):
    project = Project.objects.create(district=world.district, code="P1", name="兴隆片区综合开发项目")
    year = ProjectYear.objects.create(project=project, year=2024, plan_type=PlanType.NEW, level=ProjectLevel.DISTRICT,
                                      annual_plan=Decimal("30000"))
    text = "2024年政府工作报告\n二、2024年目标\n兴隆片区综合开发项目计划完成投资3.49亿元。\n"
    document = services.document_upload(district=world.district, user=world.users["projects"], text=text).document
    c = document.candidates.get()
    assert (c.target, c.link_project) == (Target.PROJECT_FACT, project)
    message = "%(what)s already has %(current)s; confirm to replace it with %(new)s."
    with refused(message, what="兴隆片区综合开发项目 2024", current="30000", new="34900"):
        services.candidate_accept(candidate=c, user=world.users["projects"])
    accepted = services.candidate_accept(candidate=c, user=world.users["projects"], confirm_overwrite=True)
    year.refresh_from_db()
    assert (accepted.created_project_year, year.annual_plan) == (year, Decimal("34900"))


def test_a_project_fact_may_set_the_total_investment(world):
    project = Project.objects.create(district=world.district, code="P1", name="兴隆片区综合开发项目")
    text = "2024年政府工作报告\n二、2024年目标\n兴隆片区综合开发项目计划完成投资3.49亿元。\n"
    document = services.document_upload(district=world.district, user=world.users["projects"], text=text).document
    accepted = services.candidate_accept(candidate=document.candidates.get(), user=world.users["projects"],
                                         project_field=ProjectField.TOTAL_INVESTMENT)
    project.refresh_from_db()
    assert (accepted.created_project, project.total_investment) == (project, Decimal("34900"))


def test_a_task_linked_to_last_years_task_continues_its_code_in_this_years_plan(world):
    plan_2023 = Plan.objects.create(district=world.district, year=2023)
    Plan.objects.create(district=world.district, year=2024)
    old = Task.objects.create(plan=plan_2023, code="T7", title="实施市政道路建设工程", target_value=20, target_unit="条")
    document = services.document_upload(district=world.district, user=world.users["office"], text=REPORT).document
    c = candidate(document, "25条")
    assert c.link_task == old
    task = services.candidate_accept(candidate=c, user=world.users["office"]).created_task
    assert (task.plan.year, task.code, task.title, task.target_value) == (2024, "T7", "实施市政道路建设工程", Decimal("25"))
    old.refresh_from_db()
    assert old.target_value == Decimal("20")


# --- edit, reject, bulk ----------------------------------------------------------------------------


def test_edits_are_kept_apart_from_the_extraction_and_mark_the_item_edited(world, uploaded):
    c = candidate(uploaded, "1.76万人")
    accepted = services.candidate_accept(
        candidate=c, user=world.users["office"], edits={"value": Decimal("18000"), "metric": "城镇新增就业人数", "unit": "人"}
    )
    assert accepted.status == CandidateStatus.EDITED
    assert accepted.edits == {"value": "18000", "metric": "城镇新增就业人数"}
    assert (accepted.value, accepted.metric) == (Decimal("17600"), "城镇新增就业")
    assert accepted.created_task.target_value == Decimal("18000")


def test_a_link_that_does_not_fit_the_record_type_is_refused(world, uploaded):
    project = Project.objects.create(district=world.district, code="P1", name="道路项目")
    with refused("That link does not fit the chosen record type."):
        services.candidate_accept(candidate=candidate(uploaded, "25条"), user=world.users["office"],
                                  target=Target.TASK, link=project)
    assert Task.objects.count() == 0


def test_a_failed_accept_leaves_the_candidate_pending_and_creates_nothing(world, uploaded):
    c = candidate(uploaded, "25条")
    with refused("The item has no unit; edit it first."):
        services.candidate_accept(candidate=c, user=world.users["office"], edits={"unit": ""})
    c.refresh_from_db()
    assert (c.status, c.edits) == (CandidateStatus.PENDING, {})
    assert record_counts() == NOTHING


def test_reject_creates_nothing_and_a_rejected_item_may_still_be_accepted(world, uploaded):
    c = services.candidate_reject(candidate=candidate(uploaded, "25条"), user=world.users["office"])
    assert (c.status, c.reviewed_by) == (CandidateStatus.REJECTED, world.users["office"])
    assert record_counts() == NOTHING
    assert services.candidate_accept(candidate=c, user=world.users["office"]).status == CandidateStatus.ACCEPTED


def test_bulk_accept_and_reject(world, uploaded):
    ids = list(uploaded.candidates.filter(quote__in=["1.76万人", "25条", "13处"]).values_list("pk", flat=True))
    assert services.candidates_bulk(document=uploaded, ids=ids[:2], action="accept", user=world.users["office"]) == 2
    assert services.candidates_bulk(document=uploaded, ids=ids, action="reject", user=world.users["office"]) == 1
    assert dict(uploaded.candidates.values_list("quote", "status")) == {
        "1161.7亿元": "pending", "5.1%": "pending", "1.76万人": "accepted", "25条": "accepted", "13处": "rejected",
    }
    assert sorted(Task.objects.values_list("target_unit", flat=True)) == ["人", "条"]


def test_bulk_is_all_or_nothing_and_names_the_failing_item(world, uploaded):
    Indicator.objects.create(code="X", name="地区生产总值", unit="亿元")  # blocks a new indicator of that name
    ids = list(uploaded.candidates.values_list("pk", flat=True))
    with pytest.raises(ApplicationError, match="「1161.7亿元」"):
        services.candidates_bulk(document=uploaded, ids=ids, action="accept", user=world.users["office"])
    assert set(uploaded.candidates.values_list("status", flat=True)) == {"pending"}
    assert Task.objects.count() == 0 and Observation.objects.count() == 0


def test_bulk_ignores_ids_of_other_documents(world, uploaded):
    other = services.document_upload(district=world.other, user=world.users["other_office"], text=REPORT).document
    foreign = list(other.candidates.values_list("pk", flat=True))
    assert services.candidates_bulk(document=uploaded, ids=foreign, action="reject", user=world.users["office"]) == 0
    assert set(other.candidates.values_list("status", flat=True)) == {"pending"}
