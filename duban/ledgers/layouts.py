"""The offices' ledger layouts, one per KIND: columns in the order offices use, Chinese headers, synonyms.

The Chinese headers and enumeration labels are the offices' own vocabulary in the file, not UI text: a ledger
sent to another office must read the same whatever language the sender's browser shows.
"""

from .sheets import Column, Layout

FREQUENCY = (("weekly", "每周"), ("monthly", "每月"), ("quarterly", "每季度"), ("half_yearly", "每半年"),
             ("yearly", "每年"), ("once", "一次"))
LEVEL = (("province", "省级"), ("city", "市级"), ("district", "区级"))
STAGE = (("reserve", "谋划储备"), ("signed", "签约"), ("preparation", "前期"), ("started", "开工"),
         ("construction", "在建"), ("completed", "竣工"), ("operating", "投产"))
PLAN_TYPE = (("reserve", "储备"), ("preparation", "前期"), ("new", "新开工"), ("continuing", "续建"),
             ("completion", "竣工"))
LIGHT = (("green", "绿灯"), ("yellow", "黄灯"), ("red", "红灯"), ("done", "已完成"), ("not_started", "未开工"),
         ("no_data", "无数据"))
ORDER_STATE = (("issued", "已下发"), ("signed", "已签收"), ("feedback", "已反馈"), ("reviewed", "已审核"),
               ("returned", "已退回"), ("closed", "已办结"))
TARGET_TYPE = (("level", "总量"), ("growth", "增速"), ("share", "占比"), ("city_avg", "不低于全市平均"), ("rank", "位次"))
MONTHS = tuple(f"m{m}" for m in range(1, 13))

W = "万元"

_UNIT_COLUMNS = (
    Column("lead_unit", "牵头单位", "units", ("牵头部门", "主责单位", "牵头责任单位"), width=16),
    Column("responsible_units", "责任单位", "units", ("责任部门", "承办单位"), width=22),
    Column("cooperating_units", "配合单位", "units", ("配合部门", "协办单位"), width=22),
)

PLAN = Layout("plan", "目标任务分解表", "目标任务分解表", (
    Column("code", "编号", synonyms=("序号", "任务编号", "指标编号"), width=10, required=True),
    Column("node", "工作体系节点", synonyms=("所属板块", "工作体系", "类别"), width=16),
    Column("title", "目标任务", synonyms=("任务名称", "任务内容", "重点任务", "指标名称", "事项"), width=40, required=True),
    Column("target_value", "目标值", "decimal", ("目标数值", "年度目标值"), width=12),
    Column("target_unit", "计量单位", synonyms=("单位",), width=10),
    Column("target_text", "目标要求", synonyms=("年度目标", "目标内容", "工作目标"), width=36),
    Column("weight", "权重（分值）", "decimal", ("权重", "分值", "赋分"), width=10),
    *_UNIT_COLUMNS,
    Column("source_unit", "监考单位", "units", ("数据来源单位", "考核数据来源", "监测单位"), width=16),
    Column("deadline", "完成时限", "date", ("时间节点", "完成时间", "截止日期"), width=16),
    Column("frequency", "调度频次", "choice", ("报送频次", "填报频率"), width=10, choices=FREQUENCY),
))

TASKS = Layout("tasks", "重点任务推进台账", "重点任务", (
    *PLAN.columns,
    Column("completion", "完成率（%）", "percent", width=10, readonly=True),
    Column("time_progress", "时序进度（%）", "percent", width=10, readonly=True),
    Column("light", "亮灯", "choice", width=8, choices=LIGHT, readonly=True),
))

