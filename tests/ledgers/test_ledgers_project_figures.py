"""The month's figures of the key-project ledger enter as reports (entered and confirmed by the office), a correction
as a new version; export → import changes nothing."""

import datetime
from decimal import Decimal

from ledger_files import edit, header_letter

from duban.ledgers.exports import ledger_export
from duban.ledgers.imports import ledger_import
from duban.projects.models import ProjectYear
from duban.tracking.models import ItemType, Report, ReportEvent
from duban.tracking.services import report_enter

ON = datetime.date(2024, 6, 30)


def _py(world):
    return ProjectYear.objects.get(project=world.p1, year=2024)


def _may(world):
    return report_enter(actor=world.projects, item_type=ItemType.PROJECT_YEAR, item_id=_py(world).pk,
                        period_key="2024-05", values={"invest_month": Decimal(1000), "invest_ytd": Decimal(5000)},
                        narrative="路基施工", problems="拆迁未完成", next_plan="路面摊铺")


def export(world, on=ON):
    return ledger_export(kind="projects", district=world.district, year=2024, on_date=on)


def run(world, content, confirm=True):
    return ledger_import(kind="projects", content=content, district=world.district, year=2024, user=world.projects,
                         confirm=confirm)


def reports(world):
    return list(Report.objects.filter(item_type=ItemType.PROJECT_YEAR, item_id=_py(world).pk)
                .order_by("period_key", "version").values_list("period_key", "version", "state", "invest_month",
                                                                 "invest_ytd", "narrative"))


def test_export_then_import_with_figures_is_a_no_op(world):
    _may(world)
    preview = run(world, export(world))
    assert preview.problems == [] and (preview.updated, preview.unchanged) == (0, 1)
    assert reports(world) == [("2024-05", 1, "confirmed", Decimal(1000), Decimal(5000), "路基施工")]


def test_the_month_figures_enter_as_a_confirmed_report_of_the_ledgers_month(world):
    _may(world)
    content = export(world)
    month, ytd, progress = (header_letter(content, h) for h in ("本月完成投资（万元）", "年度累计完成投资（万元）", "形象进度"))
    changed = edit(content, {f"{month}4": 800, f"{ytd}4": 5800, f"{progress}4": "路面摊铺完成一半"})
    preview = run(world, changed, confirm=False)
    assert [(c.header, c.old, c.new) for c in preview.rows[0].changes] == [
        ("本月完成投资", "1000", "800"), ("年度累计完成投资", "5000", "5800"), ("形象进度", "路基施工", "路面摊铺完成一半")]
    assert run(world, changed).written is True
    assert reports(world) == [("2024-05", 1, "confirmed", Decimal(1000), Decimal(5000), "路基施工"),
                              ("2024-06", 1, "confirmed", Decimal(800), Decimal(5800), "路面摊铺完成一半")]
    june = Report.objects.get(item_id=_py(world).pk, period_key="2024-06")
    # Since start follows the year to date; problems and next month's plan carried from the row.
    assert (june.invest_since_start, june.problems, june.next_plan) == (Decimal(5800), "拆迁未完成", "路面摊铺")
    assert (june.submitted_by, june.reviewed_by, june.unit) == (world.projects, world.projects, world.build)
    assert list(ReportEvent.objects.filter(report=june).order_by("id").values_list("action", "actor")) == [
        ("submit", world.projects.pk), ("confirm", world.projects.pk)]
    assert run(world, export(world), confirm=False).unchanged == 1


def test_a_correction_is_a_new_version_and_a_wrong_year_to_date_is_refused(world):
    _may(world)
    content = export(world, datetime.date(2024, 5, 31))
    month, ytd = header_letter(content, "本月完成投资（万元）"), header_letter(content, "年度累计完成投资（万元）")
    assert run(world, edit(content, {f"{month}4": 1200, f"{ytd}4": 5200})).written is True
    assert reports(world) == [("2024-05", 1, "confirmed", Decimal(1000), Decimal(5000), "路基施工"),
                              ("2024-05", 2, "confirmed", Decimal(1200), Decimal(5200), "路基施工")]
    assert ReportEvent.objects.filter(report__period_key="2024-05", report__version=2).first().action == "correct"
    bad = edit(export(world), {f"{month}4": 300, f"{ytd}4": 9000})    # June: 5200 + 300 is not 9000
    preview = run(world, bad)
    assert preview.written is False
    assert preview.problems == [
        f"工作表「重点项目台账」第4行 {ytd}列「年度累计完成投资」（读到「9000」）："
        "本年累计完成投资应为上月累计5200万元加本月300万元，即5500万元，填报的是9000万元"]
    assert len(reports(world)) == 2


def test_only_an_office_enters_figures_on_a_units_behalf(world):
    import pytest

    from duban.core.errors import ApplicationError
    with pytest.raises(ApplicationError, match="只有督查部门可以代单位录入数据"):
        report_enter(actor=world.reporter, item_type=ItemType.PROJECT_YEAR, item_id=_py(world).pk,
                     period_key="2024-05", values={"invest_month": Decimal(1), "invest_ytd": Decimal(1)})
    assert reports(world) == []


def _more_projects(world, count):
    from factories import make_project, make_project_year
    for i in range(count):
        p = make_project(district=world.district, code=f"P1{i:02d}", name=f"追加项目{i}", lead_unit=world.build)
        make_project_year(project=p, year=2024, plan_type="continuing", annual_plan=Decimal(5000))


def _with_figures(world, rows: dict[int, tuple]) -> bytes:
    content = export(world)
    month, ytd = header_letter(content, "本月完成投资（万元）"), header_letter(content, "年度累计完成投资（万元）")
    return edit(content, {f"{letter}{row}": value for row, (m, y) in rows.items()
                          for letter, value in ((month, m), (ytd, y))})


def test_figures_of_many_rows_take_a_fixed_number_of_queries_and_bad_rows_are_all_reported(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    _more_projects(world, 4)

    def queries(rows):
        with CaptureQueriesContext(connection) as ctx:
            preview = run(world, _with_figures(world, rows))
        assert preview.problems == []
        return len(ctx)
    queries({r: (100, 100) for r in range(4, 9)})           # June's first figures for the five projects
    # Then corrections of June for one project, and for five: the same number of queries.
    assert queries({4: (150, 150)}) == queries({r: (200, 200) for r in range(4, 9)})
    assert Report.objects.filter(period_key="2024-06").count() == 11
    content = export(world)
    month, ytd = header_letter(content, "本月完成投资（万元）"), header_letter(content, "年度累计完成投资（万元）")
    bad = run(world, _with_figures(world, {4: (-1, 10), 5: (300, 300), 6: (None, 50)}))
    # Row 6 leaves the month empty: the month keeps its reported 200, which the new year to date cannot be below.
    assert bad.problems == [f"工作表「重点项目台账」第4行 {month}列「本月完成投资」：应为不小于0的数字（万元），读到「-1」",
                            f"工作表「重点项目台账」第6行 {ytd}列「年度累计完成投资」（读到「50」）："
                            "本年累计完成投资50万元不能小于本月完成投资200万元"]
    assert Report.objects.filter(period_key="2024-06").count() == 11
