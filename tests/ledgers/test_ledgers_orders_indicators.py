"""Import of the supervision ledger (督办台账) and the indicator table (指标表): export → import is a no-op, a changed
deadline or figure round-trips through the services with its history, bad rows are all reported and nothing is written."""

import datetime
from decimal import Decimal

import pytest
from ledger_files import edit, header_letter
from django.utils import timezone
from factories import make_indicator, make_observation, make_target

from duban.indicators.models import IndicatorTarget, IndicatorTargetUnit, Observation
from duban.ledgers.exports import ledger_export
from duban.ledgers.imports import ledger_import
from duban.tracking.models import OrderEvent, SupervisionOrder
from duban.tracking.services import order_issue

ON = datetime.date(2024, 6, 30)
ISSUED = timezone.make_aware(datetime.datetime(2024, 5, 10, 10, 0))


def export(world, kind):
    return ledger_export(kind=kind, district=world.district, year=2024, on_date=ON)


def run(world, kind, content, user=None, confirm=True):
    return ledger_import(kind=kind, content=content, district=world.district, year=2024,
                         user=user or world.office, confirm=confirm)


@pytest.fixture
def orders(world):
    first = order_issue(actor=world.office, district=world.district, title="加快道路工程进度", content="请于月底前报告",
                        deadline=datetime.date(2024, 6, 30), lead_unit=world.build, cooperating_units=[world.dev],
                        at=ISSUED)
    second = order_issue(actor=world.office, district=world.district, title="学校开工滞后", content="说明原因",
                         deadline=datetime.date(2024, 7, 15), lead_unit=world.edu, at=ISSUED)
    return first, second


@pytest.fixture
def indicators(world):
    gdp = make_indicator(code="GDP", name="地区生产总值", unit="亿元")
    retail = make_indicator(code="RETAIL", name="社会消费品零售总额", unit="亿元")
    make_target(indicator=gdp, organisation=world.district, year=2024, target_type="growth", value=Decimal(6),
                lead=world.dev)
    make_target(indicator=retail, organisation=world.district, year=2024, target_type="level", value=Decimal(120),
                lead=world.stats)
    for month, level, growth in ((3, "250.5", "5.8"), (6, "520.1", "6.1")):
        make_observation(indicator=gdp, organisation=world.district, year=2024, period_type="month", period=month,
                         level=Decimal(level), growth=Decimal(growth))
    make_observation(indicator=retail, organisation=world.district, year=2024, period_type="month", period=3,
                     level=Decimal("30.2"))
    return gdp, retail


def test_orders_exported_then_imported_change_nothing(world, orders):
    events = OrderEvent.objects.count()
    preview = run(world, "orders", export(world, "orders"))
    assert preview.problems == [] and preview.written is True
    assert (preview.created, preview.updated, preview.unchanged) == (0, 0, 2)
    assert OrderEvent.objects.count() == events


def test_a_changed_deadline_goes_through_the_order_service_with_its_log(world, orders):
    first, second = orders
    content = export(world, "orders")
    letter = header_letter(content, "办理时限")
    # Title and state are the order's own (issued on the web, moved by the units' steps): edits there are ignored.
    changed = edit(content, {f"{letter}4": "2024年7月31日", f"{header_letter(content, '督办事项')}4": "改了标题",
                             f"{header_letter(content, '办理状态')}4": "已办结"})
    preview = run(world, "orders", changed, confirm=False)
    assert [(r.action, r.label, [(c.header, c.old, c.new) for c in r.changes]) for r in preview.rows] == [
        ("update", first.number, [("办理时限", "2024年6月30日", "2024年7月31日")]), ("unchanged", second.number, [])]
    assert run(world, "orders", changed).written is True
    first.refresh_from_db()
    assert (first.deadline, first.title, first.state) == (datetime.date(2024, 7, 31), "加快道路工程进度", "issued")
    event = first.events.order_by("-id").first()
    assert (event.action, event.actor, event.comment) == (
        "ext_approve", world.office, "办理时限由办公室从2024年6月30日调整为2024年7月31日：台账导入")
    assert run(world, "orders", export(world, "orders"), confirm=False).unchanged == 2


def test_order_rows_with_three_problems_are_all_reported_and_nothing_is_written(world, orders):
    first, second = orders
    content = export(world, "orders")
    letter = header_letter(content, "办理时限")
    changed = edit(content, {f"{letter}4": "下月底", "A5": "DB-404", f"{letter}5": "2024年8月1日",
                             "A6": first.number.replace("0001", "0003"), "B6": "新督办事项"})
    preview = run(world, "orders", changed)
    unknown = "市中区2024年下发的督办单号"
    assert preview.problems == [
        f"工作表「督办台账」第4行 {letter}列「办理时限」：应为日期，如2024年6月30日，读到「下月底」",
        f"工作表「督办台账」第5行 A列「督办单号」：应为{unknown}，读到「DB-404」",
        f"工作表「督办台账」第6行 A列「督办单号」：应为{unknown}，读到「{first.number.replace('0001', '0003')}」",
    ]
    assert preview.written is False
    assert list(SupervisionOrder.objects.order_by("number").values_list("deadline", flat=True)) == [
        datetime.date(2024, 6, 30), datetime.date(2024, 7, 15)]


