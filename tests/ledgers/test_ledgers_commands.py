"""duban export / duban import: the same files and the same messages as the web; errors exit non-zero."""

from decimal import Decimal
from io import StringIO

import pytest
from ledger_files import edit
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from duban.projects.models import ProjectYear


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_export_then_dry_run_and_import(world, tmp_path):
    path = tmp_path / "projects.xlsx"
    assert run("export", "projects", "--district", "市中区", "--year", "2024", "--date", "2024-06-30",
               "-o", str(path)) == f"已写入 {path}\n"
    assert load_workbook(path).active["B4"].value == "兴隆片区道路工程"
    path.write_bytes(edit(path.read_bytes(), {"J4": 13000}))
    out = run("import", "projects", str(path), "--dry-run", "--district", "市中区", "--year", "2024",
              "--user", "projects")
    assert out.splitlines() == [
        "工作表「重点项目台账」：新增0行，修改1行，不变0行。",
        "  第4行：修改 P001 兴隆片区道路工程",
        "    年度计划投资: 12000 → 13000",
        "试运行：未写入任何数据。",
    ]
    assert ProjectYear.objects.get(project=world.p1).annual_plan == Decimal("12000")
    out = run("import", "projects", str(path), "--district", "市中区", "--year", "2024", "--user", "projects")
    assert out.splitlines()[-1] == "已写入。"
    py = ProjectYear.objects.get(project=world.p1)
    assert py.annual_plan == Decimal("13000") and py.history.first().history_user == world.projects


def test_import_errors_exit_non_zero_with_the_web_messages(world, tmp_path):
    path = tmp_path / "projects.xlsx"
    run("export", "projects", "--district", "市中区", "--year", "2024", "-o", str(path))
    path.write_bytes(edit(path.read_bytes(), {"J4": "约3000"}))
    with pytest.raises(CommandError) as err:
        run("import", "projects", str(path), "--district", "市中区", "--year", "2024")
    assert str(err.value) == "工作表「重点项目台账」第4行 J列「年度计划投资」：应为数字（万元），读到「约3000」"
    with pytest.raises(CommandError, match="您无权为市中区导入此台账"):
        run("import", "projects", str(path), "--district", "市中区", "--year", "2024", "--user", "reporter")
    with pytest.raises(CommandError, match="没有名为“火星区”的区县"):
        run("export", "plan", "--district", "火星区", "-o", str(path))


def test_template_export(world, tmp_path):
    path = tmp_path / "plan.xlsx"
    run("export", "plan", "--district", "市中区", "--year", "2025", "--template", "-o", str(path))
    ws = load_workbook(path).active
    assert (ws["A1"].value, ws.max_row) == ("市中区2025年目标任务分解表", 3)


def test_import_of_the_months_figures_needs_a_user_and_takes_the_ledgers_date(world, tmp_path):
    from ledger_files import header_letter

    from duban.tracking.models import Report
    path = tmp_path / "projects.xlsx"
    run("export", "projects", "--district", "市中区", "--year", "2024", "--date", "2024-06-30", "-o", str(path))
    content = path.read_bytes()
    month, ytd = header_letter(content, "本月完成投资（万元）"), header_letter(content, "年度累计完成投资（万元）")
    path.write_bytes(edit(content, {f"{month}4": 500, f"{ytd}4": 500}))
    with pytest.raises(CommandError, match="填报数据须以具体用户的名义录入"):
        run("import", "projects", str(path), "--district", "市中区", "--year", "2024")
    # --date overrides the file's 截至日期 (2024年6月30日): the figures are May's.
    run("import", "projects", str(path), "--district", "市中区", "--year", "2024", "--user", "projects",
        "--date", "2024-05-31")
    assert list(Report.objects.values_list("period_key", "version", "state", "invest_ytd", "submitted_by__username")) == [
        ("2024-05", 1, "confirmed", Decimal(500), "projects")]
