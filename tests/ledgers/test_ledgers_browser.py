"""In a real browser: upload a decomposition table with one bad row, read the error with its row and column,
upload the corrected file, read the preview, confirm, and find the tasks on the status page with their units."""

from io import BytesIO

import pytest
from factories import PASSWORD
from openpyxl import Workbook

from duban.plans.models import Task, TaskUnit

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def decomposition_table(deadline_of_third: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "分解表"
    ws.append(["市中区2024年目标任务分解表"])
    ws.merge_cells("A1:G1")
    ws.append(["编号", "目标任务", "目标值", "计量单位", "牵头单位", "责任单位", "完成时限"])
    ws.append(["2.1", "新建口袋公园", 12, "处", "区住房和城乡建设局", "区发展和改革局", "2024年11月30日"])
    ws.append(["2.2", "新增学位", 3000, "个", "区教体局", "", "2024年9月1日"])
    ws.append(["2.3", "规上工业增加值增长", 6, "%", "区发展和改革局", "区统计局", deadline_of_third])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def test_upload_fix_preview_confirm_and_find_the_tasks(live_world, live_server, new_page):
    w = live_world
    page = new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "office")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit].primary")
    page.goto(f"{live_server.url}/ledgers/?district={w.district.pk}&year=2024")
    assert page.inner_text("h1") == "Excel 导入导出"

    form = page.locator("[data-testid=ledger-upload]")
    form.locator("select[name=kind]").select_option("plan")
    form.locator("input[name=file]").set_input_files(
        files=[{"name": "分解表.xlsx", "mimeType": XLSX, "buffer": decomposition_table("年底前")}])
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    problems = page.locator("[data-testid=ledger-problems] li").all_inner_texts()
    assert problems == ["工作表「分解表」第5行 G列「完成时限」：应为日期，如2024年6月30日，读到「年底前」"]
    assert page.locator("[data-testid=ledger-confirm]").count() == 0

    form = page.locator("[data-testid=ledger-upload]")
    form.locator("input[name=file]").set_input_files(
        files=[{"name": "分解表.xlsx", "mimeType": XLSX, "buffer": decomposition_table("2024-12-31")}])
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.inner_text("[data-testid=ledger-summary]") == "新增3行，修改0行，不变0行。"
    rows = page.locator("[data-testid=ledger-changes] tbody tr").all_inner_texts()
    assert [r.split("\t")[:3] for r in rows] == [["3", "新增", "2.1 新建口袋公园"], ["4", "新增", "2.2 新增学位"],
                                                 ["5", "新增", "2.3 规上工业增加值增长"]]
    assert not Task.objects.filter(code__startswith="2.").exists()
    with page.expect_navigation():
        page.click("[data-testid=ledger-confirm] button[type=submit]")
    assert "已导入 分解表.xlsx：新增3行，修改0行，不变0行。" in page.inner_text(".messages")

    page.goto(f"{live_server.url}/tracking/status/?district={w.district.pk}&year=2024&date=2024-06-30")
    table = page.locator("[data-testid=status-table] tbody tr")
    shown = {}
    for row in table.all():
        cells = row.locator("td").all_inner_texts()
        shown[cells[1].split("\n")[0].strip()] = cells[2].strip()
    assert {t: shown[t] for t in ("新建口袋公园", "新增学位", "规上工业增加值增长")} == {
        "新建口袋公园": "区住房和城乡建设局", "新增学位": "区教体局", "规上工业增加值增长": "区发展和改革局"}
    assert sorted(TaskUnit.objects.filter(task__code="2.3").values_list("organisation__name", "role")) == [
        ("区发展和改革局", "lead"), ("区统计局", "responsible")]


def test_a_large_upload_is_checked_and_imported_in_the_background(live_world, live_server, new_page, settings,
                                                                   tmp_path):
    """Over DUBAN_LEDGER_BACKGROUND_BYTES the page hands the file to a job: its page, then the preview, then the
    import's job, then the ledger page with the summary (the queue runs in-process here)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.DUBAN_LEDGER_BACKGROUND_BYTES, settings.MEDIA_ROOT = 100, tmp_path
    w = live_world
    page = new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "office")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit].primary")
    page.goto(f"{live_server.url}/ledgers/?district={w.district.pk}&year=2024")
    form = page.locator("[data-testid=ledger-upload]")
    form.locator("select[name=kind]").select_option("plan")
    form.locator("input[name=file]").set_input_files(
        files=[{"name": "分解表.xlsx", "mimeType": XLSX, "buffer": decomposition_table("2024-12-31")}])
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "/jobs/" in page.url
    assert page.inner_text("h1") == "正在检查“分解表.xlsx”"
    assert page.inner_text("[data-testid=job-state]") == "已完成"
    with page.expect_navigation():
        page.click("[data-testid=job-result]")
    assert page.inner_text("[data-testid=ledger-summary]") == "新增3行，修改0行，不变0行。"
    assert not Task.objects.filter(code__startswith="2.").exists()
    with page.expect_navigation():
        page.click("[data-testid=ledger-confirm] button[type=submit]")
    assert page.inner_text("h1") == "正在导入“分解表.xlsx”"
    assert page.inner_text("[data-testid=job-count]") == "3 / 3"
    with page.expect_navigation():
        page.click("[data-testid=job-result]")
    assert "已导入 分解表.xlsx：新增3行，修改0行，不变0行。" in page.inner_text(".messages")
    assert Task.objects.filter(code__startswith="2.").count() == 3
