"""Every problem of a file reported at once with sheet, row and column; a file with any error writes nothing."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from ledger_files import edit
from openpyxl import Workbook

from duban.core.errors import ApplicationError
from duban.ledgers.exports import ledger_export
from duban.ledgers.imports import ledger_import
from duban.plans.models import Task
from duban.projects.models import Project, ProjectYear

ON = datetime.date(2024, 6, 30)


def projects_file(world) -> bytes:
    return ledger_export(kind="projects", district=world.district, year=2024, on_date=ON)


def test_errors_in_three_rows_are_all_reported_and_nothing_is_written(world):
    content = projects_file(world)
    # Row 4 is P001; rows 5 and 6 are new projects, row 5 fine apart from one cell; a good change in row 4 too.
    changed = edit(content, {
        "J4": "约3000",                                      # 年度计划投资
        "A5": "P002", "B5": "新项目二", "J5": 800, "C5": "国家级",
        "A6": "P003", "B6": "新项目三", "J6": 900, "L6": 5, "F6": "区火星局",
        "A7": "P004", "B7": "新项目四", "J7": 1000,
    })
    preview = ledger_import(kind="projects", content=changed, district=world.district, year=2024,
                            user=world.projects, confirm=True)
    assert preview.problems == [
        "工作表「重点项目台账」第4行 J列「年度计划投资」：应为数字（万元），读到「约3000」",
        "工作表「重点项目台账」第5行 C列「项目级别」：应为「省级」、「市级」、「区级」之一，读到「国家级」",
        "工作表「重点项目台账」第6行 F列「牵头单位」：应为市中区的单位名称，读到「区火星局」",
    ]
    assert preview.written is False
    assert list(Project.objects.filter(district=world.district).values_list("code", flat=True)) == ["P001"]
    assert ProjectYear.objects.get(project=world.p1).annual_plan == Decimal("12000")


def test_a_service_refusal_in_one_row_rolls_back_the_rows_already_written(world):
    content = ledger_export(kind="plan", district=world.district, year=2024, on_date=ON)
    # Row 4 is a valid change; row 6 has a target value without a unit, which task_upsert refuses.
    changed = edit(content, {"C4": "城镇新增就业（改）", "A6": "1.9", "C6": "无单位的任务", "D6": 5})
    preview = ledger_import(kind="plan", content=changed, district=world.district, year=2024, user=world.office,
                            confirm=True)
    assert preview.problems == ["工作表「目标任务分解表」第6行：目标值须注明单位。"]
    assert Task.objects.get(pk=world.t1.pk).title == "城镇新增就业"
    assert not Task.objects.filter(code="1.9").exists()


def test_dates_units_and_duplicate_codes_are_checked(world):
    content = ledger_export(kind="plan", district=world.district, year=2024, on_date=ON)
    changed = edit(content, {"L4": "年底前", "A5": "1.1", "H4": "区教体局、区统计局"})
    preview = ledger_import(kind="plan", content=changed, district=world.district, year=2024, user=world.office)
    assert preview.problems == [
        "工作表「目标任务分解表」第4行 H列「牵头单位」：应为一个单位，读到「区教体局、区统计局」",
        "工作表「目标任务分解表」第4行 L列「完成时限」：应为日期，如2024年6月30日，读到「年底前」",
        "工作表「目标任务分解表」第5行 A列「编号」：应为与第4行不重复的值，读到「1.1 开工建设17所学校」",
    ]


def test_a_file_without_the_layouts_header_says_so(world):
    wb = Workbook()
    wb.active.append(["姓名", "电话"])
    out = BytesIO()
    wb.save(out)
    preview = ledger_import(kind="projects", content=out.getvalue(), district=world.district, year=2024,
                            user=world.projects)
    assert preview.problems == ["没有找到含重点项目台账表头的工作表（至少需要项目编号、项目名称列）。"]
    preview = ledger_import(kind="projects", content=b"not a zip", district=world.district, year=2024,
                            user=world.projects)
    assert preview.problems[0].startswith("无法读取的Excel（.xlsx）文件")


def test_importing_needs_the_office_that_owns_the_ledger(world):
    content = projects_file(world)
    for user in (world.office, world.reporter):
        with pytest.raises(ApplicationError, match="您无权为市中区导入此台账"):
            ledger_import(kind="projects", content=content, district=world.district, year=2024, user=user)
    with pytest.raises(ApplicationError, match="您无权为市中区导入此台账"):
        ledger_import(kind="orders", content=content, district=world.district, year=2024, user=world.projects)


def test_new_projects_are_created_in_bulk_with_history_and_every_refusal_reported(world):
    content = projects_file(world)
    bad = edit(content, {"A5": "P002", "B5": "新项目二", "H5": -5, "A6": "P003", "B6": "新项目三", "J6": -1,
                         "A7": "P004", "B7": "新项目四", "J7": 700})
    preview = ledger_import(kind="projects", content=bad, district=world.district, year=2024, user=world.projects,
                            confirm=True)
    # Negative figures are refused in the preview, with the file's other problems (the services refuse them too).
    assert preview.problems == ["工作表「重点项目台账」第5行 H列「总投资」：应为不小于0的数字（万元），读到「-5」",
                                "工作表「重点项目台账」第6行 J列「年度计划投资」：应为不小于0的数字（万元），读到「-1」"]
    assert not Project.objects.filter(code__in=["P002", "P003", "P004"]).exists()
    good = edit(content, {"A5": "P002", "B5": "新项目二", "H5": 5000, "J5": 800, "F5": "区教体局"})
    preview = ledger_import(kind="projects", content=good, district=world.district, year=2024, user=world.projects,
                            confirm=True)
    assert (preview.written, preview.created, preview.unchanged) == (True, 1, 1)
    py = ProjectYear.objects.get(project__code="P002", year=2024)
    assert (py.annual_plan, py.plan_type, py.project.lead_unit, py.project.total_investment) == (
        Decimal(800), "continuing", world.edu, Decimal(5000))
    assert [(h.history_type, h.history_user) for h in py.project.history.all()] == [("+", world.projects)]
    assert [(h.history_type, h.history_user) for h in py.history.all()] == [("+", world.projects)]


def test_a_known_project_new_to_the_year_keeps_the_columns_the_file_does_not_have(world):
    from io import BytesIO

    from openpyxl import Workbook
    wb = Workbook()
    wb.active.append(["项目编号", "项目名称", "年度计划投资（万元）"])
    wb.active.append(["P001", "兴隆片区道路工程", 9000])
    out = BytesIO()
    wb.save(out)
    preview = ledger_import(kind="projects", content=out.getvalue(), district=world.district, year=2025,
                            user=world.projects, confirm=True)
    assert (preview.problems, preview.created, preview.written) == ([], 1, True)
    project = Project.objects.get(pk=world.p1.pk)
    assert (project.total_investment, project.level, project.lead_unit, project.history.count()) == (
        Decimal("50000"), "city", world.build, world.p1.history.count())
    assert ProjectYear.objects.get(project=project, year=2025).annual_plan == Decimal(9000)


def test_every_problem_of_a_projects_file_is_reported_at_once_with_the_suggestions(world):
    """Unreadable cells, negative and inconsistent figures, unknown and similar names: all in one preview."""
    content = projects_file(world)
    changed = edit(content, {
        "L4": 100, "M4": 50,                                 # P001: year to date below the month's investment
        "A5": "P002", "B5": "新项目二", "J5": "约3000",
        "A6": "P003", "B6": "新项目三", "J6": 900, "F6": "教体局",      # similar to 区教体局: a suggestion
        "A7": "P004", "B7": "新项目四", "J7": 900, "M7": -5,
        "A8": "P005", "B8": "新项目五", "J8": 900, "R8": "快完工了",
    })
    preview = ledger_import(kind="projects", content=changed, district=world.district, year=2024,
                            user=world.projects, confirm=True)
    assert preview.problems == [
        "工作表「重点项目台账」第4行 M列「年度累计完成投资」（读到「50」）：本年累计完成投资50万元不能小于本月完成投资100万元",
        "工作表「重点项目台账」第5行 J列「年度计划投资」：应为数字（万元），读到「约3000」",
        "工作表「重点项目台账」第7行 M列「年度累计完成投资」：应为不小于0的数字（万元），读到「-5」",
        "工作表「重点项目台账」第8行 R列「建设阶段」：应为「谋划储备」、「签约」、「前期」、「开工」、「在建」、「竣工」、「投产」之一，读到「快完工了」",
    ]
    assert [s.message for s in preview.suggestions] == [
        "工作表「重点项目台账」第6行 F列「牵头单位」：未找到「教体局」，是否指「区教体局」？"]
    assert preview.written is False
    assert list(Project.objects.filter(district=world.district).values_list("code", flat=True)) == ["P001"]
