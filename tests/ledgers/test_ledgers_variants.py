"""The offices' own variants: merged title rows, reordered and extra columns, synonyms, similar names."""

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook

from duban.ledgers.imports import ledger_import
from duban.plans.models import Task, TaskUnit
from duban.projects.models import ExpropriationTask, ProjectYear


def workbook(rows: list[list], merge: str | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def test_an_office_variant_with_merged_titles_reordered_extra_columns_and_synonyms(world):
    content = workbook([
        ["2024年市中区重点项目计划表", None, None, None, None],
        [None, None, None, None, None],
        ["备注", "年度投资计划\n（万元）", "项目名称", "序号", "联系电话"],
        ["续建", 12500, "兴隆片区道路工程", "P001", "0531-1234567"],
    ], merge="A1:E2")
    preview = ledger_import(kind="projects", content=content, district=world.district, year=2024,
                            user=world.projects, confirm=True)
    assert preview.problems == []
    assert [(r.row, r.action, [(c.header, c.old, c.new) for c in r.changes]) for r in preview.rows] == [
        (4, "update", [("年度计划投资", "12000", "12500")])]
    py = ProjectYear.objects.get(project=world.p1, year=2024)
    # Columns the variant does not have keep their values.
    assert (py.annual_plan, py.plan_type, world.p1.total_investment) == (Decimal("12500"), "continuing", Decimal("50000"))


def test_decomposition_table_variant_with_synonyms_and_full_width_digits(world):
    content = workbook([
        ["市中区2024年目标任务分解表"],
        ["序号", "重点任务", "年度目标值", "单位", "牵头部门", "责任部门", "完成时间"],
        ["1.2", "开工建设17所学校", "１７", "所", "区教体局", "区住房和城乡建设局", "2024/12/31"],
    ])
    preview = ledger_import(kind="plan", content=content, district=world.district, year=2024, user=world.office,
                            confirm=True)
    assert preview.problems == []
    assert [(c.header, c.old, c.new) for c in preview.rows[0].changes] == [("责任单位", "", "区住房和城乡建设局")]
    assert sorted(TaskUnit.objects.filter(task=world.t2).values_list("organisation__name", "role")) == [
        ("区住房和城乡建设局", "responsible"), ("区教体局", "lead")]


def test_a_similar_unit_name_is_offered_and_written_only_when_accepted(world):
    content = workbook([
        ["编号", "目标任务", "牵头单位"],
        ["1.2", "开工建设17所学校", "区教育体育局"],
        ["1.1", "城镇新增就业", "区发改局"],
    ])
    preview = ledger_import(kind="plan", content=content, district=world.district, year=2024, user=world.office,
                            confirm=True)
    assert [(s.row, s.column, s.found, s.suggested) for s in preview.suggestions] == [
        (2, "C", "区教育体育局", "区教体局"), (3, "C", "区发改局", "区发展和改革局")]
    assert preview.suggestions[0].message == "工作表「Sheet1」第2行 C列「牵头单位」：未找到「区教育体育局」，是否指「区教体局」？"
    assert preview.problems == ["部分名称系按相似度匹配，请先确认建议的名称（未写入任何数据）。"]
    assert preview.written is False
    # The suggested names are the current ones, yet each row is a change to confirm: the file's name is corrected.
    assert [(r.action, [(c.header, c.old, c.new) for c in r.changes]) for r in preview.rows] == [
        ("update", [("牵头单位", "区教育体育局", "区教体局")]), ("update", [("牵头单位", "区发改局", "区发展和改革局")])]
    content = workbook([["编号", "目标任务", "牵头单位"], ["1.2", "开工建设17所学校", "区发改局"]])
    preview = ledger_import(kind="plan", content=content, district=world.district, year=2024, user=world.office,
                            confirm=True, accept_matches=True)
    assert preview.written is True
    assert list(TaskUnit.objects.filter(task=world.t2).values_list("organisation__name", "role")) == [
        ("区发展和改革局", "lead")]


def test_a_similar_project_name_is_offered_for_an_expropriation_row(world):
    content = workbook([["征收项目", "关联重点项目", "任务户数"], ["兴隆片区一期征收", "兴隆片区道路", 120]])
    preview = ledger_import(kind="expropriation", content=content, district=world.district, year=2024,
                            user=world.projects, confirm=True, accept_matches=True)
    assert [(s.found, s.suggested) for s in preview.suggestions] == [("兴隆片区道路", "兴隆片区道路工程")]
    assert preview.written is True and (preview.updated, preview.unchanged) == (1, 0)   # the similar name accepted
    assert ExpropriationTask.objects.get(pk=world.ex.pk).project == world.p1


def test_an_unknown_name_with_nothing_similar_is_an_error_and_never_created(world):
    content = workbook([["编号", "目标任务", "牵头单位"], ["1.2", "开工建设17所学校", "XYZ公司"]])
    preview = ledger_import(kind="plan", content=content, district=world.district, year=2024, user=world.office,
                            confirm=True, accept_matches=True)
    assert preview.problems == ["工作表「Sheet1」第2行 C列「牵头单位」：应为市中区的单位名称，读到「XYZ公司」"]
    assert Task.objects.get(pk=world.t2.pk).units.get().organisation == world.edu
