"""The exported files: title, district and date, units in headers, frozen header, formats, lists, hidden key."""

import datetime
from decimal import Decimal
from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from factories import make_indicator, make_observation, make_target, make_task
from openpyxl import load_workbook

from duban.ledgers.exports import ledger_export
from duban.tracking.services import order_issue

ON = datetime.date(2024, 6, 30)


def sheet(world, kind, **kw):
    content = ledger_export(kind=kind, district=world.district, year=2024, on_date=ON, **kw)
    return load_workbook(BytesIO(content)).active


def values(ws, row):
    return [c.value for c in ws[row]]


def test_project_ledger_layout(world):
    ws = sheet(world, "projects")
    assert ws.title == "重点项目台账"
    assert ws["A1"].value == "市中区2024年重点项目台账"
    assert ws["A2"].value == "填报单位：市中区　　截至日期：2024年6月30日"
    assert "A1:V1" in {str(r) for r in ws.merged_cells.ranges}
    assert values(ws, 3)[:11] == ["项目编号", "项目名称", "项目级别", "项目类别", "所属片区", "牵头单位", "包联领导",
                                   "总投资（万元）", "年前累计完成投资（万元）", "年度计划投资（万元）", "计划类型"]
    assert values(ws, 3)[11:] == ["本月完成投资（万元）", "年度累计完成投资（万元）", "占年度计划（%）",
                                   "开工以来累计完成投资（万元）", "占总投资（%）", "到位资金（万元）", "建设阶段", "形象进度",
                                   "存在问题", "下月计划", "亮灯", "_key"]
    assert values(ws, 4)[:11] == ["P001", "兴隆片区道路工程", "市级", "基础设施", "兴隆", "区住房和城乡建设局", "王副区长",
                                   50000, 0, 12000, "续建"]
    assert values(ws, 4)[-1] == f"project:{world.p1.pk}"
    assert values(ws, 4)[17] == "在建"
    assert ws.freeze_panes == "A4"
    assert ws.column_dimensions["W"].hidden is True
    assert ws["H4"].number_format == "#,##0.00"
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["C4"] == '"省级,市级,区级"'
    assert lists["K4"] == '"储备,前期,新开工,续建,竣工"'
    assert lists["R4"] == '"谋划储备,签约,前期,开工,在建,竣工,投产"'


def test_template_is_the_empty_layout(world):
    ws = sheet(world, "plan", template=True)
    assert ws["A1"].value == "市中区2024年目标任务分解表"
    assert values(ws, 3) == ["编号", "工作体系节点", "目标任务", "目标值", "计量单位", "目标要求", "权重（分值）", "牵头单位",
                             "责任单位", "配合单位", "监考单位", "完成时限", "调度频次", "_key"]
    assert ws.max_row == 3


def test_decomposition_table_rows(world):
    ws = sheet(world, "plan")
    assert values(ws, 4)[:13] == ["1.1", "1", "城镇新增就业", 17600, "人", None, 2, "区发展和改革局", "区教体局",
                                   "区住房和城乡建设局", None, datetime.datetime(2024, 12, 31), "每月"]
    assert ws["L4"].number_format == 'yyyy"年"m"月"d"日"'


def test_orders_and_indicators_ledgers(world):
    order = order_issue(actor=world.office, district=world.district, title="加快道路工程进度", content="请于月底前报告",
                        deadline=timezone.localdate() + datetime.timedelta(days=10), lead_unit=world.build,
                        cooperating_units=[world.dev])
    ws = load_workbook(BytesIO(ledger_export(kind="orders", district=world.district, year=order.issued_at.year,
                                             on_date=ON))).active
    assert values(ws, 4)[:6] == [order.number, "加快道路工程进度", "区住房和城乡建设局、区发展和改革局",
                                 datetime.datetime.combine(timezone.localtime(order.issued_at).date(), datetime.time()),
                                 datetime.datetime.combine(order.deadline, datetime.time()), "已下发"]
    gdp = make_indicator(code="GDP", name="地区生产总值", unit="亿元")
    make_target(indicator=gdp, organisation=world.district, year=2024, target_type="growth", value=Decimal(6),
                lead=world.dev)
    make_observation(indicator=gdp, organisation=world.district, year=2024, period_type="month", period=3,
                     level=Decimal("250.5"), growth=Decimal("5.8"))
    ws = sheet(world, "indicators")
    assert values(ws, 3)[7:10] == ["1月", "2月", "3月"]
    assert values(ws, 4)[:10] == ["GDP", "地区生产总值", "亿元", "增速", 6, None, "区发展和改革局", None, None, 5.8]


def test_exports_read_a_fixed_number_of_queries(world):
    def count(kind):
        with CaptureQueriesContext(connection) as ctx:
            ledger_export(kind=kind, district=world.district, year=2024, on_date=ON)
        return len(ctx)
    before = {kind: count(kind) for kind in ("plan", "livelihood", "expropriation")}
    for i in range(5):
        make_task(plan=world.plan, code=f"9.{i}", title=f"追加任务{i}", lead=world.edu, responsible=[world.dev])
    assert count("plan") == before["plan"]