def test_a_deadline_before_the_day_of_issue_is_refused_by_the_service_and_nothing_is_written(world, orders):
    content = export(world, "orders")
    letter = header_letter(content, "办理时限")
    changed = edit(content, {f"{letter}4": "2024年7月1日", f"{letter}5": "2024年5月1日"})
    preview = run(world, "orders", changed)
    assert preview.problems == ["工作表「督办台账」第5行：办理时限应晚于下发日期"]
    assert list(SupervisionOrder.objects.order_by("number").values_list("deadline", flat=True)) == [
        datetime.date(2024, 6, 30), datetime.date(2024, 7, 15)]


def test_only_the_supervision_office_imports_orders(world, orders):
    from duban.core.errors import ApplicationError
    with pytest.raises(ApplicationError):
        run(world, "orders", export(world, "orders"), user=world.projects)


def test_indicators_exported_then_imported_change_nothing(world, indicators):
    revisions = Observation.objects.count()
    preview = run(world, "indicators", export(world, "indicators"))
    assert preview.problems == [] and preview.written is True
    assert (preview.created, preview.updated, preview.unchanged) == (0, 0, 2)
    assert Observation.objects.count() == revisions


def test_a_changed_monthly_figure_and_target_round_trip_with_their_history(world, indicators):
    gdp, retail = indicators
    content = export(world, "indicators")
    march, april, target, lead = (header_letter(content, h) for h in ("3月", "4月", "年度目标", "牵头单位"))
    # Row 4 is GDP (a growth target: the months hold growth rates); row 5 is retail sales (a level target).
    changed = edit(content, {f"{march}4": 5.9, f"{april}5": "41.0", f"{target}5": 125, f"{lead}5": "区发展和改革局"})
    preview = run(world, "indicators", changed, confirm=False)
    assert [(r.action, r.label, [(c.header, c.old, c.new) for c in r.changes]) for r in preview.rows] == [
        ("update", "GDP 地区生产总值", [("3月", "5.8", "5.9")]),
        ("update", "RETAIL 社会消费品零售总额", [("年度目标", "120", "125"), ("牵头单位", "区统计局", "区发展和改革局"),
                                         ("4月", "", "41")]),
    ]
    assert run(world, "indicators", changed).written is True
    march_gdp = Observation.objects.filter(indicator=gdp, organisation=world.district, year=2024, period=3)
    # The old figure stays as revision 0; the new revision keeps the level and changes the growth rate only.
    assert list(march_gdp.order_by("revision").values_list("revision", "level", "growth")) == [
        (0, Decimal("250.5"), Decimal("5.8")), (1, Decimal("250.5"), Decimal("5.9"))]
    assert march_gdp.get(revision=1).history.first().history_user == world.office
    assert Observation.objects.get(indicator=retail, period=4).level == Decimal(41)
    target_row = IndicatorTarget.objects.get(indicator=retail, organisation=world.district, year=2024)
    assert target_row.value == Decimal(125) and target_row.history.first().history_user == world.office
    assert list(IndicatorTargetUnit.objects.filter(target=target_row).values_list("organisation", "role")) == [
        (world.dev.pk, "lead")]
    assert run(world, "indicators", export(world, "indicators"), confirm=False).unchanged == 2


def test_indicator_rows_with_three_problems_are_all_reported_and_nothing_is_written(world, indicators):
    content = export(world, "indicators")
    may, target = header_letter(content, "5月"), header_letter(content, "年度目标")
    changed = edit(content, {f"{may}4": "约6", "A5": "NOPE", f"{target}5": 1,
                             "A6": "GDP", "D6": "总量", f"{may}6": 600, "G6": "区火星局"})
    preview = run(world, "indicators", changed)
    assert preview.problems == [
        f"工作表「指标表」第4行 {may}列「5月」：应为数字，读到「约6」",
        "工作表「指标表」第5行 A列「指标编号」：应为已有指标的编号，读到「NOPE」",
        "工作表「指标表」第6行 G列「牵头单位」：应为市中区的单位名称，读到「区火星局」",
    ]
    assert preview.written is False
    assert Observation.objects.filter(period=5).count() == 0
    assert IndicatorTarget.objects.filter(organisation=world.district).count() == 2