PROJECTS = Layout("projects", "重点项目台账", "重点项目台账", (
    Column("code", "项目编号", synonyms=("编号", "序号"), width=10, required=True),
    Column("name", "项目名称", synonyms=("名称",), width=36, required=True),
    Column("level", "项目级别", "choice", ("级别",), width=8, choices=LEVEL),
    Column("category", "项目类别", synonyms=("类别", "行业类别"), width=10),
    Column("area", "所属片区", synonyms=("片区",), width=10),
    Column("lead_unit", "牵头单位", "units", ("责任单位", "牵头部门", "建设单位"), width=16),
    Column("leader", "包联领导", synonyms=("分管领导", "包挂领导", "联系领导"), width=10),
    Column("total_investment", "总投资（万元）", "decimal", ("总投资", "计划总投资"), width=14, unit=W),
    Column("invested_before", "年前累计完成投资（万元）", "decimal", ("以前年度完成投资", "截至上年底完成投资"), width=14, unit=W),
    Column("annual_plan", "年度计划投资（万元）", "decimal", ("年度计划投资", "年度投资计划", "本年计划投资"), width=14, unit=W),
    Column("plan_type", "计划类型", "choice", ("项目类型", "建设性质"), width=10, choices=PLAN_TYPE),
    Column("invest_month", "本月完成投资（万元）", "decimal", ("当月完成投资", "本月完成"), width=14, unit=W),
    Column("invest_ytd", "年度累计完成投资（万元）", "decimal", ("本年累计完成投资", "年度累计完成", "本年完成投资"),
           width=14, unit=W),
    Column("ytd_pct", "占年度计划（%）", "percent", width=10, readonly=True),
    Column("since_start", "开工以来累计完成投资（万元）", "decimal", ("开工以来累计完成", "累计完成投资"), width=14,
           unit=W),
    Column("since_start_pct", "占总投资（%）", "percent", width=10, readonly=True),
    Column("funds_received", "到位资金（万元）", "decimal", ("资金到位", "到位资金"), width=14, unit=W),
    Column("stage", "建设阶段", "choice", ("项目阶段", "进展阶段"), width=10, choices=STAGE),
    Column("progress", "形象进度", synonyms=("工程形象进度", "项目进展情况", "进展情况"), width=30),
    Column("problems", "存在问题", synonyms=("存在的问题", "问题"), width=30),
    Column("next_plan", "下月计划", synonyms=("下步计划", "下月工作计划", "下步工作计划"), width=30),
    Column("light", "亮灯", "choice", width=8, choices=LIGHT, readonly=True),
))

LIVELIHOOD = Layout("livelihood", "民生实事项目台账", "民生实事", (
    Column("number", "序号", "int", ("编号", "实事序号"), width=6, required=True),
    Column("item_title", "民生实事", synonyms=("实事名称", "项目名称"), width=30, required=True),
    Column("title", "具体事项", synonyms=("子项", "分项内容", "建设内容"), width=36, required=True),
    Column("target_value", "目标值", "decimal", ("目标数量",), width=10),
    Column("target_unit", "计量单位", synonyms=("单位",), width=8),
    Column("deadline", "完成时限", "date", ("完成时间",), width=16),
    Column("lead_unit", "牵头单位", "units", ("牵头部门",), width=16),
    Column("responsible_units", "责任单位", "units", ("责任部门",), width=22),
))

EXPROPRIATION = Layout("expropriation", "征收拆迁任务台账", "征收拆迁", (
    Column("name", "征收项目", synonyms=("项目名称", "地块名称", "名称"), width=30, required=True),
    Column("project", "关联重点项目", synonyms=("重点项目",), width=24),
    Column("households", "任务户数（户）", "int", ("户数", "征收户数"), width=10, unit="户"),
    Column("area_m2", "任务面积（平方米）", "decimal", ("面积", "征收面积"), width=12, unit="平方米"),
    Column("land_mu", "供地面积（亩）", "decimal", ("土地面积", "供地"), width=10, unit="亩"),
    Column("enterprises", "企业（家）", "int", ("企业数",), width=8, unit="家"),
    Column("deadline", "完成时限", "date", ("完成时间",), width=16),
    Column("lead_unit", "牵头单位", "units", ("牵头部门", "责任单位"), width=16),
))

ORDERS = Layout("orders", "督办台账", "督办台账", (
    Column("number", "督办单号", synonyms=("编号",), width=16, required=True),
    Column("title", "督办事项", width=36, readonly=True),
    Column("units", "承办单位", "units", width=22, readonly=True),
    Column("issued", "下发日期", "date", width=14, readonly=True),
    Column("deadline", "办理时限", "date", ("完成时限",), width=14),
    Column("state", "办理状态", "choice", width=10, choices=ORDER_STATE, readonly=True),
    Column("light_at_issue", "督办时亮灯", "choice", width=8, choices=LIGHT, readonly=True),
    Column("closed", "办结日期", "date", width=14, readonly=True),
))

INDICATORS = Layout("indicators", "主要经济指标表", "指标表", (
    Column("code", "指标编号", synonyms=("编号",), width=10, required=True),
    Column("name", "指标名称", width=24, readonly=True),
    Column("unit", "计量单位", width=8, readonly=True),
    Column("target_type", "目标类型", "choice", width=10, choices=TARGET_TYPE),
    Column("target", "年度目标", "decimal", width=10),
    Column("target_text", "目标表述", width=20),
    Column("lead_unit", "牵头单位", "units", width=14),
    *(Column(m, f"{i}月", "decimal", width=9) for i, m in enumerate(MONTHS, 1)),
))

LAYOUTS = {layout.kind: layout for layout in (PROJECTS, PLAN, TASKS, ORDERS, LIVELIHOOD, INDICATORS, EXPROPRIATION)}
IMPORTABLE = ("projects", "plan", "tasks", "orders", "livelihood", "indicators", "expropriation")