def test_an_order_column_the_import_does_not_write_is_a_warning_or_an_error_never_ignored(world, orders):
    first, second = orders
    content = export(world, "orders")
    assert run(world, "orders", content, confirm=False).warnings == []
    state, title = header_letter(content, "办理状态"), header_letter(content, "督办事项")
    changed = edit(content, {f"{state}4": "已办结", f"{title}5": "学校开工滞后（改）"})
    preview = run(world, "orders", changed, confirm=False)
    assert preview.problems == []
    assert preview.warnings == [
        "未导入：办理状态只能在督办单页面办理（第4行 读到「已办结」）",
        "未导入：督办事项只能在督办单页面办理（第5行 读到「学校开工滞后（改）」）",
    ]
    assert (preview.updated, preview.unchanged) == (0, 2)
    bad = edit(content, {f"{state}4": "搞定了"})
    preview = run(world, "orders", bad)
    assert preview.problems == [
        f"工作表「督办台账」第4行 {state}列「办理状态」：应为「已下发」、「已签收」、「已反馈」、「已审核」、「已退回」、「已办结」之一，读到「搞定了」"]
    assert preview.written is False
    assert list(SupervisionOrder.objects.order_by("number").values_list("state", flat=True)) == ["issued", "issued"]


def test_a_changed_indicator_name_is_a_warning(world, indicators):
    content = export(world, "indicators")
    name = header_letter(content, "指标名称")
    preview = run(world, "indicators", edit(content, {f"{name}5": "社零总额"}), confirm=False)
    assert preview.warnings == ["未导入：指标名称为指标的统一定义，由系统管理员维护（第5行 读到「社零总额」）"]


def test_a_unit_matched_by_similarity_is_shown_with_the_problems_and_accepted_as_a_change(world, indicators):
    content = export(world, "indicators")
    may, lead = header_letter(content, "5月"), header_letter(content, "牵头单位")
    suggestion = f"工作表「指标表」第4行 {lead}列「牵头单位」：未找到「区发展和改革局X」，是否指「区发展和改革局」？"
    both = edit(content, {f"{lead}4": "区发展和改革局X", f"{may}5": "约6"})
    preview = run(world, "indicators", both, confirm=False)
    assert preview.problems == [f"工作表「指标表」第5行 {may}列「5月」：应为数字，读到「约6」"]
    assert [s.message for s in preview.suggestions] == [suggestion]
    only = edit(content, {f"{lead}4": "区发展和改革局X"})
    preview = run(world, "indicators", only, confirm=False)
    assert [(r.action, [(c.header, c.old, c.new) for c in r.changes]) for r in preview.rows] == [
        ("update", [("牵头单位", "区发展和改革局X", "区发展和改革局")]), ("unchanged", [])]
    refused = run(world, "indicators", only)
    assert (refused.written, refused.problems) == (False, ["部分名称系按相似度匹配，请先确认建议的名称（未写入任何数据）。"])
    accepted = ledger_import(kind="indicators", content=only, district=world.district, year=2024, user=world.office,
                             confirm=True, accept_matches=True)
    assert (accepted.written, accepted.updated, accepted.unchanged) == (True, 1, 1)
    target = IndicatorTarget.objects.get(indicator__code="GDP", organisation=world.district, year=2024)
    assert list(IndicatorTargetUnit.objects.filter(target=target).values_list("organisation", "role")) == [
        (world.dev.pk, "lead")]


def test_the_preview_page_shows_problems_with_suggestions_and_offers_to_accept_them(world, indicators, client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    client.force_login(world.office)
    content = export(world, "indicators")
    may, lead = header_letter(content, "5月"), header_letter(content, "牵头单位")
    url = "/ledgers/import/"
    both = edit(content, {f"{lead}4": "区发展和改革局X", f"{may}5": "约6"})
    page = client.post(url, {"district": world.district.pk, "year": 2024, "kind": "indicators",
                             "file": SimpleUploadedFile("i.xlsx", both)}).content.decode()
    assert "未找到「区发展和改革局X」，是否指「区发展和改革局」？" in page and "读到「约6」" in page
    assert 'data-testid="ledger-accept"' not in page
    only = edit(content, {f"{lead}4": "区发展和改革局X"})
    preview = client.post(url, {"district": world.district.pk, "year": 2024, "kind": "indicators",
                                "file": SimpleUploadedFile("i.xlsx", only)})
    page = preview.content.decode()
    assert "牵头单位：区发展和改革局X → 区发展和改革局" in page
    assert 'name="accept_matches" value="1" data-testid="ledger-accept">采纳建议的名称并导入</button>' in page
    done = client.post("/ledgers/import/confirm/", {"token": preview.context["token"], "accept_matches": "1"},
                       follow=True)
    assert "已导入 i.xlsx：新增0行，修改1行，不变1行。" in done.content.decode()
